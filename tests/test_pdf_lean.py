"""The lean readers behind the PDF path give exactly what pdfminer/pdfplumber give:
pdf_content.py the same content-stream objects as pdfminer's parser, pdf_grid.py the same cells
as pdfplumber's TableFinder, pdf_lean.py the same deduplicated characters as
``page.dedupe_chars().chars``.
"""

from __future__ import annotations

import io

import pdfplumber
import pytest
from pdfminer.pdfinterp import PDFContentParser
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import PSEOF
from pdfplumber.table import TableFinder

from extractor.readers import pdf_lean
from extractor.readers.pdf_content import Unsupported, objects
from extractor.readers.pdf_grid import find_tables

from .test_pdf_fastpath import build_embedded_table_pdf
from .test_readers import build_table_pdf, build_text_pdf


def _pdfminer_objects(streams: list[bytes]) -> list:
    parts = []
    for i, data in enumerate(streams):
        stream = PDFStream({}, data)
        stream.set_objid(100 + i, 0)
        parts.append(stream)
    parser = PDFContentParser(parts)
    out = []
    while True:
        try:
            out.append(parser.nextobject()[1])
        except PSEOF:
            return out


def _typed(obj):
    """Values with their types, so that 1 and 1.0 (or True and 1) do not compare equal."""
    if isinstance(obj, list):
        return [_typed(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _typed(v) for k, v in obj.items()}
    return (type(obj).__name__, obj)


STREAMS = [
    [b"BT /F1 10.5 Tf 72 700 Td (plain) Tj ET"],
    [b"q 1 0 0 1 -3.5 +2 cm .5 w 0 0 m 10 0 l S Q"],
    [b"BT /F2 9 Tf [(a) -120 (b) 33.25 <4e2d 6587>] TJ T* (x) ' 1 2 (y) \" ET"],
    [b"(nested (parens) here) Tj (esc \\( \\) \\\\ \\n \\t \\101\\1012 \\q) Tj"],
    [b"(line \\\r\ncontinued) Tj (oct \\7 end) Tj <> Tj <a> Tj"],
    [b"/P <</MCID 3 /Alt (x) /Arr [1 2.0 /N true false null]>> BDC EMC"],
    [b"5. 6 -.25 +7 re n", b"0.1 0.2 0.3 rg"],  # numbers as pdfminer reads them; two streams
    [b"BT /F1 12 Tf 10 10 Td (end", b"ed) Tj ET"],  # a string across streams: left to pdfminer
    [b"\x00 1 0 0 RG /Name_with.dots-1 gs"],
    [b"9 0 0 m 1 2 l 3 4 5 6 re 1 2 3 4 5 6 c h 7 8 mq S"],  # path operators taken whole
    [b"0.5 g 1 0 0 RG 0 0 0 1 k 2 w 1 j /GS0 gs 0 0 0 rg 1 2 3 sc 4 cm"],  # colour, line style
]


@pytest.mark.parametrize("streams", STREAMS)
def test_content_objects_are_pdfminers(streams: list[bytes]) -> None:
    try:
        mine = list(objects(streams))
    except Unsupported:
        assert streams == STREAMS[7]  # only the string split over two streams is left over
        return
    assert _typed(mine) == _typed(_pdfminer_objects(streams))


@pytest.mark.parametrize(
    "data", [b"% a comment\n1 w", b"BI /W 1 /H 1 ID x EI", b"{ 1 }", b"/A#20B gs", b"1.2.3 w"]
)
def test_what_only_pdfminer_reads_is_refused(data: bytes) -> None:
    with pytest.raises(Unsupported):
        list(objects([data]))


def _edges(*rules: tuple[float, float, float, float]) -> list[dict]:
    out = []
    for x0, top, x1, bottom in rules:
        out.append(
            {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0,
             "height": bottom - top, "orientation": "h" if top == bottom else "v",
             "object_type": "line", "doctop": top}
        )  # fmt: skip
    return out


def test_grid_cells_are_table_finders() -> None:
    # A 3×2 grid with a merged cell (one inner rule stops short) and a stray rule off the grid.
    rules = [(50, y, 250, y) for y in (100, 120, 140)] + [(50, 160, 150, 160)]
    rules += [(x, 100, x, 160) for x in (50, 250)] + [(150, 100, 150, 140), (110, 120, 110, 140)]
    rules += [(400, 300, 480, 300)]
    edges = _edges(*rules)
    page = type("P", (), {"edges": edges, "bbox": (0, 0, 600, 800)})()
    expected = [(t.cells, t.bbox) for t in TableFinder(page).tables]
    found = [(g.cells, g.bbox) for g in find_tables(edges, 600, 800)]
    assert found == expected and len(found[0][0]) >= 4


@pytest.mark.parametrize("build", [build_table_pdf, build_text_pdf, build_embedded_table_pdf])
def test_lean_characters_are_pdfplumbers(build) -> None:
    keys = ("text", "x0", "x1", "top", "bottom", "size")
    compared = 0
    with pdfplumber.open(io.BytesIO(build())) as pdf:
        for page in pdf.pages:
            expected = [{k: c[k] for k in keys} for c in page.dedupe_chars().chars]
            lean = [{k: c[k] for k in keys} for c in pdf_lean.page_chars(pdf, page)]
            assert lean == expected
            compared += len(lean)
    assert compared > 20


def test_dedupe_is_pdfplumbers_on_crowded_overprints() -> None:
    """Overprints, near misses and chains of close positions, compared with pdfplumber's own."""
    import random

    from pdfplumber.utils import dedupe_chars

    rng = random.Random(7)
    chars = []
    for i in range(400):
        x = rng.choice([10.0, 10.4, 11.2, 12.3, 30.0]) + rng.choice([0, 0.3, 0.9, 2.5]) * (i % 3)
        top = rng.choice([100.0, 100.6, 101.9, 140.0])
        chars.append(
            {"text": rng.choice("绩效A1"), "fontname": rng.choice(["F1", "F2"]), "size": 10.5,
             "upright": True, "x0": x, "x1": x + 10.5, "top": top, "doctop": 842 + top,
             "bottom": top + 10.5}
        )  # fmt: skip
    expected = dedupe_chars(chars)
    assert pdf_lean._dedupe(chars) == expected and 20 < len(expected) < 400
