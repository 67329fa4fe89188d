"""The floor: only getting the text out of each file with the fastest reader there is, no
structure, no normalization, no extraction. jixiao can at best approach this."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

W_T = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


def read_text(path: str) -> tuple[int, int]:
    """(characters read, pages) for one file."""
    p = Path(path)
    data = p.read_bytes()
    if p.suffix == ".txt":
        try:
            return len(data.decode("utf-8")), 0
        except UnicodeDecodeError:
            return len(data.decode("gb18030")), 0
    if p.suffix == ".docx":
        with zipfile.ZipFile(p) as z:
            xml = z.read("word/document.xml")
        return sum(len(t.decode("utf-8")) for t in W_T.findall(xml)), 0
    return pdf_text(data)


def pdf_text(data: bytes) -> tuple[int, int]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    n = 0
    for page in doc:
        textpage = page.get_textpage()
        n += len(textpage.get_text_range())
        textpage.close()
        page.close()
    pages = len(doc)
    doc.close()
    return n, pages
