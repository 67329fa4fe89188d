"""One parse of a .docx/.xlsx container per file, shared by the sniffer, the guard and the reader.

Each of the three opened ``data`` as a ``ZipFile`` of its own: three reads of the central
directory (~0.1 ms each for a 1-page report). The last archive opened is kept with the bytes it
was opened from and handed out again for the same bytes object; a failed open is not kept, so
every caller still gets ``zipfile``'s own exception.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

_last: tuple[bytes, zipfile.ZipFile] | None = None


def open_zip(data: bytes) -> zipfile.ZipFile:
    """``zipfile.ZipFile(BytesIO(data))``, the same object again for the same ``data`` object."""
    global _last
    last = _last  # one read: another thread may replace it
    if last is not None and last[0] is data:
        return last[1]
    archive = zipfile.ZipFile(BytesIO(data))
    _last = (data, archive)
    return archive


def release() -> None:
    """Drop the kept archive (and its bytes) once a file is read."""
    global _last
    _last = None
