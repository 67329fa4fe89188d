"""read → normalize → extract (→ audit): one file in, the contract's JSON shape out."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from . import __version__
from .extract import extract_document
from .normalize import build_document
from .readers import read_bytes, read_file


def extract_file(path: str | Path, data: bytes | None = None) -> dict[str, Any]:
    """Extract one report. Raises ``ReadError`` (naming the file and the reason) if unreadable."""
    path = str(path)
    if data is None:
        reading = read_file(path)
        data = Path(path).read_bytes()
    else:
        reading = read_bytes(data, path)
    doc = build_document(reading.blocks, reading.pages)
    parts = extract_document(doc)
    result: dict[str, Any] = {
        "source": {
            "path": path,
            "sha256": hashlib.sha256(data).hexdigest(),
            "format": reading.format,
            "pages": reading.pages,
            "encoding": reading.encoding,
            "parser": reading.parser,
            "warnings": reading.warnings,
            "extractor_version": __version__,
        },
        **parts,
        "findings": [],
        "text": doc.text,
    }
    from .audit import audit_report

    result["findings"] = audit_report(result)
    # Form blocks the form reader could not read whole: a warning and a coverage finding each.
    for gap in result.get("form_coverage") or []:
        result["source"]["warnings"].append(gap["message"])
        result["findings"].append(
            {"rule": "coverage", "severity": "warning", "subject": "form_coverage",
             "stated": gap["rows_read"], "recomputed": None, "message": gap["message"],
             "span": gap["span"]}
        )  # fmt: skip
    return result
