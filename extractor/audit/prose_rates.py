"""A completion rate written next to the quantities it is made of.

"实施道路养护 50 公里，……完成 30 公里，完工率 100%": within one clause (up to ；or 。), one
planned quantity (a comma segment with 实施/计划/下达 … before it) and one completed quantity of
the same unit (完成/建成 before it) fix the rate at completed / planned. A rate of 100 % for a
quantity completed beyond plan is a capped rate and agrees. A rate inside an extracted
indicator is left to ``indicator_rate``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

import regex

from .. import patterns
from ..literal_scan import Occurrences
from . import prose
from .prose import NUM
from .registry import Ctx, rule

CLAUSE = regex.compile(r"[^；;。\n]+")
NOT_QUANTITIES = {"%", "‰", "分", "年", "月", "日", "天"}


@cache
def _patterns() -> tuple[regex.Pattern, regex.Pattern]:
    cfg = prose.config()["rates"]
    units = [u for u in patterns.load("units")["count"]["units"]
             if u not in NOT_QUANTITIES and "/" not in u]  # fmt: skip
    alts = "|".join(map(regex.escape, sorted(units, key=len, reverse=True)))
    qty = regex.compile(rf"(?P<n>{NUM})\s*(?P<u>(?:万)?(?:{alts}))")
    words = "|".join(map(regex.escape, cfg["rate_words"]))
    rate = regex.compile(rf"(?:{words})(?:为|达|达到)?\s*(?P<p>{NUM})\s*%")
    return qty, rate


@cache
def _rate_words() -> regex.Pattern:
    return regex.compile(patterns.alternation(prose.config()["rates"]["rate_words"]))


def _role(segment: str, cfg: dict[str, Any]) -> str | None:
    if any(w in segment for w in cfg["done_words"]):
        return "done"
    if any(w in segment for w in cfg["planned_words"]):
        return "planned"
    return None


@rule(
    "prose_completion_rate",
    "totals",
    {"mismatch": "warning"},
    """A completion rate (完工率 P%) in the clause of one planned and one completed quantity of one
    unit: P must be completed / planned × 100 (capped at 100). Words in
    ``patterns/audit_prose.toml`` [rates].""",
)
def prose_completion_rate(ctx: Ctx) -> Iterator[dict[str, Any]]:
    text = ctx.result.get("text") or ""
    if not text:
        return
    cfg, v = prose.config()["rates"], prose.of(ctx).view
    if not any(w in v for w in cfg["rate_words"]):
        return  # no rate written anywhere: no clause needs reading
    qty, rate = _patterns()
    # A rate inside an extracted indicator with its target and actual is checked by
    # indicator_rate already; one read without them (a bare "完工率100%") is checked here.
    taken = [(s["start"], s["end"]) for ind in ctx.result.get("indicators") or []
             if (s := ind.get("span") or {}).get("start") is not None
             and ind.get("target") is not None and ind.get("actual") is not None]  # fmt: skip
    # A rate starts with its word: a clause no rate word overlaps is not searched.
    words = Occurrences(_rate_words(), v)
    for c in CLAUSE.finditer(v):
        r = rate.search(v, c.start(), c.end()) if words.overlaps(c.start(), c.end()) else None
        if r is None or any(a <= r.start() < b for a, b in taken):
            continue
        found: dict[str, list[regex.Match]] = {"done": [], "planned": []}
        for q in qty.finditer(v, c.start(), r.start()):
            seg0 = max(v.rfind(s, c.start(), q.start()) for s in "，,") + 1
            role = _role(v[max(seg0, c.start()) : q.start()], cfg)
            if role:
                found[role].append(q)
        if len(found["done"]) != 1 or len(found["planned"]) != 1:
            continue
        done, planned = found["done"][0], found["planned"][0]
        if done.group("u") != planned.group("u"):
            continue
        f = _check(ctx, text, v, done, planned, r)
        if f:
            yield f


def _num(m: regex.Match) -> Decimal:
    return Decimal(m.group("n").replace(",", ""))


def _check(ctx: Ctx, text: str, v: str, done: regex.Match, planned: regex.Match,
           r: regex.Match) -> dict[str, Any] | None:  # fmt: skip
    if _num(planned) <= 0:
        return None
    p_raw = r.group("p")
    p = Decimal(p_raw)
    expected = _num(done) / _num(planned) * 100
    tol = Decimal(5).scaleb(-(len(p_raw.split(".")[1]) + 1 if "." in p_raw else 1))
    if abs(expected - p) <= tol + Decimal("0.05") or (expected > 100 and p == 100):
        return None
    return ctx.emit(
        "mismatch", "text",
        f"计划 {prose.clean(text[planned.start():planned.end()])}、完成 "
        f"{prose.clean(text[done.start():done.end()])}，"
        f"{prose.clean(text[r.start():r.end()])} 与 {prose.fmt(expected, 1)}% 不符",
        stated=float(p), recomputed=float(expected.quantize(Decimal("0.01"))),
        span=prose.span(text, r.start(), r.end()),
        related_spans={"planned": prose.span(text, planned.start(), planned.end()),
                       "done": prose.span(text, done.start(), done.end())},
    )  # fmt: skip
