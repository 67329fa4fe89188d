"""Budget cells written as label and value pairs: a label cell that declares its own unit and the
one number after it (计划安排资金(万元) | 700 | 实际到位资金(万元) | 680), as a project's basic
form lays them out two or four to a row.

Only the unambiguous layout is read: the label names a budget item, states the unit, and is
followed by exactly one number and then by no other number (a row of numbers after a label is
a form's budget block with columns, read by the form reader). A year, a damaged figure
(7,00.0,77) or a code is no amount.
"""

from __future__ import annotations

from typing import Any

import regex

from ..model import Document
from ..numbers import parse_decimal, to_yuan
from .budget_prose import clean_label, named_item
from .form import types as t
from .form.cells import Cell
from .form.stream import form_cells

_LABEL_UNIT = regex.compile(rf"(?P<l>\p{{Han}}[\p{{Han}}:]{{1,15}})[((](?P<u>{t.MONEY_UNIT})[))]")
_PLAIN_NUMBER = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_YEAR = regex.compile(r"(?:19|20)\d{2}")


def labelled_amounts(
    doc: Document, scope: str, taken: list[tuple[int, int]]
) -> list[dict[str, Any]]:
    """The budget figures of label (unit) | value pairs not already read at ``taken`` spans."""
    cells, out = form_cells(doc), []
    for k in range(len(cells) - 1):
        label, v = cells[k].squashed, k + 1
        # Both patterns end in the unit's closing bracket: a cell without one is no label.
        if cells[v].squashed.endswith(")") and t.UNIT_CELL.fullmatch(cells[v].squashed):
            label, v = label + cells[v].squashed, v + 1  # the unit in a cell of its own
        if not label.endswith(")"):
            continue
        m = _LABEL_UNIT.fullmatch(label)
        if m is None or v >= len(cells):
            continue
        value = cells[v]
        if not _is_amount(value) or _overlaps(value, taken):
            continue
        if v + 1 < len(cells) and t.cell_kind(cells[v + 1].text) in (t.NUMBER, t.VALUE):
            continue  # a row of figures: its columns are the form reader's to tell
        item = named_item(clean_label(m.group("l")), "money")
        n = parse_decimal(value.squashed)
        if item is None or n is None:
            continue
        unit = m.group("u")
        out.append({
            "scope": scope, "item": item, "fund_source": None,
            "amount_yuan": float(to_yuan(n, unit)), "rate_pct": None, "unit": unit,
            "raw": value.text, "as_of": None, "label": m.group("l"),
            "span": doc.span(value.start, value.end),
        })  # fmt: skip
    return out


def _is_amount(cell: Cell) -> bool:
    return bool(_PLAIN_NUMBER.fullmatch(cell.squashed)) and not _YEAR.fullmatch(cell.squashed)


def _overlaps(cell: Cell, taken: list[tuple[int, int]]) -> bool:
    return any(s < cell.end and cell.start < e for s, e in taken)
