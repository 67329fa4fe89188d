"""The standard 项目支出绩效自评表 as one table (header rows, budget block, indicator block, 总分),
with the variants real forms show: weights in the level-1 cell, 分值 before 年度指标值, extra
columns 指标性质 / 度量单位, the unit declared above the table or as 元 in the header."""

from __future__ import annotations

import random

from . import facts, truth
from .facts import D, fmt, num, thousands, value_text
from .pools import DEVIATIONS

FUNDS = [("年度资金总额", "年度资金总额"), ("财政拨款", "其中：财政拨款"), ("上年结转", "上年结转资金"),
         ("其他资金", "其他资金")]  # fmt: skip
NATURE = {"≥": "正向", "≤": "反向", None: "定性"}


def money_cell(x: D, unit_mode: str, two: bool) -> str:
    if unit_mode == "yuan":
        return thousands(x * 10000)
    return f"{x:.2f}" if two else fmt(x)


def selfeval_block(rng: random.Random, u: dict, proj: str, opts: dict) -> dict:
    """Rows and merges of one project's 自评表, with its truth and planted errors.

    opts: unit_mode header|above|yuan, order standard|weight_first, extra (bool),
    l1_weight (bool), scope (truth scope for indicators, or None).
    """
    bud = facts.budget(rng, 10, 5000)
    inds = facts.indicators(rng, u, bud, n_quant=opts.get("n_quant", 2))
    if opts.get("extra"):  # 指标性质 says the direction: no '=' and no bare numbers left
        for ind in inds:
            if ind["target"] is not None and ind["comparator"] != "≤":
                ind["comparator"] = "≥"
            facts._rate(ind)
        facts._weights(inds)
    for ind in inds:
        if not ind["achieved"]:
            ind["deviation"] = rng.choice(DEVIATIONS)
    rules = ["execution_rate_mismatch", "parts_not_summing", "score_above_weight",
             "total_mismatch", "grade_mismatch"]  # fmt: skip
    planted, later = truth.maybe_plant(rng, inds, bud, rules, opts.get("error_rate", 0.17))
    total, grade, more = truth.totals(rng, inds, bud, later)
    planted += more
    extra, order, unit_mode = (
        opts.get("extra", False),
        opts.get("order", "standard"),
        opts["unit_mode"],
    )
    head = ["一级指标", "二级指标", "三级指标"] + (["指标性质", "度量单位"] if extra else [])
    vals = ["年度指标值", "实际完成值", "分值", "得分"]
    if order == "weight_first":
        vals = ["分值", "年度指标值", "实际完成值", "得分"]
    head += vals
    n = len(head) + 2  # the deviation column spans two
    dash = rng.choice(("—", "/", ""))
    two = rng.random() < 0.5
    rows: list[list[str]] = []
    spans: list[tuple] = []

    def add(cells: list[str], merges: list[tuple[int, int]] = ()) -> int:
        r = len(rows)
        rows.append(cells + [""] * (n - len(cells)))
        spans.extend((r, c0, r, c1) for c0, c1 in merges)
        return r

    mid = n // 2
    add(["项目名称", proj], [(1, n - 1)])
    add(["主管部门", u["department"]] + [""] * (mid - 2) + ["实施单位", u["implementer"]],
            [(1, mid - 1), (mid + 1, n - 1)])  # fmt: skip
    label = {"header": "项目资金（万元）", "above": "项目资金", "yuan": "项目资金（元）"}[unit_mode]
    lab_end = n - 7
    top = add([label, ""] + [""] * (lab_end - 1) + ["年初预算数", "全年预算数", "全年执行数", "分值",
                                                    "执行率", "得分"], [(1, lab_end)])  # fmt: skip
    t_budget = []
    for key, text in FUNDS:
        row = bud["rows"][key]
        first = key == "年度资金总额"
        rate = row["预算执行率"]
        cells = ["", text] + [""] * (lab_end - 1) + [
            money_cell(row["年初预算数"], unit_mode, two), money_cell(row["全年预算数"], unit_mode, two),
            money_cell(row["执行数"], unit_mode, two), str(bud["weight"]) if first else dash,
            fmt(rate) + "%" if rate is not None else dash, fmt(bud["score"]) if first else dash,
        ]  # fmt: skip
        add(cells, [(1, lab_end)])
        unit = "元" if unit_mode == "yuan" else "万元"
        for item, col in (("年初预算数", 0), ("全年预算数", 1), ("执行数", 2)):
            amount = row[item] * 10000 if unit == "元" else row[item]
            t_budget.append(truth.money_row(proj, item, amount, unit=unit, fund_source=key,
                                            raw=cells[lab_end + 1 + col]))  # fmt: skip
        if rate is not None:
            extra_kw = {"weight": D(bud["weight"]), "score": bud["score"]} if first else {}
            t_budget.append(truth.rate_row(proj, "预算执行率", rate, fund_source=key, **extra_kw))
    spans.append((top, 0, top + 4, 0))
    g = add(
        ["年度总体目标", "预期目标"] + [""] * (mid - 2) + ["实际完成情况"],
        [(1, mid - 1), (mid, n - 1)],
    )
    add(["", "按期完成年度建设任务，提升服务保障水平"] + [""] * (mid - 2) + ["年度任务已基本完成"],
        [(1, mid - 1), (mid, n - 1)])  # fmt: skip
    spans.append((g, 0, g + 1, 0))
    ind_header = add(head + ["偏差原因分析及改进措施"], [(len(head), n - 1)])
    t_inds = []
    l1_weight = opts.get("l1_weight", False)
    for ind in inds:
        l1 = ind["level1"] + (f"({facts.LEVEL1_WEIGHTS[ind['level1']]}分)" if l1_weight else "")
        cells = [l1, ind["level2"], ind["name"]]
        if extra:
            cells += [NATURE[ind["comparator"]], ind["unit"] or ""]
            tv = fmt(ind["target"]) if ind["target"] is not None else ind["target_words"]
            av = fmt(ind["actual"]) if ind["actual"] is not None else ind["actual_words"]
        else:
            tv, av = value_text(ind, "target"), value_text(ind, "actual")
        by = {
            "年度指标值": tv,
            "实际完成值": av,
            "分值": fmt(ind["weight"]),
            "得分": fmt(ind["score"]),
        }
        cells += [by[v] for v in vals] + [ind.get("deviation") or ""]
        add(cells, [(len(head), n - 1)])
        shown = {"level2", "comparator", "weight", "score", "deviation"}
        scope = opts.get("scope")
        t_inds.append(truth.indicator(ind, shown, scope) if scope else truth.indicator(ind, shown))
    ind_rows = list(range(ind_header + 1, len(rows)))
    for col, key in ((0, lambda i: i["level1"]), (1, lambda i: (i["level1"], i["level2"]))):
        _merge_runs(rows, spans, ind_rows, [key(i) for i in inds], col)
    w_col, s_col = head.index("分值"), head.index("得分")
    tot = [""] * n
    tot[0], tot[w_col], tot[s_col], tot[s_col + 1] = "总分", "100", fmt(total), f"自评等级：{grade}"
    merges = [(0, w_col - 1), (s_col + 1, n - 1)]
    if s_col - w_col > 1:
        merges.append((w_col + 1, s_col - 1))
    add(tot, merges)
    return {"rows": rows, "spans": spans, "ind_header": ind_header, "budget": t_budget,
            "indicators": t_inds, "total": total, "grade": grade, "planted": planted,
            "n": n}  # fmt: skip


def _merge_runs(rows: list, spans: list, idx: list[int], keys: list, col: int) -> None:
    """Merge each run of equal keys in one label column, text left in the run's first cell."""
    start = 0
    for k in range(1, len(keys) + 1):
        if k == len(keys) or keys[k] != keys[start]:
            if k - 1 > start:
                spans.append((idx[start], col, idx[k - 1], col))
                for i in idx[start + 1 : k]:
                    rows[i][col] = ""
            start = k


def split_for_pdf(block: dict) -> list[tuple[list, list, int]]:
    """The indicator block as a second table (so its header row can repeat on the next page)."""
    h = block["ind_header"]
    top = [s for s in block["spans"] if s[2] < h]
    bottom = [(r0 - h, c0, r1 - h, c1) for r0, c0, r1, c1 in block["spans"] if r0 >= h]
    return [(block["rows"][:h], top, 0), (block["rows"][h:], bottom, 1)]


def signature(rng: random.Random, y: int) -> tuple[list[str], list[dict], str]:
    """The line under a form: 填报人, phone and date → (lines, people truth, filled iso date)."""
    from .common import year_end_date

    name, phone = facts.person(rng), truth.phone(rng)
    text, iso = year_end_date(rng, y, rng.choice(("plain", "plain", "cn")))
    people = [truth.person(name, "填报人", phone)]
    lines = [f"填报人：{name}    联系电话：{phone}    填报日期：{text}"]
    if rng.random() < 0.5:
        boss = facts.person(rng)
        lines.insert(0, f"单位负责人：{boss}")
        people.insert(0, truth.person(boss, "单位负责人"))
    return lines, people, iso


def num_or_none(x):
    return num(x) if x is not None else None


def selfeval_form(rng: random.Random, fmt_: str, variant: bool = False) -> tuple:
    """One project's 自评表 as .docx or .pdf; ``variant`` draws the column/unit variants."""
    from .common import pick
    from .writers import to_docx, to_pdf

    u = facts.unit(rng)
    y, proj = u["year"], rng.choice(u["projects"])
    opts = {"unit_mode": "header", "l1_weight": rng.random() < 0.5, "n_quant": rng.choice((2, 3))}
    if variant:
        opts["order"] = pick(rng, {"standard": 1, "weight_first": 1})
        opts["extra"] = rng.random() < 0.5
        opts["unit_mode"] = pick(rng, {"header": 1, "above": 1, "yuan": 1})
    block = selfeval_block(rng, u, proj, opts)
    title = "项目支出绩效自评表"
    blocks: list[tuple] = [("p", title, "title"), ("p", f"（{y}年度）", "center")]
    if opts["unit_mode"] == "above":
        blocks.append(("p", "单位：万元", "right"))
    breaking = fmt_ == "pdf" and rng.random() < 0.5
    if breaking:  # a long preamble pushes the indicator block over the page break
        filler = "本项目严格按照预算绩效管理要求组织实施，" * 9
        blocks[2:2] = [("p", f"{k}、{filler}", "body") for k in "一二三四五"]
    sig, people, filled_iso = signature(rng, y)
    if fmt_ == "docx":
        blocks.append(("table", block["rows"], block["spans"], {}))
        blocks += [("p", s, "body") for s in sig]
        data, ext = to_docx(blocks, title), "docx"
    else:
        repeat = rng.random() < 0.5
        widths = [5, 5, 9] + [3, 3] * (block["n"] == 11) + [5, 5, 3, 3, 4, 4]
        for rows, spans, rep in split_for_pdf(block):
            blocks.append(
                ("table", rows, spans, {"repeat": rep if repeat else 0, "widths": widths})
            )
        blocks += [("p", s, "body") for s in sig]
        data, ext = to_pdf(blocks, title), "pdf"
    t = {
        "report": truth.report(title=title, report_type="项目支出绩效自评报告", department=u["department"],
                               region=u["region"], fiscal_year=y, filled_date=filled_iso,
                               self_score=block["total"], grade=block["grade"],
                               supervising_department=u["department"],
                               implementing_unit=u["implementer"], project_name=proj),
        "personnel": [], "people": people, "budget": block["budget"],
        "indicators": block["indicators"], "planted_errors": block["planted"],
        "form": {k: v for k, v in opts.items() if k != "n_quant"} | {"page_break": breaking},
    }  # fmt: skip
    return ext, data, t


def multi_project(rng: random.Random, fmt_: str) -> tuple:
    """Several 自评表 in one file, one per project: every row belongs to its own project."""
    from .writers import to_docx, to_pdf

    u = facts.unit(rng)
    y = u["year"]
    projects = rng.sample(u["projects"], rng.choice((2, 3)))
    title = f"{u['department']}{y}年度项目支出绩效自评表"
    blocks: list[tuple] = [("p", title, "title")]
    budget, inds, planted, summary = [], [], [], []
    for k, proj in enumerate(projects):
        opts = {"unit_mode": "header", "l1_weight": rng.random() < 0.5, "scope": proj,
                "error_rate": 0.08}  # fmt: skip
        block = selfeval_block(rng, u, proj, opts)
        blocks.append(("p", f"项目{'一二三'[k]}：{proj}", "body"))
        if fmt_ == "docx":
            blocks.append(("table", block["rows"], block["spans"], {}))
        else:
            widths = [5, 5, 9, 5, 5, 3, 3, 4, 4]
            blocks += [("table", r, s, {"widths": widths}) for r, s, _ in split_for_pdf(block)]
        budget += block["budget"]
        inds += block["indicators"]
        planted += [dict(p, project=proj) for p in block["planted"]]
        summary.append(
            {"project_name": proj, "self_score": num(block["total"]), "grade": block["grade"]}
        )
    sig, people, filled_iso = signature(rng, y)
    blocks += [("p", s, "body") for s in sig]
    data, ext = (
        (to_docx(blocks, title), "docx") if fmt_ == "docx" else (to_pdf(blocks, title), "pdf")
    )
    t = {
        "report": truth.report(title=title, report_type="项目支出绩效自评报告", department=u["department"],
                               region=u["region"], fiscal_year=y, filled_date=filled_iso,
                               supervising_department=u["department"],
                               implementing_unit=u["implementer"]),
        "projects": summary, "personnel": [], "people": people, "budget": budget,
        "indicators": inds, "planted_errors": planted,
    }  # fmt: skip
    return ext, data, t
