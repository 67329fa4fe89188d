"""What an indicator's completion rate and score should be, by direction, under a convention.

Returns the primary recomputation and the values other conventions would give, so that a rule
can say "matches the alternative convention" instead of silently picking one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .common import ZERO, is_money, money_tolerance
from .rounding import dec, ratio, ratio_range

HUNDRED = Decimal(100)
GE, LE, EQ = ("≥", ">", None), ("≤", "<"), ("=",)


@dataclass
class Completion:
    kind: str  # "ratio" | "qualitative" | "no_target" | "no_actual"
    met: bool | None = None
    rate: Decimal | None = None  # primary completion rate, percent
    lo: Decimal | None = None  # interval of the primary rate when inputs were rounded amounts
    hi: Decimal | None = None
    alternatives: dict[str, Decimal] = field(default_factory=dict)  # method → rate
    method: str = ""


def _reverse(method: str, t: Decimal, a: Decimal) -> Decimal:
    """Rate of a ≤ target not met (a > t)."""
    if method == "target_over_actual":
        return ratio(t, a) if a else HUNDRED
    if method == "linear":
        if t == 0:
            return ZERO
        return max(ZERO, (1 - (a - t) / t) * 100)
    raise ValueError(f"unknown reverse method {method!r} in convention")


def completion(ind: dict[str, Any], conv: dict[str, Any], section: str = "rate") -> Completion:
    """Completion of one indicator under the convention's ``[rate]`` or ``[score]`` table."""
    t_raw, a_raw = ind.get("target"), ind.get("actual")
    if t_raw is None:
        return Completion("qualitative" if ind.get("target_raw") else "no_target")
    if a_raw is None:
        return Completion("no_actual")
    t, a = dec(t_raw), dec(a_raw)
    cmp = ind.get("comparator")
    if cmp is None and ind.get("nature"):
        # A form's 指标性质 column (正向/反向) gives the direction the target cell left out.
        cmp = conv.get("direction", {}).get(str(ind["nature"]).strip())
    c = Completion("ratio")
    if cmp in LE:
        c.met = a <= t if cmp == "≤" else a < t
        if c.met:
            c.rate, c.method = HUNDRED, "反向达标 (reverse target met)"
            if t > 0:
                c.alternatives["actual_over_target"] = ratio(a, t)
        else:
            c.method = conv[section]["reverse"]
            c.rate = _reverse(c.method, t, a)
            for m in conv[section].get("reverse_alternatives", []):
                c.alternatives[m] = _reverse(m, t, a)
    elif cmp in EQ:
        c.met = a == t or (t == 0 and a <= 0)
        if c.met:
            c.rate, c.method = HUNDRED, "等于达标 (equal target met)"
        elif t == 0:
            c.rate, c.method = ZERO, "等于 0 未达标"
        else:
            c.rate, c.method = ratio(a, t), "actual/target"
    else:  # ≥, > and no comparator: actual / target
        c.met = a >= t if cmp != ">" else a > t
        if t == 0:
            c.rate, c.method = (HUNDRED if c.met else ZERO), "target 0"
        else:
            c.rate, c.method = ratio(a, t), "actual/target"
            if is_money(ind.get("unit")):
                # Amounts in 万元 are roundings of yuan figures: the rate is known to an interval.
                c.lo, c.hi = ratio_range(
                    a,
                    t,
                    money_tolerance(a_raw, None, ind.get("actual_raw")),
                    money_tolerance(t_raw, None, ind.get("target_raw")),
                )
            cap = conv[section].get("cap")
            if cap is not None and c.rate > cap:
                c.alternatives["capped"] = Decimal(cap)
    return c
