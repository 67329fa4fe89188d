"""Small helpers the rules share: spans, money precision, pending words."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..numbers import money_units
from .rounding import dec, decimals_of

ZERO = Decimal(0)


def field_span(item: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The span of one field of an indicator (``field_spans``), else the whole item's span."""
    return (item.get("field_spans") or {}).get(name) or item.get("span")


def project(ind: dict[str, Any]) -> str | None:
    """The project an indicator belongs to (a file may hold one 自评表 per project)."""
    return ind.get("project") or ind.get("scope")


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
    # Rules ask a row's tolerance ~6 times a report (rates, shares, sums, cost matches), on rows
    # the budget view copies: answered once per distinct (factor, amount, raw). The factor, not
    # the unit, is the key, so a reloaded units table is never answered from before.
    try:
        return _yuan_tolerance_cached(factor, amount, row.get("raw"))
    except TypeError:  # an unhashable amount or raw: as uncached
        return _yuan_tolerance(factor, amount, row.get("raw"))


@lru_cache(maxsize=4096, typed=True)  # typed: 1, 1.0 and Decimal(1) are apart, as in decimals_of
def _yuan_tolerance_cached(factor: int, amount: Any, raw: Any) -> Decimal:
    return _yuan_tolerance(factor, amount, raw)


def _yuan_tolerance(factor: int, amount: Any, raw: Any) -> Decimal:
    written = dec(amount) / factor
    return money_tolerance(written, None, raw) * factor


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


def budget_view(result: dict[str, Any], conv: dict[str, Any]) -> dict[str, Any]:
    """The result with budget rows in one vocabulary (全年预算数 → 预算数; a total row's
    fund_source 年度资金总额 → None), copied so the caller's dict is untouched."""
    cfg = conv["budget"]
    aliases, totals = cfg.get("item_aliases", {}), set(cfg.get("total_fund_sources", []))
    rows = []
    for row in result.get("budget") or []:
        r = dict(row)
        r["item"] = aliases.get(r.get("item"), r.get("item"))
        if r.get("fund_source") in totals:
            r["fund_source"] = None
        rows.append(r)
    return {**result, "budget": rows}
