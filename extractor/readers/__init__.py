"""Readers: bytes of one format in, ordered ``RawBlock``s out.

Each reader is a function ``read(data: bytes, path: str) -> Reading``. ``read_file`` sniffs the
format from the bytes and dispatches; adding a format is adding a module and a line in READERS.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReadError
from ..model import RawBlock
from ..sniff import sniff_format
from ..zip_open import release


@dataclass
class Reading:
    blocks: list[RawBlock]
    format: str
    parser: str
    pages: int | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


Reader = Callable[[bytes, str], Reading]


# format → module in this package with a ``read`` function. Modules are imported lazily so that
# reading a .txt never pays for importing pdfplumber or python-docx.
READERS = {
    "txt": "text",
    "docx": "docx",
    "pdf": "scan",  # pdf.py, then OCR of pages without a text layer when jixiao[ocr] is installed
    "doc": "convert",  # .doc/.wps, .rtf and HTML go through LibreOffice to .docx
    "rtf": "convert",
    "html": "convert",
    "encrypted_office": "convert",  # refused there with a clear "password-protected" error
    "xlsx": "xlsx",
    "xls": "xlsx",
}
# Containers checked for zip bombs and XML entities before any parser opens them.
ZIP_FORMATS = {"docx", "xlsx"}


def read_bytes(data: bytes, path: str) -> Reading:
    try:
        return _read_bytes(data, path)
    finally:
        release()  # the sniffer's, guard's and reader's shared archive: not kept past the file


def _read_bytes(data: bytes, path: str) -> Reading:
    fmt = sniff_format(data)
    if fmt == "zip":
        raise ReadError(path, "corrupt", "a zip archive that is not a readable .docx or .xlsx")
    if fmt not in READERS:
        raise ReadError(path, "unsupported_format", f"{fmt} files are not supported yet")
    if fmt in ZIP_FORMATS:
        from .guard import check_zip

        check_zip(data, path)
    module = importlib.import_module(f"{__name__}.{READERS[fmt]}")
    from .limits import bound

    return bound(module.read(data, path), path)


def file_bytes(path: str | Path) -> bytes:
    """The bytes of the report at ``path``; ``ReadError`` for a missing, unreadable or empty file."""
    p = Path(path)
    if not p.exists():
        raise ReadError(str(path), "not_found", "no such file")
    if p.is_dir():
        raise ReadError(str(path), "is_directory", "is a directory, not a file")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ReadError(str(path), "unreadable", e.strerror or str(e)) from e
    if not data.strip():
        raise ReadError(str(path), "empty", "the file is empty")
    return data


def read_file(path: str | Path) -> Reading:
    return read_bytes(file_bytes(path), str(path))
