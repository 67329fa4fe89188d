"""Unit slips in the prose: a dropped 万 that the report itself gives away.

Two signs, each a warning: the same figure written once with 万 and once without in one report
("防治作业面积 12.345 万亩" and "…面积 12.345 亩"), a figure of at least ``same_figure_min_digits``
digits so that a coincidence is unlikely; and a fund written in bare 元 below ``tiny_yuan_below``
("项目资金 4.2 元"), which no public budget line is (0 元 is a real value: nothing).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

import regex

from .. import patterns
from . import prose
from .prose import NUM
from .registry import Ctx, rule

# Units whose figure is not a quantity a 万 could be dropped from (dates, rates, scores).
NOT_QUANTITIES = {"%", "‰", "分", "年", "月", "日", "天", "小时", "分钟", "期"}


@cache
def _quantity() -> regex.Pattern:
    units = [u for u in patterns.load("units")["count"]["units"]
             if u not in NOT_QUANTITIES and "/" not in u] + ["元"]  # fmt: skip
    alts = "|".join(map(regex.escape, sorted(units, key=len, reverse=True)))
    return regex.compile(rf"(?P<n>{NUM})\s*(?P<wan>万|萬)?\s*(?P<u>{alts})(?![/\p{{Han}}]*/)")


def _digits(figure: str) -> int:
    return len(regex.sub(r"\D", "", figure).lstrip("0"))


@rule(
    "prose_unit_slip",
    "totals",
    {"same_figure": "warning", "tiny_fund": "warning"},
    """A dropped 万: the same figure (of at least ``same_figure_min_digits`` digits) written with
    万 and without it before one unit in one report, or a fund (资金, 经费, 预算 …) in bare 元 below
    ``tiny_yuan_below`` (``patterns/audit_prose.toml`` [units]).""",
)
def prose_unit_slip(ctx: Ctx) -> Iterator[dict[str, Any]]:
    text = ctx.result.get("text") or ""
    if not text:
        return
    cfg, v = prose.config()["units"], prose.of(ctx).view
    with_wan: dict[tuple[str, str], regex.Match] = {}
    bare: list[regex.Match] = []
    for m in _quantity().finditer(v):
        key = (m.group("n"), m.group("u"))
        if m.group("wan"):
            with_wan.setdefault(key, m)
        else:
            bare.append(m)
    for m in bare:
        key = (m.group("n"), m.group("u"))
        other = with_wan.get(key)
        if other is not None and _digits(m.group("n")) >= cfg["same_figure_min_digits"]:
            yield _emit(ctx, text, v, "same_figure", m,
                        f"与“{_label(text, v, other)} {prose.clean(other.group())}”数字相同而单位"
                        f"差一个“万”，单位可能有误", related=other)  # fmt: skip
        elif (
            m.group("u") == "元"
            and 0 < Decimal(m.group("n").replace(",", "")) < cfg["tiny_yuan_below"]
        ):
            label = _label(text, v, m)
            if any(w in label for w in cfg["fund_words"]):
                yield _emit(ctx, text, v, "tiny_fund", m,
                            "作为资金金额过小，单位可能应为万元")  # fmt: skip


def _label(text: str, v: str, m: regex.Match) -> str:
    return prose.clean(text[prose.label_start(v, m.start()) : m.start()])


def _emit(ctx: Ctx, text: str, v: str, status: str, m: regex.Match, tail: str,
          related: regex.Match | None = None) -> dict[str, Any]:  # fmt: skip
    return ctx.emit(
        status, "text", f"{_label(text, v, m)} {prose.clean(m.group())} {tail}",
        span=prose.span(text, m.start(), m.end()),
        related_spans={"other": prose.span(text, related.start(), related.end()) if related
                       else None},
    )  # fmt: skip
