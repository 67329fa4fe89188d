"""The document model every step after reading works on.

A reader turns a file into ``RawBlock``s (paragraphs and tables, in reading order, with the page
they sit on). ``normalize.build_document`` turns those into one ``Document``: a single normalized
``text`` that every extractor indexes into, with each block and table cell knowing its
``[start, end)`` range in that text. A value found anywhere therefore has an exact span.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["paragraph", "table"]


@dataclass
class RawCell:
    """One table cell as read, placed at its top-left grid position."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class RawBlock:
    """What a reader yields: a paragraph (``text``) or a table (``rows``).

    In ``rows`` a grid position covered by a merged cell (right of or below its top-left) is
    ``None``; the merged cell carries ``rowspan``/``colspan``. Readers resolve merges, so ``None``
    never means "empty cell" — an empty cell is ``RawCell("")``.
    """

    kind: BlockKind
    page: int | None = None
    text: str = ""
    rows: list[list[RawCell | None]] | None = None


@dataclass
class Cell:
    """A table cell in the normalized text: ``doc.text[start:end] == text``."""

    text: str
    start: int
    end: int
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1

    def covers(self, row: int, col: int) -> bool:
        return (
            self.row <= row < self.row + self.rowspan and self.col <= col < self.col + self.colspan
        )


@dataclass
class Block:
    kind: BlockKind
    start: int
    end: int
    page: int | None = None
    # For tables: grid[r][c] is the Cell covering that position; a merged cell appears at every
    # position it covers (the same object), so callers decide whether to fill down or not.
    grid: list[list[Cell]] | None = None

    @property
    def cells(self) -> list[Cell]:
        """Distinct cells in reading order (a merged cell once)."""
        seen: set[int] = set()
        out: list[Cell] = []
        for row in self.grid or []:
            for cell in row:
                if id(cell) not in seen:
                    seen.add(id(cell))
                    out.append(cell)
        return out


@dataclass
class Document:
    text: str
    blocks: list[Block]
    # For each normalized offset, the offset in the reader's raw text it came from (len(text)+1).
    raw_offsets: list[int] = field(default_factory=list, repr=False)
    raw_text: str = field(default="", repr=False)
    pages: int | None = None
    # What one extractor found that later ones reuse (row groups, the forms' totals).
    memo: dict = field(default_factory=dict, repr=False)
    # ``text`` in the characters as written, same length: a traditional report's ``text`` is a
    # simplified view that extractors match; this is what users get. Empty: same as ``text``.
    surface: str = field(default="", repr=False)

    @property
    def shown(self) -> str:
        """The text as written (what the output's ``text`` and every ``span.text`` slice)."""
        return self.surface or self.text

    def page_at(self, offset: int) -> int | None:
        starts = self.memo.get("block_starts")
        if starts is None or len(starts) != len(self.blocks):
            starts = self.memo["block_starts"] = [b.start for b in self.blocks]
        i = bisect.bisect_right(starts, offset) - 1
        return self.blocks[i].page if i >= 0 else None

    def span(self, start: int, end: int) -> dict:
        """The contract's span dict for ``text[start:end]``."""
        return {
            "page": self.page_at(start),
            "start": start,
            "end": end,
            "text": self.text[start:end],
        }

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized range back to the reader's raw text."""
        if not self.raw_offsets:
            return start, end
        return self.raw_offsets[start], self.raw_offsets[end]

    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "table"]
