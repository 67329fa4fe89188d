"""Completeness rules: missing actuals, unfilled template cells, missing deviation reasons."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .common import field_span, is_blank, is_pending, project
from .completion import completion
from .registry import Ctx, rule
from .rounding import dec, fmt


def _filled(ind: dict[str, Any], value: str, raw: str) -> bool:
    return ind.get(value) is not None or not is_blank(ind.get(raw))


def _columns(inds: list[dict[str, Any]]) -> dict[str | None, set[str]]:
    """Per project, the fields some indicator fills: the form's columns. A cell is unfilled only
    where its column exists; a form without an actual or a weight column (a 目标申报表, or a
    column the reader did not find) leaves every row without it."""
    cols: dict[str | None, set[str]] = {}
    for ind in inds:
        have = cols.setdefault(project(ind), set())
        for value, raw in (("actual", "actual_raw"), ("weight", "weight_raw"),
                           ("score", "score_raw"), ("target", "target_raw")):  # fmt: skip
            if _filled(ind, value, raw):
                have.add(value)
    return cols


def _report_columns(ctx: Ctx) -> dict[str | None, set[str]]:
    """``_columns`` of the report's indicators, read once for the two rules that ask (neither
    changes them)."""
    return ctx.shared(_columns_of)


def _columns_of(ctx: Ctx) -> dict[str | None, set[str]]:
    return _columns(ctx.result.get("indicators") or [])


def _monitoring(ctx: Ctx) -> bool:
    return ctx.report.get("report_type") in ctx.conv["dates"]["monitoring_types"]


@rule(
    "missing_actual",
    "completeness",
    {"pending": "info", "missing": "warning", "no_column": "info"},
    """An indicator with a target but no actual. Words meaning "not due yet" (未达监控节点) are
    normal in a mid-year monitoring report (info); in any other report, or with no words at all,
    the actual is missing (warning). When no indicator of the project has an actual, the form
    has no actual column (or it was not read): an info.""",
)
def missing_actual(ctx: Ctx) -> Iterator[dict[str, Any]]:
    inds = ctx.result.get("indicators") or []
    cols = _report_columns(ctx)
    for i, ind in enumerate(inds):
        if ind.get("actual") is not None or is_blank(ind.get("target_raw")):
            continue
        raw = ind.get("actual_raw")
        if not is_blank(raw) and not is_pending(raw, ctx.conv):
            continue  # a worded actual: indicator_unverifiable reports it
        pending = is_pending(raw, ctx.conv) and _monitoring(ctx)
        said = f"填报“{raw}”" if not is_blank(raw) else "未填写"
        status = (
            "pending" if pending else "missing" if "actual" in cols[project(ind)] else "no_column"
        )
        tail = {"pending": "（监控节点未到）", "missing": "（缺少实际值）",
                "no_column": "（本表各指标均无实际完成值）"}[status]  # fmt: skip
        yield ctx.emit(
            status, f"indicators[{i}]",
            f"指标“{ind.get('name')}”目标 {ind.get('target_raw')}，实际完成值{said}{tail}",
            span=field_span(ind, "actual"), related_spans={"target": field_span(ind, "target")},
        )  # fmt: skip


@rule(
    "unfilled_cell",
    "completeness",
    {"unfilled": "warning"},
    """Template cells left empty: an indicator without a target, or (in a scored form) a weight
    without a score or a score without a weight — each only where the form has that column
    (another indicator of the project fills it).""",
)
def unfilled_cell(ctx: Ctx) -> Iterator[dict[str, Any]]:
    inds = ctx.result.get("indicators") or []
    cols = _report_columns(ctx)
    for i, ind in enumerate(inds):
        have, empty = cols[project(ind)], []
        if "target" in have and not _filled(ind, "target", "target_raw"):
            empty.append("年度指标值")
        if (
            "score" in have
            and _filled(ind, "weight", "weight_raw")
            and not _filled(ind, "score", "score_raw")
        ):
            empty.append("得分")
        if (
            "weight" in have
            and _filled(ind, "score", "score_raw")
            and not _filled(ind, "weight", "weight_raw")
        ):
            empty.append("分值")
        if empty:
            yield ctx.emit(
                "unfilled", f"indicators[{i}]",
                f"指标“{ind.get('name')}”未填写：{'、'.join(empty)}",
                span=ind.get("span"), empty=empty,
            )  # fmt: skip


@rule(
    "deviation_reason",
    "completeness",
    {"missing": "info"},
    """No deviation reason (偏差原因) where one is expected: the score is below full, or the
    actual reaches ``over_target_pct`` (130 %) of a ≥ target. Only checked for forms that have a
    deviation column (some indicator states a reason) or scores.""",
)
def deviation_reason(ctx: Ctx) -> Iterator[dict[str, Any]]:
    inds = ctx.result.get("indicators") or []
    has_column = any(not is_blank(ind.get("deviation_reason")) for ind in inds)
    has_scores = any(ind.get("score") is not None for ind in inds)
    if not (has_column or has_scores):
        return  # a prose report explains deviations in its own section
    over = dec(ctx.conv["deviation"]["over_target_pct"])
    for i, ind in enumerate(inds):
        if not is_blank(ind.get("deviation_reason")):
            continue
        why = None
        w, s = ind.get("weight"), ind.get("score")
        if w is not None and s is not None and dec(s) < dec(w):
            why = f"得分 {fmt(s)} 低于分值 {fmt(w)}"
        else:
            c = completion(ind, ctx.conv, "rate")
            t = ind.get("target")
            if (c.kind == "ratio" and ind.get("comparator") in ("≥", ">", None) and t
                    and c.rate is not None and c.rate >= over):  # fmt: skip
                why = f"实际 {fmt(ind['actual'])} 达到目标 {fmt(t)} 的 {fmt(c.rate)}%（≥ {fmt(over)}%）"
        if why:
            yield ctx.emit(
                "missing", f"indicators[{i}]",
                f"指标“{ind.get('name')}”{why}，未说明偏差原因",
                span=field_span(ind, "deviation") if (ind.get("field_spans") or {}).get("deviation")
                else ind.get("span"),
            )  # fmt: skip
