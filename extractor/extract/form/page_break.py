"""A real table broken across a page: the rest of a row's wrapped cells on the next page.

Word-like processors break a row at the page end and put the last lines of its wrapped cells
("满意" / "度指标(10分)", "项目总成" / "本") in a first row of the next page's table: a few short
words, no figures. Each such fragment belongs to the cell of the row above at the same relative
column; joined, it reads as one cell (its span runs from the cell to the fragment).
"""

from __future__ import annotations

from functools import cache

import regex

from ... import patterns
from ...model import Block, Document
from .cells import Cell

GridRow = list[tuple[int, Cell]]  # (grid column, cell) of one row's non-empty cells
WEIGHT_REMARK = regex.compile(r"\(\d+(?:\.\d+)?分\)")
MAX_FRAGMENTS = 3
FRAGMENT_MAX = 12


@cache
def _marks() -> list[regex.Pattern]:
    return [patterns.compiled(p) for p in patterns.load("forms")["continuation"]["between"]]


WIDTH_SLACK = 1  # each page's fragment gets its columns from the rules drawn on that page


def _width(block: Block) -> int:
    return max((len(row) for row in block.grid or []), default=0)


def continues(doc: Document, before: int, index: int) -> bool:
    """Whether the table at block ``index`` continues the table at block ``before`` on the
    next page: about as many columns, only page numbers or 续表 between them."""
    this, last = doc.blocks[index], doc.blocks[before]
    if this.page is not None and this.page == last.page:
        return False  # two tables on one page are two tables
    if abs(_width(this) - _width(last)) > WIDTH_SLACK:
        return (
            False  # another table (年度总体目标 | 预期目标 | 实际完成情况 after the budget block)
        )
    return all(
        b.kind == "paragraph" and any(m.fullmatch(doc.text, b.start, b.end) for m in _marks())
        for b in doc.blocks[before + 1 : index]
    )


def is_remainder(row: GridRow, last: GridRow) -> bool:
    texts = [c.text for _, c in row]
    return (
        0 < len(texts) <= MAX_FRAGMENTS
        and len(texts) < len(last)
        and not any(ch.isdigit() for t in texts for ch in WEIGHT_REMARK.sub("", t))
        and all(len(t) <= FRAGMENT_MAX for t in texts)
    )


def join_remainder(last: GridRow, last_width: int, rest: GridRow, rest_width: int) -> GridRow:
    """The row above with each fragment joined to its cell at the same relative column."""
    joined = list(last)
    for col, frag in rest:
        pos = col / max(rest_width, 1)
        k = min(range(len(joined)), key=lambda j: abs(joined[j][0] / max(last_width, 1) - pos))
        c_col, cell = joined[k]
        joined[k] = (
            c_col,
            Cell(cell.text + frag.text, cell.start, frag.end, cell.line, cell.first),
        )
    return joined
