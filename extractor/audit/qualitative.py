"""Qualitative indicators (定性): the score must lie in the band the worded actual earns.

A target in words (明显改善) cannot be divided by, but the actual's words say how far it was
reached: the same words or 已完成/达到 → 达成 (80–100 % of the weight), 基本/有所/部分 → 部分达成
(60–80 %), 未/没有 → 未达成 (0–60 %). Bands and word lists are the convention's data
(``[score] qualitative_bands``, ``qualitative_judgements``, ``qualitative_neutral``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from .common import field_span, is_pending
from .registry import Ctx, rule
from .rounding import dec, decimals_of, fmt


def judge(target: str | None, actual: str, score_cfg: dict[str, Any]) -> tuple[str, str] | None:
    """(band name, the words that decided) for a worded actual, or None when unknown."""
    a = actual.strip()
    if target and a == target.strip():
        return score_cfg["qualitative_bands"][0]["name"], a
    for w in score_cfg.get("qualitative_neutral", []):
        a = a.replace(w, "")
    for j in score_cfg.get("qualitative_judgements", []):
        for w in j["words"]:
            if w in a:
                return j["band"], w
    return None


@rule(
    "qualitative_score",
    "indicators",
    {"in_band": "info", "out_of_band": "warning", "unmet_full": "error"},
    """A qualitative indicator (target in words) with a weight and a score: the worded actual is
    judged 达成 / 部分达成 / 未达成 (the actual equals the target words, or by the convention's word
    lists, 基本/部分 before 完成) and the score must fall within that band of the weight (80–100 %,
    60–80 %, 0–60 % by default). Out of band is a warning; a full score for 未达成 an error. An
    actual whose words say nothing known stays ``indicator_unverifiable``.""",
)
def qualitative_score(ctx: Ctx) -> Iterator[dict[str, Any]]:
    cfg = ctx.conv["score"]
    bands = {b["name"]: b for b in cfg["qualitative_bands"]}
    for i, ind in enumerate(ctx.result.get("indicators") or []):
        w, s, actual = ind.get("weight"), ind.get("score"), ind.get("actual_raw")
        if ind.get("target") is not None or not ind.get("target_raw") or w is None or s is None:
            continue
        if not actual or is_pending(actual, ctx.conv) or not dec(w) > 0:
            continue
        wd, sd = dec(w), dec(s)
        if sd < 0 or sd > wd:
            continue  # indicator_score reports a score outside 0..weight
        got = judge(ind["target_raw"], actual, cfg)
        if got is None:
            continue
        name, why = got
        band = bands[name]
        # The score is written with d decimals: a band edge may be missed by its rounding.
        tol = Decimal(5).scaleb(-(decimals_of(s, ind.get("score_raw")) + 1))
        lo, hi = dec(band["min"]) * wd / 100, dec(band["max"]) * wd / 100
        pct = sd / wd * 100
        span = field_span(ind, "score")
        rel = {"target": field_span(ind, "target"), "actual": field_span(ind, "actual"),
               "weight": field_span(ind, "weight")}  # fmt: skip
        judged = f"目标“{ind['target_raw']}”，实际“{actual}”（{why}）判为{name}"
        rng = f"{fmt(lo)}–{fmt(hi)}"
        extra = {"band": name, "band_words": why, "band_range": [float(lo), float(hi)]}
        if lo - tol <= sd <= hi + tol:
            yield ctx.emit(
                "in_band", f"indicators[{i}]",
                f"{judged}，得分 {fmt(s)}（{fmt(pct)}% × 分值 {fmt(w)}）在 {rng} 分之间，一致",
                stated=s, recomputed=None, span=span, related_spans=rel, **extra,
            )  # fmt: skip
            continue
        # Only a full score for 未达成 (the lowest band) is an error; other misses may be a
        # judgement call on the words.
        lowest = name == cfg["qualitative_bands"][-1]["name"]
        status = "unmet_full" if sd == wd and lowest else "out_of_band"
        yield ctx.emit(
            status, f"indicators[{i}]",
            f"{judged}，应得 {rng} 分，得分填报 {fmt(s)}（分值 {fmt(w)}），不在该档",
            stated=s, recomputed=hi if sd > hi else lo, span=span, related_spans=rel, **extra,
        )  # fmt: skip
