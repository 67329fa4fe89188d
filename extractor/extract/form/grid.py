"""Rows of cells from real tables (.docx/.xlsx/PDF grids): the case where the separators are known.

A table's ``Block.grid`` gives every cell its column, so a row is a list of ``Slot``s that know
their offsets and column. Merged cells repeat in the grid: the right part of a horizontal merge
is dropped, the lower part of a vertical one is kept with ``top=False`` (label columns fill it
down, number columns must not). A table continued on the next page is joined to the first.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ... import patterns
from ...model import Block, Document


@dataclass
class Slot:
    text: str
    start: int
    end: int
    # False where a merged cell continues from the row above: label columns read it (fill
    # down), number columns must not.
    top: bool = True
    col: int = 0
    # How many grid columns the slot's table has: a table continued on the next page may get
    # one more or one fewer there, and its cells are then read by type, not by position.
    table_width: int = 0


@dataclass
class RowGroup:
    """Consecutive rows that belong to one table."""

    rows: list[list[Slot]]
    start: int
    end: int
    block_index: int
    # Real tables keep every column, so a cell's position is its column; rows split out of
    # text drop empty and merged cells and are aligned by type instead.
    positional: bool = True


def table_rows(block: Block) -> list[list[Slot]]:
    rows = []
    for r, grid_row in enumerate(block.grid or []):
        row = []
        for c, cell in enumerate(grid_row):
            if cell.col != c and cell.row == r:
                continue  # the right part of a horizontal merge: the same cell again
            top = cell.row == r
            row.append(Slot(cell.text, cell.start, cell.end, top, c, len(grid_row)))
        rows.append(row)
    return rows


def grid_groups(doc: Document) -> list[RowGroup]:
    """Every real table of the document, a table continued over pages as one, in order."""
    groups: list[RowGroup] = []
    for i, b in enumerate(doc.blocks):
        if b.kind != "table":
            continue
        rows = table_rows(b)
        prev = groups[-1] if groups else None
        if prev and _continues(doc, prev, i, rows):
            # A table continued on the next page: one form, read with the first header.
            if rows and prev.rows and _is_remainder(rows[0], prev.rows[-1]):
                prev.rows[-1] = _join_remainder(prev.rows[-1], rows.pop(0))
            prev.rows.extend(rows)
            prev.end, prev.block_index = b.end, i
        else:
            groups.append(RowGroup(rows, b.start, b.end, i))
    return groups


WEIGHT_REMARK = regex.compile(r"\(\d+(?:\.\d+)?分\)")


def _is_remainder(row: list[Slot], last: list[Slot]) -> bool:
    """The rest of a row broken across the page: the last lines of its wrapped text cells
    ("满意 / 度指标(10分)", "项目总成 / 本") — a few short words, no figures."""
    texts = [s.text for s in row if s.text]
    return (
        0 < len(texts) <= 3
        and len(texts) < len([s for s in last if s.text])
        and not any(ch.isdigit() for t in texts for ch in WEIGHT_REMARK.sub("", t))
        and all(len(t) <= 12 for t in texts)
    )


def _join_remainder(last: list[Slot], rest: list[Slot]) -> list[Slot]:
    """Each fragment goes to the cell of the row above at the same relative column."""
    width_last = max((s.table_width or len(last)) for s in last)
    width_rest = max((s.table_width or len(rest)) for s in rest)
    joined = list(last)
    for frag in (s for s in rest if s.text):
        pos = frag.col / max(width_rest, 1)
        k = min(range(len(joined)), key=lambda j: abs(joined[j].col / max(width_last, 1) - pos))
        cell = joined[k]
        joined[k] = Slot(
            cell.text + frag.text, cell.start, frag.end, cell.top, cell.col, cell.table_width
        )
    return joined


def _opens_a_form(row: list[Slot]) -> bool:
    from ..labels import known_labels
    from .columns import all_families, header_map

    texts = [s.text for s in row if s.text]
    if texts and texts[0].startswith(known_labels()):
        return True
    return len(header_map(row, all_families())) >= 3


def _width(rows: list[list[Slot]]) -> int:
    return max((s.col for row in rows for s in row), default=-1) + 1


def _continues(doc: Document, prev: RowGroup, index: int, rows: list[list[Slot]]) -> bool:
    """Whether the table at block ``index`` continues the table of ``prev``.

    Only short lines (page numbers, "续表") may stand between them, and the columns must match.
    """
    between = doc.blocks[prev.block_index + 1 : index]
    cfg = patterns.load("forms")
    marks = [patterns.compiled(p) for p in cfg["continuation"]["between"]]
    if any(
        b.kind != "paragraph" or not any(m.fullmatch(doc.text, b.start, b.end) for m in marks)
        for b in between
    ):
        return False
    this, last = doc.blocks[index], doc.blocks[prev.block_index]
    if this.page is not None and this.page == last.page:
        return False  # two tables on one page are two tables
    if _width(prev.rows) == _width(rows):
        return True
    # Each page's fragment gets its columns from the rules on that page, so the counts may
    # differ by one; a fragment that opens with a row of its own form (a header, 项目名称) is a
    # new table, one that opens with data continues the last.
    if abs(_width(prev.rows) - _width(rows)) <= 1 and rows and not _opens_a_form(rows[0]):
        return True
    # A form's last row alone on the next page, its merged cells changing the column count.
    first = next((c.text for c in rows[0] if c.text), "") if rows else ""
    ends = [patterns.compiled(p) for p in cfg["indicator_end"]["rows"]]
    return len(rows) <= 2 and any(p.search(first) for p in ends)
