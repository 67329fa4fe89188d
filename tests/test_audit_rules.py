"""Each audit rule: a hit and a near miss, on contract dicts built here (the audit's input)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from extractor.audit import RULES, audit_report

MONITORING = "部门整体支出绩效监控报告"
SELF_EVAL = "项目支出绩效自评报告"


def ind(target=None, actual=None, rate=None, *, comparator="≥", unit="次", **kw) -> dict:
    """One indicator as the extractor writes it (raw texts built from the numbers)."""
    u = "%" if unit == "%" else f" {unit}"
    row = {
        "level1": "产出指标", "level2": "数量指标", "name": "指标", "unit": unit,
        "comparator": comparator if target is not None else None,
        "target_raw": None if target is None else f"{comparator or ''} {target}{u}".strip(),
        "target": target,
        "actual_raw": None if actual is None else f"{actual}{u}",
        "actual": actual,
        "stated_rate_raw": None if rate is None else f"{rate}%",
        "stated_rate_pct": rate, "weight": None, "score": None, "deviation_reason": None,
    }  # fmt: skip
    row.update(kw)
    return row


def money(scope: str, item: str, wan: str, **kw) -> dict:
    return {"scope": scope, "item": item, "amount_yuan": float(Decimal(wan) * 10000),
            "rate_pct": None, "unit": "万元", "raw": f"{wan} 万元", "as_of": None, **kw}  # fmt: skip


def rate(scope: str, item: str, pct: str, **kw) -> dict:
    return {"scope": scope, "item": item, "amount_yuan": None, "rate_pct": float(pct),
            "unit": "%", "raw": f"{pct}%", "as_of": None, **kw}  # fmt: skip


def report(**kw) -> dict[str, Any]:
    rep = {"report_type": MONITORING, "fiscal_year": 2021, "filled_date": None,
           "signed_date": None, "overall_completion_pct": None, "self_score": None, "spans": {}}  # fmt: skip
    rep.update(kw)
    return rep


def run(rule: str, *, convention: str | None = None, **parts) -> list[dict]:
    result = {"report": report(**parts.pop("report", {})), "indicators": [], "budget": [],
              "personnel": [], **parts}  # fmt: skip
    findings = audit_report(result, convention)
    crashed = [f for f in findings if f["rule"] == "audit_internal"]
    assert not crashed, crashed
    return [f for f in findings if f["rule"] == rule]


def only(findings: list[dict]) -> dict:
    assert len(findings) == 1, findings
    return findings[0]


# ---- indicator_rate -------------------------------------------------------------------------


def test_rate_95_for_45_of_50_is_an_error_quoting_both_numbers():
    f = only(run("indicator_rate", indicators=[ind(50, 45, 95)]))
    assert (f["severity"], f["stated"], f["recomputed"]) == ("error", 95, 90)
    assert "95%" in f["message"] and "90%" in f["message"]
    assert f["subject"] == "indicators[0]" and f["convention"] == "default"


def test_rate_near_miss_rounded_and_truncated():
    assert run("indicator_rate", indicators=[ind(50, 45, 90), ind(12, 8, 67)]) == []
    f = only(run("indicator_rate", indicators=[ind(12, 8, 66)]))
    assert f["severity"] == "info" and f["status"] == "truncated"
    assert f["message"] == "完成率填报 66%，按 8/12 重算为 66.67%（截断一致）"


def test_rate_decimals_come_from_the_written_value():
    # 66.7 written with one decimal agrees with 66.67; 66.6 is a truncation.
    assert run("indicator_rate", indicators=[ind(12, 8, 66.7)]) == []
    assert only(run("indicator_rate", indicators=[ind(12, 8, 66.6)]))["status"] == "truncated"


def test_rate_percentages_compared_as_percentages():
    # 科普宣传及时率: ≥95 %, actual 90 % → 94.74 → "95%" agrees; "90%" (the actual) does not.
    assert run("indicator_rate", indicators=[ind(95, 90, 95, unit="%")]) == []
    f = only(run("indicator_rate", indicators=[ind(95, 90, 90, unit="%")]))
    assert f["severity"] == "error" and f["recomputed"] == pytest.approx(94.7368, abs=1e-4)


def test_rate_reverse_target_uses_convention_and_names_the_other():
    # ≤ 10, actual 12: target/actual = 83.33 (default); linear 1 − 2/10 = 80.
    assert run("indicator_rate", indicators=[ind(10, 12, 83.33, comparator="≤")]) == []
    f = only(run("indicator_rate", indicators=[ind(10, 12, 80, comparator="≤")]))
    assert (f["severity"], f["status"], f["alternative"]) == ("info", "alternative", "linear")
    assert "83.33" in f["message"] and "80" in f["message"]
    f = only(run("indicator_rate", indicators=[ind(10, 12, 70, comparator="≤")]))
    assert f["severity"] == "error"


def test_rate_reverse_met_is_100_and_target_zero_does_not_divide():
    assert run("indicator_rate", indicators=[ind(10, 8, 100, comparator="≤")]) == []
    assert run("indicator_rate", indicators=[ind(0, 0, 100, comparator="=")]) == []
    assert run("indicator_rate", indicators=[ind(0, 3, 100, comparator="≥")]) == []
    f = only(run("indicator_rate", indicators=[ind(0, 1, 100, comparator="=")]))
    assert f["severity"] == "error" and f["recomputed"] == 0


def test_rate_capped_at_100_where_the_report_caps():
    assert run("indicator_rate", indicators=[ind(100, 120, 100), ind(100, 120, 120)]) == []
    assert only(run("indicator_rate", indicators=[ind(100, 120, 110)]))["severity"] == "error"


def test_rate_of_money_amounts_allows_for_their_rounding():
    cost = {"unit": "万元", "level2": "成本指标"}
    assert run("indicator_rate", indicators=[ind(3.02, 2.15, 71, comparator=None, **cost)]) == []
    f = only(run("indicator_rate", indicators=[ind(3.02, 2.15, 72, comparator=None, **cost)]))
    assert f["severity"] == "error"


# ---- indicator_unverifiable -----------------------------------------------------------------


def test_qualitative_target_is_unverifiable_never_recomputed():
    q = ind(rate=50, target_raw="逐步增加", actual_raw="有所增加")
    f = only(run("indicator_unverifiable", indicators=[q]))
    assert (f["severity"], f["stated"], f["recomputed"]) == ("info", 50, None)
    assert "逐步增加" in f["message"]
    assert run("indicator_rate", indicators=[q]) == []


def test_numeric_target_is_not_unverifiable():
    assert run("indicator_unverifiable", indicators=[ind(12, 8, 66)]) == []


# ---- indicator_score ------------------------------------------------------------------------


def scored(target, actual, weight, score, **kw):
    return ind(target, actual, weight=weight, score=score, score_raw=str(score), **kw)


def test_score_consistent_and_truncated():
    assert (
        run("indicator_score", indicators=[scored(100, 80, 10, 8), scored(12, 8, 10, 6.67)]) == []
    )
    f = only(run("indicator_score", indicators=[scored(12, 8, 10, 6.66)]))
    assert f["status"] == "truncated" and f["severity"] == "info"


def test_score_full_for_unmet_is_an_error_and_reduced_for_met_a_warning():
    f = only(run("indicator_score", indicators=[scored(100, 80, 10, 10)]))
    assert (f["status"], f["severity"]) == ("unmet_full", "error")
    f = only(run("indicator_score", indicators=[scored(100, 100, 10, 9)]))
    assert (f["status"], f["severity"]) == ("met_reduced", "warning")
    f = only(run("indicator_score", indicators=[scored(100, 80, 10, 7)]))
    assert (f["status"], f["stated"], f["recomputed"]) == ("mismatch", 7, 8)


def test_score_above_weight_is_an_error():
    f = only(run("indicator_score", indicators=[scored(100, 100, 10, 12)]))
    assert f["status"] == "out_of_range"
    assert run("indicator_score", indicators=[scored(100, 100, 10, 10)]) == []


def test_score_reverse_conventions_disagree_and_it_says_so():
    # ≤ 10 with 12: default target/actual gives 8.33; linear gives 8.00.
    rev = scored(10, 12, 10, "8.00", comparator="≤")
    rev["score"] = 8.0
    f = only(run("indicator_score", indicators=[rev]))
    assert (f["status"], f["alternative"]) == ("alternative", "linear")
    assert run("indicator_score", indicators=[rev], convention="strict") == []


def test_qualitative_scores_are_only_range_checked():
    q = ind(target_raw="有效", actual_raw="基本有效", weight=10, score=7)
    assert run("indicator_score", indicators=[q]) == []
    q["score"] = 11
    assert only(run("indicator_score", indicators=[q]))["status"] == "out_of_range"


# ---- budget ---------------------------------------------------------------------------------

SEED_BUDGET = [
    money("部门整体", "预算数", "41.12"), money("部门整体", "执行数", "14.14"),
    money("基本支出", "预算数", "41.12"), money("基本支出", "执行数", "14.14"),
    money("项目支出", "预算数", "0"), money("项目支出", "执行数", "0"),
]  # fmt: skip


def test_budget_rate_hit_and_near_miss():
    f = only(run("budget_rate", budget=[*SEED_BUDGET, rate("部门整体", "预算执行率", "43.39")]))
    assert f["severity"] == "error" and f["subject"] == "budget[部门整体/预算执行率]"
    assert "14.14/41.12" in f["message"] and "34.39%" in f["message"]
    assert run("budget_rate", budget=[*SEED_BUDGET, rate("部门整体", "预算执行率", "34.39")]) == []
    # 34.38 is what the unrounded amounts may give: not an error.
    assert run("budget_rate", budget=[*SEED_BUDGET, rate("部门整体", "预算执行率", "34.38")]) == []


def test_budget_rate_arrival_and_zero_budget():
    rows = [
        *SEED_BUDGET,
        money("部门整体", "到位资金", "16.14"),
        rate("部门整体", "到位率", "39.25"),
    ]
    assert run("budget_rate", budget=rows) == []
    rows[-1] = rate("部门整体", "到位率", "93.25")
    assert only(run("budget_rate", budget=rows))["severity"] == "error"
    f = only(run("budget_rate", budget=[*SEED_BUDGET, rate("项目支出", "预算执行率", "0")]))
    assert f["status"] == "not_computable" and f["severity"] == "info"


def test_budget_score():
    row = {**rate("部门整体", "预算执行率", "34.39"), "weight": 10, "score": 3.44}
    assert run("budget_score", budget=[*SEED_BUDGET, row]) == []
    row["score"] = 5
    f = only(run("budget_score", budget=[*SEED_BUDGET, row]))
    assert (f["severity"], f["recomputed"]) == ("error", 3.439)


def test_budget_parts_base_plus_project_equals_total():
    fs = run("budget_parts", budget=SEED_BUDGET)
    assert [f["status"] for f in fs] == ["consistent", "consistent"]
    bad = [money("部门整体", "预算数", "51.12"), *SEED_BUDGET[1:]]
    f = run("budget_parts", budget=bad)[0]
    assert (f["severity"], f["stated"], f["recomputed"]) == ("warning", 511200, 411200)
    # …unless 追加资金 is what makes the difference: that reading is accepted and named.
    f = run("budget_parts", budget=[*bad, money("追加资金", "预算数", "10")])[0]
    assert f["status"] == "consistent" and "追加资金" in f["message"]


def test_budget_breakdown_by_nature_and_by_source():
    nature = [money("基本支出", "工资福利支出", "11.99"), money("基本支出", "生活补助支出", "1.5"),
              money("基本支出", "车辆运行维护费", "0"), money("基本支出", "基本公用支出", "0.65")]  # fmt: skip
    f = only(run("budget_breakdown", budget=[*SEED_BUDGET, *nature]))
    assert f["status"] == "consistent" and "14.14" in f["message"]
    nature[0] = money("基本支出", "工资福利支出", "31.99")
    assert only(run("budget_breakdown", budget=[*SEED_BUDGET, *nature]))["status"] == "partial"
    nature[0] = money("基本支出", "工资福利支出", "41.99")
    assert only(run("budget_breakdown", budget=[*SEED_BUDGET, *nature]))["severity"] == "warning"
    src = [money("基本支出", "财政资金", "40.12"), money("基本支出", "其他资金", "0")]
    f = only(run("budget_breakdown", budget=[*SEED_BUDGET, *src]))
    assert (f["status"], f["severity"]) == ("mismatch", "error")
    # Without the catch-all 其他资金 the sources may leave out 事业收入: short is partial…
    src = [money("基本支出", "财政资金", "30.12"), money("基本支出", "上年结转", "1")]
    f = only(run("budget_breakdown", budget=[*SEED_BUDGET, *src]))
    assert (f["status"], f["severity"]) == ("partial", "info")
    # …but sources above the total contradict it whatever was left out.
    src = [money("基本支出", "财政资金", "40.12"), money("基本支出", "上年结转", "3")]
    f = only(run("budget_breakdown", budget=[*SEED_BUDGET, *src]))
    assert (f["status"], f["severity"]) == ("mismatch", "error")


def test_budget_annual_opening_plus_added_equals_full_year():
    rows = [money("部门整体", "预算数", "30", label="年初预算数"),
            money("部门整体", "预算数", "10", label="追加预算"),
            money("部门整体", "预算数", "40", label="全年预算数")]  # fmt: skip
    assert only(run("budget_annual", budget=rows))["status"] == "consistent"
    rows[2] = money("部门整体", "预算数", "45", label="全年预算数")
    f = only(run("budget_annual", budget=rows))
    assert (f["severity"], f["stated"], f["recomputed"]) == ("warning", 450000, 400000)


# ---- cross-field ----------------------------------------------------------------------------

COSTS = [
    ind(3.02, 2.15, 71, comparator=None, unit="万元", level2="成本指标", name="配套资金"),
    ind(38.1, 11.99, 31, comparator=None, unit="万元", level2="成本指标", name="人员经费"),
]
NATURE = [money("基本支出", "工资福利支出", "11.99"), money("基本支出", "生活补助支出", "1.5"),
          money("基本支出", "车辆运行维护费", "0"), money("基本支出", "基本公用支出", "0.65")]  # fmt: skip


def test_cost_targets_and_actuals_vs_budget():
    fs = run("cost_vs_budget", indicators=COSTS, budget=SEED_BUDGET)
    assert [(f["status"], f["subject"]) for f in fs] == [
        ("consistent", "budget[部门整体/预算数]"), ("consistent", "budget[部门整体/执行数]")]  # fmt: skip
    assert "3.02 + 38.1 = 41.12" in fs[0]["message"]
    more = [dict(COSTS[0], target=4.02, target_raw="4.02 万元"), COSTS[1]]
    f = run("cost_vs_budget", indicators=more, budget=SEED_BUDGET)[0]
    assert (f["status"], f["severity"]) == ("exceeds", "warning")


def test_cost_actual_matched_to_amounts_executed():
    fs = run("cost_actual_match", indicators=COSTS, budget=[*SEED_BUDGET, *NATURE])
    assert "生活补助支出 1.5 + 基本公用支出 0.65" in fs[0]["message"]
    assert "工资福利支出 11.99" in fs[1]["message"]
    off = [dict(COSTS[0], actual=2.25, actual_raw="2.25 万元")]
    assert run("cost_actual_match", indicators=off, budget=[*SEED_BUDGET, *NATURE]) == []


def test_overall_completion_vs_indicator_rates():
    inds = [ind(12, 8, 66), ind(20, 12, 60), ind(10, 10, 100)]  # 75.56 recomputed, 75.33 stated
    f = only(run("overall_completion", indicators=inds, report={"overall_completion_pct": 75}))
    assert f["status"] == "consistent" and "填报完成率" in f["message"]
    inds[0] = ind(12, 8, 67)  # 75.56 recomputed, 75.67 stated: 75 is a truncation of both
    f = only(run("overall_completion", indicators=inds, report={"overall_completion_pct": 75}))
    assert f["status"] == "truncated" and f["severity"] == "info"
    f = only(run("overall_completion", indicators=inds, report={"overall_completion_pct": 90}))
    assert f["severity"] == "warning" and f["stated"] == 90


# ---- totals ---------------------------------------------------------------------------------


def form(out=(20, 20, 10), eff=(30,), sat=(10,), budget_w=10, scores=None):
    """A full-score 自评表: weights per family, every indicator met."""
    inds = []
    for level1, ws in (("产出指标", out), ("效益指标", eff), ("满意度指标", sat)):
        inds += [ind(10, 10, 100, level1=level1, weight=w, score=w) for w in ws]
    if scores:
        for i, s in scores.items():
            inds[i]["score"] = s
    b = {**rate("部门整体", "预算执行率", "100"), "weight": budget_w, "score": budget_w}
    return {"indicators": inds, "budget": [money("部门整体", "预算数", "10"), b]}


def test_total_score():
    assert run("total_score", **form(), report={"self_score": 100}) == []
    f = only(run("total_score", **form(), report={"self_score": 95}))
    assert (f["severity"], f["stated"], f["recomputed"]) == ("error", 95, 100)


def test_weights_total_and_split():
    assert run("weights_total", **form()) == [] and run("weights_split", **form()) == []
    f = only(run("weights_total", **form(sat=(5,))))
    assert (f["severity"], f["stated"]) == ("warning", 95)  # short: maybe a row not read
    f = only(run("weights_total", **form(sat=(15,))))
    assert (f["severity"], f["stated"]) == ("error", 105)
    f = only(run("weights_split", **form(out=(30, 30), eff=(20,))))
    assert f["severity"] == "warning" and "产出指标 60（标准 50）" in f["message"]


def test_grade_vs_score():
    assert run("grade", report={"self_score": 85, "grade": "良"}) == []
    f = only(run("grade", report={"self_score": 85, "grade": "优"}))
    assert (f["severity"], f["expected_grade"]) == ("error", "良")
    assert run("grade", report={"self_score": 90, "grade": "优"}) == []


# ---- personnel ------------------------------------------------------------------------------


def people(**counts):
    return [{"category": k, "count": v, "span": None} for k, v in counts.items()]


def test_personnel_sum_accepts_either_convention():
    f = only(run("personnel_sum", personnel=people(实有人数=3, 在职人数=2, 退休人数=1)))
    assert f["status"] == "consistent" and "在职 2 + 退休 1" in f["message"]
    f = only(run("personnel_sum", personnel=people(实有人数=2, 在职人数=2, 退休人数=1)))
    assert f["status"] == "consistent" and "退休另计" in f["message"]
    f = only(run("personnel_sum", personnel=people(实有人数=5, 在职人数=2, 退休人数=1)))
    assert f["severity"] == "warning"


def test_personnel_over_quota():
    f = only(run("personnel_over_quota", personnel=people(编制数=1, 在职人数=2)))
    assert (f["severity"], f["stated"], f["recomputed"]) == ("warning", 2, 1)
    assert run("personnel_over_quota", personnel=people(编制数=2, 在职人数=2)) == []


# ---- dates ----------------------------------------------------------------------------------


def test_sign_gap_small_is_info_large_is_warning():
    s1, s2 = {"start": 1, "end": 2, "text": "x"}, {"start": 5, "end": 6, "text": "y"}
    spans = {"filled_date": s1, "signed_date": s2}
    f = only(run("date_sign_gap", report={"filled_date": "2021-07-02",
                                          "signed_date": "2021-07-04", "spans": spans}))  # fmt: skip
    assert (f["severity"], f["days"], f["span"], f["related_spans"]) == (
        "info", 2, s1, {"signed_date": s2})  # fmt: skip
    f = only(
        run("date_sign_gap", report={"filled_date": "2021-07-02", "signed_date": "2021-09-04"})
    )
    assert f["severity"] == "warning"
    assert (
        run("date_sign_gap", report={"filled_date": "2021-07-02", "signed_date": "2021-07-02"})
        == []
    )


def test_year_end_report_dated_before_the_year_ends():
    rep = {"report_type": SELF_EVAL, "filled_date": "2021-12-20"}
    assert only(run("date_before_year_end", report=rep))["severity"] == "warning"
    assert run("date_before_year_end", report={**rep, "filled_date": "2022-01-10"}) == []
    assert run("date_before_year_end", report={**rep, "report_type": MONITORING}) == []


def test_dates_contradicting_the_fiscal_year():
    f = only(run("date_fiscal_year", report={"filled_date": "2020-07-02"}))
    assert f["status"] == "before_fiscal_year"
    cut = [money("部门整体", "执行数", "14.14", as_of="2020-06-30")]
    assert only(run("date_fiscal_year", budget=cut))["status"] == "cutoff_year"
    cut = [money("部门整体", "执行数", "14.14", as_of="2021-06-30")]
    f = only(run("date_fiscal_year", budget=cut, report={"filled_date": "2021-06-15"}))
    assert f["status"] == "before_cutoff"
    assert run("date_fiscal_year", budget=cut, report={"filled_date": "2021-07-02"}) == []


# ---- completeness ---------------------------------------------------------------------------


def test_missing_actual_pending_in_monitoring_missing_elsewhere():
    pending = ind(95, None, unit="%", actual_raw="未达监控节点")
    f = only(run("missing_actual", indicators=[pending]))
    assert (f["severity"], f["status"]) == ("info", "pending")
    f = only(run("missing_actual", indicators=[pending], report={"report_type": SELF_EVAL}))
    assert f["severity"] == "warning"
    filled = ind(90, 92, unit="%", name="另一指标")
    f = only(run("missing_actual", indicators=[ind(95, None, unit="%"), filled]))
    assert (f["status"], f["severity"]) == ("missing", "warning")
    assert run("missing_actual", indicators=[ind(95, 90, unit="%")]) == []
    # No indicator has an actual: the form has no such column (a 目标表), or it was not read.
    alone = [ind(95, None, unit="%"), ind(20, None)]
    f = run("missing_actual", indicators=alone, report={"report_type": SELF_EVAL})[0]
    assert (f["status"], f["severity"]) == ("no_column", "info")


def test_unfilled_cells():
    full = ind(8, 8, weight=10, score=10, name="填全")
    f = only(run("unfilled_cell", indicators=[ind(actual=3, name="空目标"), full]))
    assert f["severity"] == "warning" and f["empty"] == ["年度指标值"]
    f = only(run("unfilled_cell", indicators=[ind(10, 10, weight=10), full]))
    assert f["empty"] == ["得分"]
    f = only(run("unfilled_cell", indicators=[ind(10, 10, score=10), full]))
    assert f["empty"] == ["分值"]
    assert run("unfilled_cell", indicators=[ind(10, 10, weight=10, score=10)]) == []


def test_no_unfilled_cell_where_the_form_has_no_such_column():
    # Scores but no weight column anywhere, weights but no score column: nothing is unfilled.
    assert run("unfilled_cell", indicators=[ind(10, 10, score=10), ind(5, 5, score=9)]) == []
    assert run("unfilled_cell", indicators=[ind(10, 10, weight=10), ind(5, 5, weight=9)]) == []


def test_deviation_reason_where_score_below_full_or_far_over_target():
    below = scored(100, 80, 10, 8)
    fs = run("deviation_reason", indicators=[below, scored(100, 100, 10, 10)])
    assert [f["subject"] for f in fs] == ["indicators[0]"]
    assert run("deviation_reason", indicators=[dict(below, deviation_reason="资金未到位")]) == []
    over = scored(100, 130, 10, 10)
    assert only(run("deviation_reason", indicators=[over]))["severity"] == "info"
    assert run("deviation_reason", indicators=[scored(100, 129, 10, 10)]) == []
    assert only(run("deviation_reason", indicators=[over], convention="strict"))["severity"] == (
        "warning"
    )


# ---- robustness -----------------------------------------------------------------------------


def test_a_crashing_rule_is_reported_and_the_others_still_run(monkeypatch):
    from extractor.audit import registry

    def boom(ctx):
        raise ZeroDivisionError("x")

    monkeypatch.setitem(
        registry.RULES, "boom", registry.Rule("boom", "indicators", {"x": "error"}, "", boom)
    )
    findings = audit_report({"report": report(), "indicators": [ind(50, 45, 95)], "budget": []})
    assert any(f["rule"] == "audit_internal" and "boom" in f["message"] for f in findings)
    assert any(f["rule"] == "indicator_rate" for f in findings)


def test_every_rule_is_named_documented_and_has_known_severities():
    for r in RULES.values():
        assert r.doc and set(r.statuses.values()) <= {"error", "warning", "info"}


# ---- the 自评表 forms' shape (fund_source rows, project scope, weights in labels) -------------


def form_budget(total="100", fiscal="80", carry="0", other="20", executed="90", rate_pct="90"):
    p = "项目A"
    rows = [money(p, "全年预算数", total, fund_source="年度资金总额"),
            money(p, "执行数", executed, fund_source="年度资金总额"),
            rate(p, "预算执行率", rate_pct, fund_source="年度资金总额", weight=10, score=9),
            money(p, "全年预算数", fiscal, fund_source="财政拨款"),
            money(p, "执行数", "72", fund_source="财政拨款"),
            rate(p, "预算执行率", "90", fund_source="财政拨款"),
            money(p, "全年预算数", carry, fund_source="上年结转"),
            money(p, "全年预算数", other, fund_source="其他资金")]  # fmt: skip
    return rows


def test_form_sources_add_up_to_the_total_row():
    fs = run("budget_breakdown", budget=form_budget())
    assert [f["status"] for f in fs] == ["consistent"]
    assert "财政拨款、上年结转、其他资金" in fs[0]["message"]
    f = only(run("budget_breakdown", budget=form_budget(fiscal="85")))
    assert (f["severity"], f["stated"], f["recomputed"]) == ("error", 1000000, 1050000)


def test_form_rates_pair_with_their_own_fund_source():
    assert run("budget_rate", budget=form_budget()) == []  # 90/100 and 72/80 are both 90 %
    f = only(run("budget_rate", budget=form_budget(rate_pct="97.5")))
    assert f["subject"] == "budget[项目A/预算执行率]" and "90/100" in f["message"]


def test_level1_weight_in_label_and_total_weight_row():
    fm = form()
    for i in fm["indicators"][:3]:
        i["level1_weight"] = 50
    assert run("weights_total", **fm, report={"total_weight": 100}) == []
    fm["indicators"][0]["level1_weight"] = 60
    f = only(run("weights_total", **fm))
    assert (f["subject"], f["stated"], f["recomputed"]) == ("indicators[0].level1_weight", 60, 50)
    f = only(run("weights_total", **form(), report={"total_weight": 90}))
    assert (f["subject"], f["severity"]) == ("report.total_weight", "error")


def test_grade_words_of_other_forms():
    assert run("grade", report={"self_score": 85, "grade": "良好"}) == []
    assert only(run("grade", report={"self_score": 85, "grade": "优秀"}))["expected_grade"] == "良"


def test_score_from_the_rounded_rate_is_consistent():
    # 6/11 = 54.5454… %: forms write 54.55 % and then 5.46 points; 5.45 is also right.
    assert (
        run("indicator_score", indicators=[scored(11, 6, 10, 5.46), scored(11, 6, 10, 5.45)]) == []
    )
    assert only(run("indicator_score", indicators=[scored(11, 6, 10, 5.6)]))["severity"] == "error"


def test_cost_indicators_are_checked_per_project():
    inds = [dict(COSTS[0], project="项目A", target=30, target_raw="30 万元"),
            dict(COSTS[1], project="项目B", target=2400, target_raw="2400 万元")]  # fmt: skip
    budget = [money("项目A", "预算数", "30"), money("项目B", "预算数", "2400")]
    fs = [
        f for f in run("cost_vs_budget", indicators=inds, budget=budget) if "目标值" in f["message"]
    ]
    assert [(f["status"], f["subject"]) for f in fs] == [
        ("consistent", "budget[项目A/预算数]"), ("consistent", "budget[项目B/预算数]")]  # fmt: skip


def test_direction_from_the_nature_column_when_the_target_cell_has_none():
    cost = scored(1695.02, 1460.69, 8, 8, comparator=None, unit="万元", nature="反向")
    assert run("indicator_score", indicators=[cost]) == []  # ≤ target met: full score
    cost["nature"] = "正向"
    assert only(run("indicator_score", indicators=[cost]))["status"] == "unmet_full"


def test_total_score_needs_the_whole_form():
    # The budget-execution score is not stated: 90 item points cannot be checked against 总分 100.
    fm = form()
    fm["budget"] = fm["budget"][:1]
    assert run("total_score", **fm, report={"self_score": 100}) == []
    assert run("weights_total", indicators=[], budget=form()["budget"]) == []


def test_totals_and_grades_per_project_sheet():
    a, b = form(), form()
    for i in a["indicators"]:
        i["project"] = "项目A"
    for i in b["indicators"]:
        i["project"] = "项目B"
    a["budget"][1]["scope"], b["budget"][1]["scope"] = "项目A", "项目B"
    projects = [{"project_name": "项目A", "self_score": 100, "grade": "优"},
                {"project_name": "项目B", "self_score": 97, "grade": "良"}]  # fmt: skip
    parts = {"indicators": a["indicators"] + b["indicators"], "budget": [a["budget"][1], b["budget"][1]],
             "projects": projects}  # fmt: skip
    f = only(run("total_score", **parts))
    assert (f["subject"], f["stated"], f["recomputed"]) == ("projects[1].self_score", 97, 100)
    f = only(run("grade", **parts))
    assert (f["subject"], f["expected_grade"]) == ("projects[1].grade", "优")
    projects[1].update(self_score=100, grade="优")
    assert run("total_score", **parts) == [] and run("grade", **parts) == []


def test_budget_score_right_for_the_amounts_is_not_a_second_error():
    # The rate is misstated (43.39 for 14.14/41.12 = 34.39 %); the score 3.44 fits the amounts.
    row = {**rate("部门整体", "预算执行率", "43.39"), "weight": 10, "score": 3.44}
    assert run("budget_score", budget=[*SEED_BUDGET, row]) == []
    assert only(run("budget_rate", budget=[*SEED_BUDGET, row]))["severity"] == "error"


def test_a_full_score_for_an_unmet_target_with_no_direction_written_is_a_warning():
    # 受害率 0.9 with actual 0: a 反向 indicator whose form gives no sign; ≥ is only assumed.
    rate = scored(0.9, 0, 5, 5, comparator=None, unit="%")
    finding = only(run("indicator_score", indicators=[rate]))
    assert (finding["status"], finding["severity"]) == ("unmet_full_no_sign", "warning")
    rate["comparator"] = "≥"
    assert only(run("indicator_score", indicators=[rate]))["severity"] == "error"


def test_personnel_sum_counts_the_early_retired_with_the_retired():
    counts = people(实有人数=40, 在职人数=30, 退休人数=8, 离休人数=2)
    f = only(run("personnel_sum", personnel=counts))
    assert f["status"] == "consistent" and "离休 2" in f["message"]
    f = only(
        run("personnel_sum", personnel=people(实有人数=41, 在职人数=30, 退休人数=8, 离休人数=2))
    )
    assert f["status"] == "mismatch"
