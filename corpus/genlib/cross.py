"""A cross-report test set: one county's reports with planted copies and conflicts, and the truth.

    python corpus/genlib/cross.py               # rewrite corpus/cross/ (seed 5)
    python corpus/genlib/cross.py OUT --seed 9

The reports come from the corpus templates (prose.monitor, prose.dept_selfeval, prose.project_prose)
with their facts pinned: ``pinned`` swaps the fact makers of ``facts`` for the duration of one call,
so a monitoring report and a self-evaluation share one unit, year and indicator list. Then the
plants are written into the text: copied paragraphs, one report under two unit names, the same
report in two encodings, changed targets/budgets/执行数, a person in two units, a county summary.
``truth.json`` lists every plant with the rule, status and severity the audit must report.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from genlib import facts, prose  # noqa: E402
from genlib.pools import DEPARTMENTS  # noqa: E402

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "cross"
PROVINCE, REGION, YEAR = "新疆维吾尔自治区", "若羌县", 2023
SLUG = {
    "教育局": "jiaoyu", "水利局": "shuili", "卫生健康委员会": "weijian", "农业农村局": "nongye",
    "科学技术协会": "kexie", "文化体育广播电视和旅游局": "wenlv", "民政局": "minzheng",
    "交通运输局": "jiaotong", "林业和草原局": "linye", "人力资源和社会保障局": "renshe",
    "自然资源局": "ziran", "住房和城乡建设局": "zhujian", "市场监督管理局": "shichang",
    "应急管理局": "yingji", "退役军人事务局": "tuiyi", "残疾人联合会": "canlian", "医疗保障局": "yibao",
}  # fmt: skip
# Boilerplate every report carries: a template, never a copy.
TEMPLATE = (
    "根据《中共中央 国务院关于全面实施预算绩效管理的意见》和财政部门的统一部署，本单位对照年初设定的绩效目标，"
    "对预算执行进度和绩效目标实现程度开展了监控和评价。"
)
# The seed's sentence naming another unit (县委办公室), copied into two units' reports.
SEED_COPY = (
    "2、加强组织管理。办公室班子成员及各科室全程参与，县委办公室资金使用按照财政拨款执行，资金拨付有完整审批程序和手续，"
    "坚持先请示后开支原则，严格按照程序履行审批手续。"
)
GENERIC_COPY = (
    "针对监控中发现的问题，我们逐项建立整改台账，明确责任人和完成时限，每月跟踪整改进度，确保问题按期清零，"
    "并将整改结果作为下一年度预算安排的重要依据。"
)


def unit_of(short: str, year: int = YEAR, department: str | None = None) -> dict:
    projects, quantities = DEPARTMENTS.get(short, DEPARTMENTS["民政局"])
    dept = department or REGION + short
    return {"implementer": dept, "province": PROVINCE, "region": REGION, "short": short,
            "department": dept, "projects": projects, "quantities": quantities, "year": year}  # fmt: skip


@contextmanager
def pinned(**makers: Callable) -> Iterator[None]:
    """Replace ``facts.<name>`` (unit, indicators, budget, money) while a template runs."""
    saved = {k: getattr(facts, k) for k in makers}
    try:
        for k, fn in makers.items():
            setattr(facts, k, fn)
        yield
    finally:
        for k, fn in saved.items():
            setattr(facts, k, fn)


def make(template: Callable, rng: random.Random, unit: dict, inds=None, bud=None, money=None):
    """Run one corpus template with the given facts; → (text, truth)."""
    pins: dict[str, Callable] = {"unit": lambda _r: dict(unit)}
    if inds is not None:
        pins["indicators"] = lambda *_a, **_k: copy.deepcopy(inds)
    if bud is not None:
        pins["budget"] = lambda *_a, **_k: copy.deepcopy(bud)
    if money is not None:
        pins["money"] = lambda *_a, **_k: money
    with pinned(**pins):
        _, data, truth = template(rng, "txt")
    return data.decode("utf-8"), truth


def insert_after_title(text: str, para: str) -> str:
    title, rest = text.split("\n", 1)
    return f"{title}\n\n{para}\n{rest}"


def amount(truth: dict, item: str) -> Decimal:
    row = next(b for b in truth["budget"] if b["scope"] == "部门整体" and b["item"] == item)
    return Decimal(str(row["amount_yuan"]))


def wan(yuan: Decimal) -> str:
    return facts.fmt((yuan / 10000).quantize(Decimal("0.01")))


def build(out: Path, seed: int = 5) -> dict:  # noqa: PLR0915 - one plan, read top-down
    rng = random.Random(seed)
    docs: dict[str, tuple[str, dict, str]] = {}  # file → (text, template truth, department)
    planted: list[dict] = []

    def plant(kind: str, rule: str, status: str, severity: str, report: str, others: list[str],
              **more) -> None:  # fmt: skip
        planted.append({"kind": kind, "rule": rule, "status": status, "severity": severity,
                        "report": report, "others": others, **more})  # fmt: skip

    def r() -> random.Random:
        return random.Random(rng.random())

    shorts = [s for s in DEPARTMENTS if s != "医疗保障局"]  # 医保局 only submits a copy (below)
    inds = {s: facts.indicators(r(), unit_of(s)) for s in shorts}
    inds["水利局"] = copy.deepcopy(inds["科学技术协会"])  # 科普 indicators in a 水利局 report
    buds = {}
    # Mid-year/year-end pairs: the self-evaluation spends at least 90 % of the budget, so a clean
    # pair's year-end 执行数 is above the mid-year one; 农业农村局 spends less (planted below).
    for s in ("教育局", "卫生健康委员会", "农业农村局", "民政局", "交通运输局", "林业和草原局"):
        while True:
            b = facts.budget(r(), 50, 5000)
            row = b["rows"]["年度资金总额"]
            ratio = row["执行数"] / row["全年预算数"]
            if ratio < Decimal("0.6") if s == "农业农村局" else ratio >= Decimal("0.9"):
                buds[s] = b
                break
    # ---- monitoring reports, one per department ------------------------------------------------
    for s in shorts:
        money = None
        if s in buds:
            full = buds[s]["rows"]["年度资金总额"]["全年预算数"]
            money = (
                facts.q2(full * Decimal("0.8")) if s in ("卫生健康委员会", "林业和草原局") else full
            )
        for _ in range(200):
            text, t = make(prose.monitor, r(), unit_of(s), inds[s], money=money)
            if s != "农业农村局":
                break
            # The planted decrease: mid-year 执行数 above the year-end one.
            if amount(t, "执行数") > buds[s]["rows"]["年度资金总额"]["执行数"] * 10000:
                break
        docs[f"m-{SLUG[s]}.txt"] = (text, t, REGION + s)
    # ---- self-evaluations of the same unit and year ----------------------------------------------
    for s, b in buds.items():
        year_end = copy.deepcopy(inds[s])
        if s == "教育局":  # the target is lowered to what was achieved
            q = next(i for i in year_end if i["level2"] == "数量指标")
            q["target"] = max(Decimal(1), (q["target"] * Decimal("0.6")).to_integral_value())
            facts._rate(q)
            facts._weights(year_end)
        text, t = make(prose.dept_selfeval, r(), unit_of(s), year_end, bud=b)
        if s == "林业和草原局":  # the budget changed and the report says why
            text = text.replace(
                "三、绩效目标完成情况", "年中追加预算资金用于森林防火。\n\n三、绩效目标完成情况", 1
            )
        docs[f"s-{SLUG[s]}.txt"] = (text, t, REGION + s)
    m, s_ = "m-jiaoyu.txt", "s-jiaoyu.txt"
    q = next(i for i in inds["教育局"] if i["level2"] == "数量指标")
    plant(
        "target_changed", "cross_midyear", "target_changed", "warning", s_, [m], indicator=q["name"]
    )
    plant(
        "budget_changed",
        "cross_midyear",
        "budget_changed",
        "warning",
        "s-weijian.txt",
        ["m-weijian.txt"],
    )
    plant(
        "spent_decreased",
        "cross_midyear",
        "spent_decreased",
        "warning",
        "s-nongye.txt",
        ["m-nongye.txt"],
    )
    plant(
        "budget_changed_explained",
        "cross_midyear",
        "budget_changed_explained",
        "info",
        "s-linye.txt",
        ["m-linye.txt"],
    )
    # ---- other self-evaluations (another year: no pair) and project reports ----------------------
    for s in ("文化体育广播电视和旅游局", "人力资源和社会保障局", "应急管理局", "残疾人联合会"):
        text, t = make(prose.dept_selfeval, r(), unit_of(s, YEAR - 1))
        docs[f"s{YEAR - 1}-{SLUG[s]}.txt"] = (text, t, REGION + s)
    for s in ("自然资源局", "住房和城乡建设局", "应急管理局", "市场监督管理局", "退役军人事务局",
              "教育局", "交通运输局"):  # fmt: skip
        text, t = make(prose.project_prose, r(), unit_of(s))
        docs[f"p-{SLUG[s]}.txt"] = (text, t, REGION + s)

    # ---- copied passages -------------------------------------------------------------------------
    def add(file: str, para: str) -> None:
        text, t, d = docs[file]
        docs[file] = (insert_after_title(text, para), t, d)

    jt = f"{REGION}交通运输局严格落实农村公路提升改造工程资金管理办法，交通运输局资金使用按照财政拨款执行，资金拨付有完整审批程序和手续，坚持先请示后开支原则。"  # noqa: E501
    add("m-jiaotong.txt", jt)
    add("m-canlian.txt", jt)
    plant(
        "copied_passage",
        "cross_copied_passage",
        "names_other_unit",
        "warning",
        "m-canlian.txt",
        ["m-jiaotong.txt"],
        passage=jt,
    )
    add("m-kexie.txt", SEED_COPY)
    add("m-tuiyi.txt", SEED_COPY)
    for own, other in (("m-kexie.txt", "m-tuiyi.txt"), ("m-tuiyi.txt", "m-kexie.txt")):
        plant(
            "copied_passage",
            "cross_copied_passage",
            "names_other_unit",
            "warning",
            own,
            [other],
            passage=SEED_COPY,
        )
    rs = "人力资源和社会保障局严格按照就业补助资金管理办法审核发放各项补贴，人力资源和社会保障局对每笔资金建立台账，做到专款专用、账实相符。"  # noqa: E501
    add("m-renshe.txt", rs)
    near = rs.replace("严格按照", "认真按照").replace("做到", "确保")
    add("m-wenlv.txt", near)
    plant(
        "copied_passage",
        "cross_copied_passage",
        "names_other_unit",
        "warning",
        "m-wenlv.txt",
        ["m-renshe.txt"],
        passage=near,
    )
    add("m-yingji.txt", GENERIC_COPY)
    add("m-ziran.txt", GENERIC_COPY)
    plant(
        "generic_passage",
        "cross_copied_passage",
        "generic",
        "info",
        "m-ziran.txt",
        ["m-yingji.txt"],
        passage=GENERIC_COPY,
    )

    # ---- people: one person heads two units; one sits in two units' groups -----------------------
    def rename(file: str, role_line: str, new: str) -> None:
        text, t, d = docs[file]
        line = next(ln for ln in text.split("\n") if ln.startswith(role_line))
        old = line.split("：", 1)[1].split()[0]
        docs[file] = (text.replace(line, line.replace(old, new, 1), 1), t, d)

    rename("m-jiaoyu.txt", "组 长：", "欧阳振华")
    rename("m-shuili.txt", "组 长：", "欧阳振华")
    plant(
        "person_conflict",
        "cross_person",
        "role_conflict",
        "warning",
        "m-jiaoyu.txt",
        ["m-shuili.txt"],
        person="欧阳振华",
    )
    plant(
        "person_conflict",
        "cross_person",
        "role_conflict",
        "warning",
        "m-shuili.txt",
        ["m-jiaoyu.txt"],
        person="欧阳振华",
    )
    rename("m-weijian.txt", "成 员：", "司马文静")
    rename("m-nongye.txt", "成 员：", "司马文静")
    plant(
        "person_across",
        "cross_person",
        "across_units",
        "info",
        "m-weijian.txt",
        ["m-nongye.txt"],
        person="司马文静",
    )
    # ---- indicators of another domain ------------------------------------------------------------
    plant(
        "indicators_out_of_domain",
        "cross_indicators",
        "out_of_domain",
        "warning",
        "m-shuili.txt",
        ["m-kexie.txt"],
    )
    # ---- the template paragraph in most reports (added last, so it is in the copies too) ----------
    for i, f in enumerate(sorted(docs)):
        if i % 7:
            add(f, TEMPLATE)
    # ---- one report under two unit names; the same report in two encodings ----------------------
    text, t, d = docs["m-shichang.txt"]
    docs["m-yibao.txt"] = (text.replace(d, REGION + "医疗保障局"), t, REGION + "医疗保障局")
    for a, b in (("m-yibao.txt", "m-shichang.txt"), ("m-shichang.txt", "m-yibao.txt")):
        plant("two_units", "cross_duplicate_submission", "two_units", "error", a, [b])
    # ---- a county summary: 预算数 off by 12.34 万元, 执行数 right -------------------------------
    monitors = [f for f in docs if f.startswith("m-")]
    budget = sum(amount(docs[f][1], "预算数") for f in monitors) + Decimal("123400")
    spent = sum(amount(docs[f][1], "执行数") for f in monitors)
    fin = unit_of("财政局")
    text, t = make(prose.monitor, r(), fin, money=facts.q2(budget / 10000))
    text = text.replace(
        text.split("\n", 1)[0], f"{REGION}{YEAR}年度部门整体支出绩效监控汇总报告（全县汇总）", 1
    )
    was = wan(amount(t, "执行数"))
    text = text.replace(f"资金执行数 {was} 万元", f"资金执行数 {wan(spent)} 万元", 1)
    docs["summary.txt"] = (text, t, fin["department"])
    # 住建局 submitted twice (below): either copy may be the one summed.
    summed = [f for f in monitors if f != "m-zhujian.txt"]
    plant("totals_mismatch", "cross_totals", "mismatch", "warning", "summary.txt", summed,
          item="预算数")  # fmt: skip
    # ---- write -------------------------------------------------------------------------------------
    out.mkdir(parents=True, exist_ok=True)
    for f in out.glob("*.txt"):
        f.unlink()
    for f, (text, _, _) in sorted(docs.items()):
        (out / f).write_text(text, encoding="utf-8")
    # The same report re-saved: GB18030 with Windows line ends (different bytes, same text).
    twice = docs["m-zhujian.txt"][0].replace("\n", "\r\n").encode("gb18030")
    (out / "m-zhujian-resubmitted.txt").write_bytes(twice)
    plant(
        "same_text",
        "cross_duplicate_submission",
        "same_text",
        "warning",
        "m-zhujian.txt",
        ["m-zhujian-resubmitted.txt"],
    )
    truth = {
        "region": REGION, "year": YEAR, "seed": seed, "template_passage": TEMPLATE,
        "reports": {f: d for f, (_, _, d) in sorted(docs.items())}
        | {"m-zhujian-resubmitted.txt": REGION + "住房和城乡建设局"},
        "planted": planted,
    }  # fmt: skip
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                    encoding="utf-8")  # fmt: skip
    return truth


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", default=str(DEFAULT_OUT))
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args(argv)
    truth = build(Path(args.out), args.seed)
    print(f"{len(truth['reports'])} reports, {len(truth['planted'])} plants → {args.out}")


if __name__ == "__main__":
    main()
