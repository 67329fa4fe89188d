"""Date rules: 填报 vs signing date, dates against the fiscal year and the monitoring cut-off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from .registry import Ctx, rule

DATE_FIELDS = {"filled_date": "填报时间", "signed_date": "落款日期"}


def _date(s: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(s)) if s else None
    except ValueError:
        return None


def _spans(ctx: Ctx) -> dict[str, Any]:
    return ctx.report.get("spans") or {}


def _report_dates(ctx: Ctx) -> list[tuple[str, dt.date]]:
    return [(k, d) for k in DATE_FIELDS if (d := _date(ctx.report.get(k)))]


@rule(
    "date_sign_gap",
    "dates",
    {"differ_close": "info", "differ": "warning"},
    """填报时间 and the signing date under the report differ: within ``sign_gap_days`` days an
    info, beyond a warning. Both spans are given.""",
)
def date_sign_gap(ctx: Ctx) -> Iterator[dict[str, Any]]:
    filled, signed = _date(ctx.report.get("filled_date")), _date(ctx.report.get("signed_date"))
    if not filled or not signed or filled == signed:
        return
    days = (signed - filled).days
    close = abs(days) <= ctx.conv["dates"]["sign_gap_days"]
    order = f"晚 {days} 天" if days > 0 else f"早 {-days} 天"
    yield ctx.emit(
        "differ_close" if close else "differ", "report.filled_date",
        f"填报时间 {filled.isoformat()} 与落款日期 {signed.isoformat()} 不一致（落款{order}）",
        span=_spans(ctx).get("filled_date"),
        related_spans={"signed_date": _spans(ctx).get("signed_date")},
        stated_date=filled.isoformat(), other_date=signed.isoformat(), days=days,
    )  # fmt: skip


@rule(
    "date_before_year_end",
    "dates",
    {"before_year_end": "warning"},
    """A year-end report (自评报告, 评价报告) dated on or before 31 December of its fiscal year.""",
)
def date_before_year_end(ctx: Ctx) -> Iterator[dict[str, Any]]:
    fy = ctx.report.get("fiscal_year")
    if not fy or ctx.report.get("report_type") not in ctx.conv["dates"]["year_end_types"]:
        return
    end = dt.date(int(fy), 12, 31)
    for key, d in _report_dates(ctx):
        if d <= end:
            yield ctx.emit(
                "before_year_end", f"report.{key}",
                f"{ctx.report['report_type']}（{fy} 年度）的{DATE_FIELDS[key]} {d.isoformat()} 未晚于年度结束日（{fy}-12-31），年度尚未结束时无法自评全年",
                span=_spans(ctx).get(key), related_spans={"fiscal_year": _spans(ctx).get("fiscal_year")},
                stated_date=d.isoformat(), fiscal_year=fy,
            )  # fmt: skip


@rule(
    "date_fiscal_year",
    "dates",
    {"before_fiscal_year": "warning", "cutoff_year": "warning", "before_cutoff": "warning",
     "late_monitoring": "info", "cutoff_not_midyear": "info"},
    """Dates that contradict the fiscal year: a report dated before its fiscal year starts; a
    budget cut-off (截至…) in another year; a report dated before its own cut-off; a monitoring
    report dated more than a year after the fiscal year, or whose cut-off is not mid-year (not in
    ``monitoring_cutoff_months``, e.g. 截至12月31日 in a 监控报告).""",
)  # fmt: skip
def date_fiscal_year(ctx: Ctx) -> Iterator[dict[str, Any]]:
    fy = ctx.report.get("fiscal_year")
    if not fy:
        return
    fy = int(fy)
    spans = _spans(ctx)
    rel = {"fiscal_year": spans.get("fiscal_year")}
    for key, d in _report_dates(ctx):
        if d.year < fy:
            yield ctx.emit(
                "before_fiscal_year", f"report.{key}",
                f"{DATE_FIELDS[key]} {d.isoformat()} 早于预算年度 {fy} 年",
                span=spans.get(key), related_spans=rel, stated_date=d.isoformat(), fiscal_year=fy,
            )  # fmt: skip
    cutoffs = sorted({(r["as_of"], i) for i, r in enumerate(ctx.result.get("budget") or [])
                      if _date(r.get("as_of"))})  # fmt: skip
    for as_of, i in cutoffs:
        row = ctx.result["budget"][i]
        if _date(as_of).year != fy:
            yield ctx.emit(
                "cutoff_year", f"budget[{row.get('scope')}/{row.get('item')}]",
                f"截至日期 {as_of} 与预算年度 {fy} 年不符",
                span=row.get("span"), related_spans=rel, stated_date=as_of, fiscal_year=fy,
            )  # fmt: skip
    latest = max((_date(a) for a, _ in cutoffs), default=None)
    for key, d in _report_dates(ctx):
        if latest and d < latest:  # figures "as of" a day after the report was written
            yield ctx.emit(
                "before_cutoff", f"report.{key}",
                f"{DATE_FIELDS[key]} {d.isoformat()} 早于截至日期 {latest.isoformat()}",
                span=spans.get(key), stated_date=d.isoformat(), other_date=latest.isoformat(),
            )  # fmt: skip
    if ctx.report.get("report_type") not in ctx.conv["dates"]["monitoring_types"]:
        return
    months = ctx.conv["dates"]["monitoring_cutoff_months"]
    for as_of, i in cutoffs:
        if _date(as_of).month not in months:
            row = ctx.result["budget"][i]
            yield ctx.emit(
                "cutoff_not_midyear", f"budget[{row.get('scope')}/{row.get('item')}]",
                f"监控报告的截至日期 {as_of} 不在年中（通常截至 {'、'.join(map(str, months))} 月底）",
                span=row.get("span"), stated_date=as_of,
            )  # fmt: skip
    for key, d in _report_dates(ctx):
        if d.year > fy + 1:
            yield ctx.emit(
                "late_monitoring", f"report.{key}",
                f"监控报告的{DATE_FIELDS[key]} {d.isoformat()} 晚于预算年度 {fy} 年一年以上",
                span=spans.get(key), related_spans=rel, stated_date=d.isoformat(), fiscal_year=fy,
            )  # fmt: skip
