"""Totals across units: a county summary report (its title says 汇总/全县, patterns/crosscheck.toml)
against the sum of the reports of the units of the same region, year and report kind.

One report per unit is summed (a unit that submitted twice is counted once). Amounts are the
部门整体 预算数 and 执行数; the tolerance grows with the number of reports summed, since each
was rounded to 0.01 万元.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..audit.common import wan
from .folder import Folder, Report, finding, norm
from .midyear import WHOLE, kind

RULE = "cross_totals"
ITEMS = {"预算数": "budget_items", "执行数": "spent_items"}


def is_summary(r: Report, words: list[str]) -> bool:
    t = norm(r.title) + norm(r.report_type)
    return any(w in t for w in words)


def _row(folder: Folder, r: Report, items: list[str]) -> dict[str, Any] | None:
    for b in folder.budget.get(r.id, []):
        if b.get("item") in items and norm(b.get("scope")) == WHOLE and b.get("amount_yuan"):
            return b
    return None


def find_totals(folder: Folder) -> list[dict[str, Any]]:
    conf, mconf = folder.conf["totals"], folder.conf["midyear"]
    summaries = [r for r in folder.reports if is_summary(r, conf["summary_words"])]
    out: list[dict[str, Any]] = []
    for s in summaries:
        units: dict[str, Report] = {}
        for r in folder.reports:
            if (r is not s and not is_summary(r, conf["summary_words"])
                    and norm(r.region) == norm(s.region) and r.fiscal_year == s.fiscal_year
                    and kind(r, mconf) == kind(s, mconf) and r.unit != s.unit):  # fmt: skip
                units.setdefault(r.unit, r)
        if not units:
            continue
        parts = list(units.values())
        for label_item, key in ITEMS.items():
            items = mconf[key]
            stated = _row(folder, s, items)
            rows = [(r, _row(folder, r, items)) for r in parts]
            known = [(r, b) for r, b in rows if b]
            if not stated or not known:
                continue
            total = sum(Decimal(str(b["amount_yuan"])) for _, b in known)
            tol = Decimal(conf["tolerance_yuan_per_report"]) * len(known)
            diff = Decimal(str(stated["amount_yuan"])) - total
            missing = len(rows) - len(known)
            note = f"（{missing} 份报告未列{label_item}）" if missing else ""
            ok = abs(diff) <= tol
            msg = (f"汇总报告{label_item} {wan(stated['amount_yuan'])} 万元，{len(known)} 个单位报告合计 "
                   f"{wan(total)} 万元{note}，{'一致' if ok else '不一致'} "
                   f"(county total vs the sum of its units)")  # fmt: skip
            out.append(finding(RULE, "info" if ok else "warning", "match" if ok else "mismatch", s,
                               [r for r, _ in known], f"budget[{WHOLE}/{stated['item']}]", msg,
                               span=stated["span"], stated=stated["amount_yuan"],
                               recomputed=float(total)))  # fmt: skip
    return out
