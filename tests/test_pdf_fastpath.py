"""The fast PDF engine (PDFium characters and table rules, pdf_fast.py) gives exactly the blocks
pdfplumber gives: same paragraphs, same table cells, same warnings, so spans do not move."""

from __future__ import annotations

import pytest

from extractor.readers import pdf_fast, read_bytes

from .conftest import SEED, SEED_STEM
from .test_readers import build_table_pdf, build_text_pdf


def _both(data: bytes, monkeypatch):
    fast = read_bytes(data, "x.pdf")
    with monkeypatch.context() as m:
        m.setattr(pdf_fast, "open_fast", lambda data: None)
        slow = read_bytes(data, "x.pdf")
    return fast, slow


def _generated_pdfs(tmp_path) -> list[bytes]:
    try:
        import sys

        sys.path.insert(0, str(SEED.parent))
        from generate import generate
    except ImportError:
        return []
    files = generate(tmp_path / "gen", n=30, seed=11)
    return [f.read_bytes() for f in files if f.suffix == ".pdf"]


@pytest.mark.parametrize("build", ["seed", "table", "text"])
def test_fast_engine_reads_the_same_blocks(build, monkeypatch):
    data = {
        "seed": lambda: (SEED / f"{SEED_STEM}.pdf").read_bytes(),
        "table": build_table_pdf,
        "text": build_text_pdf,
    }[build]()
    fast, slow = _both(data, monkeypatch)
    assert fast.parser.startswith("pypdfium2 ") and slow.parser.startswith("pdfplumber ")
    assert fast.blocks == slow.blocks and fast.blocks
    assert fast.warnings == slow.warnings and fast.pages == slow.pages


def test_fast_engine_on_generated_forms_with_tables(tmp_path, monkeypatch):
    pdfs = _generated_pdfs(tmp_path)
    if not pdfs:
        pytest.skip("corpus/generate.py not available")
    tables = 0
    for data in pdfs:
        fast, slow = _both(data, monkeypatch)
        assert fast.blocks == slow.blocks
        tables += sum(b.kind == "table" for b in fast.blocks)
    assert tables > 0  # the comparison covered ruled tables, not only prose
