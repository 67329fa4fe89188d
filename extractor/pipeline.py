"""read → normalize → extract (→ audit): one file in, the contract's JSON shape out."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from . import __version__
from .extract import extract_document
from .normalize import build_document
from .readers import file_bytes, read_bytes
from .surface import to_surface


def extract_file(
    path: str | Path, data: bytes | None = None, sha256: str | None = None
) -> dict[str, Any]:
    """Extract one report. Raises ``ReadError`` (naming the file and the reason) if unreadable.

    ``data`` are the file's bytes where the caller has them, ``sha256`` their hex digest where
    the caller has already hashed them (a batch worker hashes first, to name a failed file)."""
    path = str(path)
    if data is None:
        data = file_bytes(path)  # read once: the text and the sha256 come from the same bytes
    reading = read_bytes(data, path)
    doc = build_document(reading.blocks, reading.pages)
    parts = extract_document(doc)
    result: dict[str, Any] = {
        "source": {
            "path": path,
            "sha256": sha256 or hashlib.sha256(data).hexdigest(),
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
    # A block the extractor could not read is a reading problem: say it where warnings go.
    result["source"]["warnings"] += [
        f["message"] for f in result["findings"] if f["rule"] == "coverage"
    ]
    # Audit reads the simplified view like the extractors; users get the text as written.
    to_surface(result, doc)
    result["text"] = doc.shown
    return result
