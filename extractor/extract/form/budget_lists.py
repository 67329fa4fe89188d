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

from functools import cache, partial
from typing import Any

import regex

from ... import patterns
from ...model import Document
from ...numbers import parse_decimal, to_yuan
from . import types as t
from .budget_entry import amount_entry
from .page_unit import page_unit

_UNIT = regex.compile(rf"\((?P<u>{t.MONEY_UNIT})\)$")
_AMOUNT = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
MIN_COLUMNS = 3
MAX_COLUMNS = 10
SERIAL = "序号"


def _any(spellings: list[str]) -> regex.Pattern:
    return regex.compile("|".join(f"(?:{p})" for p in spellings))


@cache
def _cfg() -> dict[str, Any]:
    cfg = patterns.load("forms")["budget_lists"]
    return {
        # Each a single pattern: one search per cell says whether any of its spellings is there.
        "money": _any(cfg["money_columns"]),
        "name": _any(cfg["name_columns"]),
        "not_list": _any(cfg["form_columns"]),
        "spent": regex.compile(cfg["spent_column"]),
    }


def _pipe_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of every cell of a pipe line, empty ones included, stripped of spaces
    (an empty cell sits where its pipe is)."""
    line = text[start:end]
    cells = []
    pos = start
    # ``split`` and ``strip`` in C, not a loop over the line's characters: every line of a
    # .docx table is a pipe line. ``strip()`` drops what ``isspace`` calls a space.
    for piece in line.split("|"):
        n = len(piece)
        body = piece.strip()
        if body:
            lead = n - len(piece.lstrip())
            cells.append((pos + lead, pos + lead + len(body)))
        else:
            cells.append((pos + n, pos + n))
        pos += n + 1
    if line.lstrip().startswith("|"):
        cells = cells[1:]
    if line.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells


_BLANKS = regex.compile(r"\s+")


def _squash(text: str) -> str:
    # Most cells hold no space (``isprintable`` is false for every other blank): no sub then.
    return text if " " not in text and text.isprintable() else _BLANKS.sub("", text)


def _header(cells: list[str]) -> tuple[int, int | None, str | None, str] | None:
    """(money column, name column, unit, item) of a list header, or None: the item is 执行数
    when the money column holds what was spent (实际支出数), else 预算数."""
    if len(cells) < MIN_COLUMNS:
        return None
    cfg = _cfg()
    money = [i for i, c in enumerate(cells) if cfg["money"].search(c)]
    if len(money) != 1 or any(cfg["not_list"].search(c) for c in cells):
        return None
    name = next((i for i, c in enumerate(cells) if cfg["name"].search(c)), None)
    unit = _UNIT.search(cells[money[0]])
    item = "执行数" if _cfg()["spent"].search(cells[money[0]]) else "预算数"
    return money[0], name, unit.group("u") if unit else None, item


def read_list_tables(
    doc: Document, start: int, end: int, scope_of
) -> list[tuple[list[dict], tuple[int, int]]]:
    """(rows, header span) of every pipe-row list table in ``doc.text[start:end]``.

    A list whose header declares no unit takes the page's (单位:万元), never the "(万元)" of
    another table's cell above it."""
    unit_of = partial(page_unit, doc)
    text, out = doc.text, []
    if text.find("|", start, end) < 0:
        return out  # every list table has pipes: most text reports have none
    lines, pos = [], start
    for line in text[start:end].split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    k = 0
    while k < len(lines):
        s, e = lines[k]
        k += 1
        if text[s:e].count("|") < MIN_COLUMNS - 1:
            if text.find("|", s, e) < 0:
                continue  # no cell of a list written one a line (``_line_cell``)
            found = _per_line_table(doc, lines, k - 1, unit_of, scope_of)
            if found is not None:
                out.append(found)
            continue
        spans = _pipe_cells(text, s, e)
        head = _header([_squash(text[a:b]) for a, b in spans])
        if head is None:
            continue
        money, name, unit, item = head
        unit = unit or unit_of(s)
        rows = []
        while k < len(lines) and text[lines[k][0] : lines[k][1]].count("|") >= 1:
            row = _pipe_cells(text, *lines[k])
            k += 1
            entry = _row_entries(doc, row, money, name, unit, item, scope_of)
            if entry:
                rows += entry
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
    flat, groups = [], [[]]
    for s, e in lines[k:]:
        if _FILLER.fullmatch(text[s:e]):
            groups.append([])  # a row of empty merged cells between two rows
            continue
        cell = _line_cell(text, s, e)
        if cell is None:
            break
        flat.append(cell)
        groups[-1].append(cell)
    if len(groups) > 2:
        return _by_groups(doc, [g for g in groups if g], unit_of, scope_of)
    if _squash(text[first[0] : first[1]]) == SERIAL:
        return _by_serial(doc, flat, unit_of, scope_of)
    if k > 0 and _line_cell(text, *lines[k - 1]) is not None:
        return None  # not the first cell of a header
    return _by_period(doc, flat, unit_of, scope_of)


# A line of pipes only (||||||): the empty merged cells a web table writes between its rows.
_FILLER = regex.compile(r"\s*\|(?:\s*\|)+\s*")


def _by_groups(doc: Document, groups, unit_of, scope_of):
    """Rows written one cell a line between filler lines: the first group is the header, each
    group after it one row, up to the first that is no row of the list."""
    text = doc.text
    head = _header([_squash(text[a:b]) for a, b in groups[0]])
    if head is None:
        return None
    money, name, unit, item = head
    unit, rows = unit or unit_of(groups[0][0][0]), []
    for row in groups[1:]:
        entry = _row_entries(doc, row, money, name, unit, item, scope_of)
        if not entry:
            break
        rows += entry
    return (rows, (groups[0][0][0], groups[0][-1][1])) if rows else None


def _by_serial(doc: Document, flat, unit_of, scope_of):
    """Rows found by their serial numbers (1, 2, 3 …), each row's cells the lines from its
    number on: a row-start ``|`` between rows does not shift the columns."""
    text = doc.text
    head_end = next((i for i, (a, b) in enumerate(flat) if a == b or text[a:b] == "1"), len(flat))
    head = _header([_squash(text[a:b]) for a, b in flat[:head_end]])
    if head is None:
        return None
    money, name, unit, item = head
    unit = unit or unit_of(flat[0][0])
    rows, serial, i = [], 1, head_end
    while i < len(flat):
        a, b = flat[i]
        if text[a:b] != str(serial):
            i += 1
            continue
        entry = _row_entries(doc, flat[i : i + head_end], money, name, unit, item, scope_of)
        if entry:
            rows += entry
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
        money, name, unit, item = head
        if not all(_AMOUNT.fullmatch(text[slice(*flat[r * n + money])]) for r in (1, 2)):
            continue
        unit, rows = unit or unit_of(flat[0][0]), []
        for r in range(1, len(flat) // n):
            entry = _row_entries(doc, flat[r * n : r * n + n], money, name, unit, item, scope_of)
            if not entry:
                break
            rows += entry
        return rows, (flat[0][0], flat[n - 1][1])
    return None


# A name with its code in front (30226 劳务费, 820-某镇): the cell reads as a value, it is a name.
_CODED_NAME = regex.compile(r"\d{2,9}\s*[-—]?\s*\p{Han}{2,}.*")


def _is_name(cell: str) -> bool:
    return t.cell_kind(cell) in (t.TEXT, t.QUALITATIVE) or bool(_CODED_NAME.fullmatch(cell))


def _row_entries(doc: Document, row, money, name, unit, item, scope_of) -> list[dict]:
    """A row's entry and the parts a later cell states of it (其中 30万元 用于…; 20万元 …)."""
    entry = _row(doc, row, money, name, unit, item, scope_of)
    if entry is None:
        return []
    after = [c for c in row if c[0] > entry["span"]["start"]]
    return [entry, *_parts(doc, after, entry)]


# A part in a remark cell: a figure and its own unit (其中39万元…; 11万…).
_PART = regex.compile(r"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>万元|万|元)")


def _parts(doc: Document, cells, entry: dict) -> list[dict]:
    """The parts of a row's amount written in one of its later cells as 其中 … with their own
    units, kept only when they add up to the row's amount: then they are its breakdown."""
    total = entry["amount_yuan"]
    for a, b in cells:
        if total is None or not _squash(doc.text[a:b]).startswith("其中"):
            continue
        found = list(_PART.finditer(doc.text, a, b))
        units = ["元" if m.group("u") == "元" else "万元" for m in found]  # 万 is 万元
        yuans = [to_yuan(parse_decimal(m.group("n")), u) for m, u in zip(found, units, strict=True)]
        if len(found) < 2 or abs(float(sum(yuans)) - total) > 0.01:
            continue
        return [
            {**entry, "item": "其中", "part_of": entry["scope"], "unit": u,
             "amount_yuan": float(y), "raw": m.group(), "span": doc.span(m.start(), m.end())}
            for m, u, y in zip(found, units, yuans, strict=True)
        ]  # fmt: skip
    return []


def _money_at(cells: list[str], money: int) -> int | None:
    """Where a row's amount is: under the money column, or one cell to its left when a cell
    merged over several rows (the unit that owns them) is missing from the row and everything
    before the amount is a name (| 某项目 | 66,000.00 | 说明 … under 单位 | 项目 | 预算数)."""
    if money < len(cells) and _AMOUNT.fullmatch(cells[money]):
        return money
    k = money - 1
    if 0 < k < len(cells) and _AMOUNT.fullmatch(cells[k]) and all(_is_name(c) for c in cells[:k]):
        return k
    return None


def _row(
    doc: Document, row: list[tuple[int, int]], money: int, name: int | None, unit, item, scope_of
):
    cells = [doc.text[a:b] for a, b in row]
    if any(t.cell_kind(c) in (t.LEVEL1, t.LEVEL2) for c in cells[:money]):
        return None  # an indicator row of a form that lists its budget in the same table
    at = _money_at(cells, money)
    if at is None:
        return None
    a, b = row[at]
    if at < money:  # shifted left: which name column is which is not known, the first name is
        name = None
    label = cells[name] if name is not None and name < len(cells) and cells[name] else None
    label = label or next((c for c in cells[:at] if _is_name(c)), None)
    if label is None:
        return None
    return amount_entry(
        doc, a, b, scope=label, item=item, unit=unit, label=label, part_of=scope_of(a)
    )
