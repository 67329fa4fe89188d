"""Truth JSON pieces in the contract shape, and deliberate arithmetic errors for the audit.

The truth says what the document SAYS: a template passes only the fields it rendered, and every
other field is null. Planted errors change the stated value (so the truth holds the wrong number,
as written) and are listed in ``planted_errors`` with the rule, the subject and the right value.
"""

from __future__ import annotations

import random
from decimal import Decimal

from .facts import D, fmt, grade, num, q2, value_text

REPORT_FIELDS = [
    "title", "report_type", "department", "region", "fiscal_year", "filled_date", "signed_date",
    "overall_completion_pct", "self_score", "grade", "supervising_department", "implementing_unit",
    "project_name",
]  # fmt: skip


def report(**fields) -> dict:
    # A project's form is the implementing unit's (实施单位): it fills it in and reports; the
    # 主管部门 supervises (real reports' hand-made truth reads them so). A title that names a
    # unit names the reporting one.
    dept, title = fields.get("department"), fields.get("title") or ""
    if fields.get("implementing_unit") and dept and not title.startswith(dept):
        fields["department"] = fields["implementing_unit"]
    out = {k: None for k in REPORT_FIELDS}
    for k, v in fields.items():
        out[k] = num(v) if isinstance(v, Decimal) else v
    return out


def indicator(ind: dict, shown: set[str], scope: str | None = None, **extra) -> dict:
    """One truth indicator; ``shown`` ⊆ {rate, weight, score, deviation, level2, comparator}."""
    t = {
        "level1": ind["level1"],
        "level2": ind["level2"] if "level2" in shown else None,
        "name": ind["name"],
        "unit": ind["unit"],
        "comparator": ind["comparator"] if "comparator" in shown else None,
        "target_raw": value_text(ind, "target") or None,
        "target": num(ind["target"]),
        "actual_raw": value_text(ind, "actual") or None,
        "actual": num(ind["actual"]),
        "stated_rate_pct": num(ind["rate"]) if "rate" in shown else None,
        "weight": num(ind["weight"]) if "weight" in shown else None,
        "score": num(ind["score"]) if "score" in shown else None,
        "deviation_reason": ind.get("deviation") if "deviation" in shown else None,
    }
    if scope is not None:
        t["scope"] = scope
    t.update(extra)
    return t


# The contract's item names: the full-year (adjusted) budget is 预算数, as in the seed's "预算 41.12 万元";
# the total row of a form (年度资金总额) has no fund_source.
ITEM_NAMES = {"全年预算数": "预算数"}
TOTAL_ROW = "年度资金总额"


def money_row(
    scope: str,
    item: str,
    wan: Decimal | None,
    *,
    unit: str = "万元",
    raw: str | None = None,
    fund_source: str | None = None,
    as_of: str | None = None,
    **extra,
) -> dict:
    """A budget amount stated in 万元 (or 元 when unit='元')."""
    item = ITEM_NAMES.get(item, item)
    yuan = None if wan is None else float(q2(wan * 10000) if unit == "万元" else q2(wan))
    row = {"scope": scope, "item": item, "amount_yuan": yuan, "rate_pct": None, "unit": unit,
           "raw": raw if raw is not None else (fmt(wan) + unit if wan is not None else None),
           "as_of": as_of}  # fmt: skip
    if fund_source and fund_source != TOTAL_ROW:
        row["fund_source"] = fund_source
    row.update(extra)
    return row


def rate_row(
    scope: str,
    item: str,
    pct: Decimal | None,
    *,
    fund_source: str | None = None,
    as_of: str | None = None,
    **extra,
) -> dict:
    row = {"scope": scope, "item": item, "amount_yuan": None, "rate_pct": num(pct), "unit": "%",
           "raw": None if pct is None else fmt(pct) + "%", "as_of": as_of}  # fmt: skip
    if fund_source and fund_source != TOTAL_ROW:
        row["fund_source"] = fund_source
    for k, v in extra.items():
        row[k] = num(v) if isinstance(v, Decimal) else v
    return row


def person(name: str | None, role: str, phone: str | None = None) -> dict:
    p = {"name": name, "role": role}
    if phone:
        p["phone"] = phone
    return p


def phone(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))
    return f"0{rng.randint(900, 999)}-{rng.randint(2000000, 8999999)}"


# ---- planted errors ---------------------------------------------------------------------------

RULES = ["indicator_rate_mismatch", "execution_rate_mismatch", "parts_not_summing",
         "score_above_weight", "total_mismatch", "grade_mismatch"]  # fmt: skip


def plant(
    rng: random.Random, inds: list[dict], budget: dict | None, rules: list[str]
) -> list[dict]:
    """Break one figure (before the totals are computed); returns the planted_errors entries."""
    rule = rng.choice(rules)
    if rule == "indicator_rate_mismatch":
        cands = [i for i in inds if i["target"] is not None and i.get("rate") is not None]
        ind = rng.choice(cands)
        right = ind["rate"]
        ind["rate"] = right + D(rng.choice((-15, -10, 10, 12)))
        return [{"rule": rule, "subject": f"indicator:{ind['name']}", "stated": num(ind["rate"]),
                 "expected": num(right)}]  # fmt: skip
    if rule == "score_above_weight":
        ind = rng.choice(inds)
        right = ind["score"]
        ind["score"] = ind["weight"] + D(rng.choice((1, 2, 5)))
        return [{"rule": rule, "subject": f"indicator:{ind['name']}", "stated": num(ind["score"]),
                 "expected": num(right), "weight": num(ind["weight"])}]  # fmt: skip
    rows = budget["rows"]
    if rule == "execution_rate_mismatch":
        row = rows["年度资金总额"]
        right = row["预算执行率"]
        row["预算执行率"] = right - D("7.5") if right > 50 else right + D("7.5")
        return [{"rule": rule, "subject": "budget:年度资金总额/预算执行率",
                 "stated": num(row["预算执行率"]), "expected": num(right)}]  # fmt: skip
    if rule == "parts_not_summing":
        right = rows["财政拨款"]["全年预算数"]
        fiscal = rows["财政拨款"]
        fiscal["全年预算数"] = right + D(rng.choice((1, 5, 10)))
        fiscal["预算执行率"] = q2(fiscal["执行数"] / fiscal["全年预算数"] * 100)
        return [{"rule": rule, "subject": "budget:年度资金总额/全年预算数",
                 "stated": num(rows["年度资金总额"]["全年预算数"]),
                 "expected": num(sum(r["全年预算数"] for k, r in rows.items() if k != "年度资金总额")),
                 "note": "其中 rows do not add up to 年度资金总额"}]  # fmt: skip
    raise ValueError(rule)


def totals(rng: random.Random, inds: list[dict], budget: dict, rule: str | None) -> tuple:
    """(total, grade, planted) after an optional total_mismatch / grade_mismatch error."""
    total = q2(budget["score"] + sum(i["score"] for i in inds))
    g = grade(total)
    if rule == "total_mismatch":
        stated = total + D(rng.choice((-3, 2, 4)))
        return stated, grade(stated), [{"rule": rule, "subject": "report.self_score",
                                        "stated": num(stated), "expected": num(total)}]  # fmt: skip
    if rule == "grade_mismatch":
        wrong = {"优": "良", "良": "优", "中": "良", "差": "中"}[g]
        return total, wrong, [{"rule": rule, "subject": "report.grade", "stated": wrong,
                               "expected": g}]  # fmt: skip
    return total, g, []


def maybe_plant(
    rng: random.Random, inds: list[dict], budget: dict | None, rules: list[str], rate: float = 0.17
) -> tuple[list[dict], str | None]:
    """With probability ``rate`` plant one error; totals-level rules are returned to apply later."""
    if not rules or rng.random() >= rate:
        return [], None
    rule = rng.choice(rules)
    if rule in ("total_mismatch", "grade_mismatch"):
        return [], rule
    return plant(rng, inds, budget, [rule]), None
