"""The line-item tables of a 部门决算 page written as text: 科目 rows × 预算数 / 决算数 columns
(三公经费 | 246 | 167.37, or 2017年决算数 | 2018年预算数 | 2018年决算数 on a basic-data form).

Unlike a performance form's budget block the rows are any 科目 (公务接待费, 办公经费 …), so a
row is a text cell followed by its numbers. A row with as many numbers as columns gets one entry
per column; a row with fewer is kept with its column unknown (item 金额): which columns its blank
cells held is not written, and guessing it would invent a fact.

A row's scope is its 科目 (公务接待费 预算数 is not the department's 预算数, which the audit
checks execution against); ``part_of`` keeps the scope the table itself belongs to.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import regex

from ... import patterns
from ...model import Document
from ...numbers import parse_decimal, to_yuan
from . import types as t
from .cells import Cell

ROW_KINDS = (t.TEXT, t.QUALITATIVE, t.END)
UNKNOWN_COLUMN = "金额"
# What goes before a 科目's name: its number (1、 (二)) and 其中.
_LEAD = regex.compile(r"^(?:[(（]?[\d一二三四五六七八九十]{1,3}[)）、.．]|其中[:]?)+")


@cache
def _cfg() -> dict[str, Any]:
    cfg = patterns.load("forms")["budget_item_tables"]
    return {
        "columns": [regex.compile(p) for p in cfg["columns"]],
        "final": regex.compile(cfg["final"]),
        "label_max": int(cfg["label_max"]),
    }


def _is_column(cell: Cell) -> bool:
    return _names_column(cell.squashed)


@lru_cache(maxsize=65536)
def _names_column(squashed: str) -> bool:  # asked for every cell of every form
    return any(p.fullmatch(squashed) for p in _cfg()["columns"])


def _header_at(cells: list[Cell], i: int) -> int:
    """After the last column of a 预算数/决算数 header starting at ``i``, or ``i`` for none."""
    j = i
    while j < len(cells) and _is_column(cells[j]):
        j += 1
    cols = cells[i:j]
    if len(cols) >= 2 and any(_cfg()["final"].search(c.squashed) for c in cols):
        return j
    return i


def _is_label(cell: Cell) -> bool:
    return len(cell.squashed) <= _cfg()["label_max"] and t.cell_kind(cell.text) in ROW_KINDS


# A decimal with a stray full stop after it (7.50.): flattened PDF text ends a cell so.
_STRAY_STOP = regex.compile(r"\d+\.\d+\.")


def _amount(cell: Cell) -> Cell | None:
    """The cell as an amount (a stray stop cut off), or None."""
    if _STRAY_STOP.fullmatch(cell.text):
        return Cell(cell.text[:-1], cell.start, cell.end - 1, cell.line, cell.first)
    if t.cell_kind(cell.text) == t.NUMBER and not cell.squashed.endswith("分"):
        return cell
    return None


def read_item_tables(
    doc: Document, cells: list[Cell], unit_of, scope_of
) -> list[tuple[list[dict], tuple[int, int]]]:
    """(rows, header span) of every line-item table in the cell stream.

    ``unit_of(pos)`` gives the money unit declared before ``pos``; ``scope_of(pos)`` the scope."""
    out, i = [], 0
    while i < len(cells):
        h1 = _header_at(cells, i)
        if h1 == i:
            i += 1
            continue
        columns = [c.squashed for c in cells[i:h1]]
        unit, scope = unit_of(cells[i].start), scope_of(cells[i].start)
        rows, j = [], h1
        while j < len(cells) and _is_label(cells[j]):
            k, values = j + 1, []
            while k < len(cells) and (value := _amount(cells[k])) is not None:
                values.append(value)
                k += 1
            if len(values) > len(columns):
                break  # not this table's row any more
            named = columns if len(values) == len(columns) else [UNKNOWN_COLUMN] * len(values)
            rows += [
                _entry(doc, cells[j], col, v, unit, scope)
                for col, v in zip(named, values, strict=True)
            ]
            j = k
        if rows:
            out.append((rows, (cells[i].start, cells[h1 - 1].end)))
        i = max(j, h1)
    return out


def _entry(
    doc: Document, label: Cell, column: str, cell: Cell, unit: str | None, scope: str
) -> dict:
    n = parse_decimal(cell.squashed)
    yuan = to_yuan(n, unit) if unit and n is not None else None
    return {
        "scope": _subject(label.squashed), "part_of": scope, "item": column, "fund_source": None,
        "amount_yuan": float(yuan) if yuan is not None else None, "rate_pct": None,
        "unit": unit, "raw": cell.text, "as_of": None, "label": label.text,
        "span": doc.span(cell.start, cell.end),
    }  # fmt: skip


def _subject(label: str) -> str:
    """The 科目 a row is about: its label without numbering or 其中 (其中:办公经费 → 办公经费)."""
    return _LEAD.sub("", label).rstrip(":") or label
