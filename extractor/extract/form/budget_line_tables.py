"""决算 summary tables with a 行次 column written as text: 项目 | 行次 | 金额, each row its 科目,
its line number and its amount (八、社会保障和就业支出 38 697,723.84 九、卫生健康支出 39 …).

A flattened page may print a row's amount right after its line number, or print the amounts of
several rows as one block after the last of them; the two cannot be told apart by the numbers.
So an amount is read as a row's only where the layout is unambiguous: the row's line number,
exactly one amount, and straight after it the next row's label and line number. The total row
(总计/合计) that closes the table takes the last amount printed before the table ends, when that
amount is at least every other amount of the table: a total is never blank and never smaller
than a part. Everything else stays unread (null), never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from ... import patterns
from ...model import Document
from ...numbers import parse_decimal
from . import types as t
from .budget_entry import amount_entry
from .cells import Cell

_LINE_NO = regex.compile(r"\d{1,3}")
# An amount: with a decimal part or thousands separators; a whole number only past the line
# numbers (``_is_amount``).
_AMOUNT = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,4})?|\d+\.\d{1,4}")
_NUMBERING = regex.compile(r"^(?:[一二三四五六七八九十]+、|[((][一二三四五六七八九十\d]{1,3}[))])")
_PROSE = regex.compile(r"[,，。;；:：]")
LABEL_MAX = 30
LINE_STEP_MAX = 40  # rows without a label in between (their line numbers only)
HEADER_REACH = 3  # cells between 行次 and the amount column's header (栏次)


@cache
def _cfg() -> dict[str, Any]:
    cfg = patterns.load("forms")["budget_line_tables"]
    return {
        "amount_column": regex.compile(cfg["amount_column"]),
        "total": regex.compile(cfg["total"]),
        "final": regex.compile(cfg["final"]),
        "header": regex.compile(cfg["header"]),
    }


@dataclass
class _Row:
    label: Cell
    line_no: int
    amounts: list[Cell] = field(default_factory=list)
    next_is_row: bool = False  # the next cell after its amounts starts a row


def read_line_tables(doc: Document, cells: list[Cell], unit_of, scope_of) -> list[dict]:
    """The rows of every 行次 table in the cell stream whose amounts the layout pins down.

    ``unit_of(pos)`` gives the unit the page declares before ``pos``; ``scope_of(pos)`` the
    scope the table belongs to."""
    out: list[dict] = []
    i = 0
    while i < len(cells):
        head = _header_end(cells, i)
        if head is None:
            i += 1
            continue
        rows, i = _rows(cells, head)
        at = cells[head - 1].start
        unit, scope = unit_of(at), scope_of(at)
        final = _cfg()["final"].search(doc.text, max(0, at - 300), at)
        item = "决算数" if final else "金额"
        out += [_entry(doc, r.label, a, item, unit, scope) for r, a in _read(rows)]
    return out


def _header_end(cells: list[Cell], i: int) -> int | None:
    """After the amount column of a header whose 行次 cell is at ``i``, or None."""
    if cells[i].squashed != "行次":
        return None
    for k in range(i + 1, min(i + 1 + HEADER_REACH, len(cells))):
        if _cfg()["amount_column"].fullmatch(cells[k].squashed):
            return k + 1
    return None


def _is_label(cell: Cell) -> bool:
    return (
        len(cell.squashed) <= LABEL_MAX
        and t.cell_kind(cell.text) in (t.TEXT, t.QUALITATIVE, t.END)
        and not _PROSE.search(cell.squashed)
    )


def _row_start(cells: list[Cell], j: int, seen: set[int]) -> int | None:
    """The line number of a row starting at ``j`` (its label, then its 行次), or None. Line
    numbers are new ones near those seen: the income and the spending side of a 总表 may
    share a printed row (一、…收入 1 … 一、…支出 31 …)."""
    if j + 1 >= len(cells) or not _is_label(cells[j]):
        return None
    if not _LINE_NO.fullmatch(cells[j + 1].squashed):
        return None
    n = int(cells[j + 1].squashed)
    return n if 0 < n <= max(seen, default=0) + LINE_STEP_MAX and n not in seen else None


def _rows(cells: list[Cell], j: int) -> tuple[list[_Row], int]:
    """The table's rows from ``j`` on, and where the table ended."""
    rows: list[_Row] = []
    seen: set[int] = set()
    while j < len(cells):
        n = _row_start(cells, j, seen)
        if n is not None:
            if rows and rows[-1].amounts and cells[j - 1] is rows[-1].amounts[-1]:
                rows[-1].next_is_row = True
            row, j = _Row(cells[j], n), j + 2
            seen.add(n)
            while j < len(cells) and _is_amount(cells[j].squashed, seen):
                row.amounts.append(cells[j])
                j += 1
            rows.append(row)
        elif _LINE_NO.fullmatch(cells[j].squashed) or _cfg()["header"].fullmatch(cells[j].squashed):
            j += 1  # a row's line number with no label, a 栏次 number, a header word
        else:
            break
    return rows, j


def _is_amount(squashed: str, seen: set[int]) -> bool:
    """A decimal or a figure with separators; or a whole number no line number could be (520
    after rows 1–3, not 4): whether it is the row's is still for the next cell to tell."""
    if _AMOUNT.fullmatch(squashed):
        return True
    return squashed.isdigit() and int(squashed) > max(seen, default=0) + LINE_STEP_MAX


def _read(rows: list[_Row]) -> list[tuple[_Row, Cell]]:
    out = [(r, r.amounts[0]) for r in rows if len(r.amounts) == 1 and r.next_is_row]
    if rows and rows[-1].amounts and _cfg()["total"].search(rows[-1].label.squashed):
        last = rows[-1].amounts[-1]
        values = [parse_decimal(a.squashed.replace(",", "")) for r in rows for a in r.amounts]
        total = parse_decimal(last.squashed.replace(",", ""))
        if total is not None and all(v is not None and v <= total for v in values):
            out.append((rows[-1], last))
    return out


def _entry(doc: Document, label: Cell, cell: Cell, item: str, unit, scope: str) -> dict:
    return amount_entry(
        doc,
        cell.start,
        cell.end,
        scope=_NUMBERING.sub("", label.squashed),
        item=item,
        unit=unit,
        label=label.text,
        part_of=scope,
    )
