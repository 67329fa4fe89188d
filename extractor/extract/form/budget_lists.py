"""List tables written as pipe rows with one money column: one project (or unit) a row and its
amount (序号 | 主管部门 | 项目名称 | 资金量(万元) | 评价等级, or 单位名称 | 项目名称 | 预算数 | …).

The cell stream drops empty cells, so here a row is split on its own pipes with the empty cells
kept: the amount is the cell under the money column, never the nearest number. A row with a
level label (产出指标…) before that column is an indicator row, not a list row.

A row's scope is what it names (the project, the village the money goes to), never the
department: its amount is a part, and ``part_of`` keeps the scope the list belongs to.
Lists written one cell a line are read by their serial numbers or by their row length.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from ... import patterns
from ...model import Document
from ...numbers import parse_decimal, to_yuan
from . import types as t

_UNIT = regex.compile(r"\((?P<u>万元|元|千元|亿元)\)$")
_AMOUNT = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
MIN_COLUMNS = 3
MAX_COLUMNS = 10
SERIAL = "序号"


@cache
def _cfg() -> dict[str, Any]:
    cfg = patterns.load("forms")["budget_lists"]
    return {
        "money": [regex.compile(p) for p in cfg["money_columns"]],
        "name": [regex.compile(p) for p in cfg["name_columns"]],
        "not_list": [regex.compile(p) for p in cfg["form_columns"]],
    }


def _pipe_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of every cell of a pipe line, empty ones included, stripped of spaces."""
    line = text[start:end]
    bounds = [-1] + [i for i, ch in enumerate(line) if ch == "|"] + [len(line)]
    cells = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        s, e = a + 1, b
        while s < e and line[s].isspace():
            s += 1
        while e > s and line[e - 1].isspace():
            e -= 1
        cells.append((start + s, start + e))
    if line.lstrip().startswith("|"):
        cells = cells[1:]
    if line.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells


_BLANKS = regex.compile(r"\s+")


def _squash(text: str) -> str:
    return _BLANKS.sub("", text)


def _header(cells: list[str]) -> tuple[int, int | None, str | None] | None:
    """(money column, name column, unit) of a list header, or None."""
    if len(cells) < MIN_COLUMNS:
        return None
    money = [i for i, c in enumerate(cells) if any(p.search(c) for p in _cfg()["money"])]
    if len(money) != 1 or any(p.search(c) for p in _cfg()["not_list"] for c in cells):
        return None
    name = next((i for i, c in enumerate(cells) if any(p.search(c) for p in _cfg()["name"])), None)
    unit = _UNIT.search(cells[money[0]])
    return money[0], name, unit.group("u") if unit else None


def read_list_tables(
    doc: Document, start: int, end: int, unit_of, scope_of
) -> list[tuple[list[dict], tuple[int, int]]]:
    """(rows, header span) of every pipe-row list table in ``doc.text[start:end]``."""
    text, out = doc.text, []
    lines, pos = [], start
    for line in text[start:end].split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    k = 0
    while k < len(lines):
        s, e = lines[k]
        k += 1
        if text[s:e].count("|") < MIN_COLUMNS - 1:
            found = _per_line_table(doc, lines, k - 1, unit_of, scope_of)
            if found is not None:
                out.append(found)
            continue
        spans = _pipe_cells(text, s, e)
        head = _header([_squash(text[a:b]) for a, b in spans])
        if head is None:
            continue
        money, name, unit = head
        unit = unit or unit_of(s)
        rows = []
        while k < len(lines) and text[lines[k][0] : lines[k][1]].count("|") >= 1:
            row = _pipe_cells(text, *lines[k])
            k += 1
            entry = _row(doc, row, money, name, unit, scope_of)
            if entry is not None:
                rows.append(entry)
        if rows:
            out.append((rows, (s, e)))
    return out


def _line_cell(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The one cell of a line written one cell a line (``西坪镇 |``; ``|`` alone: empty), or None."""
    if "|" not in text[s:e] or text[s:e].count("|") > 1:
        return None
    cells = _pipe_cells(text, s, e)
    return cells[0] if cells else (s, s)


def _per_line_table(doc: Document, lines, k: int, unit_of, scope_of):
    """A list table written one cell a line, from its header's first line at ``k``."""
    text = doc.text
    first = _line_cell(text, *lines[k])
    if first is None or first[0] == first[1]:
        return None
    flat = []
    for s, e in lines[k:]:
        cell = _line_cell(text, s, e)
        if cell is None:
            break
        flat.append(cell)
    if _squash(text[first[0] : first[1]]) == SERIAL:
        return _by_serial(doc, flat, unit_of, scope_of)
    if k > 0 and _line_cell(text, *lines[k - 1]) is not None:
        return None  # not the first cell of a header
    return _by_period(doc, flat, unit_of, scope_of)


def _by_serial(doc: Document, flat, unit_of, scope_of):
    """Rows found by their serial numbers (1, 2, 3 …), each row's cells the lines from its
    number on: a row-start ``|`` between rows does not shift the columns."""
    text = doc.text
    head_end = next((i for i, (a, b) in enumerate(flat) if a == b or text[a:b] == "1"), len(flat))
    head = _header([_squash(text[a:b]) for a, b in flat[:head_end]])
    if head is None:
        return None
    money, name, unit = head
    unit = unit or unit_of(flat[0][0])
    rows, serial, i = [], 1, head_end
    while i < len(flat):
        a, b = flat[i]
        if text[a:b] != str(serial):
            i += 1
            continue
        entry = _row(doc, flat[i : i + head_end], money, name, unit, scope_of)
        if entry is not None:
            rows.append(entry)
        serial, i = serial + 1, i + head_end
    return (rows, (flat[0][0], flat[head_end - 1][1])) if rows else None


def _by_period(doc: Document, flat, unit_of, scope_of):
    """Rows of a fixed number of lines (empty cells written as ``|``): the header is the first
    ``n`` cells for the smallest ``n`` under which the first two rows hold an amount under the
    money column. The rows end at the first that does not."""
    text = doc.text
    for n in range(MIN_COLUMNS, min(MAX_COLUMNS, len(flat) // 3) + 1):
        cells = [text[a:b] for a, b in flat[:n]]
        if any(not c or t.cell_kind(c) in (t.NUMBER, t.VALUE) for c in cells):
            return None
        head = _header([_squash(c) for c in cells])
        if head is None:
            continue
        money, name, unit = head
        if not all(_AMOUNT.fullmatch(text[slice(*flat[r * n + money])]) for r in (1, 2)):
            continue
        unit, rows = unit or unit_of(flat[0][0]), []
        for r in range(1, len(flat) // n):
            entry = _row(doc, flat[r * n : r * n + n], money, name, unit, scope_of)
            if entry is None:
                break
            rows.append(entry)
        return rows, (flat[0][0], flat[n - 1][1])
    return None


def _row(doc: Document, row: list[tuple[int, int]], money: int, name: int | None, unit, scope_of):
    if money >= len(row):
        return None
    cells = [doc.text[a:b] for a, b in row]
    if any(t.cell_kind(c) in (t.LEVEL1, t.LEVEL2) for c in cells[:money]):
        return None  # an indicator row of a form that lists its budget in the same table
    a, b = row[money]
    if not _AMOUNT.fullmatch(doc.text[a:b]):
        return None
    label = cells[name] if name is not None and name < len(cells) and cells[name] else None
    label = label or next(
        (c for c in cells[:money] if t.cell_kind(c) in (t.TEXT, t.QUALITATIVE)), None
    )
    if label is None:
        return None
    n = parse_decimal(doc.text[a:b].replace(",", ""))
    yuan = to_yuan(n, unit) if unit and n is not None else None
    return {
        "scope": label, "part_of": scope_of(a),
        "item": "预算数", "fund_source": None,
        "amount_yuan": float(yuan) if yuan is not None else None, "rate_pct": None,
        "unit": unit, "raw": doc.text[a:b], "as_of": None, "label": label,
        "span": doc.span(a, b),
    }  # fmt: skip
