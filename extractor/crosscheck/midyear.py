"""Mid-year against year-end: the monitoring report (30 June) and the self-evaluation of the same
unit, year and scope (部门整体 or the project).

- a target that changed between the two (a target lowered to what was achieved is the usual way
  to reach 100 %);
- a budget that changed while the self-evaluation explains no 追加/调整;
- a year-end 执行数 lower than the mid-year one (spending cannot go down).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..audit.common import wan
from .folder import Folder, Report, finding, label, norm

RULE = "cross_midyear"
WHOLE = "部门整体"


def kind(r: Report, conf: dict[str, Any]) -> str | None:
    t = norm(r.report_type) or norm(r.title)
    if any(w in t for w in conf["monitoring"]):
        return "monitoring"
    if any(w in t for w in conf["selfeval"]):
        return "selfeval"
    return None


def find_midyear(folder: Folder) -> list[dict[str, Any]]:
    conf = folder.conf["midyear"]
    groups: dict[tuple, dict[str, list[Report]]] = defaultdict(lambda: defaultdict(list))
    for r in folder.reports:
        k = kind(r, conf)
        if k and r.fiscal_year and not r.unit.startswith("report:"):
            scope = norm(r.project_name) or WHOLE
            groups[(r.unit, r.fiscal_year, scope)][k].append(r)
    out: list[dict[str, Any]] = []
    for (_, _, scope), kinds in sorted(groups.items()):
        for m in kinds.get("monitoring", []):
            for s in kinds.get("selfeval", []):
                out += _targets(folder, m, s)
                out += _budget(folder, m, s, scope, conf)
    return out


def _targets(folder: Folder, m: Report, s: Report) -> list[dict[str, Any]]:
    mid = {}
    for ind in folder.indicators.get(m.id, []):
        mid.setdefault(norm(ind.get("name")), ind)
    out = []
    for ind in folder.indicators.get(s.id, []):
        before = mid.get(norm(ind.get("name")))
        if not before or not ind.get("name"):
            continue
        a, b = before.get("target"), ind.get("target")
        if a is not None and b is not None:
            changed = abs(float(a) - float(b)) > 1e-9
        else:
            ra, rb = norm(before.get("target_raw")), norm(ind.get("target_raw"))
            changed = bool(ra and rb and ra != rb)
        if changed:
            was, now = before.get("target_raw") or a, ind.get("target_raw") or b
            msg = (f"指标“{ind['name']}”目标值在自评中为“{now}”，年中监控报告{label(m)}中为“{was}”，"
                   f"目标被修改 (target changed since the monitoring report)")  # fmt: skip
            out.append(finding(RULE, "warning", "target_changed", s, [m],
                               f"indicators[{ind['index']}]", msg, span=ind["span"], stated=b,
                               recomputed=a, related_spans={"monitoring": before["span"]}))  # fmt: skip
    return out


def _amount(folder: Folder, r: Report, items: list[str], scope: str) -> dict[str, Any] | None:
    rows = [b for b in folder.budget.get(r.id, [])
            if b.get("item") in items and b.get("amount_yuan") is not None]  # fmt: skip
    for want in (scope, WHOLE):
        for b in rows:
            if norm(b.get("scope")) == want:
                return b
    return None


def _budget(folder: Folder, m: Report, s: Report, scope: str, conf: dict) -> list[dict]:
    out = []
    tol = conf["tolerance_yuan"]
    bm, bs = (_amount(folder, r, conf["budget_items"], scope) for r in (m, s))
    if bm and bs and abs(bm["amount_yuan"] - bs["amount_yuan"]) > tol:
        text = folder.texts.get(s.id, "")
        explained = any(w in text for w in conf["explained_by"]) or any(
            "追加" in (b.get("scope") or "") for b in folder.budget.get(s.id, [])
        )
        was, now = wan(bm["amount_yuan"]), wan(bs["amount_yuan"])
        if explained:
            msg = (f"预算数由年中监控（{label(m)}）的 {was} 万元变为 {now} 万元，自评报告说明了追加或调整 "
                   f"(budget changed, explained)")  # fmt: skip
        else:
            msg = (f"预算数由年中监控（{label(m)}）的 {was} 万元变为 {now} 万元，自评报告未说明追加或调整 "
                   f"(budget changed without 追加 explained)")  # fmt: skip
        out.append(finding(RULE, "info" if explained else "warning",
                           "budget_changed_explained" if explained else "budget_changed", s, [m],
                           f"budget[{bs.get('scope')}/{bs.get('item')}]", msg, span=bs["span"],
                           stated=bs["amount_yuan"], recomputed=bm["amount_yuan"],
                           related_spans={"monitoring": bm["span"]}))  # fmt: skip
    em, es = (_amount(folder, r, conf["spent_items"], scope) for r in (m, s))
    if em and es and es["amount_yuan"] < em["amount_yuan"] - tol:
        msg = (f"全年执行数 {wan(es['amount_yuan'])} 万元低于年中监控（{label(m)}）的执行数 "
               f"{wan(em['amount_yuan'])} 万元 (year-end spending below mid-year)")  # fmt: skip
        out.append(finding(RULE, "warning", "spent_decreased", s, [m],
                           f"budget[{es.get('scope')}/{es.get('item')}]", msg, span=es["span"],
                           stated=es["amount_yuan"], recomputed=em["amount_yuan"],
                           related_spans={"monitoring": em["span"]}))  # fmt: skip
    return out
