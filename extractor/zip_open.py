"""One parse of a .docx/.xlsx container per file, shared by the sniffer, the guard and the reader.

Each of the three opened ``data`` as a ``ZipFile`` of its own: three reads of the central
directory (~0.1 ms each for a 1-page report). The last archive opened is kept with the bytes it
was opened from and handed out again for the same bytes object; a failed open is not kept, so
every caller still gets ``zipfile``'s own exception.

Parts are inflated here straight from ``data`` (``inflate``), without ``zipfile``'s file object:
the guard reads the head of every XML part, and a part that ends within its head is then whole
and checked; it is kept for the reader (``read_part``), which would otherwise inflate the
package's relationships and content types a second time.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from io import BytesIO

# (the bytes, their archive, whole parts already inflated and CRC-checked, by ZipInfo)
_last: tuple[bytes, zipfile.ZipFile, dict[zipfile.ZipInfo, bytes]] | None = None

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile's structFileHeader
_NOT_PLAIN = 0x1 | 0x20 | 0x40  # encrypted, patched data, strong encryption
# Newer zipfile versions refuse overlapping entries by each entry's end; 3.11's ZipInfo has no
# such slot (and a getattr default would raise and catch an AttributeError per part).
_HAS_END_OFFSET = "_end_offset" in zipfile.ZipInfo.__slots__


def open_zip(data: bytes) -> zipfile.ZipFile:
    """``zipfile.ZipFile(BytesIO(data))``, the same object again for the same ``data`` object."""
    global _last
    last = _last  # one read: another thread may replace it
    if last is not None and last[0] is data:
        return last[1]
    archive = zipfile.ZipFile(BytesIO(data))
    _last = (data, archive, {})
    return archive


def release() -> None:
    """Drop the kept archive (and its bytes) once a file is read."""
    global _last
    _last = None


def inflate(data: bytes, info: zipfile.ZipInfo, want: int) -> bytes | None:
    """The first ``want`` bytes of a part (``want`` at most its size), inflated straight from
    ``data``: what ``archive.open(info).read(want)`` returns. None for anything but a plain
    stored or deflated part whose local header names it, or when ``want`` is the whole part and
    its CRC is wrong: ``zipfile`` then reads it (or says why it cannot)."""
    at = info.header_offset
    header = data[at : at + _LOCAL_HEADER.size]
    if len(header) != _LOCAL_HEADER.size or info.flag_bits & _NOT_PLAIN:
        return None
    fields = _LOCAL_HEADER.unpack(header)
    magic, local_flags, name_len, extra_len = fields[0], fields[3], fields[10], fields[11]
    start = at + _LOCAL_HEADER.size
    raw_name = data[start : start + name_len]
    # zipfile decodes the local name by the local header's UTF-8 flag and compares; an ASCII
    # name reads the same in both (and cp437 is a codec written in Python: slow).
    if raw_name.isascii():
        name = raw_name.decode("ascii")
    else:
        try:
            name = raw_name.decode("utf-8" if local_flags & 0x800 else "cp437")
        except UnicodeDecodeError:
            return None
    if magic != b"PK\x03\x04" or name != info.orig_filename:
        return None
    start += name_len + extra_len
    raw = data[start : start + info.compress_size]
    if len(raw) != info.compress_size or (
        _HAS_END_OFFSET and info._end_offset is not None and start + len(raw) > info._end_offset
    ):
        return None
    try:
        if info.compress_type == zipfile.ZIP_STORED:
            head = raw[:want]
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            head = zlib.decompressobj(-15).decompress(raw, want)
        else:
            return None
    except zlib.error:
        return None
    if len(head) != want:
        return None
    if want == info.file_size and zlib.crc32(head) != info.CRC:
        return None  # zipfile reads to the end here and checks the CRC
    return head


def keep_whole(data: bytes, info: zipfile.ZipInfo, content: bytes) -> None:
    """Keep ``content``, the whole of part ``info`` of ``data`` as ``inflate`` gave it, for
    ``read_part``."""
    last = _last
    if last is not None and last[0] is data:
        last[2][info] = content


def read_part(data: bytes, name: str) -> bytes:
    """``open_zip(data).read(name)``: a kept whole part, or inflated here, or by zipfile (which
    then raises what it raises)."""
    archive = open_zip(data)
    info = archive.getinfo(name)  # KeyError as archive.read(name) raises it
    last = _last
    if last is not None and last[1] is archive and (kept := last[2].get(info)) is not None:
        return kept
    content = inflate(data, info, info.file_size)
    return archive.read(info) if content is None else content
