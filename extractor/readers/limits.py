"""Bounds on what a reader hands on, so one hostile file cannot stall a batch.

A real report is a few thousand to a few hundred thousand characters in paragraphs of at most a
few thousand. Extractors scan each paragraph for every value in it, so their cost grows with
paragraph length × values per paragraph: a single multi-megabyte paragraph (a generated or
broken file) would take hours. So:
- text beyond ``MAX_TEXT_CHARS`` in total is refused (``too_large``), nothing is cut silently;
- a paragraph longer than ``MAX_PARAGRAPH_CHARS`` is split at sentence ends (after 。！？; or a
  line break), keeping every character, and ``source.warnings`` says so.
"""

from __future__ import annotations

import re

from ..errors import ReadError
from ..model import RawBlock
from . import Reading

MAX_TEXT_CHARS = 1_000_000
MAX_PARAGRAPH_CHARS = 5_000
_SENTENCE_END = re.compile(r"[。！？；;!?\n]")


def _split(text: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` chars, cut after a sentence end where there is one."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = start + (ends[-1] if ends and ends[-1] > limit // 4 else limit)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _block_chars(block: RawBlock) -> int:
    if block.kind == "table":
        return sum(len(c.text) for row in block.rows or [] for c in row if c is not None)
    return len(block.text)


def bound(reading: Reading, path: str) -> Reading:
    """Refuse an oversized text, split overlong paragraphs; return ``reading`` (changed in place)."""
    total = sum(_block_chars(b) for b in reading.blocks)
    if total > MAX_TEXT_CHARS:
        raise ReadError(
            path, "too_large", f"{total:,} characters of text (limit {MAX_TEXT_CHARS:,})"
        )
    blocks: list[RawBlock] = []
    split = 0
    for block in reading.blocks:
        if block.kind == "paragraph" and len(block.text) > MAX_PARAGRAPH_CHARS:
            split += 1
            blocks.extend(
                RawBlock("paragraph", block.page, piece)
                for piece in _split(block.text, MAX_PARAGRAPH_CHARS)
            )
        else:
            blocks.append(block)
    if split:
        reading.blocks = blocks
        reading.warnings.append(
            f"{split} paragraph(s) longer than {MAX_PARAGRAPH_CHARS:,} characters split at "
            "sentence ends"
        )
    return reading
