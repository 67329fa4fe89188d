"""The audit on rows shaped like those real 自评表 forms give once they are read: the
contradictions real reports hold are reported, and plausible clean rows raise no error.

Rows are built here with invented names and figures (the contract's shape, as the form reader
writes it: a project scope, fund_source rows under 年度资金总额, indicators with weights).
"""

from __future__ import annotations

from extractor.audit import audit_report
from tests.test_audit_rules import ind, money, rate, report

P = "某道路改造项目"


def audit(indicators=(), budget=()) -> list[dict]:
    result = {"report": report(report_type="项目支出绩效自评报告"), "indicators": list(indicators),
              "budget": list(budget), "personnel": [], "text": ""}  # fmt: skip
    out = audit_report(result)
    assert not [f for f in out if f["rule"] == "audit_internal"], out
    return out


def serious(fs: list[dict]) -> list[dict]:
    return [f for f in fs if f["severity"] in ("error", "warning")]


def form_rows(total="120.5", fiscal="120.5", carry="0", other="0", executed="118.2"):
    return [money(P, "全年预算数", total, fund_source="年度资金总额"),
            money(P, "执行数", executed, fund_source="年度资金总额"),
            rate(P, "预算执行率", "98.09", fund_source="年度资金总额", weight=10, score=9.81),
            money(P, "全年预算数", fiscal, fund_source="当年财政拨款"),
            money(P, "全年预算数", carry, fund_source="上年结转资金"),
            money(P, "全年预算数", other, fund_source="其他资金")]  # fmt: skip


def met(name, target, actual, weight, score, unit="%", comparator="="):
    return ind(target, actual, comparator=comparator, unit=unit, name=name, project=P,
               weight=weight, score=score, score_raw=str(score))  # fmt: skip


def test_a_plausible_clean_form_raises_no_error():
    inds = [met("路面修复合格率", 100, 100, 20, 20), met("完成及时率", 100, 100, 20, 20),
            met("群众满意度", 90, 96, 10, 10, comparator="≥"),
            met("完工里程", 12, 12.4, 20, 20, unit="公里", comparator="≥")]  # fmt: skip
    assert not [f for f in audit(inds, form_rows()) if f["severity"] == "error"]


def test_met_targets_scored_below_their_weight_are_flagged_by_name():
    inds = [met("路面修复合格率", 100, 100, 20, 19), met("补助发放金额", 5600, 5600, 10, 9, unit="元"),
            met("投诉办结率", 95, 95, 30, 27, comparator="≥")]  # fmt: skip
    fs = [f for f in serious(audit(inds, form_rows())) if f["rule"] == "indicator_score"]
    assert [f["subject"] for f in fs] == ["indicators[0]", "indicators[1]", "indicators[2]"]
    assert {f["severity"] for f in fs} == {"warning"}


def test_an_unmet_target_with_full_score():
    (f,) = [f for f in audit([met("采购执行率", 100, 68.5, 2, 2)], form_rows())
            if f["rule"] == "indicator_score"]  # fmt: skip
    assert (f["status"], f["severity"]) == ("unmet_full", "error")


def test_sources_all_zero_under_a_total():
    fs = serious(audit([], form_rows(total="3.6", fiscal="0", executed="1.2")))
    assert any(f["rule"] == "budget_breakdown" and "当年财政拨款" in f["message"] for f in fs)


def test_a_missed_source_row_is_no_error():
    rows = [r for r in form_rows(fiscal="100.5", carry="20") if r.get("fund_source") != "其他资金"]
    rows = [r for r in rows if r.get("fund_source") != "上年结转资金"]
    assert not [f for f in audit([], rows) if f["severity"] == "error"]


def test_a_cost_above_all_the_funds():
    cost = ind(640, 640, comparator="≤", unit="万元", level1="产出指标", level2="成本指标",
               name="桥梁加固", project=P)  # fmt: skip
    fs = serious(audit([cost], form_rows()))
    assert any("成本指标" in f["message"] or f["subject"] == "indicators[0]" for f in fs), fs
