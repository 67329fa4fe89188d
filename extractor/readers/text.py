"""Plain-text reports: decide the encoding by strict decoding, then one paragraph per line."""

from __future__ import annotations

import codecs

from ..errors import ReadError
from ..model import RawBlock
from . import Reading

# Strict decoding in this order was right on every sample measured; a statistical detector
# misreads short GBK as Thai or Big5, so it is never consulted first.
_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``UnicodeDecodeError`` if nothing decodes strictly."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return data.decode("gb18030"), "gb18030"


def read(data: bytes, path: str) -> Reading:
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as e:
        raise ReadError(path, "decode", f"not UTF-8, UTF-16 or GB18030 text ({e.reason})") from e
    warnings = []
    if "\x00" in text:
        text = text.replace("\x00", "")
        warnings.append("NUL characters removed")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [RawBlock("paragraph", None, line) for line in text.split("\n") if line.strip()]
    if not blocks:
        raise ReadError(path, "empty", "the file holds no text")
    return Reading(blocks, "txt", "text", None, encoding, warnings)
