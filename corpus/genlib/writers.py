"""Blocks → bytes: plain text (UTF-8 or GB18030), Word (.docx) and PDF, deterministic.

A document is a list of blocks:
  ("p", text, style)        style: "title" | "body" | "right" | "center"
  ("table", rows, spans, opts)  rows: list of lists of str; spans: (row0, col0, row1, col1)
                                merges, text in the top-left cell; opts: {"repeat": n header rows,
                                "widths": relative column widths}
  ("break",)                a page break (docx/pdf)
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

FONT = "STSong-Light"
FIXED_TIME = datetime(2024, 1, 1, 9, 0, 0)


def to_txt(lines: list[str], encoding: str = "utf-8", blank_lines: bool = True) -> bytes:
    sep = "\n\n" if blank_lines else "\n"
    return (sep.join(lines) + "\n").encode(encoding)


def rezip(data: bytes, when: datetime = FIXED_TIME) -> bytes:
    """python-docx stamps zip members with 'now': rewrite them with a fixed time."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def to_docx(blocks: list[tuple], title: str) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    align = {"center": WD_ALIGN_PARAGRAPH.CENTER, "title": WD_ALIGN_PARAGRAPH.CENTER,
             "right": WD_ALIGN_PARAGRAPH.RIGHT}  # fmt: skip
    for block in blocks:
        if block[0] == "p":
            _, text, style = block
            p = doc.add_paragraph()
            run = p.add_run(text)
            if style == "title":
                run.bold = True
                run.font.size = Pt(16)
            if style in align:
                p.alignment = align[style]
        elif block[0] == "break":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            _, rows, spans, _opts = block
            ncols = max(len(r) for r in rows)
            table = doc.add_table(rows=len(rows), cols=ncols)
            table.style = "Table Grid"
            covered = set()
            for r0, c0, r1, c1 in spans:
                table.cell(r0, c0).merge(table.cell(r1, c1))
                covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
                covered.discard((r0, c0))
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    if (r, c) not in covered and text:
                        table.cell(r, c).text = text
    props = doc.core_properties
    props.title = title
    props.author = "jixiao corpus/generate.py"
    props.last_modified_by = props.author
    props.revision = 1
    props.created = props.modified = props.last_printed = FIXED_TIME
    buf = io.BytesIO()
    doc.save(buf)
    return rezip(buf.getvalue())


def to_pdf(blocks: list[tuple], title: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import (
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle("b", fontName=FONT, fontSize=10.5, leading=17, wordWrap="CJK")
    styles = {
        "body": body,
        "title": ParagraphStyle("t", parent=body, fontSize=16, leading=24, alignment=TA_CENTER),
        "center": ParagraphStyle("c", parent=body, alignment=TA_CENTER),
        "right": ParagraphStyle("r", parent=body, alignment=TA_RIGHT),
    }
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK")
    story = []
    width = A4[0] - 2 * 56
    for block in blocks:
        if block[0] == "p":
            story.append(Paragraph(block[1], styles[block[2]]))
            story.append(Spacer(1, 4))
        elif block[0] == "break":
            story.append(PageBreak())
        else:
            _, rows, spans, opts = block
            ncols = max(len(r) for r in rows)
            rel = opts.get("widths") or [1] * ncols
            widths = [width * w / sum(rel) for w in rel]
            data = [[Paragraph(t, cell) if t else "" for t in row] for row in rows]
            style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                     ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]  # fmt: skip
            style += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in spans]
            story.append(Table(data, colWidths=widths, repeatRows=opts.get("repeat", 0),
                               style=TableStyle(style)))  # fmt: skip
            story.append(Spacer(1, 6))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=56, rightMargin=56, topMargin=56,
                            bottomMargin=56, title=title, author="jixiao corpus/generate.py",
                            invariant=1)  # fmt: skip
    doc.build(story)
    return buf.getvalue()
