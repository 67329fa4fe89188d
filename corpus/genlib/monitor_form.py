"""项目支出绩效监控表 (mid-year form): 1–N月执行数, 全年预计执行, 偏差原因, 完成目标可能性."""

from __future__ import annotations

import calendar
import random

from . import facts, truth
from .facts import D, fmt, q2, value_text
from .pools import DEVIATIONS
from .prose import midyear
from .tables import FUNDS, _merge_runs, signature, split_for_pdf
from .writers import to_docx, to_pdf


def monitor_form(rng: random.Random, fmt_: str) -> tuple:
    u = facts.unit(rng)
    y, proj, dept = u["year"], rng.choice(u["projects"]), u["department"]
    month = rng.randint(6, 9)
    as_of = f"{y}-{month:02d}-{calendar.monthrange(y, month)[1]:02d}"
    bud = facts.budget(rng, 10, 5000)
    ratio = D(str(rng.uniform(0.25, 0.85)))
    n = 9
    rows: list[list[str]] = []
    spans: list[tuple] = []

    def add(cells: list[str], merges=()) -> int:
        rows.append(cells + [""] * (n - len(cells)))
        spans.extend((len(rows) - 1, a, len(rows) - 1, b) for a, b in merges)
        return len(rows) - 1

    add(["项目名称", proj], [(1, n - 1)])
    add(["主管部门", dept, "", "", "实施单位", u["implementer"]], [(1, 3), (5, n - 1)])
    top = add(["项目资金（万元）", "", "", "年初预算数", "全年预算数（A）", f"1-{month}月执行数（B）",
               "执行率（B/A）", "全年预计执行数", "偏差原因"], [(1, 2)])  # fmt: skip
    t_budget = []
    planted = []
    for key, text in FUNDS:
        row = bud["rows"][key]
        spent = q2(row["全年预算数"] * ratio)
        rate = q2(spent / row["全年预算数"] * 100) if row["全年预算数"] else None
        forecast = q2(row["全年预算数"] * D(str(rng.choice((1, 1, 0.95)))))
        if key == "年度资金总额":
            spent = sum(q2(bud["rows"][k]["全年预算数"] * ratio) for k, _ in FUNDS[1:])
            rate = q2(spent / row["全年预算数"] * 100)
            if rng.random() < 0.1:
                right, rate = rate, rate + D("6.5")
                planted.append({"rule": "execution_rate_mismatch", "subject": "budget:年度资金总额/预算执行率",
                                "stated": facts.num(rate), "expected": facts.num(right)})  # fmt: skip
        cells = ["", text, "", fmt(row["年初预算数"]), fmt(row["全年预算数"]), fmt(spent),
                 fmt(rate) + "%" if rate is not None else "—", fmt(forecast), ""]  # fmt: skip
        add(cells, [(1, 2)])
        sc = truth.money_row
        t_budget += [sc(proj, "年初预算数", row["年初预算数"], fund_source=key, raw=cells[3]),
                     sc(proj, "全年预算数", row["全年预算数"], fund_source=key, raw=cells[4]),
                     sc(proj, "执行数", spent, fund_source=key, as_of=as_of, raw=cells[5]),
                     sc(proj, "全年预计执行数", forecast, fund_source=key, raw=cells[7])]  # fmt: skip
        if rate is not None:
            t_budget.append(truth.rate_row(proj, "预算执行率", rate, fund_source=key, as_of=as_of))
    spans.append((top, 0, top + 4, 0))
    inds = facts.indicators(rng, u, None, n_quant=rng.choice((2, 3)))
    midyear(rng, inds)
    head = add(["一级指标", "二级指标", "三级指标", "年度指标值", f"1-{month}月执行情况",
                "全年预计完成情况", "偏差原因分析", "完成目标可能性", "备注"])  # fmt: skip
    t_inds = []
    for ind in inds:
        sure = rng.random() < 0.75
        if ind["target"] is None:
            fc, fc_raw = None, ind["target_words"] if sure else ind["actual_words"]
        else:
            fc = ind["target"] if sure else D(int(ind["target"] * D("0.9")))
            fc_raw = fmt(fc) + (ind["unit"] or "")
        likely = "确定能" if sure else rng.choice(("有可能", "完全不可能"))
        ind["deviation"] = None if sure else rng.choice(DEVIATIONS)
        add([ind["level1"], ind["level2"], ind["name"], value_text(ind, "target"),
             value_text(ind, "actual"), fc_raw, ind["deviation"] or "", likely, ""])  # fmt: skip
        t_inds.append(truth.indicator(ind, {"level2", "comparator", "deviation"}, expected_raw=fc_raw,
                                      expected=facts.num(fc), likelihood=likely))  # fmt: skip
    idx = list(range(head + 1, len(rows)))
    _merge_runs(rows, spans, idx, [i["level1"] for i in inds], 0)
    _merge_runs(rows, spans, idx, [(i["level1"], i["level2"]) for i in inds], 1)
    title = rng.choice(("项目支出绩效监控表", "项目支出绩效目标执行监控表"))
    blocks: list[tuple] = [("p", title, "title"), ("p", f"（{y}年度）", "center")]
    sig, people, _ = signature(rng, y)
    filled, filled_iso = f"{y}年{month + 1}月{rng.randint(1, 15)}日", None
    filled_iso = f"{y}-{month + 1:02d}-{int(filled.split('月')[1][:-1]):02d}"
    sig[-1] = sig[-1].split("填报日期")[0] + f"填报日期：{filled}"
    block = {"rows": rows, "spans": spans, "ind_header": head}
    if fmt_ == "docx":
        blocks.append(("table", rows, spans, {}))
    else:
        widths = [5, 5, 9, 5, 5, 5, 6, 4, 3]
        blocks += [
            ("table", r, s, {"repeat": rep, "widths": widths}) for r, s, rep in split_for_pdf(block)
        ]
    blocks += [("p", s, "body") for s in sig]
    data, ext = (
        (to_docx(blocks, title), "docx") if fmt_ == "docx" else (to_pdf(blocks, title), "pdf")
    )
    t = {
        "report": truth.report(title=title, report_type="项目支出绩效监控表", department=dept,
                               region=u["region"], fiscal_year=y, filled_date=filled_iso,
                               supervising_department=dept, implementing_unit=u["implementer"],
                               project_name=proj),
        "personnel": [], "people": people, "budget": t_budget, "indicators": t_inds,
        "planted_errors": planted, "as_of": as_of,
    }  # fmt: skip
    return ext, data, t
