"""Rows of cells, from real tables and from tables flattened into text.

A form reaches us as a Word/PDF table (a grid with merged cells) or flattened by a trip through a
web page or Excel: pipe-separated rows, or cells separated by runs of spaces. Either way the form
reader gets the same thing: a list of rows, each a list of ``Slot``s that know their offsets.
Cells written one per line are regrouped by ``forms`` from the header's column count.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import patterns
from ..model import Block, Document


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
    """Consecutive rows that belong to one table (real or flattened)."""

    rows: list[list[Slot]]
    start: int
    end: int
    block_index: int
    # Real tables and pipe rows keep every column, so a cell's position is its column;
    # flattened rows drop empty and merged cells and are aligned by type instead.
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


_CELL = regex.compile(r"[^|]*")


def split_pipes(text: str, offset: int) -> list[Slot]:
    """Cells of a pipe-separated line, empty ones kept: their position is their column."""
    body_start = 1 if text.lstrip().startswith("|") else 0
    lead = len(text) - len(text.lstrip())
    out = []
    pos = lead + body_start
    parts = text[pos:].rstrip().removesuffix("|").split("|")
    for part in parts:
        cell = part.strip()
        start = offset + pos + (len(part) - len(part.lstrip()))
        out.append(Slot(cell, start, start + len(cell), True, len(out)))
        pos += len(part) + 1
    return out


def row_groups(doc: Document) -> list[RowGroup]:
    """Every table and every run of flattened-table lines in the document, in order.

    Computed once per document (indicators and budget both read the forms).
    """
    if "row_groups" not in doc.memo:
        doc.memo["row_groups"] = _row_groups(doc)
    return doc.memo["row_groups"]


def _row_groups(doc: Document) -> list[RowGroup]:
    groups: list[RowGroup] = []
    current: list[list[Slot]] = []
    cur_start = cur_block = 0
    prev_end = -1

    def flush() -> None:
        if current:
            groups.append(RowGroup(list(current), cur_start, prev_end, cur_block))
            current.clear()

    for i, b in enumerate(doc.blocks):
        if b.kind == "table":
            flush()
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
            continue
        for line_start, line in _lines(doc.text, b.start, b.end):
            if line.count("|") < 2:
                flush()
                continue
            if not current:
                cur_start, cur_block = line_start, i
            current.append(split_pipes(line, line_start))
            prev_end = line_start + len(line)
    flush()
    # Tables flattened without pipes (tab rows, one cell per line, run-on cells).
    from .flat import flat_groups

    groups += flat_groups(doc, [(g.start, g.end) for g in groups])
    return sorted(groups, key=lambda g: g.start)


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
    from .forms import all_families, header_map
    from .labels import known_labels

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


def _lines(text: str, start: int, end: int):
    pos = start
    for line in text[start:end].split("\n"):
        yield pos, line
        pos += len(line) + 1
