"""Compare a stated figure with a recomputed one the way people round.

A stated value written with *d* decimals agrees with a recomputed value when it equals that value
rounded half-up to *d* decimals. Equal to the value truncated to *d* decimals is still consistent
but worth a note (66 % for 8/12 = 66.67 %). Arithmetic is in ``Decimal`` so 0.1 + 0.2 is 0.3.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache

import regex

from ..numbers import ARABIC

NUMBER = regex.compile(ARABIC)

# How a stated figure relates to the recomputed one.
EXACT, ROUNDED, TRUNCATED, MISMATCH = "exact", "rounded", "truncated", "mismatch"
CONSISTENT = (EXACT, ROUNDED)


def dec(x: float | int | str | Decimal) -> Decimal:
    """A number as ``Decimal`` via its shortest repr (so 41.12 stays 41.12, not 41.1199…)."""
    if isinstance(x, Decimal):
        return x
    # The audit converts each row's amount ~200 times a report; a float's repr and parse are
    # cached by value (not 0: 0.0 and -0.0 are equal keys with different reprs).
    return _float_dec(x) if type(x) is float and x else Decimal(str(x))


@lru_cache(maxsize=4096)
def _float_dec(x: float) -> Decimal:
    return Decimal(str(x))


def decimals_of(value: float | int | Decimal, *texts: str | None) -> int:
    """The decimals ``value`` was written with: read from the first text that spells it, else
    from the value itself (a DB float 66.0 has lost its writing, so it counts as 0 decimals)."""
    # Several rules ask about the same figure of a row (every rule reading a budget row's
    # tolerance): answered once per distinct (value, texts). typed: 1, 1.0 and True are apart.
    try:
        return _decimals_cached(value, *texts)
    except TypeError:  # an unhashable argument, or a text that is no str: as uncached
        return _decimals_of(value, *texts)


@lru_cache(maxsize=4096, typed=True)
def _decimals_cached(value: float | int | Decimal, *texts: str | None) -> int:
    return _decimals_of(value, *texts)


def _decimals_of(value: float | int | Decimal, *texts: str | None) -> int:
    v = dec(value)
    for text in texts:
        if not text:
            continue
        for m in NUMBER.finditer(text):
            s = m.group().replace(",", "")
            try:
                if Decimal(s) == v:
                    return len(s.split(".")[1]) if "." in s else 0
            except ArithmeticError:
                continue
    exp = v.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def quantum(d: int) -> Decimal:
    return Decimal(1).scaleb(-d)


def half_up(x: Decimal, d: int) -> Decimal:
    return x.quantize(quantum(d), rounding=ROUND_HALF_UP)


def truncate(x: Decimal, d: int) -> Decimal:
    return x.quantize(quantum(d), rounding=ROUND_DOWN)


def classify(stated: float | int | Decimal, exact: Decimal, d: int) -> str:
    """``exact`` · ``rounded`` (half-up to d decimals) · ``truncated`` · ``mismatch``."""
    s = dec(stated)
    if s == exact:
        return EXACT
    if s == half_up(exact, d):
        return ROUNDED
    if s == truncate(exact, d):
        return TRUNCATED
    return MISMATCH


def classify_range(stated: float | int | Decimal, lo: Decimal, hi: Decimal, d: int) -> str:
    """Like ``classify`` when the recomputed value is only known to lie in [lo, hi] (inputs
    that were themselves rounded, such as 14.14 万元): any value there may be the true one."""
    if lo == hi:
        return classify(stated, lo, d)
    s = dec(stated)
    if half_up(lo, d) <= s <= half_up(hi, d):
        return ROUNDED
    if truncate(lo, d) <= s <= truncate(hi, d):
        return TRUNCATED
    return MISMATCH


def ratio(num: Decimal, den: Decimal, scale: int = 100) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 28
        return num / den * scale


def ratio_range(
    num: Decimal, den: Decimal, num_tol: Decimal, den_tol: Decimal, scale: int = 100
) -> tuple[Decimal, Decimal]:
    """The interval num/den can take when each input is only known to ± its tolerance."""
    lo_den, hi_den = den + den_tol, den - den_tol
    lo = ratio(max(num - num_tol, Decimal(0)), lo_den, scale)
    hi = ratio(num + num_tol, hi_den, scale) if hi_den > 0 else ratio(num + num_tol, den, scale)
    return lo, hi


def fmt(x: Decimal | float | int | None, d: int = 2) -> str:
    """A number for a message: at most ``d`` decimals, no trailing zeros (66.67, 60, 41.12)."""
    if x is None:
        return "—"
    return format(half_up(dec(x), d).normalize(), "f")


def as_float(x: Decimal | None, d: int = 4) -> float | None:
    """A recomputed value for storage: rounded to ``d`` decimals (enough to show the rounding)."""
    if x is None:
        return None
    f = float(half_up(x, d))
    return int(f) if f == int(f) else f
