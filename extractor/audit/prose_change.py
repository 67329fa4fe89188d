"""A change written with its percentage: "X 万元，较上年增加 D 万元，增长 P%".

The base of the change is last year's figure, X − D for an increase and X + D for a decrease, so
P must be D / base × 100. X is the last amount before the clause in its sentence that is not
itself the change of another clause; when X is named as last year's (上年支出 X 万元) it is the
base itself ("支出 9.07 万元，较预算减少 10.93 万元，…，较上年减少 0.71
万元" — both clauses change 9.07). A stated P that is D / X (the current year taken as the base) or
that repeats D's figure is named in the message.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

import regex

from . import prose
from .prose import NUM, Amount
from .registry import Ctx, rule


@cache
def _clause() -> regex.Pattern:
    cfg = prose.config()["change"]
    words = "|".join(prose.loose(w) for w in sorted(cfg["up"] + cfg["down"], key=len, reverse=True))
    return regex.compile(
        rf"(?P<dir>{words})(?:了)?\s*(?P<amount>{NUM}\s*(?:亿|万|千)?\s*元)\s*[，,]?\s*"
        rf"(?:同比|比上年|较上年)?\s*(?P<pdir>{words})(?:幅)?(?:了|为|达)?\s*(?P<p>{NUM})\s*%"
    )


def _sign(word: str) -> int:
    w = regex.sub(r"\s+", "", word)
    return 1 if w in prose.config()["change"]["up"] else -1


def _pct(x: Decimal, d: int) -> str:
    return prose.fmt(x, d)


@rule(
    "prose_change_rate",
    "totals",
    {"mismatch": "warning"},
    """A change and its percentage in one clause (增加 D 万元，增长 P%): P must be D over last year's
    figure (X − D after an increase, X + D after a decrease, X the amount the clause follows).
    Compared to half the last written digit of X, D and P; a P equal to D / X (this year taken as
    the base) or to D's own figure is named.""",
)
def prose_change_rate(ctx: Ctx) -> Iterator[dict[str, Any]]:
    text = ctx.result.get("text") or ""
    if not text:
        return
    v = prose.of(ctx).view
    deltas: set[int] = set()
    for m in _clause().finditer(v):
        s_dir, p_dir = _sign(m.group("dir")), _sign(m.group("pdir"))
        delta = prose.amounts(v, m.start("amount"), m.end("amount"))
        if s_dir != p_dir or not delta:
            continue
        d = delta[0]
        deltas.add(d.start)
        s0 = max(v.rfind("。", 0, m.start()), v.rfind("；", 0, m.start()), m.start() - 160) + 1
        before = [a for a in prose.amounts(v, s0, m.start()) if a.start not in deltas]
        if not before:
            continue
        x = before[-1]
        f = _check(ctx, text, v, x, d, s_dir, m)
        if f:
            yield f


def _check(ctx: Ctx, text: str, v: str, x: Amount, d: Amount, sign: int,
           m: regex.Match) -> dict[str, Any] | None:  # fmt: skip
    p_raw = m.group("p")
    p = Decimal(p_raw)
    p_dec = len(p_raw.split(".")[1]) if "." in p_raw else 0
    tp = Decimal(5).scaleb(-(p_dec + 1))
    # The percentage over the range X and D may have been rounded from.
    # "上年支出 X 万元，本年增加 D 万元": X is the base itself.
    label = prose.clean(text[prose.label_start(v, x.start) : x.start])
    named = label.replace("上年结转", "")  # this year's carry-over, not last year's figure
    back = 0 if any(w in named for w in prose.config()["change"]["last_year"]) else sign
    lo_hi = []
    for dx in (-x.half_digit, x.half_digit):
        for dd in (-d.half_digit, d.half_digit):
            base = x.yuan + dx - back * (d.yuan + dd)
            if base <= 0:
                return None
            lo_hi.append((d.yuan + dd) / base * 100)
    if min(lo_hi) - tp <= p <= max(lo_hi) + tp:
        return None
    base = x.yuan - back * d.yuan
    expected = d.yuan / base * 100
    hints = []
    if back and abs(d.yuan / x.yuan * 100 - p) <= tp + Decimal("0.01"):
        hints.append(f"{p_raw}% 是以本年数 {x.raw_number} 为基数算得")
    if p == d.figure:
        hints.append(f"{p_raw}% 与变动额 {d.raw_number} 的数字相同")
    factor = prose.config()["money"][x.unit]
    unit = x.unit if x.unit.endswith("元") else x.unit + "元"
    clause = prose.clean(text[m.start() : m.end()])
    last_year = prose.fmt(base / factor, prose.decimals(x, d))
    return ctx.emit(
        "mismatch", "text",
        f"{label} {x.raw_number}{unit}，“{clause}”：上年应为 {last_year}{unit}，"
        f"变动率应为 {_pct(expected, max(p_dec, 2))}%，文中为 {p_raw}%"
        + (f"（{'；'.join(hints)}）" if hints else ""),
        stated=float(p), recomputed=float(expected.quantize(Decimal("0.01"))),
        span=prose.span(text, m.start("p"), m.end("p") + 1 if v[m.end("p"):m.end("p") + 1] == "%"
                        else m.end("p")),
        related_spans={"amount": prose.span(text, x.start, x.end),
                       "change": prose.span(text, d.start, d.end)},
    )  # fmt: skip
