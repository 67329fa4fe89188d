"""The fast PDF engine (PDFium characters and table rules, pdf_fast.py) gives exactly the blocks
pdfplumber gives: same paragraphs, same table cells, same warnings, so spans do not move.

PDFium measures text drawn with a font the PDF does not embed using whatever font the machine
substitutes, so such pages go to pdfplumber; the fast path is tested on PDFs that embed their
font (reportlab's bundled Vera, which every install has).
"""

from __future__ import annotations

import io

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from extractor.readers import pdf_fast, read_bytes

from .conftest import SEED, SEED_STEM
from .test_readers import build_table_pdf, build_text_pdf

EMBEDDED = "Vera"  # a TrueType font shipped inside reportlab: embedded in every PDF built here
pdfmetrics.registerFont(TTFont(EMBEDDED, "Vera.ttf"))


def _both(data: bytes, monkeypatch):
    fast = read_bytes(data, "x.pdf")
    with monkeypatch.context() as m:
        m.setattr(pdf_fast, "open_fast", lambda data: None)
        slow = read_bytes(data, "x.pdf")
    return fast, slow


def build_embedded_table_pdf() -> bytes:
    style = ParagraphStyle("v", fontName=EMBEDDED, fontSize=10, leading=14)
    data = [
        ["Level", "Indicator", "Target"],
        ["Output", Paragraph("Workshops given to village clinics in the year (times)", style), ">= 7"],
        ["", "Completion rate", ">= 93%"],
        ["Effect", "Residents reached", ""],
    ]  # fmt: skip
    table = Table(data, colWidths=[70, 130, 70])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), EMBEDDED, 10),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("SPAN", (0, 1), (0, 2)),
                ("SPAN", (1, 3), (2, 3)),
            ]
        )
    )
    story = [Paragraph("Above the form.", style), Spacer(1, 8), table, Spacer(1, 8),
             Paragraph("Below the form.", style)]  # fmt: skip
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build(story)
    return buf.getvalue()


def build_embedded_text_pdf() -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    c.setFont(EMBEDDED, 10.5)
    for dx in (0.0, 0.3):  # fake bold: the same string overprinted 0.3 pt to the right
        c.drawString(72 + dx, 760, "Bold Heading")
    c.drawString(72, 720, "The monitoring report of the annual performance")
    c.drawString(72, 704, "targets, 2031.")
    c.drawString(72, 688, "1. Next paragraph")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("build", ["table", "text"])
def test_fast_engine_reads_the_same_blocks(build, monkeypatch):
    data = {"table": build_embedded_table_pdf, "text": build_embedded_text_pdf}[build]()
    fast, slow = _both(data, monkeypatch)
    assert fast.parser.startswith("pypdfium2 ") and slow.parser.startswith("pdfplumber ")
    assert fast.blocks == slow.blocks and fast.blocks
    assert fast.warnings == slow.warnings and fast.pages == slow.pages


def test_fast_engine_table_cells():
    blocks = read_bytes(build_embedded_table_pdf(), "x.pdf").blocks
    assert [b.kind for b in blocks] == ["paragraph", "table", "paragraph"]
    rows = blocks[1].rows
    assert rows[1][0].text == "Output" and rows[1][0].rowspan == 2 and rows[2][0] is None
    assert rows[1][1].text == "Workshops given to village clinics in the year (times)"
    assert rows[3][1].text == "Residents reached" and rows[3][1].colspan == 2


def test_fast_engine_removes_fake_bold():
    blocks = read_bytes(build_embedded_text_pdf(), "x.pdf").blocks
    assert blocks[0].text == "Bold Heading"


@pytest.mark.parametrize("build", ["seed", "table"])
def test_fonts_not_embedded_are_read_by_pdfplumber(build, monkeypatch):
    """The seed and the CJK PDFs built here use STSong-Light without embedding it."""
    data = {"seed": lambda: (SEED / f"{SEED_STEM}.pdf").read_bytes(), "table": build_table_pdf}
    fast, slow = _both(data[build](), monkeypatch)
    assert "pypdfium2" not in fast.parser and fast.parser.startswith("pdfplumber ")
    assert fast.blocks == slow.blocks and fast.blocks


def test_a_page_without_text_may_go_fast(monkeypatch):
    """Page 1 uses a font it does not embed (pdfplumber), page 2 has only a rectangle."""
    fast, slow = _both(build_text_pdf(), monkeypatch)
    assert fast.parser.startswith("pypdfium2 ")  # page 2: no text, so no font to depend on
    assert fast.blocks == slow.blocks and fast.warnings == slow.warnings
