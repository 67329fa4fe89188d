"""What the PDF reader makes of every committed PDF, as plain JSON: the snapshot
tests/test_pdf_unchanged.py compares against.

    .venv/bin/python -m tests.pdf_snapshot --write   # only when a reading change is intended

The reader's whole contribution to ``extract_file`` is its ``Reading`` (blocks, pages, warnings):
the rest of the JSON is computed from it. Comparing the reading, not the final JSON, keeps the
snapshot valid while extraction and audit change on other branches. ``parser`` is left out: it
names the engines used, which is what a faster reader changes on purpose.
"""

from __future__ import annotations

import gzip
import json
import sys
from dataclasses import asdict
from pathlib import Path
from unittest.mock import patch

from extractor.errors import ReadError
from extractor.readers import read_bytes

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = Path(__file__).resolve().parent / "fixtures" / "pdf_readings.json.gz"


def committed_pdfs() -> list[str]:
    found = [*ROOT.glob("corpus/**/*.pdf"), *ROOT.glob("tests/fixtures/**/*.pdf")]
    return sorted(str(p.relative_to(ROOT)) for p in found if p.is_file())


def built_pdfs() -> dict[str, bytes]:
    """The PDFs the tests build (deterministic: reportlab's invariant mode)."""
    from .test_pdf_fastpath import build_embedded_table_pdf, build_embedded_text_pdf
    from .test_readers import build_table_pdf, build_text_pdf

    builds = {
        "built/cjk-table.pdf": build_table_pdf,
        "built/cjk-text.pdf": build_text_pdf,
        "built/embedded-table.pdf": build_embedded_table_pdf,
        "built/embedded-text.pdf": build_embedded_text_pdf,
    }
    return {name: build() for name, build in builds.items()}


def reading_of(data: bytes, name: str) -> dict:
    try:
        r = read_bytes(data, name)
    except ReadError as e:
        return {"error": e.kind, "message": e.message}
    return {
        "pages": r.pages,
        "warnings": r.warnings,
        "blocks": [asdict(b) for b in r.blocks],
    }


def readings() -> dict[str, dict]:
    """Every PDF's reading by the PDF reader itself: OCR of unreadable pages is held off (it is
    an optional extra, tested on its own), so the snapshot is the same with or without it."""
    sources = {p: (ROOT / p).read_bytes() for p in committed_pdfs()}
    sources.update(built_pdfs())
    with patch("extractor.readers.ocr.available", return_value=False):
        return {name: reading_of(data, name) for name, data in sources.items()}


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.pdf_snapshot --write")
    text = json.dumps(readings(), ensure_ascii=False, sort_keys=True, indent=0)
    SNAPSHOT.write_bytes(gzip.compress(text.encode(), mtime=0))
    print(f"{SNAPSHOT.relative_to(ROOT)}: {SNAPSHOT.stat().st_size} bytes")
