"""An indicator read from prose: every field of the contract, unknown until a clause gives it."""

from __future__ import annotations

from typing import Any

from ..model import Document
from ..numbers import as_number
from .values import Value

NULL_FIELDS = (
    "unit", "comparator", "target_raw", "actual_raw", "stated_rate_raw", "score_raw", "weight_raw",
    "deviation_raw", "target", "actual", "stated_rate_pct", "weight", "score", "deviation_reason",
    "forecast_raw", "forecast",
)  # fmt: skip


def blank(name: str, level1: str | None, level2: str | None) -> dict[str, Any]:
    """An indicator with every field of the contract unknown."""
    ind: dict[str, Any] = dict.fromkeys(NULL_FIELDS)
    ind.update(level1=level1, level2=level2, name=name, field_spans={})
    return ind


def set_value(doc: Document, ind: dict[str, Any], field: str, v: Value) -> None:
    """Give ``ind`` the value ``v`` in ``field`` (target, actual, forecast), with its span."""
    ind[f"{field}_raw"] = v.raw
    ind[field] = as_number(v.number)
    ind["field_spans"][field] = doc.span(v.start, v.end)
    if field == "target":
        ind["comparator"] = v.comparator
    ind["unit"] = ind["unit"] or v.unit


def set_rate(doc: Document, ind: dict[str, Any], v: Value) -> None:
    """Give ``ind`` its stated completion rate (a percentage)."""
    ind["stated_rate_raw"], ind["stated_rate_pct"] = v.raw, as_number(v.number)
    ind["field_spans"]["rate"] = doc.span(v.start, v.end)
