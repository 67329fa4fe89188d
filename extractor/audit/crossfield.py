"""Cross-field rules: cost indicators vs the budget, stated overall completion vs indicators."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import combinations
from typing import Any

from .budget import amount, by_scope, pick, subj
from .common import (
    ZERO,
    field_span,
    is_money,
    money_factor,
    money_tolerance,
    project,
    wan,
    yuan_tolerance,
)
from .completion import completion
from .registry import Ctx, rule
from .rounding import CONSISTENT, TRUNCATED, classify, dec, decimals_of, fmt


def _cost_indicators(ctx: Ctx, field: str) -> list[tuple[int, dict[str, Any], Decimal, Decimal]]:
    """(index, indicator, value in yuan, tolerance in yuan) of money cost indicators."""
    out = []
    for i, ind in enumerate(ctx.result.get("indicators") or []):
        if ind.get("level2") not in ctx.conv["budget"]["cost_level2"] or ind.get(field) is None:
            continue
        unit = ind.get("unit")
        if not is_money(unit):
            continue
        factor = money_factor(unit)
        tol = money_tolerance(ind[field], unit, ind.get(f"{field}_raw")) * factor
        out.append((i, ind, dec(ind[field]) * factor, tol))
    return out


def _scopes_to_try(ctx: Ctx, project: str | None) -> list[str]:
    scopes = by_scope(ctx)
    if project and project in scopes:
        return [project]  # one project's indicators against that project's money only
    cfg = ctx.conv["budget"]
    # A project report's budget is under the project's name; a department's under 部门整体 first.
    order = [cfg["total_scope"], *cfg["part_scopes"]]
    return [s for s in order if s in scopes] + [s for s in scopes if s not in order]


def _by_project(costs: list) -> dict[str | None, list]:
    out: dict[str | None, list] = {}
    for c in costs:
        out.setdefault(project(c[1]), []).append(c)
    return out


@rule(
    "cost_vs_budget",
    "crossfield",
    {"consistent": "info", "exceeds": "warning", "partial": "warning"},
    """Money cost indicators (成本指标): the targets add up to a scope's 预算数 and the actuals to
    its 执行数 (seed: 3.02 + 38.1 = 41.12; 2.15 + 11.99 = 14.14). Tried against every scope; when
    none matches, compared with the first (部门整体): more than it (exceeds) or less (partial,
    the cost indicators may cover part of the money) is a warning.""",
)
def cost_vs_budget(ctx: Ctx) -> Iterator[dict[str, Any]]:
    scopes = by_scope(ctx)
    for field, item, word in (("target", "预算数", "目标值"), ("actual", "执行数", "实际值")):
        for proj, costs in _by_project(_cost_indicators(ctx, field)).items():
            yield from _cost_total(ctx, scopes, proj, costs, field, item, word)


def _cost_total(
    ctx: Ctx, scopes: dict, proj: str | None, costs: list, field: str, item: str, word: str
) -> Iterator[dict[str, Any]]:
    """One project's (or the department's) cost indicators against its 预算数 or 执行数."""
    s = sum((c[2] for c in costs), ZERO)
    tol = sum((c[3] for c in costs), ZERO)
    figures = " + ".join(wan(c[2]) for c in costs)
    rel = {f"indicators[{i}]": field_span(ind, field) for i, ind, _, _ in costs}
    first = None
    for scope in _scopes_to_try(ctx, proj):
        row = pick(scopes[scope], item)
        if row is None:
            continue
        first = first or row
        if abs(amount(row) - s) <= tol + yuan_tolerance(row):
            yield ctx.emit(
                "consistent", subj(row),
                f"成本指标{word}合计 {figures} = {wan(s)} 万元，与{scope}{item} {wan(amount(row))} 万元一致",
                stated=amount(row), recomputed=s, span=row.get("span"), related_spans=rel,
            )  # fmt: skip
            return
    if first is None:
        return
    over = s > amount(first)
    tail = "成本超过总额，不一致" if over else "不一致（成本指标可能只覆盖部分资金）"
    yield ctx.emit(
        "exceeds" if over else "partial", subj(first),
        f"成本指标{word}合计 {figures} = {wan(s)} 万元，{first['scope']}{item} {wan(amount(first))} 万元，{tail}",
        stated=amount(first), recomputed=s, span=first.get("span"), related_spans=rel,
    )  # fmt: skip


@rule(
    "cost_actual_match",
    "crossfield",
    {"consistent": "info"},
    """Each money cost indicator's actual matched to the amounts executed: one breakdown line or a
    sum of up to ``max_subset`` lines (seed: 2.15 = 生活补助 1.5 + 基本公用 0.65; 11.99 = 工资福利).
    Only agreements are reported; a disagreement shows in ``cost_vs_budget``.""",
)
def cost_actual_match(ctx: Ctx) -> Iterator[dict[str, Any]]:
    cfg = ctx.conv["budget"]
    lines = [
        r for rows in by_scope(ctx).values() for r in rows
        if r.get("item") in cfg["by_nature"] and r.get("amount_yuan") not in (None, 0)
    ]  # fmt: skip
    for i, ind, value, tol in _cost_indicators(ctx, "actual"):
        proj = project(ind)
        mine = [r for r in lines if r.get("scope") == proj] if proj else lines
        for k in range(1, cfg["max_subset"] + 1):
            match = next(
                (c for c in combinations(mine, k)
                 if abs(sum((amount(r) for r in c), ZERO) - value)
                 <= tol + sum((yuan_tolerance(r) for r in c), ZERO)),
                None,
            )  # fmt: skip
            if match:
                parts = " + ".join(f"{r['item']} {wan(amount(r))}" for r in match)
                yield ctx.emit(
                    "consistent", f"indicators[{i}]",
                    f"成本指标“{ind['name']}”实际值 {wan(value)} 万元 = {parts} 万元，一致",
                    stated=value, recomputed=sum((amount(r) for r in match), ZERO),
                    span=field_span(ind, "actual"),
                    related_spans={f"{r['scope']}/{r['item']}": r.get("span") for r in match},
                )  # fmt: skip
                break


@rule(
    "overall_completion",
    "crossfield",
    {"consistent": "info", "truncated": "info", "mismatch": "warning"},
    """The report's stated overall completion (工作目标完成 60%) vs the unweighted mean of its
    indicators' rates (recomputed where possible, else stated; capped at 100 %), and vs the mean of
    the stated rates. Averaging conventions vary, so a disagreement is a warning, not an error.""",
)
def overall_completion(ctx: Ctx) -> Iterator[dict[str, Any]]:
    stated = ctx.report.get("overall_completion_pct")
    inds = ctx.result.get("indicators") or []
    if stated is None or not inds:
        return
    mixed, plain = [], []
    for ind in inds:
        c = completion(ind, ctx.conv, "rate")
        if ind.get("stated_rate_pct") is not None:
            plain.append(min(dec(ind["stated_rate_pct"]), Decimal(100)))
        if c.kind == "ratio" and c.rate is not None:
            mixed.append(min(c.rate, Decimal(100)))
        elif ind.get("stated_rate_pct") is not None:
            mixed.append(min(dec(ind["stated_rate_pct"]), Decimal(100)))
    if not mixed:
        return
    span = (ctx.report.get("spans") or {}).get("overall_completion_pct")
    d = decimals_of(stated, (span or {}).get("text"))
    means = {"各指标完成率（重算）": sum(mixed) / len(mixed)}
    if plain:
        means["各指标填报完成率"] = sum(plain) / len(plain)
    results = {k: classify(stated, v, d) for k, v in means.items()}
    best = next((k for k, st in results.items() if st in CONSISTENT), None)
    best = best or next((k for k, st in results.items() if st == TRUNCATED), None)
    key = best or next(iter(means))
    status = {None: "mismatch"}.get(
        best, "truncated" if results[key] == TRUNCATED else "consistent"
    )
    tail = {"consistent": "一致", "truncated": "截断一致", "mismatch": "不一致"}[status]
    n = len(mixed) if key.endswith("（重算）") else len(plain)
    yield ctx.emit(
        status, "report.overall_completion_pct",
        f"总体完成率填报 {fmt(stated)}%，{n} 项{key}的平均值为 {fmt(means[key])}%，{tail}",
        stated=stated, recomputed=means[key], span=span,
        means={k: float(round(v, 4)) for k, v in means.items()},
    )  # fmt: skip
