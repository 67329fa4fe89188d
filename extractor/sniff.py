"""Decide a file's format from its bytes, never from its extension alone."""

from __future__ import annotations

import zipfile

from .zip_open import open_zip

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")
# OLE compound files name their streams in UTF-16LE directory entries: Word (and WPS Office)
# keep the text in "WordDocument", Excel in "Workbook" (BIFF8) or "Book" (BIFF5).
_WORD_STREAM = "WordDocument".encode("utf-16-le")
# Word and Excel save a password-protected .docx/.xlsx as an OLE file holding this stream.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_EXCEL_STREAMS = ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le"))


def _ole_format(data: bytes) -> str:
    """``encrypted_office`` for a password-protected .docx/.xlsx, ``xls`` for an Excel workbook,
    otherwise ``doc`` (Word, WPS, or unknown: the converter decides)."""
    if _ENCRYPTED_STREAM in data:
        return "encrypted_office"
    if _WORD_STREAM not in data and any(name in data for name in _EXCEL_STREAMS):
        return "xls"
    return "doc"


def sniff_format(data: bytes) -> str:
    """Return ``pdf``, ``docx``, ``xlsx``, ``zip``, ``doc``/``xls`` (OLE), ``rtf``, ``html``,
    ``image`` or ``txt``.

    ``txt`` is the fallback for anything that is not a known container; whether it decodes as
    text is the text reader's decision.
    """
    head = data[:1024]
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):  # an entry, or an empty archive
        try:
            names = open_zip(data).NameToInfo  # the names, without namelist()'s list
        except zipfile.BadZipFile:
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if head.startswith(OLE_MAGIC):
        return _ole_format(data)
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (
        low.startswith((b"<!doctype html", b"<html", b"<?xml", b"<!--", b"<meta", b"<head"))
        and b"<html" in data[:4096].lower()
    ):
        return "html"
    return "txt"
