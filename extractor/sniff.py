"""Decide a file's format from its bytes, never from its extension alone."""

from __future__ import annotations

import zipfile
from io import BytesIO

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(data: bytes) -> str:
    """Return ``pdf``, ``docx``, ``xlsx``, ``zip``, ``doc`` (OLE), ``rtf``, ``html`` or ``txt``.

    ``txt`` is the fallback for anything that is not a known container; whether it decodes as
    text is the text reader's decision.
    """
    head = data[:1024]
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return "html"
    return "txt"
