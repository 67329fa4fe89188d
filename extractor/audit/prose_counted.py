"""A total announced for a number of parts, against the list of that many parts.

"专项资金共计 X 万元，计划用于 6 类专项支出" in one place and "资金规模共计 Y 万元，其中：A …、
B …（six parts）" in another: when the six listed parts add up to neither X nor their own total is
X, the report gives two totals for one set of parts (a warning naming both).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

import regex

from . import prose
from .prose import Amount
from .prose_sums import lists
from .registry import Ctx, rule

CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")}


@cache
def _announce() -> regex.Pattern:
    cfg = prose.config()["counted"]
    lead = "|".join(prose.loose(w) for w in sorted(cfg["lead"], key=len, reverse=True))
    kinds = "|".join(map(regex.escape, cfg["kinds"]))
    return regex.compile(
        rf"[\s，,]{{0,3}}(?:{lead})\s*(?P<n>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})\s*(?:{kinds})"
    )


def _count(word: str) -> int:
    if word.isdigit():
        return int(word)
    if len(word) == 2:  # 十二 → 12, 二十 → 20
        return CN_DIGITS[word[0]] * 10 if word[1] == "十" else 10 + CN_DIGITS[word[1]]
    return CN_DIGITS[word]


@rule(
    "prose_counted_total",
    "totals",
    {"two_totals": "warning"},
    """A total announced for N parts (共计 X 万元，用于 N 类…) vs a list of exactly N parts elsewhere
    whose sum and stated total both differ from X: two totals for one set of parts.""",
)
def prose_counted_total(ctx: Ctx) -> Iterator[dict[str, Any]]:
    text = ctx.result.get("text") or ""
    if not text:
        return
    read = prose.of(ctx)
    v = read.view
    announced: list[tuple[Amount, int]] = []
    for a in read.amounts:
        m = _announce().match(v, a.end)
        if m:
            announced.append((a, _count(m.group("n"))))
    closed = [(a, [part for _, part in named]) for a, named, open_ended in lists(ctx)
              if not open_ended]  # fmt: skip
    for total, n in announced:
        for listed, parts in closed:
            s = sum((p.yuan for p in parts), Decimal(0))
            if len(parts) != n or listed.start == total.start or total.yuan in (s, listed.yuan):
                continue
            yield ctx.emit(
                "two_totals", "text",
                f"{prose.clean(text[prose.label_start(v, total.start):total.start])} "
                f"{prose.clean(total.raw)} 称用于 {n} 项（类），而所列 {n} 项合计 "
                f"{prose.fmt(s / prose.config()['money'][listed.unit], prose.decimals(*parts))}"
                f"{listed.unit if listed.unit.endswith('元') else listed.unit + '元'}"
                f"（所述总额 {prose.clean(listed.raw)}），两处总额不一",
                stated=total.yuan, recomputed=s, span=prose.span(text, total.start, total.end),
                related_spans={"listed_total": prose.span(text, listed.start, listed.end)},
            )  # fmt: skip
            break
