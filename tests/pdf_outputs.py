"""Run as ``python -m tests.pdf_outputs FILE...``: print, as one JSON object, what jixiao makes of
each PDF — the exact stdout and stderr of ``jixiao extract FILE --json`` and the blocks the
pdfplumber path alone reads — plus the font files this process can see.

tests/test_font_independence.py runs it once normally and once where no font is visible, and
compares the two; one process for all files, since each ``jixiao`` start costs about a second.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import cli
from extractor.errors import ReadError
from extractor.readers import pdf_fast, read_bytes

# The directories PDFium (and fontconfig) look for system fonts in on Linux.
FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/usr/share/X11/fonts",
)
FONT_SUFFIXES = {".ttf", ".ttc", ".otf", ".otc", ".pfb", ".pfa", ".pcf", ".gz"}


def visible_fonts() -> list[str]:
    return sorted(
        str(p)
        for d in FONT_DIRS
        if Path(d).is_dir()
        for p in Path(d).rglob("*")
        if p.suffix.lower() in FONT_SUFFIXES
    )


def pdfplumber_blocks(path: str) -> str:
    """The pdfplumber path's reading, PDFium's fast path switched off."""
    original = pdf_fast.open_fast
    pdf_fast.open_fast = lambda data: None
    try:
        reading = read_bytes(Path(path).read_bytes(), path)
        return repr((reading.blocks, reading.warnings, reading.pages))
    except ReadError as e:
        return f"error: {e}"
    finally:
        pdf_fast.open_fast = original


def outputs(paths: list[str]) -> dict:
    runner = CliRunner()
    files = {}
    for path in paths:
        run = runner.invoke(cli, ["extract", path, "--json"])
        files[path] = {"exit": run.exit_code, "stdout": run.stdout, "stderr": run.stderr}
        if "pypdfium2" in run.stdout:  # else the output above is the pdfplumber path's already
            files[path]["pdfplumber"] = pdfplumber_blocks(path)
    return {"fonts": visible_fonts(), "files": files}


if __name__ == "__main__":
    json.dump(outputs(sys.argv[1:]), sys.stdout, ensure_ascii=False)
