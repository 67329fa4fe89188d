"""The money unit a real table declares in its label column.

A narrow label column wraps ``项目资金(万元)`` over the rows it spans (``项目资金(万`` / ``元)``),
and a page break may put the rest into the next page's table: the column's cells, read top to
bottom across the break, give the unit the text stream cannot see.
"""

from __future__ import annotations

from functools import cache

import regex

from ... import patterns
from ...model import Block, Document
from ...numbers import parse_decimal, to_yuan

ROWS_BEFORE = 3  # the last rows of the page before (the header that starts the label)
ROWS_AFTER = 6  # the rows the label cell spans


@cache
def _declared() -> list[regex.Pattern]:
    return [regex.compile(p) for p in patterns.load("forms")["units"]["declared"]]


def _label_column(block: Block, rows: slice) -> str:
    grid = block.grid or []
    return "".join(row[0].text for row in grid[rows] if row and row[0].text)


def table_unit(doc: Document, pos: int) -> str | None:
    """The unit declared in the label column of the table holding ``pos`` (and of the table
    it continues, right before it), or None."""
    at = next(
        (i for i, b in enumerate(doc.blocks) if b.kind == "table" and b.start <= pos < b.end), None
    )
    if at is None:
        return None
    text = _label_column(doc.blocks[at], slice(0, ROWS_AFTER))
    if at > 0 and doc.blocks[at - 1].kind == "table":
        text = _label_column(doc.blocks[at - 1], slice(-ROWS_BEFORE, None)) + text
    text = regex.sub(r"\s+", "", text)
    for p in _declared():
        m = p.search(text)
        if m:
            return m.group("u")
    return None


def fill_table_units(doc: Document, rows: list[dict]) -> None:
    """Amounts a table's budget block left without a unit get the one its label column declares."""
    for row in rows:
        if row.get("unit") or row.get("amount_yuan") is not None or not row.get("raw"):
            continue
        if row.get("rate_pct") is not None or row.get("span") is None:
            continue
        unit = table_unit(doc, row["span"]["start"])
        number = parse_decimal(row["raw"]) if unit else None
        if number is not None:
            row["unit"] = unit
            row["amount_yuan"] = float(to_yuan(number, unit))
