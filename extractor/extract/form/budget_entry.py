"""One budget entry for an amount read from a table cell: the shape every table reader gives
(line-item, 行次, 金额/占比 and list tables), so the contract's keys are written in one place."""

from __future__ import annotations

from typing import Any

from ...model import Document
from ...numbers import parse_decimal, to_yuan


def amount_entry(
    doc: Document,
    start: int,
    end: int,
    *,
    scope: str,
    item: str,
    unit: str | None,
    label: str,
    part_of: str | None,
) -> dict[str, Any]:
    """The entry for the amount written at ``doc.text[start:end]`` in ``unit``. Its yuan value
    is null when the table declares no unit, but for a 0: nothing is nothing in every unit."""
    raw = doc.text[start:end]
    n = parse_decimal("".join(raw.split()))
    yuan = to_yuan(n, unit) if unit and n is not None else (n if n == 0 else None)
    return {
        "scope": scope, "part_of": part_of, "item": item, "fund_source": None,
        "amount_yuan": float(yuan) if yuan is not None else None, "rate_pct": None,
        "unit": unit, "raw": raw, "as_of": None, "label": label, "span": doc.span(start, end),
    }  # fmt: skip
