"""Share tables written as text: 金额 | 占比 columns, each row its label, its amount and its
share (基本支出 720.5 74.8% 项目支出 243.96 25.2% 合计 964.46 100%), as a 部门整体 target form
sums up its income and its spending.

A row's share is read as it stands. Its amount is read only when the table's total row (合计 …
100%) confirms it: amount / total must give the stated share, to its rounding. A damaged figure
(a lost decimal point) fails the check and stays unread; so does every amount of a table
without a total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

import regex

from ... import patterns
from ...model import Document
from ...numbers import parse_decimal
from . import types as t
from .budget_entry import amount_entry
from .cells import Cell

_RATE = regex.compile(r"(?P<n>\d+(?:\.\d+)?)%")
_NUMBER = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_PROSE = regex.compile(r"[,，。;；:：]")
LABEL_MAX = 16
HEADER_REACH = 4  # cells from 金额 to the 占比 header
ROWS_REACH = 12  # cells from the header to the first row (sub-headers, a stray figure)


@cache
def _cfg() -> dict[str, Any]:
    cfg = patterns.load("forms")["budget_shares"]
    return {
        "amount": regex.compile(cfg["amount_column"]),
        "share": regex.compile(cfg["share_column"]),
        "total": regex.compile(cfg["total"]),
    }


@dataclass
class _Row:
    label: Cell
    numbers: list[Cell] = field(default_factory=list)
    rate: Cell | None = None


def read_share_tables(doc: Document, cells: list[Cell], unit_of, scope_of) -> list[dict]:
    """The shares of every 金额/占比 table in the cell stream, and the amounts its total
    confirms."""
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
        for k, row in enumerate(rows):
            if row.rate is None:
                continue
            out.append(_share(doc, row, scope))
            if _cfg()["total"].search(row.label.squashed):
                continue  # the total's own amount is what the parts are checked against
            total = _total_near(rows, k)
            if len(row.numbers) == 1 and total is not None and _agrees(row, total):
                out.append(_amount(doc, row, unit, scope))
    return out


@lru_cache(maxsize=4096)  # tried on every cell of every form, whose texts recur (labels, figures)
def _amount_column(squashed: str) -> bool:
    return _cfg()["amount"].fullmatch(squashed) is not None


def _header_end(cells: list[Cell], i: int) -> int | None:
    if not _amount_column(cells[i].squashed):
        return None
    for k in range(i + 1, min(i + 1 + HEADER_REACH, len(cells))):
        if _cfg()["share"].search(cells[k].squashed):
            return k + 1
    return None


def _is_label(cell: Cell) -> bool:
    return (
        len(cell.squashed) <= LABEL_MAX
        and t.cell_kind(cell.text) in (t.TEXT, t.QUALITATIVE, t.END)
        and not _PROSE.search(cell.squashed)
    )


def _rows(cells: list[Cell], j: int) -> tuple[list[_Row], int]:
    """The rows after a header at ``j``: a label, its numbers, its share; the table ends at a
    cell that is none of these, or at a row that closes the table (a total after rows)."""
    rows: list[_Row] = []
    start = j
    while j < len(cells):
        cell = cells[j]
        if _is_label(cell):
            rows.append(_Row(cell))
        elif rows and _RATE.fullmatch(cell.squashed) and rows[-1].rate is None:
            rows[-1].rate = cell
        elif rows and _NUMBER.fullmatch(cell.squashed) and rows[-1].rate is None:
            rows[-1].numbers.append(cell)
        elif rows or j - start > ROWS_REACH or not _NUMBER.fullmatch(cell.squashed):
            break
        j += 1
    return rows, j


def _total_near(rows: list[_Row], k: int) -> Decimal | None:
    """The amount of the total row closing the rows around ``k`` (the next one, else the one
    before), or None."""
    totals = [
        (abs(m - k) + (0 if m > k else len(rows)), r)
        for m, r in enumerate(rows)
        if _cfg()["total"].search(r.label.squashed) and r.numbers and _pct(r) == 100
    ]
    if not totals:
        return None
    row = min(totals, key=lambda x: x[0])[1]
    return parse_decimal(row.numbers[0].squashed.replace(",", ""))


def _pct(row: _Row) -> Decimal | None:
    m = _RATE.fullmatch(row.rate.squashed) if row.rate else None
    return Decimal(m.group("n")) if m else None


def _agrees(row: _Row, total: Decimal) -> bool:
    """amount / total gives the row's share, to the share's rounding (74.8% ± 0.05) and a
    little more for a total that is itself rounded."""
    n, pct = parse_decimal(row.numbers[0].squashed.replace(",", "")), _pct(row)
    if n is None or pct is None or total <= 0:
        return False
    decimals = len(row.rate.squashed.rstrip("%").partition(".")[2]) if row.rate else 0
    slack = Decimal(5) / Decimal(10) ** (decimals + 1) + Decimal("0.05")
    return abs(n / total * 100 - pct) <= slack


def _share(doc: Document, row: _Row, scope: str) -> dict:
    cell, pct = row.rate, _pct(row)
    assert cell is not None and pct is not None  # a row's share is only ever a whole percent cell
    return {
        "scope": row.label.squashed, "part_of": scope, "item": "占比", "fund_source": None,
        "amount_yuan": None, "rate_pct": float(pct), "unit": "%", "raw": cell.text,
        "as_of": None, "label": row.label.text, "span": doc.span(cell.start, cell.end),
    }  # fmt: skip


def _amount(doc: Document, row: _Row, unit, scope: str) -> dict:
    cell = row.numbers[0]
    return amount_entry(
        doc,
        cell.start,
        cell.end,
        scope=row.label.squashed,
        item="金额",
        unit=unit,
        label=row.label.text,
        part_of=scope,
    )
