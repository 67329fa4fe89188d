"""More prose: an evaluation firm's 绩效评价报告, and a self-evaluation report that exercises the
hard personnel/people/number forms (Chinese numerals, roles with phones, odd comparators, 元)."""

from __future__ import annotations

import random

from . import facts, truth
from .common import cn_count, date, render_prose, year_end_date
from .facts import D, fmt, q2, thousands
from .pools import FIRMS
from .prose import indicator_lines, prose_truth


def eval_firm(rng: random.Random, fmt_: str = "txt", encoding: str = "utf-8") -> tuple:
    """绩效评价报告 written by a third-party firm on one project."""
    u = facts.unit(rng)
    y, dept = u["year"], u["department"]
    proj = rng.choice(u["projects"])
    firm = rng.choice(FIRMS)
    bud = facts.budget(rng, 10, 5000)
    inds = facts.indicators(rng, u, bud, n_quant=rng.choice((2, 3)))
    rules = ["execution_rate_mismatch", "score_above_weight", "total_mismatch", "grade_mismatch"]
    planted, later = truth.maybe_plant(rng, inds, bud, rules)
    total, g, more = truth.totals(rng, inds, bud, later)
    planted += more
    row = bud["rows"]["年度资金总额"]
    signed, signed_iso = year_end_date(rng, y, rng.choice(("plain", "cn")))
    title = f"{dept}{y}年度{proj}绩效评价报告"
    lines = [
        title, f"委托单位：{u['region']}财政局", f"评价机构：{firm}",
        f"受{u['region']}财政局委托，{firm}对{dept}{y}年度{proj}开展了绩效评价。",
        "一、项目基本情况", f"项目名称：{proj}", f"主管部门：{dept}", f"实施单位：{u['implementer']}",
        f"项目全年预算数{fmt(row['全年预算数'])}万元，实际支出{fmt(row['执行数'])}万元，"
        f"预算执行率{fmt(row['预算执行率'])}%，该指标分值{bud['weight']}分，得分{fmt(bud['score'])}分。",
        "二、绩效评价结论",
        f"经综合评价，{proj}评价得分为{fmt(total)}分，评价等级为“{g}”。",
        "三、绩效指标完成情况",
    ]  # fmt: skip
    lines += indicator_lines(rng, inds, rng.choice(("seed", "paren", "split")), False, True)
    lines += [
        "四、存在的问题和建议",
        "建议进一步完善绩效目标设置，提高指标的可衡量性。",
        firm,
        signed,
    ]
    sc = truth.money_row
    budget = [
        sc(proj, "全年预算数", row["全年预算数"]), sc(proj, "执行数", row["执行数"]),
        truth.rate_row(proj, "预算执行率", row["预算执行率"], weight=D(bud["weight"]), score=bud["score"]),
    ]  # fmt: skip
    t = {
        "report": truth.report(title=title, report_type="绩效评价报告", department=dept,
                               region=u["region"], fiscal_year=y, signed_date=signed_iso,
                               self_score=total, grade=g, supervising_department=dept,
                               implementing_unit=u["implementer"], project_name=proj),
        "evaluator": firm, "personnel": [], "people": [], "budget": budget,
        "indicators": prose_truth(inds, {"level2", "comparator", "weight", "score"}),
        "planted_errors": planted,
    }  # fmt: skip
    ext, data = render_prose(lines, fmt_, encoding)
    return ext, data, t


def _odd_comparators(rng: random.Random, inds: list[dict]) -> dict:
    """Some ≥ become >, and the file writes ≥ ≤ = > as one of the converter spellings."""
    for ind in inds:
        # only where the actual exceeds the target, so what was achieved stays achieved
        above = ind["target"] is not None and ind["actual"] > ind["target"]
        if ind["comparator"] == "≥" and ind["unit"] != "%" and above and rng.random() < 0.5:
            ind["comparator"] = ">"
    return rng.choice(({"≥": "≧", "=": "═", ">": "＞"}, {"≥": "≥", "=": "═", ">": "＞"}))


def people_variants(rng: random.Random, fmt_: str = "txt", encoding: str = "utf-8") -> tuple:
    """部门整体支出绩效自评报告 with Chinese numerals, roles and phones, 元 and 万元, odd comparators."""
    u = facts.unit(rng)
    y, dept = u["year"], u["department"]
    bud = facts.budget(rng, 50, 3000)
    inds = facts.indicators(rng, u, None, n_quant=2)
    style = _odd_comparators(rng, inds)
    for ind in inds:
        facts._rate(ind)
    facts._weights(inds)
    planted, later = truth.maybe_plant(rng, inds, bud, ["score_above_weight", "total_mismatch"])
    total, g, more = truth.totals(rng, inds, bud, later)
    planted += more
    row = bud["rows"]["年度资金总额"]
    retired, serving = rng.randint(0, 9), rng.randint(5, 99)
    quota = serving + rng.randint(-4, 2)
    staff = [
        ("编制数", quota),
        ("实有人数", serving + retired),
        ("在职人数", serving),
        ("退休人数", retired),
    ]
    n = [facts.person(rng) for _ in range(5)]
    ph = [truth.phone(rng) for _ in range(3)]
    people = [truth.person(n[0], "单位负责人"), truth.person(n[1], "财务负责人"),
              truth.person(n[2], "项目负责人", ph[0]), truth.person(n[3], "填报人", ph[1])]  # fmt: skip
    lines_people = [f"单位负责人：{n[0]}    财务负责人：{n[1]}",
                    f"项目负责人：{n[2]}（联系电话：{ph[0]}）",
                    f"填报人：{n[3]}    联系电话：{ph[1]}"]  # fmt: skip
    if rng.random() < 0.6:  # a role left blank on the form: no name, only a phone
        people.append(truth.person(None, "联系人", ph[2]))
        lines_people.append(f"联系人：        联系电话：{ph[2]}")
    filled, filled_iso = year_end_date(rng, y, "cn")
    basic = q2(row["全年预算数"] * D(str(rng.uniform(0.3, 0.7))))
    pct_word = rng.random() < 0.5
    title = f"{dept}{y}年度部门整体支出绩效自评报告"
    lines = [
        title, f"填报单位：{dept}", f"填报日期：{filled}", "一、部门基本情况",
        f"本单位编制人数{cn_count(quota)}人，实有人员{cn_count(serving + retired)}人，其中在职"
        f"{cn_count(serving)}人、退休{cn_count(retired)}人。",
        *lines_people, "二、预算执行情况",
        f"全年预算数{thousands(row['全年预算数'] * 10000)}元，全年执行数{thousands(row['执行数'] * 10000)}元，"
        f"预算执行率{fmt(row['预算执行率'])}%（分值{bud['weight']}分，得分{fmt(bud['score'])}分）。",
        f"其中基本支出全年预算数{fmt(basic)}万元，项目支出全年预算数{fmt(row['全年预算数'] - basic)}万元。",
        "三、绩效指标完成情况",
    ]  # fmt: skip
    body = indicator_lines(rng, inds, "seed", False, True, sp="")
    for ind in inds:  # rewrite the comparators and, in some files, % as 百分比
        if ind["comparator"] and ind["target"] is not None:
            old = ind["comparator"] + fmt(ind["target"]) + (ind["unit"] or "")
            new = style.get(ind["comparator"], ind["comparator"]) + fmt(ind["target"])
            new += "百分比" if pct_word and ind["unit"] == "%" else ind["unit"] or ""
            body = [ln.replace(old, new) for ln in body]
    lines += body
    lines += ["四、自评结论", f"本部门整体支出绩效自评得分{fmt(total)}分，自评等级为{g}。", dept,
              date(*map(int, filled_iso.split("-")), "cn")[0]]  # fmt: skip
    sc = truth.money_row
    budget = [
        sc("部门整体", "全年预算数", row["全年预算数"] * 10000, unit="元",
           raw=thousands(row["全年预算数"] * 10000) + "元"),
        sc("部门整体", "执行数", row["执行数"] * 10000, unit="元", raw=thousands(row["执行数"] * 10000) + "元"),
        truth.rate_row("部门整体", "预算执行率", row["预算执行率"], weight=D(bud["weight"]), score=bud["score"]),
        sc("基本支出", "全年预算数", basic), sc("项目支出", "全年预算数", row["全年预算数"] - basic),
    ]  # fmt: skip
    t = {
        "report": truth.report(title=title, report_type="部门整体支出绩效自评报告", department=dept,
                               region=u["region"], fiscal_year=y, filled_date=filled_iso,
                               signed_date=filled_iso, self_score=total, grade=g),
        "personnel": [{"category": k, "count": v} for k, v in staff], "people": people,
        "budget": budget,
        "indicators": prose_truth(inds, {"level2", "comparator", "weight", "score"}),
        "planted_errors": planted,
    }  # fmt: skip
    ext, data = render_prose(lines, fmt_, encoding)
    return ext, data, t
