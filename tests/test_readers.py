"""Readers on real files: the seed report in three formats, and small .docx/.pdf files built here
with the features that break naive readers (merged cells, nested tables, content controls, fake
bold, justified lines, encryption, truncation)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from reportlab.lib import colors, pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from extractor.errors import ReadError
from extractor.model import RawCell
from extractor.readers import docx as docx_reader
from extractor.readers import ocr, read_bytes, read_file

SEED = Path(__file__).resolve().parent.parent / "corpus" / "seed"
STEM = "qiemo-kexie-2021-monitoring"
FONT = "STSong-Light"
MC_NS = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def seed_lines() -> list[str]:
    text = (SEED / f"{STEM}.txt").read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line.strip()]


def squeeze_cjk_spaces(text: str) -> str:
    """The one difference a PDF may show: whitespace between two CJK characters."""
    return re.sub(rf"(?<={CJK})\s+(?={CJK})", "", text)


def paragraphs(reading) -> list[str]:
    return [b.text for b in reading.blocks if b.kind == "paragraph"]


# --- (a) the seed report ----------------------------------------------------------------------


def test_seed_docx_paragraphs_are_the_txt_lines() -> None:
    reading = read_file(SEED / f"{STEM}.docx")
    assert reading.format == "docx" and reading.parser.startswith("python-docx ")
    assert paragraphs(reading) == seed_lines()
    assert all(b.page is None for b in reading.blocks)


def test_seed_pdf_wrapped_lines_join_back_into_the_txt_lines() -> None:
    reading = read_file(SEED / f"{STEM}.pdf")
    assert reading.format == "pdf" and reading.pages >= 2 and reading.warnings == []
    got = [squeeze_cjk_spaces(t) for t in paragraphs(reading)]
    assert got == [squeeze_cjk_spaces(t) for t in seed_lines()]
    pages = [b.page for b in reading.blocks]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == reading.pages


# --- (b) a .docx with merges, a nested table and content controls -----------------------------


def _sdt(inner: str) -> object:
    return parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent>{inner}</w:sdtContent></w:sdt>"
    )


def build_docx() -> bytes:
    doc = docx.Document()
    doc.add_paragraph("表前段落")
    table = doc.add_table(rows=5, cols=4)
    for c, text in enumerate(["一级指标", "二级指标", "指标名称", "指标值"]):
        table.cell(0, c).text = text
    table.cell(0, 2).merge(table.cell(0, 3)).text = "指标内容"  # horizontal merge
    table.cell(1, 0).merge(table.cell(3, 0)).text = "产出指标"  # vertical merge over 3 rows
    for r, (second, name, value) in enumerate(
        [
            ("数量指标", "科普次数", "≥12次"),
            ("质量指标", "科普收益率", "≥85%"),
            ("时效指标", "宣传及时率", ""),
        ],
        start=1,
    ):
        table.cell(r, 1).text, table.cell(r, 2).text, table.cell(r, 3).text = second, name, value
    nested = table.cell(3, 3).add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "预期", (0, 1): "实际", (1, 0): "95%", (1, 1): "90%"}.items():
        nested.cell(r, c).text = text
    table.cell(4, 0).text = "效益指标"
    table.cell(4, 1).paragraphs[0].text = "第一段"
    table.cell(4, 1).add_paragraph("第二段")

    inline = doc.add_paragraph("填报人：")  # a name inside an inline content control
    inline._p.append(_sdt("<w:r><w:t>张成</w:t></w:r>"))
    run = doc.add_paragraph().add_run("甲\t乙")
    run.add_break()
    run.add_text("丙")
    anchor = doc.add_paragraph("控件前")
    anchor._p.addnext(_sdt("<w:p><w:r><w:t>整段在内容控件里</w:t></w:r></w:p>"))

    # A table whose second row skips its first grid column (w:gridBefore), wrapped in a control.
    skipped = doc.add_table(rows=2, cols=3)
    for c in range(3):
        skipped.cell(0, c).text = f"h{c}"
    tr = skipped.rows[1]._tr
    tr.remove(tr.tc_lst[0])
    tr.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1"/>'))
    tr.tc_lst[0].append(parse_xml(f"<w:p {nsdecls('w')}><w:r><w:t>b1</w:t></w:r></w:p>"))
    wrapper = _sdt("")
    skipped._tbl.addprevious(wrapper)
    wrapper.find(f"{{{wrapper.nsmap['w']}}}sdtContent").append(skipped._tbl)
    doc.add_paragraph("表后段落")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_docx_merges_nested_tables_and_content_controls(tmp_path: Path) -> None:
    path = tmp_path / "merged.docx"
    path.write_bytes(build_docx())
    blocks = read_file(path).blocks
    assert [b.kind for b in blocks] == [
        "paragraph", "table", "table", "paragraph", "paragraph", "paragraph", "paragraph",
        "table", "paragraph",
    ]  # fmt: skip
    texts = [b.text for b in blocks if b.kind == "paragraph"]
    assert texts == [
        "表前段落",
        "填报人：张成",
        "甲\t乙\n丙",
        "控件前",
        "整段在内容控件里",
        "表后段落",
    ]

    rows = blocks[1].rows
    assert [len(r) for r in rows] == [4] * 5
    assert rows[0][2] == RawCell("指标内容", 1, 2) and rows[0][3] is None
    assert rows[1][0] == RawCell("产出指标", 3, 1)
    assert rows[2][0] is None and rows[3][0] is None
    assert rows[1][1] == RawCell("数量指标") and rows[3][2] == RawCell("宣传及时率")
    assert rows[3][3] == RawCell("")  # the nested table's text is not folded into its cell
    assert rows[4][1] == RawCell("第一段\n第二段")
    assert blocks[2].rows == [[RawCell("预期"), RawCell("实际")], [RawCell("95%"), RawCell("90%")]]
    assert blocks[7].rows == [
        [RawCell("h0"), RawCell("h1"), RawCell("h2")],
        [RawCell(""), RawCell("b1"), RawCell("")],
    ]


def test_docx_text_box_and_ruby_read_once() -> None:
    doc = docx.Document()
    box = "<w:p><w:r><w:t>文本框内容</w:t></w:r></w:p>"
    anchor = doc.add_paragraph("锚点")
    anchor._p.append(
        parse_xml(  # Word writes a text box twice: the drawing and a VML fallback copy
            f"<w:r {nsdecls('w')} {MC_NS}><mc:AlternateContent>"
            f"<mc:Choice Requires='wps'><w:drawing><w:txbxContent>{box}</w:txbxContent></w:drawing>"
            f"</mc:Choice><mc:Fallback><w:pict><w:txbxContent>{box}</w:txbxContent></w:pict>"
            "</mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    ruby = doc.add_paragraph("基")
    ruby._p.append(
        parse_xml(
            f"<w:r {nsdecls('w')}><w:ruby><w:rt><w:r><w:t>jī</w:t></w:r></w:rt>"
            "<w:rubyBase><w:r><w:t>本</w:t></w:r></w:rubyBase></w:ruby></w:r>"
        )
    )
    buf = io.BytesIO()
    doc.save(buf)
    assert paragraphs(read_bytes(buf.getvalue(), "box.docx")) == ["锚点", "文本框内容", "基本"]


# --- (c) a PDF with a ruled table --------------------------------------------------------------


def build_table_pdf() -> bytes:
    style = ParagraphStyle("cn", fontName=FONT, fontSize=10.5, leading=15, wordWrap="CJK")
    data = [
        ["一级指标", "二级指标", "指标名称", "指标值"],
        ["产出指标", "数量指标", Paragraph("全年开展科普工作次数（次）", style), "≥12 次"],
        ["", "质量指标", "科普收益率", "≥85%"],
        ["", "时效指标", "宣传及时率", "≥95%"],
        ["效益指标", "社会效益", "提高农牧民群众的科学文化素质", ""],
    ]
    table = Table(data, colWidths=[70, 70, 80, 70])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 10.5),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("SPAN", (0, 1), (0, 3)),
                ("SPAN", (2, 4), (3, 4)),
            ]
        )
    )
    story = [
        Paragraph("表前说明：下表为绩效指标。", style),
        Spacer(1, 8),
        table,
        Spacer(1, 8),
        Paragraph("表后说明：以上为监控结果。", style),
    ]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build(story)
    return buf.getvalue()


def test_pdf_ruled_table_with_merged_cells() -> None:
    blocks = read_bytes(build_table_pdf(), "table.pdf").blocks
    assert [(b.kind, b.page) for b in blocks] == [("paragraph", 1), ("table", 1), ("paragraph", 1)]
    assert blocks[0].text == "表前说明：下表为绩效指标。"
    assert blocks[2].text == "表后说明：以上为监控结果。"
    rows = blocks[1].rows
    assert [len(r) for r in rows] == [4] * 5
    assert [c.text for c in rows[0]] == ["一级指标", "二级指标", "指标名称", "指标值"]
    assert rows[1][0] == RawCell("产出指标", 3, 1) and rows[2][0] is None and rows[3][0] is None
    assert rows[1][2] == RawCell("全年开展科普工作次数（次）")  # wrapped inside the cell
    assert rows[1][3] == RawCell("≥12 次")
    assert rows[4][2] == RawCell("提高农牧民群众的科学文化素质", 1, 2) and rows[4][3] is None


# --- (d) character-level repairs -----------------------------------------------------------------


def build_text_pdf() -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    c.setFont(FONT, 10.5)
    for dx in (0.0, 0.3):  # fake bold: the same string overprinted 0.3 pt to the right
        c.drawString(72 + dx, 760, "假粗体标题")
    spaced = c.beginText(72, 740)  # a justified line: wide gaps between CJK characters
    spaced.setFont(FONT, 10.5)
    spaced.setCharSpace(8)
    spaced.textOut("自评质量")
    spaced.setCharSpace(0)  # character spacing is graphics state: it would outlive this line
    c.drawText(spaced)
    # The longest line sets the right edge; its last word wraps onto the next line.
    c.drawString(72, 720, "监控报告 the annual performance")
    c.drawString(72, 704, "report of 2021。")
    c.drawString(72, 688, "下一段")
    c.showPage()
    c.rect(72, 500, 200, 100)  # a page with graphics but no text, like a scan
    c.showPage()
    c.save()
    return buf.getvalue()


NO_TEXT = "page 2 has no text layer (scanned?)"


def test_pdf_fake_bold_justified_gaps_and_latin_wrap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)  # as without the extra jixiao[ocr]
    reading = read_bytes(build_text_pdf(), "chars.pdf")
    assert paragraphs(reading) == [
        "假粗体标题",
        "自评质量",
        "监控报告 the annual performance report of 2021。",
        "下一段",
    ]
    assert reading.pages == 2
    assert reading.warnings == [
        NO_TEXT,
        "no usable text on page(s) 2: not OCR'd (install the extra jixiao[ocr] to OCR scanned "
        "pages)",
    ]


@pytest.mark.skipif(not ocr.available(), reason="the optional extra jixiao[ocr] is not installed")
def test_pdf_page_without_text_keeps_its_warning_when_ocr_finds_nothing() -> None:
    reading = read_bytes(build_text_pdf(), "chars.pdf")
    assert reading.warnings == [NO_TEXT] and "RapidOCR" not in reading.parser


# --- (e) errors --------------------------------------------------------------------------------


def test_encrypted_pdf() -> None:
    buf = io.BytesIO()
    c = Canvas(buf, encrypt=pdfencrypt.StandardEncryption("user", "owner"), invariant=1)
    c.drawString(72, 700, "secret")
    c.save()
    with pytest.raises(ReadError) as err:
        read_bytes(buf.getvalue(), "locked.pdf")
    assert err.value.kind == "encrypted"


def test_truncated_pdf_is_corrupt() -> None:
    data = (SEED / f"{STEM}.pdf").read_bytes()
    with pytest.raises(ReadError) as err:
        read_bytes(data[: len(data) // 2], "half.pdf")
    assert err.value.kind == "corrupt"


def test_zip_that_is_not_a_docx_is_corrupt() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a word document")
    with pytest.raises(ReadError) as err:
        docx_reader.read(buf.getvalue(), "plain.docx")
    assert err.value.kind == "corrupt"


def test_docx_with_broken_document_xml_is_corrupt() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:  # sniffed as docx, but no content types, bad XML
        z.writestr("word/document.xml", "<w:document")
    with pytest.raises(ReadError) as err:
        read_bytes(buf.getvalue(), "broken.docx")
    assert err.value.kind == "corrupt"


def test_docx_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    src = zipfile.ZipFile(io.BytesIO(build_docx()))
    xml = src.read("word/document.xml").decode("utf-8")
    head, body = xml.split("?>", 1)
    evil = f'{head}?><!DOCTYPE d [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>' + body.replace(
        "表前段落", "&xxe;"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = evil.encode("utf-8") if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info.filename, data)
    try:
        blocks = read_bytes(buf.getvalue(), "evil.docx").blocks
    except ReadError as e:  # refusing the file is as good as not resolving the entity
        assert e.kind == "corrupt"
        return
    assert not any("TOPSECRET" in (b.text or "") for b in blocks)
