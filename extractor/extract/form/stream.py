"""The cell stream of a stretch of a document, real tables included.

Text is cut into cells by ``cells.cell_stream`` (pipes, tabs, runs of spaces). A real table
(.docx/.xlsx/PDF grid) is the case where the separators are known: its cells come from
``Block.grid``, one line per grid row, so a cell is never split at a space nor joined to its
neighbour, whatever its text holds. A merged cell is written once, at its top-left: label
columns are filled down by the aligner, numbers never are.
"""

from __future__ import annotations

from ...model import Block, Document
from . import types as t
from .cells import Cell, _squash, cell_stream
from .page_break import GridRow, continues, is_remainder, join_remainder


def form_cells(doc: Document, start: int = 0, end: int | None = None) -> list[Cell]:
    """Every non-empty cell of ``doc.text[start:end]`` in reading order, tables by their grid.

    Built once per range of a document: the indicator and the budget readers share it."""
    end = len(doc.text) if end is None else end
    memo = doc.memo.setdefault("form_cells", {})
    if (start, end) not in memo:
        memo[(start, end)] = _form_cells(doc, start, end)
    return list(memo[(start, end)])


def _form_cells(doc: Document, start: int, end: int) -> list[Cell]:
    out: list[Cell] = []
    line, pos = 0, start
    # The table before: its block, its last row, where that row starts in ``out``, its width.
    last: tuple[int, GridRow, int, int] | None = None
    for i, b in enumerate(doc.blocks):
        if b.kind != "table" or b.start < start or b.end > end or not b.grid:
            continue
        continued = last is not None and continues(doc, last[0], i)
        # Between a table and its continuation stand only page marks (页码, 续表): no cells.
        if b.start > pos and not continued:
            out += _shifted(cell_stream(doc.text, pos, b.start), line)
        line += doc.text.count("\n", pos, b.start) + 1
        rows, width = grid_rows(doc, b, line), len(b.grid[0])
        if last and rows and continued and is_remainder(rows[0], last[1]):
            # The rest of the page's last row: joined to it, not a row of its own.
            _, row, at, last_width = last
            joined = join_remainder(row, last_width, rows.pop(0), width)
            out[at : at + len(row)] = [c for _, c in joined]
        for row in rows:
            last = (i, row, len(out), width)
            out += [c for _, c in row]
        line += len(b.grid)
        pos = b.end
    if pos < end:
        out += _shifted(cell_stream(doc.text, pos, end), line)
    return out


def grid_rows(doc: Document, block: Block, line: int = 0) -> list[GridRow]:
    """The table's rows: each merged cell once, at its top-left, empty cells left out.

    A row that a header cell spans down into (一级指标 merged over two rows) is the header's
    second row: its sub-column names (经费保障 | 制度保障 under 偏差原因分析) are no data, and
    only its own column names are kept.
    """
    out: list[GridRow] = []
    for r, row in enumerate(block.grid or []):
        cells: GridRow = []
        sub_header = any(cell.row < r and t.header_field(_squash(cell.text)) for cell in row)
        for c, cell in enumerate(row):
            if cell.row != r or cell.col != c:
                continue  # covered by a merged cell written above or to the left
            if sub_header and not t.header_field(_squash(cell.text)):
                continue
            s, e = cell.start, cell.end
            while s < e and doc.text[s].isspace():
                s += 1
            while e > s and doc.text[e - 1].isspace():
                e -= 1
            if e > s:
                cells.append((c, Cell(doc.text[s:e], s, e, line + r, not cells)))
        if cells:
            out.append(cells)
    return out


def _shifted(cells: list[Cell], lines: int) -> list[Cell]:
    return [c.moved(lines) for c in cells] if lines else cells
