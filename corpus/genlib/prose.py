"""Prose templates: the seed-like monitoring report, the department self-evaluation report and the
project self-evaluation report with the indicator wordings real submissions use."""

from __future__ import annotations

import random

from . import facts, truth
from .common import date, pick, render_prose, year_end_date
from .facts import D, fmt, q2, value_text

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
TARGET_LABELS = ["预期指标值", "年度指标值", "目标值", "年初目标值"]
ACTUAL_LABELS = ["实际完成值", "实际完成", "完成值"]
RATE_LABELS = ["指标完成率", "完成率", "完成比例"]
LEVEL1_HEAD = {"产出指标": "产出情况", "效益指标": "效益情况", "满意度指标": "满意度情况"}


def midyear(rng: random.Random, inds: list[dict]) -> None:
    """Monitoring is at 30 June: actuals are part of the target; rates are whole percents."""
    for ind in inds:
        if ind["target"] is None:
            ind["actual_words"] = {"逐步增加": "有所增加", "显著提高": "有所提高"}.get(
                ind["target_words"], "正在推进"
            )
            ind["rate"] = D(50)
        elif ind["level1"] == "满意度指标" and rng.random() < 0.6:
            ind["actual"], ind["actual_words"], ind["rate"] = None, "未达监控节点", None
        elif ind["unit"] == "%":  # a rate does not accumulate over the year
            ind["actual"] = max(D(1), ind["target"] - rng.randint(0, 12))
            ind["rate"] = q2(ind["actual"] / ind["target"] * 100).to_integral_value()
        else:
            ind["actual"] = D(max(1, int(ind["target"] * D(str(rng.uniform(0.3, 0.9))))))
            ind["rate"] = q2(ind["actual"] / ind["target"] * 100).to_integral_value()


def personnel(rng: random.Random) -> tuple[dict, list[dict]]:
    retired = rng.randint(0, 8)
    serving = rng.randint(2, 60)
    quota = max(1, serving + rng.randint(-3, 3))
    change = rng.choice((0, 0, 1, 2, -1))
    rows = [("编制数", quota), ("实有人数", serving + retired), ("在职人数", serving),
            ("退休人数", retired)]  # fmt: skip
    if change:
        rows.append(("在职人数较上年变化", change))
    return dict(rows), [{"category": k, "count": v} for k, v in rows]


def personnel_sentence(dept: str, p: dict) -> str:
    s = (
        f"{dept}编制数 {p['编制数']} 人，实有人数 {p['实有人数']} 人，其中：在职 {p['在职人数']} 人，"
        f"退休 {p['退休人数']} 人"
    )
    ch = p.get("在职人数较上年变化")
    if ch:
        s += f"，与去年相比{'增加' if ch > 0 else '减少'}在职人员 {abs(ch)} 人"
    return s + "。"


def spaced(ind: dict, which: str, sp: str) -> str:
    """'≥ 12 次' (sp=' ', as in the seed) or '≥12次'."""
    if ind[which] is None or not sp:
        return value_text(ind, which)
    cmp_ = ind["comparator"] + " " if which == "target" and ind["comparator"] else ""
    u = ind["unit"] or ""
    return cmp_ + fmt(ind[which]) + ("" if u == "%" else " ") + u


def prose_truth(inds: list[dict], shown: set[str]) -> list[dict]:
    """Prose puts no level-2 heading over the satisfaction indicators (as in the seed)."""
    out = [truth.indicator(i, shown) for i in inds]
    for t in out:
        if t["level1"] == "满意度指标":
            t["level2"] = None
    return out


def indicator_lines(
    rng: random.Random,
    inds: list[dict],
    style: str,
    show_rate: bool,
    show_score: bool = False,
    sp: str | None = None,
) -> list[str]:
    """The indicator section, grouped under level-1 and level-2 headings."""
    tl, al, rl = rng.choice(TARGET_LABELS), rng.choice(ACTUAL_LABELS), rng.choice(RATE_LABELS)
    sp = (" " if rng.random() < 0.5 else "") if sp is None else sp
    lines, l1n, l2n, k = [], 0, 0, 0
    last1 = last2 = None
    for ind in inds:
        if ind["level1"] != last1:
            l1n, l2n, last1, last2, k = l1n + 1, 0, ind["level1"], None, 0
            lines.append(f"{l1n}、{LEVEL1_HEAD[ind['level1']]}")
        if ind["level2"] != last2 and ind["level1"] != "满意度指标":
            l2n, last2, k = l2n + 1, ind["level2"], 0
            lines.append(f"{CIRCLED[l2n - 1]}{ind['level2']}：")
        k += 1
        tgt, act = spaced(ind, "target", sp), spaced(ind, "actual", sp)
        rate = f"，{rl}{sp}{fmt(ind['rate'])}%" if show_rate and ind["rate"] is not None else ""
        score = f"，分值{fmt(ind['weight'])}分，得分{fmt(ind['score'])}分" if show_score else ""
        unit = (
            f"（{ind['unit']}）"
            if ind["unit"] and ind["unit"] != "%" and rng.random() < 0.5
            else ""
        )
        if style == "split":
            lines.append(f"指标{k}：{ind['name']}")
            lines.append(f"{tl}：{tgt}")
            lines.append(f"{al}：{act}")
            if rate:
                lines.append(f"{rl}：{fmt(ind['rate'])}%")
            if score:
                lines.append(f"分值：{fmt(ind['weight'])}分；得分：{fmt(ind['score'])}分")
        elif style == "paren":
            lines.append(f"（{k}）{ind['name']}：年初目标值{tgt}，全年实际完成{act}{rate}{score}。")
        elif style == "semicolon":
            lines.append(
                f"{k}.{ind['name']}。指标值：{tgt}；实际完成值：{act}{rate.replace('，', '；')}{score}。"
            )
        else:
            lines.append(
                f"指标{sp}{k}：{ind['name']}{unit}，{tl}：{sp}{tgt}，{al}{sp}{act}{rate}{score}；"
            )
    return lines


def monitor(rng: random.Random, fmt_: str = "txt", encoding: str = "utf-8") -> tuple:
    """部门整体支出绩效监控报告, as of 30 June, like the seed."""
    u = facts.unit(rng)
    y, dept = u["year"], u["department"]
    inds = facts.indicators(rng, u, None, n_quant=rng.choice((2, 3)))
    midyear(rng, inds)
    planted, _ = truth.maybe_plant(rng, inds, None, ["indicator_rate_mismatch"], 0.08)
    p, personnel_truth = personnel(rng)
    names = [facts.person(rng) for _ in range(4)]
    b = facts.money(rng, 20, 3000)
    arrived = q2(b * D(str(rng.uniform(0.4, 0.9))))
    spent = q2(arrived * D(str(rng.uniform(0.5, 0.95))))
    basic = q2(b * D(str(rng.uniform(0.5, 0.9))))
    project = b - basic
    spent_b = min(basic, q2(spent * D(str(rng.uniform(0.5, 0.9)))))
    spent_p = spent - spent_b
    wages = q2(spent_b * D(str(rng.uniform(0.6, 0.85))))
    public = spent_b - wages
    r_arr, r_exec = q2(arrived / b * 100), q2(spent / b * 100)
    r_b = q2(spent_b / basic * 100)
    r_p = q2(spent_p / project * 100) if project else D(0)
    stated_exec = r_exec
    if not planted and rng.random() < 0.08:
        stated_exec = r_exec + D("5.5")
        planted = [{"rule": "execution_rate_mismatch", "subject": "budget:部门整体/预算执行率",
                    "stated": facts.num(stated_exec), "expected": facts.num(r_exec)}]  # fmt: skip
    filled, filled_iso = date(y, 7, rng.randint(1, 15))
    signed, signed_iso = date(y, 7, rng.randint(16, 28), "spaced")
    done = rng.randint(40, 80)
    short_title = (
        u["region"] + u["short"][:2] + "整体支出绩效监控报告" if rng.random() < 0.3 else None
    )
    title = short_title or f"{dept}{y}年度部门整体支出绩效监控报告"
    asof = f"{y}-06-30"
    lines = [
        title, f"部门单位名称（公章）：{dept}", f"填报时间：{filled}",
        "一、绩效监控工作组织实施情况", "（一）部门基本情况", personnel_sentence(dept, p),
        "本单位成立预算绩效运行监控工作领导小组，分组情况如下：",
        f"组 长：{names[0]}", f"副组长：{names[1]}", f"成 员：{names[2]} {names[3]}",
        "二、部门单位年度预算执行情况",
        f"我部门 {y} 年预算 {fmt(b)} 万元，实际到位资金 {fmt(arrived)} 万元，到位率 {fmt(r_arr)}%。"
        f"截至 {y} 年 6 月底资金执行数 {fmt(spent)} 万元，预算执行率 {fmt(stated_exec)}%。",
        "（一）基本支出绩效目标完成情况",
        f"本年度基本支出预算安排总额为 {fmt(basic)} 万元，其中财政资金 {fmt(basic)} 万元，其他资金 0 万元。",
        f"截止到监控节点，基本支出实际支出资金 {fmt(spent_b)} 万元，预算执行率 {fmt(r_b)}%。"
        f"其中用于：工资福利支出 {fmt(wages)} 万元、基本公用支出 {fmt(public)} 万元。",
        "（二）项目支出绩效目标完成情况",
        f"本年度项目支出预算安排总额为 {fmt(project)} 万元，其中财政资金 {fmt(project)} 万元，其他资金 0 万元。",
        f"截止到监控节点，项目支出实际支出资金 {fmt(spent_p)} 万元，预算执行率 {fmt(r_p)}%。",
        "三、部门单位整体绩效目标情况", "（一）绩效目标完成情况",
    ]  # fmt: skip
    lines += indicator_lines(rng, inds, "seed", True)
    lines += ["（二）偏离情况及成因分析", f"本部门单位工作目标完成 {done}%。因部分资金未拨付到位，部分工作进度滞后。",
              "（三）纠偏措施", "下一步将加快资金拨付和项目实施进度。", dept, signed]  # fmt: skip
    sc = lambda s, i, v, **k: truth.money_row(s, i, v, **k)  # noqa: E731
    budget = [
        sc("部门整体", "预算数", b), sc("部门整体", "到位资金", arrived),
        truth.rate_row("部门整体", "到位率", r_arr), sc("部门整体", "执行数", spent, as_of=asof),
        truth.rate_row("部门整体", "预算执行率", stated_exec, as_of=asof),
        sc("基本支出", "预算数", basic), sc("基本支出", "财政资金", basic), sc("基本支出", "其他资金", D(0)),
        sc("基本支出", "执行数", spent_b), truth.rate_row("基本支出", "预算执行率", r_b),
        sc("基本支出", "工资福利支出", wages), sc("基本支出", "基本公用支出", public),
        sc("项目支出", "预算数", project), sc("项目支出", "财政资金", project), sc("项目支出", "其他资金", D(0)),
        sc("项目支出", "执行数", spent_p), truth.rate_row("项目支出", "预算执行率", r_p),
    ]  # fmt: skip
    t = {
        "report": truth.report(title=title, report_type="部门整体支出绩效监控报告", department=dept,
                               region=u["region"], fiscal_year=y, filled_date=filled_iso,
                               signed_date=signed_iso, overall_completion_pct=done),
        "personnel": personnel_truth,
        "people": [truth.person(names[0], "组长"), truth.person(names[1], "副组长"),
                   truth.person(names[2], "成员"), truth.person(names[3], "成员")],
        "budget": budget,
        "indicators": prose_truth(inds, {"rate", "level2", "comparator"}),
        "planted_errors": planted,
    }  # fmt: skip
    ext, data = render_prose(lines, fmt_, encoding)
    return ext, data, t


def dept_selfeval(rng: random.Random, fmt_: str = "txt", encoding: str = "utf-8") -> tuple:
    """部门整体支出绩效自评报告: year-end figures, scores and a grade."""
    u = facts.unit(rng)
    y, dept = u["year"], u["department"]
    bud = facts.budget(rng, 50, 5000)
    inds = facts.indicators(rng, u, None, n_quant=rng.choice((2, 3)))
    scored = rng.random() < 0.6
    rules = ["execution_rate_mismatch", "total_mismatch", "grade_mismatch"]
    rules += ["score_above_weight"] if scored else ["indicator_rate_mismatch"]
    planted, later = truth.maybe_plant(rng, inds, bud, rules)
    total, g, more = truth.totals(rng, inds, bud, later)
    planted += more
    p, personnel_truth = personnel(rng)
    row = bud["rows"]["年度资金总额"]
    basic = q2(row["全年预算数"] * D(str(rng.uniform(0.3, 0.7))))
    spent_b = q2(row["执行数"] * basic / row["全年预算数"])
    signed, signed_iso = year_end_date(rng, y)
    title = f"{dept}{y}年度部门整体支出绩效自评报告"
    lines = [
        title, "一、部门基本情况", personnel_sentence(dept, p), "二、部门预算执行情况",
        f"{y}年年初预算数{fmt(row['年初预算数'])}万元，全年预算数{fmt(row['全年预算数'])}万元，"
        f"全年执行数{fmt(row['执行数'])}万元，预算执行率{fmt(row['预算执行率'])}%。",
        f"其中基本支出全年预算数{fmt(basic)}万元，执行数{fmt(spent_b)}万元；项目支出全年预算数"
        f"{fmt(row['全年预算数'] - basic)}万元，执行数{fmt(row['执行数'] - spent_b)}万元。",
        f"预算执行率指标分值{bud['weight']}分，得分{fmt(bud['score'])}分。",
        "三、绩效目标完成情况",
    ]  # fmt: skip
    lines += indicator_lines(rng, inds, rng.choice(("seed", "paren")), not scored, scored)
    lines += ["四、自评结论",
              f"经自评，本部门{y}年度部门整体支出绩效自评得分{fmt(total)}分，自评等级为“{g}”。",
              "五、存在的问题及改进措施", "部分项目前期准备不足，下一步将加强预算编制的科学性。",
              dept, signed]  # fmt: skip
    sc = truth.money_row
    budget = [
        sc("部门整体", "年初预算数", row["年初预算数"]), sc("部门整体", "全年预算数", row["全年预算数"]),
        sc("部门整体", "执行数", row["执行数"]),
        truth.rate_row("部门整体", "预算执行率", row["预算执行率"], weight=D(bud["weight"]), score=bud["score"]),
        sc("基本支出", "全年预算数", basic), sc("基本支出", "执行数", spent_b),
        sc("项目支出", "全年预算数", row["全年预算数"] - basic),
        sc("项目支出", "执行数", row["执行数"] - spent_b),
    ]  # fmt: skip
    shown = {"level2", "comparator"} | ({"weight", "score"} if scored else {"rate"})
    t = {
        "report": truth.report(title=title, report_type="部门整体支出绩效自评报告", department=dept,
                               region=u["region"], fiscal_year=y, signed_date=signed_iso,
                               self_score=total, grade=g),
        "personnel": personnel_truth, "people": [], "budget": budget,
        "indicators": prose_truth(inds, shown), "planted_errors": planted,
    }  # fmt: skip
    ext, data = render_prose(lines, fmt_, encoding)
    return ext, data, t


def project_prose(rng: random.Random, fmt_: str = "txt", encoding: str = "utf-8") -> tuple:
    """项目支出绩效自评报告 in prose, with one of the indicator wordings per file."""
    u = facts.unit(rng)
    y, dept = u["year"], u["department"]
    proj = rng.choice(u["projects"])
    bud = facts.budget(rng)
    inds = facts.indicators(rng, u, bud, n_quant=2)
    style = pick(rng, {"paren": 1, "semicolon": 1, "seed": 1, "split": 1})
    rules = ["execution_rate_mismatch", "parts_not_summing", "total_mismatch", "grade_mismatch"]
    rules += ["indicator_rate_mismatch"] if style != "semicolon" else []
    planted, later = truth.maybe_plant(rng, inds, bud, rules)
    total, g, more = truth.totals(rng, inds, bud, later)
    planted += more
    rows = bud["rows"]
    row = rows["年度资金总额"]
    signed, signed_iso = year_end_date(rng, y)
    title = f"{proj}{y}年度项目支出绩效自评报告"
    lines = [
        title, f"项目名称：{proj}", f"主管部门：{dept}", f"实施单位：{u['implementer']}", "一、项目资金使用情况",
        f"项目年初预算{fmt(row['年初预算数'])}万元，全年预算{fmt(row['全年预算数'])}万元，"
        f"全年执行{fmt(row['执行数'])}万元，预算执行率{fmt(row['预算执行率'])}%。",
        f"全年预算中：财政拨款{fmt(rows['财政拨款']['全年预算数'])}万元，上年结转{fmt(rows['上年结转']['全年预算数'])}万元，"
        f"其他资金{fmt(rows['其他资金']['全年预算数'])}万元。",
        "二、绩效指标完成情况",
    ]  # fmt: skip
    show_rate = style != "semicolon"
    lines += indicator_lines(rng, inds, style, show_rate)
    lines += ["三、自评结论", f"该项目自评得分{fmt(total)}分，自评等级“{g}”。", dept, signed]
    sc = truth.money_row
    budget = [
        sc(proj, "年初预算数", row["年初预算数"]), sc(proj, "全年预算数", row["全年预算数"]),
        sc(proj, "执行数", row["执行数"]), truth.rate_row(proj, "预算执行率", row["预算执行率"]),
        sc(proj, "财政资金", rows["财政拨款"]["全年预算数"]),
        sc(proj, "上年结转", rows["上年结转"]["全年预算数"]),
        sc(proj, "其他资金", rows["其他资金"]["全年预算数"]),
    ]  # fmt: skip
    shown = {"level2", "comparator"} | ({"rate"} if show_rate else set())
    t = {
        "report": truth.report(title=title, report_type="项目支出绩效自评报告", department=dept,
                               region=u["region"], fiscal_year=y, signed_date=signed_iso,
                               self_score=total, grade=g, supervising_department=dept,
                               implementing_unit=u["implementer"], project_name=proj),
        "personnel": [], "people": [], "budget": budget,
        "indicators": prose_truth(inds, shown), "planted_errors": planted,
        "style": style,
    }  # fmt: skip
    ext, data = render_prose(lines, fmt_, encoding)
    return ext, data, t
