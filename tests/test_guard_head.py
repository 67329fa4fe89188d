"""The guard's prolog check reads each part's head straight from the bytes: the same bytes
zipfile's own reader gives, and zipfile's own error whenever the part is not plain."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from extractor.errors import ReadError
from extractor.readers import guard

ROOT = Path(__file__).resolve().parent.parent
CONTAINERS = sorted(
    p
    for pattern in (
        "corpus/generated/*.docx",
        "tests/fixtures/**/*.docx",
        "tests/fixtures/**/*.xlsx",
    )
    for p in ROOT.glob(pattern)
)


def _zipfile_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | Exception:
    try:
        with archive.open(info) as part:
            return part.read(guard.PROLOG_BYTES)
    except Exception as e:  # noqa: BLE001 - compared, not handled
        return e


def test_the_head_is_what_zipfile_reads_for_every_part():
    assert CONTAINERS
    for path in CONTAINERS:
        data = path.read_bytes()
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            continue  # a damaged fixture: the guard refuses it before any part is read
        for info in archive.infolist():
            head = guard._head(data, info)
            assert head is None or head == _zipfile_head(archive, info), (path, info.filename)


def test_a_short_part_with_a_wrong_crc_is_still_refused_as_unreadable():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buf.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()[0]
    crc = info.CRC.to_bytes(4, "little")
    data[data.index(crc)] ^= (
        0xFF  # both copies of the CRC: the local header's, then the central one
    )
    data[data.index(crc)] ^= 0xFF
    with pytest.raises(ReadError, match="cannot be read"):
        guard.check_zip(bytes(data), "x.docx")
