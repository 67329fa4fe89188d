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
from ...numbers import parse_decimal
from . import types as t
from .budget_entry import amount_entry
from .cells import Cell

ROW_KINDS = (t.TEXT, t.QUALITATIVE, t.END)
UNKNOWN_COLUMN = "金额"
# What goes before a 科目's name: its number (1、 (二)) and 其中.
_LEAD = regex.compile(r"^(?:[(（]?[\d一二三四五六七八九十]{1,3}[)）、.．]|其中[:]?)+")


@cache
def _cfg() -> dict[str, Any]:
    cfg = patterns.load("forms")["budget_item_tables"]
    return {
        # The column spellings as one pattern: one match per cell, not one per spelling.
        "columns": regex.compile("|".join(f"(?:{p})" for p in cfg["columns"])),
        "final": regex.compile(cfg["final"]),
        "label_max": int(cfg["label_max"]),
        "code": regex.compile(cfg["subject_code"]),
        "subtotal": regex.compile(cfg["subtotal"]),
    }


def _is_column(cell: Cell) -> bool:
    return _names_column(cell.squashed)


@lru_cache(maxsize=4096)
def _names_column(squashed: str) -> bool:  # asked for every cell of every form
    return _cfg()["columns"].fullmatch(squashed) is not None


def _header_at(cells: list[Cell], i: int) -> tuple[int, list[Cell]]:
    """(after the last column, the columns) of a 预算数/决算数 header starting at ``i``, or
    (``i``, []) for none. A unit in a cell of its own joins the column before it (一般项目 |
    (万元))."""
    j, cols = i, []
    while j < len(cells):
        if j + 1 < len(cells) and t.UNIT_CELL.fullmatch(cells[j + 1].squashed):
            joined = _joined(cells[j], cells[j + 1])
            if _is_column(joined):
                cols.append(joined)
                j += 2
                continue
        if not _is_column(cells[j]):
            break
        cols.append(cells[j])
        j += 1
    if len(cols) >= 2 and any(_cfg()["final"].search(c.squashed) for c in cols):
        return j, cols
    return i, []


def _joined(a: Cell, b: Cell) -> Cell:
    return Cell(a.text + b.text, a.start, b.end, a.line, a.first)


# A cell of running text (a clause with a comma) ends the table; so does a section heading
# (三、…), unless amounts follow it: then it is a numbered row (一、会议费 | 0 | 0).
_NOT_ROW = regex.compile(r"[,，。;；]")
_HEADING = regex.compile(r"^[一二三四五六七八九十]+、")


def _is_label(cell: Cell, after: Cell | None = None) -> bool:
    if _HEADING.search(cell.squashed) and (after is None or _amount(after) is None):
        return False
    return (
        len(cell.squashed) <= _cfg()["label_max"]
        and t.cell_kind(cell.text) in ROW_KINDS
        and not _NOT_ROW.search(cell.squashed)
    )


def _at(cells: list[Cell], k: int) -> Cell | None:
    return cells[k] if k < len(cells) else None


def _label_at(
    doc: Document, cells: list[Cell], j: int, serial: int
) -> tuple[Cell, int, int] | None:
    """The row label starting at ``j``, the index after it and the row's serial number (0 for
    none), or None: a name; a 科目 code in its own cell and the name after it (30399 |
    其他商品和服务支出) as one label; the expected serial number and the name after it."""
    if j < len(cells) and _is_label(cells[j], _at(cells, j + 1)):
        return cells[j], j + 1, 0
    if j + 1 >= len(cells) or not _is_label(cells[j + 1], _at(cells, j + 2)):
        return None
    if serial and cells[j].squashed == str(serial):
        return cells[j + 1], j + 2, serial
    if _cfg()["code"].fullmatch(cells[j].squashed):
        code, name = cells[j], cells[j + 1]
        label = Cell(doc.text[code.start : name.end], code.start, name.end, code.line, code.first)
        return label, j + 2, 0
    return None


def _header_unit(columns: list[Cell]) -> str | None:
    """The unit the header's columns declare (一般项目(万元) | 重点项目(万元)), if they agree."""
    units = {m.group("u") for c in columns if (m := _UNIT_SUFFIX.search(c.squashed))}
    return units.pop() if len(units) == 1 else None


_UNIT_SUFFIX = regex.compile(rf"[((](?P<u>{t.MONEY_UNIT})[))]$")


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
    words = [c.squashed for c in cells]
    # A unit cell opens with "(" (``UNIT_CELL``): one character test before the pattern.
    while i < len(cells):
        if not _names_column(words[i]) and not (
            i + 1 < len(cells) and words[i + 1][:1] == "(" and t.UNIT_CELL.fullmatch(words[i + 1])
        ):
            i += 1  # no header starts here (``_header_at``'s first step, without the call)
            continue
        h1, header = _header_at(cells, i)
        if h1 == i:
            i += 1
            continue
        columns = [_UNIT_SUFFIX.sub("", c.squashed) for c in header]
        unit = _header_unit(header) or unit_of(cells[i].start)
        scope = scope_of(cells[i].start)
        rows, j, serial = [], h1, 0
        while (found := _label_at(doc, cells, j, serial + 1)) is not None:
            label, k, numbered = found
            serial = numbered or serial
            values = []
            while (
                k < len(cells)
                and (value := _amount(cells[k])) is not None
                and not _next_row_at(doc, cells, k, numbered, len(values) == len(columns))
            ):
                values.append(value)
                k += 1
            if len(values) > len(columns):
                break  # not this table's row any more
            rows += [
                _entry(doc, label, col, v, unit, scope)
                for col, v in zip(_named(columns, values), values, strict=True)
            ]
            j = k
        if rows:
            out.append((rows, (cells[i].start, cells[h1 - 1].end)))
        i = max(j, h1)
    return out


def _named(columns: list[str], values: list[Cell]) -> list[str]:
    """The column of each of a row's values: all of them for a full row; for a row with empty
    cells dropped, only a leading 小计 that equals the sum of the others is known to be 小计."""
    if len(values) == len(columns):
        return columns
    named = [UNKNOWN_COLUMN] * len(values)
    numbers = [parse_decimal(v.squashed) for v in values]
    if (
        len(values) >= 2
        and _cfg()["subtotal"].fullmatch(columns[0])
        and all(n is not None for n in numbers)
        and numbers[0] == sum(numbers[1:])
    ):
        named[0] = columns[0]
    return named


def _next_row_at(doc: Document, cells: list[Cell], k: int, serial: int, full: bool) -> bool:
    """Whether the cell at ``k`` starts the next row rather than being a value of this one
    (numbered ``serial``, 0 for none): the next serial number (before a name or at the end of
    the text), or after a full row a serial or a 科目 code and a name."""
    if (
        serial
        and cells[k].squashed == str(serial + 1)
        and (k + 1 == len(cells) or _label_at(doc, cells, k + 1, 0) is not None)
    ):
        return True
    return full and _label_at(doc, cells, k, serial + 1) is not None


def _entry(
    doc: Document, label: Cell, column: str, cell: Cell, unit: str | None, scope: str
) -> dict:
    return amount_entry(
        doc,
        cell.start,
        cell.end,
        scope=_subject(label.squashed),
        item=column,
        unit=unit,
        label=label.text,
        part_of=scope,
    )


def _subject(label: str) -> str:
    """The 科目 a row is about: its label without numbering or 其中 (其中:办公经费 → 办公经费)."""
    return _LEAD.sub("", label).rstrip(":") or label
