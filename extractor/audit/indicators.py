"""Indicator rules: completion rate, qualitative targets, and the score from weight × completion."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from .common import field_span, is_pending
from .completion import completion
from .registry import Ctx, rule
from .rounding import (
    CONSISTENT,
    MISMATCH,
    ROUNDED,
    TRUNCATED,
    classify,
    classify_range,
    dec,
    decimals_of,
    fmt,
    half_up,
)

METHOD_NAMES = {
    "target_over_actual": "目标值/实际值",
    "linear": "1−(实际−目标)/目标",
    "actual_over_target": "实际值/目标值",
    "capped": "封顶 100%",
}


def _rate_status(stated: Any, d: int, c) -> str:
    if c.lo is not None and c.hi is not None:
        return classify_range(stated, c.lo, c.hi, d)
    return classify(stated, c.rate, d)


@rule(
    "indicator_rate",
    "indicators",
    {
        "mismatch": "error",
        "truncated": "info",
        "alternative": "info",
        "not_computable": "info",
    },
    """Stated 完成率 vs actual/target by direction (≥: actual/target; ≤: met → 100 %, else the
    convention's reverse method; =: met when equal; target 0 without division). Agrees when the
    stated value equals the recomputed one rounded half-up to its decimals; truncated → info; a
    value matching another convention (the other reverse formula, capping at 100 %, actual/target
    for a met ≤ target) → info naming it.""",
)
def indicator_rate(ctx: Ctx) -> Iterator[dict[str, Any]]:
    for i, ind in enumerate(ctx.result.get("indicators") or []):
        stated = ind.get("stated_rate_pct")
        if stated is None:
            continue
        c = completion(ind, ctx.conv, "rate")
        if c.kind != "ratio":
            continue  # qualitative or missing figures: other rules say so
        subject = f"indicators[{i}]"
        span = field_span(ind, "rate")
        rel = {"target": field_span(ind, "target"), "actual": field_span(ind, "actual")}
        d = decimals_of(stated, ind.get("stated_rate_raw"), (span or {}).get("text"))
        t, a = fmt(ind["target"]), fmt(ind["actual"])
        formula = f"{a}/{t}" if c.method == "actual/target" else c.method
        status = _rate_status(stated, d, c)
        if status in CONSISTENT:
            continue
        if status == TRUNCATED:
            yield ctx.emit(
                "truncated", subject,
                f"完成率填报 {fmt(stated)}%，按 {formula} 重算为 {fmt(c.rate)}%（截断一致）",
                stated=stated, recomputed=c.rate, span=span, related_spans=rel, method=c.method,
            )  # fmt: skip
            continue
        if (
            "capped" in c.alternatives
            and classify(stated, c.alternatives["capped"], d) in CONSISTENT
        ):
            continue  # the report caps an exceeded ≥ target at 100 %: both readings are usual
        alt = _matching_alternative(stated, d, c.alternatives)
        if alt:
            yield ctx.emit(
                "alternative", subject,
                f"完成率填报 {fmt(stated)}%，与本口径 {fmt(c.rate)}%（{formula}）不同，"
                f"但与另一口径 {METHOD_NAMES.get(alt, alt)} 的 {fmt(c.alternatives[alt])}% 一致",
                stated=stated, recomputed=c.rate, span=span, related_spans=rel,
                method=c.method, alternative=alt,
            )  # fmt: skip
            continue
        yield ctx.emit(
            "mismatch", subject,
            f"完成率填报 {fmt(stated)}%，按 {formula} 重算为 {fmt(c.rate)}%，不一致",
            stated=stated, recomputed=c.rate, span=span, related_spans=rel, method=c.method,
        )  # fmt: skip


def _written_rates(ind: dict[str, Any], rate: Decimal) -> list[Decimal]:
    """The rate as a form would write it before multiplying: the stated one, or rounded to 2."""
    out = [half_up(rate, 2), half_up(rate, 1), half_up(rate, 0)]
    if ind.get("stated_rate_pct") is not None:
        out.insert(0, dec(ind["stated_rate_pct"]))
    return out


def _matching_alternative(stated: Any, d: int, alternatives: dict[str, Decimal]) -> str | None:
    for name, value in alternatives.items():
        if classify(stated, value, d) in (*CONSISTENT, TRUNCATED):
            return name
    return None


@rule(
    "indicator_unverifiable",
    "indicators",
    {"unverifiable": "info"},
    """A qualitative target (逐步增加, 显著提高, 有效) or a worded actual (有所增加): the stated
    rate or score cannot be recomputed and is marked unverifiable, never recomputed.""",
)
def indicator_unverifiable(ctx: Ctx) -> Iterator[dict[str, Any]]:
    for i, ind in enumerate(ctx.result.get("indicators") or []):
        worded_target = ind.get("target") is None and ind.get("target_raw")
        worded_actual = (
            ind.get("target") is not None
            and ind.get("actual") is None
            and ind.get("actual_raw")
            and not is_pending(ind.get("actual_raw"), ctx.conv)
        )
        if not (worded_target or worded_actual):
            continue
        stated = ind.get("stated_rate_pct")
        what = f"完成率 {fmt(stated)}%" if stated is not None else "完成情况"
        if ind.get("score") is not None:
            what += f"、得分 {fmt(ind['score'])}"
        words = ind.get("target_raw") if worded_target else ind.get("actual_raw")
        yield ctx.emit(
            "unverifiable", f"indicators[{i}]",
            f"{'目标值' if worded_target else '实际值'}为定性表述“{words}”，{what} 无法重算（unverifiable）",
            stated=stated,
            span=field_span(ind, "rate") if stated is not None else field_span(ind, "target"),
            related_spans={"target": field_span(ind, "target"), "actual": field_span(ind, "actual")},
        )  # fmt: skip


@rule(
    "indicator_score",
    "indicators",
    {
        "mismatch": "error",
        "unmet_full": "error",
        # No comparator written (≥ assumed): a 反向 indicator (受害率 0 vs 0.9) reads as unmet.
        "unmet_full_no_sign": "warning",
        # Evaluators do deduct from met targets (missing evidence, late delivery) against the
        # rule: a contradiction worth a look, not an arithmetic certainty.
        "met_reduced": "warning",
        "out_of_range": "error",
        "truncated": "info",
        "alternative": "info",
    },
    """Stated 得分 vs weight × completion: 正向 full when met, else actual/target × weight; 反向
    full when met, else the convention's method; 等于 with target 0; a full score for an unmet
    target is an error, a reduced one for a met target a warning; any score outside 0..weight is an error
    (qualitative indicators are only checked for that range here; their band is
    ``qualitative_score``).""",
)
def indicator_score(ctx: Ctx) -> Iterator[dict[str, Any]]:
    for i, ind in enumerate(ctx.result.get("indicators") or []):
        w, s = ind.get("weight"), ind.get("score")
        if w is None or s is None:
            continue
        subject, span = f"indicators[{i}]", field_span(ind, "score")
        rel = {
            "weight": field_span(ind, "weight"),
            "target": field_span(ind, "target"),
            "actual": field_span(ind, "actual"),
        }
        wd, sd = dec(w), dec(s)
        if sd < 0 or sd > wd:
            yield ctx.emit(
                "out_of_range", subject, f"得分 {fmt(s)} 超出分值范围 0–{fmt(w)}",
                stated=s, recomputed=w, span=span, related_spans=rel,
            )  # fmt: skip
            continue
        c = completion(ind, ctx.conv, "score")
        if c.kind != "ratio" or c.rate is None:
            continue
        full = sd == wd
        if c.met and not full:
            yield ctx.emit(
                "met_reduced", subject,
                f"指标已达标（实际 {fmt(ind['actual'])}，目标 {ind.get('target_raw') or fmt(ind['target'])}），"
                f"得分 {fmt(s)} 低于分值 {fmt(w)}",
                stated=s, recomputed=w, span=span, related_spans=rel,
            )  # fmt: skip
            continue
        if c.met is False and full:
            # The direction is written: a comparator, or a 指标性质 of 正向/反向 (not 定量/定性).
            signed = ind.get("comparator") is not None or any(
                w in (ind.get("nature") or "") for w in ("正向", "反向", "≥", "≤", "=", ">", "<")
            )
            yield ctx.emit(
                "unmet_full" if signed else "unmet_full_no_sign", subject,
                f"指标未达标（实际 {fmt(ind['actual'])}，目标 {ind.get('target_raw') or fmt(ind['target'])}"
                f"{'' if signed else '，未写比较符，按正向计'}），却得满分 {fmt(s)}",
                stated=s, recomputed=min(c.rate, Decimal(100)) * wd / 100, span=span,
                related_spans=rel,
            )  # fmt: skip
            continue
        expected = min(c.rate, Decimal(100)) * wd / 100
        d = decimals_of(s, ind.get("score_raw"), (span or {}).get("text"))
        status = classify(s, expected, d)
        if c.lo is not None and c.hi is not None and status == MISMATCH:
            status = classify_range(s, min(c.lo, Decimal(100)) * wd / 100,
                                    min(c.hi, Decimal(100)) * wd / 100, d)  # fmt: skip
        if status not in CONSISTENT:
            # Common practice rounds the rate first (54.55 % × 10 = 5.46, not 6/11 × 10 = 5.45).
            for r in _written_rates(ind, c.rate):
                if classify(s, min(r, Decimal(100)) * wd / 100, d) in CONSISTENT:
                    status = ROUNDED
        if status in CONSISTENT:
            continue
        how = f"{fmt(c.rate)}% × {fmt(w)}"
        if status == TRUNCATED:
            yield ctx.emit(
                "truncated", subject, f"得分填报 {fmt(s)}，按 {how} 重算为 {fmt(expected)}（截断一致）",
                stated=s, recomputed=expected, span=span, related_spans=rel,
            )  # fmt: skip
            continue
        alts = {k: min(v, Decimal(100)) * wd / 100 for k, v in c.alternatives.items()}
        alt = _matching_alternative(s, d, alts)
        if alt:
            yield ctx.emit(
                "alternative", subject,
                f"得分填报 {fmt(s)}，与本口径 {fmt(expected)}（{how}）不同，"
                f"但与另一口径 {METHOD_NAMES.get(alt, alt)} 的 {fmt(alts[alt])} 一致",
                stated=s, recomputed=expected, span=span, related_spans=rel, alternative=alt,
            )  # fmt: skip
            continue
        yield ctx.emit(
            "mismatch", subject, f"得分填报 {fmt(s)}，按 {how} 重算为 {fmt(expected)}，不一致",
            stated=s, recomputed=expected, span=span, related_spans=rel,
        )  # fmt: skip
