"""Refuse hostile containers before any parser expands them.

A .docx or .xlsx is a zip of XML parts. Two attacks hide in that shape:
- a zip bomb: a few hundred KB that inflate to gigabytes. The sizes a zip *declares* are checked
  here before anything is inflated; Python's ``zipfile`` never inflates an entry past its declared
  size (a lying entry ends in a CRC error), so the declared sizes bound the real work.
- XML entity expansion ("billion laughs") or external entities: OOXML parts never carry a
  DOCTYPE, so a part whose prolog declares one is refused. python-docx parses with
  ``resolve_entities=False`` as well; this check makes the refusal explicit and format-independent.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator

from ..errors import ReadError
from ..zip_open import inflate, keep_whole, open_zip

MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # inflated size of all parts together
MAX_PART_BYTES = 128 * 1024 * 1024  # inflated size of one part
MAX_RATIO = 200  # inflated/compressed; real Word XML compresses 5–20×
RATIO_FLOOR = 8 * 1024 * 1024  # parts smaller than this may have any ratio
PROLOG_BYTES = 4096  # a DOCTYPE must come before the root element, so it is in the first bytes
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"))


def check_zip(data: bytes, path: str) -> zipfile.ZipFile:
    """Open ``data`` as a zip and refuse it if it is damaged, a bomb or carries a DTD.

    Returns the opened archive (callers may reuse it); raises ``ReadError`` with kind
    ``zip_bomb``, or ``corrupt`` (damaged, or XML with a DTD: the message says which).
    """
    try:
        archive = open_zip(data)
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise ReadError(path, "corrupt", f"damaged or truncated zip container ({e})") from e
    if len(infos) > MAX_ENTRIES:
        raise ReadError(
            path, "zip_bomb", f"the archive holds {len(infos)} parts (limit {MAX_ENTRIES})"
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise ReadError(
            path,
            "zip_bomb",
            f"the archive would inflate to {total:,} bytes (limit {MAX_TOTAL_BYTES:,})",
        )
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise ReadError(
                path, "zip_bomb", f"part {info.filename} would inflate to {info.file_size:,} bytes"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise ReadError(
                path,
                "zip_bomb",
                f"part {info.filename} inflates {ratio:,.0f}× ({info.compress_size:,} → "
                f"{info.file_size:,} bytes)",
            )
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels")):
            _check_prolog(archive, info, path, data)
    return archive


def _head(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The first ``PROLOG_BYTES`` of a part, inflated straight from ``data``: what
    ``archive.open(info).read(PROLOG_BYTES)`` returns, without its file object (~16 parts a
    .docx); None where ``zipfile`` must read it (see ``zip_open.inflate``)."""
    return inflate(data, info, min(PROLOG_BYTES, info.file_size))


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, data: bytes) -> None:
    head = _head(data, info)
    if head is None:
        head = _opened_head(archive, info, path)
    elif len(head) == info.file_size:
        keep_whole(data, info, head)  # the whole part, CRC-checked: the reader may want it
    # Every marker holds "!", which XML rarely does: one memchr pass clears most heads.
    if b"!" in head and any(marker in head for marker in _DTD_MARKERS):
        raise ReadError(
            path,
            "corrupt",
            f"refused: part {info.filename} declares a DTD/entities, which Office files never "
            "do (XML entity expansion or external-entity attack)",
        )


def _opened_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> bytes:
    try:
        with archive.open(info) as part:
            return part.read(PROLOG_BYTES)
    except Exception as e:  # BadZipFile, zlib.error, EOFError, NotImplementedError (compression)
        raise ReadError(path, "corrupt", f"part {info.filename} cannot be read ({e})") from e


# PDFs: the text reader inflates every content stream whole, so a few hundred KB of deflated
# whitespace become gigabytes in memory. Content streams of real reports inflate to kilobytes
# per page; image streams are never inflated by the text reader and are not counted.
MAX_PDF_INFLATED = 256 * 1024 * 1024
_CHUNK = 1 << 20


def _stream_starts(data: bytes) -> Iterator[tuple[int, int]]:
    """(start of the ``stream`` keyword, start of the stream's data) for every stream.

    A plain ``bytes.find`` loop: the regular expression it replaces (a look-behind for "end")
    took most of the check's time, scanning every byte of the file in Python's regex engine.
    """
    at = data.find(b"stream")
    while at >= 0:
        after = at + 6
        if data[max(at - 3, 0) : at] != b"end":  # "endstream" closes a stream, opens none
            if data[after : after + 1] == b"\n":
                yield at, after + 1
            elif data[after : after + 2] == b"\r\n":
                yield at, after + 2
        at = data.find(b"stream", after)


def check_pdf(data: bytes, path: str) -> None:
    """Refuse a PDF whose non-image Flate streams would inflate beyond ``MAX_PDF_INFLATED``.

    Streams are inflated chunk by chunk and the output thrown away, so the check itself needs
    no memory; a stream that does not inflate (encrypted, damaged) is left to the PDF reader.
    """
    total = 0
    for keyword, begin in _stream_starts(data):
        head = data[max(data.rfind(b"obj", 0, keyword), 0) : keyword]
        if b"/FlateDecode" not in head or b"/Image" in head:
            continue
        end = data.find(b"endstream", begin)
        inflater = zlib.decompressobj()
        pending = data[begin : end if end >= 0 else len(data)]
        try:
            while pending and not inflater.eof:  # after the end, the tail is the newline
                out = inflater.decompress(pending, _CHUNK)
                if not out and inflater.unconsumed_tail == pending:
                    break  # no progress: not a zlib stream after all
                total += len(out)
                pending = inflater.unconsumed_tail
                if total > MAX_PDF_INFLATED:
                    raise ReadError(
                        path,
                        "too_large",
                        f"the PDF's content streams inflate to more than {MAX_PDF_INFLATED:,} "
                        "bytes (a decompression bomb?); refused",
                    )
        except zlib.error:
            continue
