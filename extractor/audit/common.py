"""Small helpers the rules share: spans, money precision, pending words."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..numbers import money_units
from .rounding import dec, decimals_of

ZERO = Decimal(0)


def field_span(item: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The span of one field of an indicator (``field_spans``), else the whole item's span."""
    return (item.get("field_spans") or {}).get(name) or item.get("span")


def money_factor(unit: str | None) -> int | None:
    return money_units().get(unit or "")


def is_money(unit: str | None) -> bool:
    return money_factor(unit) is not None


def money_tolerance(value: float | int | None, unit: str | None, *texts: str | None) -> Decimal:
    """Half the last written digit of an amount, in the amount's own unit: 41.12 → 0.005."""
    if value is None:
        return ZERO
    d = decimals_of(value, *texts)
    return Decimal(5).scaleb(-(d + 1))


def yuan_tolerance(row: dict[str, Any]) -> Decimal:
    """Half the last written digit of a budget amount, in yuan (41.12 万元 → 50 yuan)."""
    factor = money_factor(row.get("unit")) or 1
    amount = row.get("amount_yuan")
    if amount is None:
        return ZERO
    written = dec(amount) / factor
    return money_tolerance(written, row.get("unit"), row.get("raw")) * factor


def wan(yuan: Decimal | float | int) -> str:
    """An amount in yuan for a message, in 万元 (the unit these reports use): 411200 → 41.12."""
    v = (dec(yuan) / 10000).normalize()
    return format(v.quantize(Decimal("0.0001")).normalize(), "f")


def is_pending(raw: str | None, conv: dict[str, Any]) -> bool:
    if raw is None:
        return False
    text = raw.strip()
    return any(
        w and (w == text or (len(w) > 1 and w in text)) for w in conv["actuals"]["pending_words"]
    )


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())
