"""Totals rules: scores add up to 总分, weights to 100 in the standard split, grade vs score."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from .common import ZERO, field_span, project
from .registry import Ctx, rule
from .rounding import CONSISTENT, TRUNCATED, classify, dec, decimals_of, fmt

BUDGET_FAMILY = "预算执行率"


def groups(ctx: Ctx) -> dict[str | None, dict[str, list[dict[str, Any]]]]:
    """Scored items per project: indicators (by their ``scope`` key, if any) and the budget rows
    carrying a weight. A file with one 自评表 has one group, keyed None."""
    out: dict[str | None, dict[str, list]] = defaultdict(lambda: {"indicators": [], "budget": []})
    inds = ctx.result.get("indicators") or []
    scopes = {project(ind) for ind in inds}
    for i, ind in enumerate(inds):
        out[project(ind)]["indicators"].append((i, ind))
    weighted = [row for row in ctx.result.get("budget") or [] if row.get("weight") is not None]
    several = len({row.get("scope") for row in weighted}) > 1  # one 自评表 per project
    for row in weighted:
        key = row.get("scope") if row.get("scope") in scopes else None
        if key is None and len(scopes) == 1 and not (several and row.get("scope") != "部门整体"):
            key = next(iter(scopes))
        elif key is None and several:
            key = row.get("scope")  # another project's form, whose indicators were not read
        out[key]["budget"].append(row)
    return out


def _label(key: str | None) -> str:
    return f"（{key}）" if key else ""


def sheets(ctx: Ctx) -> list[dict[str, Any]]:
    """Each scored sheet's stated 总分 and 等级: the report's own (a single-form file), and one
    per entry of ``projects`` (a file with one 自评表 per project), with the subject to name."""
    out = []
    rep = ctx.report
    if rep.get("self_score") is not None or rep.get("grade"):
        out.append({"key": None, "self_score": rep.get("self_score"), "grade": rep.get("grade"),
                    "spans": rep.get("spans") or {}, "subject": "report"})  # fmt: skip
    stated = (rep.get("spans") or {}).get("self_score")
    for i, p in enumerate(ctx.result.get("projects") or []):
        if p.get("self_score") is None and not p.get("grade"):
            continue
        if stated and (p.get("spans") or {}).get("self_score") == stated:
            continue  # the report's own 总分 cell again: one sheet, checked once
        out.append({"key": p.get("project_name"), "self_score": p.get("self_score"),
                    "grade": p.get("grade"), "spans": p.get("spans") or {},
                    "subject": f"projects[{i}]"})  # fmt: skip
    return out


@rule(
    "total_score",
    "totals",
    {"mismatch": "error", "truncated": "info"},
    """Indicator 得分 + budget-execution 得分 = stated 总分 (self_score; per project when a file
    holds one 自评表 per project, from ``projects[]``). Checked only when every
    weighted item has a score and the weights add up to the full 100 (otherwise a part of the
    form, such as the budget score, is not stated and the total cannot be re-added).""",
)
def total_score(ctx: Ctx) -> Iterator[dict[str, Any]]:
    g = groups(ctx)
    for sheet in sheets(ctx):
        key = sheet["key"]
        if key is None and len(g) == 1:
            key = next(iter(g))
        if sheet["self_score"] is not None and key in g:
            yield from _sheet_total(ctx, sheet, g[key])


def _sheet_total(ctx: Ctx, sheet: dict[str, Any], items: dict[str, list]) -> Iterator[dict]:
    stated = sheet["self_score"]
    scored = [ind for _, ind in items["indicators"] if ind.get("weight") is not None]
    rows = items["budget"]
    if not scored:
        return  # item scores not stated (prose giving only 总分): nothing to add up
    weights = sum((dec(x["weight"]) for x in scored + rows), ZERO)
    if weights != dec(ctx.conv["weights"]["total"]):
        return  # a part of the form (the budget score, a family) is not stated: no full total
    if any(x.get("score") is None for x in scored + rows):
        return
    s_ind = sum((dec(x["score"]) for x in scored), ZERO)
    s_bud = sum((dec(x["score"]) for x in rows), ZERO)
    total = s_ind + s_bud
    span = sheet["spans"].get("self_score")
    d = decimals_of(stated, (span or {}).get("text"))
    status = classify(stated, total, d)
    if status in CONSISTENT:
        return
    how = f"指标得分 {fmt(s_ind)}" + (f" + 预算执行得分 {fmt(s_bud)}" if rows else "")
    yield ctx.emit(
        "truncated" if status == TRUNCATED else "mismatch", f"{sheet['subject']}.self_score",
        f"总分{_label(sheet['key'])}填报 {fmt(stated)}，{how} = {fmt(total)}"
        + ("（截断一致）" if status == TRUNCATED else "，不一致"),
        stated=stated, recomputed=total, span=span,
    )  # fmt: skip


def _weights(items: dict[str, list]) -> dict[str, Decimal] | None:
    """Weight per level-1 family (+ 预算执行率), or None unless every item has a weight."""
    inds = [ind for _, ind in items["indicators"]]
    if not inds:
        return None
    if any(ind.get("weight") is None for ind in inds):
        return None
    fam: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for ind in inds:
        fam[ind.get("level1") or "?"] += dec(ind["weight"])
    for row in items["budget"]:
        fam[BUDGET_FAMILY] += dec(row["weight"])
    return dict(fam)


@rule(
    "weights_total",
    "totals",
    {"mismatch": "error", "short": "warning"},
    """The weights (分值) of all indicators plus the budget-execution weight add up to 100 (and
    to the 总分 row's weight when the form states one); a level-1 weight written in its label
    (产出指标(50分)) equals the sum of its indicators' weights. Weights above the total are an
    error; short of it a warning (a row not read from a real form weighs nothing here).""",
)
def weights_total(ctx: Ctx) -> Iterator[dict[str, Any]]:
    want = dec(ctx.conv["weights"]["total"])
    g = groups(ctx)
    for key, items in g.items():
        fam = _weights(items)
        if not fam:
            continue
        yield from _family_weights(ctx, key, items, fam)
        if not items["budget"]:
            continue  # without the budget weight the total is not the form's total
        total = sum(fam.values(), ZERO)
        stated_total = ctx.report.get("total_weight") if len(g) == 1 else None
        first = items["indicators"][0][1] if items["indicators"] else items["budget"][0]
        if stated_total is not None and dec(stated_total) != total:
            yield ctx.emit(
                "mismatch", "report.total_weight",
                f"总分行分值填报 {fmt(stated_total)}，各项分值合计 {fmt(total)}，不一致",
                stated=stated_total, recomputed=total,
                span=(ctx.report.get("spans") or {}).get("total_weight"),
            )  # fmt: skip
        if total == want:
            continue
        yield ctx.emit(
            "mismatch" if total > want else "short", "weights" + (f"[{key}]" if key else ""),
            f"分值合计{_label(key)}为 {fmt(total)}，应为 {fmt(want)}",
            stated=total, recomputed=want, span=field_span(first, "weight"),
            by_family={k: float(v) for k, v in fam.items()},
        )  # fmt: skip


def _family_weights(ctx: Ctx, key: str | None, items: dict[str, list],
                    fam: dict[str, Decimal]) -> Iterator[dict[str, Any]]:  # fmt: skip
    """A level-1 weight written in its label (产出指标(50分)) vs its indicators' weights."""
    seen: set[str] = set()
    for i, ind in items["indicators"]:
        l1, lw = ind.get("level1"), ind.get("level1_weight")
        if lw is None or l1 in seen:
            continue
        seen.add(l1)
        if dec(lw) != fam.get(l1 or "?", ZERO):
            yield ctx.emit(
                "mismatch", f"indicators[{i}].level1_weight",
                f"{l1}{_label(key)}标注 {fmt(lw)} 分，其下各指标分值合计 {fmt(fam.get(l1 or '?', ZERO))}",
                stated=lw, recomputed=fam.get(l1 or "?", ZERO), span=ind.get("span"),
            )  # fmt: skip


@rule(
    "weights_split",
    "totals",
    {"nonstandard": "warning"},
    """The standard split of the 100 points (产出 50 / 效益 30 / 满意度 10 / 预算执行 10 by
    default): a family whose weights add up to another figure is a warning.""",
)
def weights_split(ctx: Ctx) -> Iterator[dict[str, Any]]:
    split = {k: dec(v) for k, v in ctx.conv["weights"]["split"].items()}
    for key, items in groups(ctx).items():
        fam = _weights(items)
        if not fam or not items["budget"]:
            continue
        off = {k: fam.get(k, ZERO) for k in split if fam.get(k, ZERO) != split[k]}
        if not off:
            continue
        got = "，".join(f"{k} {fmt(v)}（标准 {fmt(split[k])}）" for k, v in off.items())
        first = items["indicators"][0][1] if items["indicators"] else items["budget"][0]
        yield ctx.emit(
            "nonstandard", "weights" + (f"[{key}]" if key else ""),
            f"分值结构{_label(key)}不符合标准权重：{got}",
            span=field_span(first, "weight"),
            by_family={k: float(v) for k, v in fam.items()},
        )  # fmt: skip


@rule(
    "grade",
    "totals",
    {"mismatch": "error"},
    """The stated grade (等级 优/良/中/差) matches the band of the stated 总分 (优 ≥ 90, 良 ≥ 80,
    中 ≥ 60, 差 below, by default).""",
)
def grade(ctx: Ctx) -> Iterator[dict[str, Any]]:
    bands = sorted(ctx.conv["grades"]["bands"], key=lambda b: -b["min"])
    aliases = ctx.conv["grades"].get("aliases", {})
    for sheet in sheets(ctx):
        stated, score = sheet["grade"], sheet["self_score"]
        if not stated or score is None:
            continue
        expected = next((b["grade"] for b in bands if dec(score) >= dec(b["min"])), None)
        if expected is None or aliases.get(stated.strip(), stated.strip()) == expected:
            continue
        spans = sheet["spans"]
        yield ctx.emit(
            "mismatch", f"{sheet['subject']}.grade",
            f"等级{_label(sheet['key'])}填报“{stated}”，总分 {fmt(score)} 应为“{expected}”",
            stated=score, span=spans.get("grade"),
            related_spans={"self_score": spans.get("self_score")},
            stated_grade=stated, expected_grade=expected,
        )  # fmt: skip
