"""Build the .docx and .pdf twins of the seed .txt report, so every reader has the same text to read.

Run ``python scripts/make_seed_formats.py``; it rewrites ``corpus/seed/<stem>.docx`` and ``.pdf``
next to the .txt. Output is deterministic: the same input gives byte-identical files.

The PDF imitates a Word export: justified lines, a two-character first-line indent on prose, list
items flush left, a small gap after each paragraph, a fake-bold (overprinted) title and a
right-aligned signature. Lines break only where Chinese typesetting needs no separator (next to a
CJK character, never at a space), so a reader that joins wrapped lines correctly gets every
paragraph back exactly.
"""

from __future__ import annotations

import io
import re
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "corpus" / "seed"
STEM = "qiemo-kexie-2021-monitoring"
FIXED_TIME = datetime(2021, 7, 4, 9, 0, 0)
# The corpus generator's writers hold the deterministic re-zip both scripts need.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "corpus"))
from genlib.writers import rezip  # noqa: E402

FONT = "STSong-Light"
SIZE = 10.5
TITLE_SIZE = 16
LEADING = SIZE * 1.6
PARA_GAP = 6.0
MARGIN = 72.0
SIGNATURE_LINES = 2  # the last lines (unit name, date) are right-aligned, as in the paper report

# Paragraphs starting like this are headings or list items: typeset flush left, not indented.
MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.]|[①-⑳]|指标\s*\d|\d\s)"
)
# Kinsoku: no line may start with closing punctuation or end with opening punctuation.
NO_LINE_START = set("，。、；：！？）》」』%,.;:!?)")
NO_LINE_END = set("（《「『(")


def load_paragraphs(path: Path) -> list[str]:
    """One paragraph per non-empty line, text untouched."""
    text = path.read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line.strip()]


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _can_break(text: str, i: int) -> bool:
    """May a line end between ``text[i-1]`` and ``text[i]`` with no separator lost?"""
    a, b = text[i - 1], text[i]
    if a.isspace() or b.isspace() or not (_wide(a) or _wide(b)):
        return False
    return b not in NO_LINE_START and a not in NO_LINE_END


def wrap(text: str, first_width: float, width: float, size: float = SIZE) -> list[str]:
    """Greedy line breaking at legal CJK break points; the first line may be narrower."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    start = 0
    while start < len(text):
        avail = first_width if not lines else width
        end, used = start, 0.0
        while end < len(text):
            w = stringWidth(text[end], FONT, size)
            if used + w > avail + 1e-6:
                break
            used += w
            end += 1
        if end >= len(text):
            lines.append(text[start:])
            break
        brk = end
        while brk > start + 1 and not _can_break(text, brk):
            brk -= 1
        if brk == start + 1 and not _can_break(text, brk):
            brk = end  # no legal break on this line at all: cut where it overflows
        lines.append(text[start:brk])
        start = brk
    return lines


def _draw_line(canvas, line: str, x: float, y: float, size: float, justify_to: float | None):
    """Draw one line; ``justify_to`` stretches it to that width with character spacing."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    obj = canvas.beginText(x, y)
    obj.setFont(FONT, size)
    spacing = 0.0
    if justify_to is not None and len(line) > 1:
        spacing = max(0.0, (justify_to - stringWidth(line, FONT, size)) / (len(line) - 1))
    # Always set it: character spacing is graphics state and outlives the text object.
    obj.setCharSpace(spacing)
    obj.textOut(line)
    canvas.drawText(obj)


def write_pdf(paragraphs: list[str], out: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    page_w, page_h = A4
    text_w = page_w - 2 * MARGIN
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(paragraphs[0])
    c.setAuthor("jixiao scripts/make_seed_formats.py")
    c.setCreator("reportlab")

    # Title: centered and overprinted 0.3 pt to the right, the way fake bold comes out of Word.
    y = page_h - MARGIN - TITLE_SIZE
    title_w = pdfmetrics.stringWidth(paragraphs[0], FONT, TITLE_SIZE)
    for dx in (0.0, 0.3):
        _draw_line(c, paragraphs[0], (page_w - title_w) / 2 + dx, y, TITLE_SIZE, None)
    y -= TITLE_SIZE + 2 * PARA_GAP

    body = paragraphs[1:]
    for i, para in enumerate(body):
        signature = i >= len(body) - SIGNATURE_LINES
        indent = 0.0 if signature or MARKER.match(para) else 2 * SIZE
        lines = wrap(para, text_w - indent, text_w)
        # Keep a paragraph on one page, like Word's "keep lines together".
        if y - LEADING * len(lines) < MARGIN:
            c.showPage()
            y = page_h - MARGIN - SIZE
        for n, line in enumerate(lines):
            last = n == len(lines) - 1
            if signature:
                x = MARGIN + text_w - pdfmetrics.stringWidth(line, FONT, SIZE)
            else:
                x = MARGIN + (indent if n == 0 else 0.0)
            width = MARGIN + text_w - x
            _draw_line(c, line, x, y, SIZE, None if last or signature else width)
            y -= LEADING
        y -= PARA_GAP
    c.save()
    out.write_bytes(buf.getvalue())


def write_docx(paragraphs: list[str], out: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(SIZE)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(paragraphs[0])
    run.bold = True
    run.font.size = Pt(TITLE_SIZE)

    body = paragraphs[1:]
    for i, para in enumerate(body):
        p = doc.add_paragraph(para)
        if i >= len(body) - SIGNATURE_LINES:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif not MARKER.match(para):
            p.paragraph_format.first_line_indent = Pt(2 * SIZE)

    props = doc.core_properties
    props.title = paragraphs[0]
    props.author = "jixiao scripts/make_seed_formats.py"
    props.last_modified_by = props.author
    props.revision = 1
    props.created = props.modified = props.last_printed = FIXED_TIME
    buf = io.BytesIO()
    doc.save(buf)
    out.write_bytes(rezip(buf.getvalue(), FIXED_TIME))


def main() -> None:
    source = SEED / f"{STEM}.txt"
    paragraphs = load_paragraphs(source)
    write_docx(paragraphs, SEED / f"{STEM}.docx")
    write_pdf(paragraphs, SEED / f"{STEM}.pdf")
    print(f"wrote {STEM}.docx and {STEM}.pdf ({len(paragraphs)} paragraphs) in {SEED}")


if __name__ == "__main__":
    main()
