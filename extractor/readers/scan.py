"""PDFs, with OCR of the pages that have no usable text layer.

``pdf.py`` reads the text layer and warns about pages without one (scans) or whose text is not
decodable (fonts without a Unicode map: ``(cid:123)``, U+FFFD). When the optional extra
``jixiao[ocr]`` is installed, those pages are rendered and OCR'd, and their OCR lines replace
whatever the text layer gave for them; ``source.warnings`` and ``source.parser`` say so.
Without the extra, the warnings stay and say how to get OCR.
"""

from __future__ import annotations

from . import Reading
from . import pdf as pdf_reader
from .guard import check_pdf


def read(data: bytes, path: str) -> Reading:
    check_pdf(data, path)  # a decompression bomb is refused before pdfminer inflates it
    reading = pdf_reader.read(data, path)
    from .ocr import ocr_unreadable_pages

    return ocr_unreadable_pages(data, path, reading)
