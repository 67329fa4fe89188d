"""The rules that read statements: years in budget/indicator sentences, cut-off dates, qualitative
score bands, shares (占 %) and 按收入性质 vs 按支出性质 — each a hit and a near miss.

Years and shares are checked end to end: a report is written to a file, extracted, and audited
(the extractor's spans and share keys are part of what is tested).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import extract_file

from .test_audit_rules import SELF_EVAL, money, rate, run

HEAD = "某县财政局整体支出绩效监控报告\n部门单位名称(公章):某县财政局\n填报时间:2021年7月5日\n"


def extract(tmp_path: Path, body: str, head: str = HEAD) -> dict:
    p = tmp_path / "report.txt"
    p.write_text(head + body, encoding="utf-8")
    return extract_file(p)


def rule_findings(result: dict, rule: str) -> list[dict]:
    return [f for f in result["findings"] if f["rule"] == rule]


# ---- years inside budget and indicator statements ---------------------------------------------

BUDGET_2021 = "二、部门单位年度预算执行情况\n本单位 2021 年部门整体支出。\n我部门 {y} 年预算 41.12 万元,实际到位资金 16.14 万元,到位率 39.25%。\n"


def test_year_in_budget_statement_other_than_fiscal_year(tmp_path):
    res = extract(tmp_path, BUDGET_2021.format(y=2020))
    assert res["report"]["fiscal_year"] == 2021
    (f,) = rule_findings(res, "year_in_statement")
    assert f["severity"] == "warning" and f["stated"] == 2020 and f["recomputed"] == 2021
    assert "2020" in f["message"] and "2021" in f["message"]
    span = f["span"]
    assert res["text"][span["start"] : span["end"]] == span["text"] == "2020"
    assert f["related_spans"]["fiscal_year"] and f["related_spans"]["statement"]


def test_year_matching_fiscal_year_or_previous_year_in_comparison_is_not_flagged(tmp_path):
    body = (
        BUDGET_2021.format(y=2021)
        + "其中 2020 年度结转资金 2 万元,与 2020 年相比预算增加 5 万元。\n"
    )
    res = extract(tmp_path, body)
    assert any(r["item"] == "上年结转" for r in res["budget"])
    assert rule_findings(res, "year_in_statement") == []


def test_year_before_without_comparison_words_and_two_years_back_are_flagged(tmp_path):
    body = BUDGET_2021.format(y=2021) + "2019 年结转资金 2 万元。\n"
    (f,) = rule_findings(extract(tmp_path, body), "year_in_statement")
    assert f["stated"] == 2019  # 结转 allows only the year before


def test_year_in_indicator_statement(tmp_path):
    body = (
        "1、产出情况\n①数量指标:\n"
        "指标 1:2020 年开展科普工作次数(次),预期指标值: ≥ 12 次,实际完成值 12 次,指标完成率 100%;\n"
        "指标 2:力争到 2025 年培训人次(人),预期指标值: ≥ 50 人,实际完成值 50 人,指标完成率 100%;\n"
    )
    res = extract(tmp_path, "本单位 2021 年部门整体支出。\n" + body)
    assert len(res["indicators"]) == 2
    (f,) = rule_findings(res, "year_in_statement")  # 力争到 2025 年 is a target year ahead
    assert f["subject"] == "indicators[0]" and f["stated"] == 2020


# ---- cut-off dates -----------------------------------------------------------------------------


def test_cutoff_after_the_filled_date_and_not_mid_year(tmp_path):
    body = (
        BUDGET_2021.format(y=2021)
        + "截至 2021 年 12 月 31 日资金执行数 14.14 万元,预算执行率 34.39%。\n"
    )
    found = rule_findings(extract(tmp_path, body), "date_fiscal_year")
    by = {f["status"]: f for f in found}
    assert by["before_cutoff"]["severity"] == "warning"
    assert by["before_cutoff"]["other_date"] == "2021-12-31"
    assert by["cutoff_not_midyear"]["severity"] == "info"


def test_mid_year_cutoff_before_the_filled_date_is_normal(tmp_path):
    body = (
        BUDGET_2021.format(y=2021)
        + "截至 2021 年 6 月底资金执行数 14.14 万元,预算执行率 34.39%。\n"
    )
    res = extract(tmp_path, body)
    assert any(r["as_of"] == "2021-06-30" for r in res["budget"])
    assert rule_findings(res, "date_fiscal_year") == []


def test_cutoff_after_filled_date_in_a_year_end_report():
    rows = [money("部门整体", "执行数", "10", as_of="2021-12-31")]
    found = run("date_fiscal_year", budget=rows,
                report={"report_type": SELF_EVAL, "filled_date": "2021-12-20"})  # fmt: skip
    assert [f["status"] for f in found] == ["before_cutoff"]
    assert run("date_fiscal_year", budget=[money("部门整体", "执行数", "10", as_of="2021-12-31")],
               report={"report_type": SELF_EVAL, "filled_date": "2022-01-20"}) == []  # fmt: skip


# ---- qualitative score bands -------------------------------------------------------------------


def qual(actual: str, score, weight=5, target="明显改善", **kw) -> dict:
    return kw | {"level1": "效益指标", "level2": "社会效益指标", "name": "群众生产生活条件",
            "unit": None, "comparator": None, "target_raw": target, "target": None,
            "actual_raw": actual, "actual": None, "stated_rate_raw": None, "stated_rate_pct": None,
            "weight": weight, "score": score, "deviation_reason": None}  # fmt: skip


@pytest.mark.parametrize(
    ("actual", "score", "band"),
    [("明显改善", 5, "达成"), ("已完成改善", 4, "达成"), ("有所改善", 4, "部分达成"),
     ("基本完成", 3, "部分达成"), ("未完全达到", 3.5, "部分达成"), ("未改善", 2, "未达成"),
     ("不断改善", 5, None)],
)  # fmt: skip
def test_qualitative_score_within_its_band(actual, score, band):
    found = run("qualitative_score", indicators=[qual(actual, score)])
    if band is None:  # 不断 is not a negation, and no other word says how far: unknown
        assert found == []
        return
    (f,) = found
    assert (f["status"], f["severity"], f["band"]) == ("in_band", "info", band)


def test_qualitative_score_out_of_band():
    (f,) = run("qualitative_score", indicators=[qual("有所改善", 5)])
    assert (f["status"], f["severity"], f["band"]) == ("out_of_band", "warning", "部分达成")
    assert "5" in f["message"] and "3–4" in f["message"]
    (f,) = run("qualitative_score", indicators=[qual("明显改善", 2)])
    assert (f["status"], f["severity"]) == ("out_of_band", "warning")


def test_qualitative_full_score_for_not_achieved_is_an_error():
    (f,) = run("qualitative_score", indicators=[qual("尚未改善", 5)])
    assert (f["status"], f["severity"], f["band"]) == ("unmet_full", "error", "未达成")
    # one step lower is only out of band
    (f,) = run("qualitative_score", indicators=[qual("尚未改善", 4)])
    assert f["severity"] == "warning"


def test_qualitative_band_edge_allows_the_score_rounding():
    # 80 % of 3 = 2.4; 60 % of 3.33 = 1.998 written 2.00 — both at their band's edge
    assert only_status(run("qualitative_score", indicators=[qual("有所改善", 2.4, 3)])) == "in_band"
    found = run("qualitative_score", indicators=[qual("有所改善", 2, 3.33, score_raw="2.00")])
    assert only_status(found) == "in_band"
    assert only_status(run("qualitative_score", indicators=[qual("有所改善", 1.9, 3.33)])) == (
        "out_of_band"
    )


def only_status(found: list[dict]) -> str:
    (f,) = found
    return f["status"]


# ---- shares (占 %) -----------------------------------------------------------------------------

SHARE_BODY = (
    "二、部门单位年度预算执行情况\n本年度基本支出预算安排总额为 80 万元,其中财政资金 80 万元。\n"
    "基本支出实际支出资金 80 万元,其中工资福利支出 60 万元,占基本支出的 {a}%;"
    "商品和服务支出 20 万元,占比 {b}%。\n"
)


def test_share_recomputed_from_the_amount_and_the_named_total(tmp_path):
    res = extract(tmp_path, SHARE_BODY.format(a="75", b="25"))
    shares = [r for r in res["budget"] if r["item"] == "占比"]
    assert [(r["share_of"], r["share_amount_yuan"]) for r in shares] == [
        ("基本支出", 600000.0), (None, 200000.0)]  # fmt: skip
    found = rule_findings(res, "budget_share")
    assert [f["status"] for f in found] == ["consistent", "consistent"]
    assert all(f["severity"] == "info" for f in found)


def test_share_that_does_not_match_its_named_total_is_a_warning(tmp_path):
    res = extract(tmp_path, SHARE_BODY.format(a="84.8", b="40"))
    a, b = rule_findings(res, "budget_share")
    assert (a["status"], a["severity"], a["stated"], a["recomputed"]) == (
        "mismatch", "warning", 84.8, 75)  # fmt: skip
    assert "84.8%" in a["message"] and "75%" in a["message"]
    assert a["related_spans"]["amount"]["text"] == "60 万元"
    assert (b["status"], b["severity"]) == ("unresolved", "info")  # 占比 of what: not said


def test_share_rounding_tolerance():
    rows = [money("基本支出", "执行数", "14.14"), money("基本支出", "工资福利支出", "11.99"),
            rate("基本支出", "占比", "84.8", share_of="基本支出", share_amount_yuan=119900.0,
                 share_item="工资福利支出", share_scope="基本支出")]  # fmt: skip
    assert only_status(run("budget_share", budget=rows)) == "consistent"  # 84.79 % rounds to 84.8
    # 11.99 and 14.14 万元 are roundings: the true share may be up to 84.86 %, so 84.9 agrees…
    rows[2]["rate_pct"], rows[2]["raw"] = 84.9, "84.9%"
    assert only_status(run("budget_share", budget=rows)) == "consistent"
    rows[2]["rate_pct"], rows[2]["raw"] = 85.0, "85.0%"  # …and 85.0 does not
    assert only_status(run("budget_share", budget=rows)) == "mismatch"


def test_share_of_a_scope_in_the_department_total(tmp_path):
    body = (
        "我部门 2021 年预算 100 万元。\n项目支出预算 20 万元。\n项目支出占总预算的比例为 {p}%。\n"
    )
    assert only_status(rule_findings(extract(tmp_path, body.format(p=20)), "budget_share")) == (
        "consistent"
    )
    assert only_status(rule_findings(extract(tmp_path, body.format(p=25)), "budget_share")) == (
        "mismatch"
    )


# ---- 按收入性质 vs 按支出性质 -------------------------------------------------------------------


def at(row: dict, pos: int) -> dict:
    return {**row, "span": {"page": None, "start": pos, "end": pos + 1, "text": "x"}}


def by_source_and_nature(wage: str) -> list[dict]:
    """A scope whose 预算数 is given by source and then, by nature, without restating it."""
    return [at(money("基本支出", "预算数", "50"), 0), at(money("基本支出", "财政资金", "40"), 1),
            at(money("基本支出", "其他资金", "10"), 2), at(money("基本支出", "工资福利支出", wage), 3),
            at(money("基本支出", "商品和服务支出", "20"), 4)]  # fmt: skip


def test_source_and_nature_breakdowns_of_one_total_agree():
    (f,) = run("budget_source_nature", budget=by_source_and_nature("30"))
    assert (f["status"], f["severity"]) == ("consistent", "info")


def test_source_and_nature_breakdowns_that_disagree():
    (f,) = run("budget_source_nature", budget=by_source_and_nature("35"))
    assert (f["status"], f["severity"]) == ("mismatch", "warning")
    assert "50" in f["message"] and "55" in f["message"]


def test_breakdowns_of_different_totals_are_not_compared():
    # the seed's shape: sources follow the budget (41.12), spending lines follow 执行数 (14.14)
    rows = [at(money("基本支出", "预算数", "41.12"), 0), at(money("基本支出", "财政资金", "41.12"), 1),
            at(money("基本支出", "其他资金", "0"), 2), at(money("基本支出", "执行数", "14.14"), 3),
            at(money("基本支出", "工资福利支出", "11.99"), 4),
            at(money("基本支出", "生活补助支出", "2.15"), 5)]  # fmt: skip
    assert run("budget_source_nature", budget=rows) == []


def test_department_sources_vs_basic_plus_project():
    def rows(project_other: str) -> list[dict]:
        return [at(money("部门整体", "预算数", "100"), 0), at(money("基本支出", "预算数", "60"), 1),
                at(money("基本支出", "财政资金", "60"), 2), at(money("基本支出", "其他资金", "0"), 3),
                at(money("项目支出", "预算数", "40"), 4), at(money("项目支出", "财政资金", "30"), 5),
                at(money("项目支出", "其他资金", project_other), 6)]  # fmt: skip

    (f,) = run("budget_source_nature", budget=rows("10"))
    assert f["status"] == "consistent" and f["subject"] == "budget[部门整体/预算数]"
    (f,) = run("budget_source_nature", budget=rows("15"))
    assert f["status"] == "mismatch"


def test_a_dated_event_in_a_budget_sentence_is_not_a_figure_year(tmp_path):
    body = BUDGET_2021.format(y=2021).replace(
        "39.25%。", "39.25%，上级于 2020 年 12 月 18 日下达该资金。"
    )
    res = extract(tmp_path, body)
    assert "2020 年 12 月" in res["text"]
    assert rule_findings(res, "year_in_statement") == []


def test_a_year_in_a_document_title_is_not_a_figure_year(tmp_path):
    body = BUDGET_2021.format(y=2021).replace(
        "39.25%。", "39.25%，依据《关于下达 2020 年农业补助资金的通知》拨付。"
    )
    res = extract(tmp_path, body)
    assert "《关于下达 2020 年" in res["text"]
    assert rule_findings(res, "year_in_statement") == []
