"""Run the whole extraction on a few lines written in a test, and check spans against the text.

Shared by the unit tests that write invented lines in a real report's shape: each used to carry
its own copy of these helpers.
"""

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.readers import read_bytes


def extract_text(text: str) -> dict:
    """``extract_document`` of ``text`` read as a .txt file, with the normalized text under "text"."""
    doc = build_document(read_bytes(text.encode("utf-8"), "x.txt").blocks)
    return {**extract_document(doc), "text": doc.text}


def budget_of(text: str) -> tuple[list[dict], str]:
    """The budget entries of ``text`` and the normalized text their spans index."""
    result = extract_text(text)
    return result["budget"], result["text"]


def assert_spans(rows: list[dict], text: str) -> None:
    """Every row's span, and every field span it has, is exactly the text it points at."""
    for row in rows:
        spans = [row.get("span"), *(row.get("field_spans") or {}).values()]
        for span in (s for s in spans if s):
            assert text[span["start"] : span["end"]] == span["text"]
