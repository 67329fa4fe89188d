"""The audit on the real seed report, in all three formats (and back from the database)."""

from __future__ import annotations

import pytest

from extractor.audit import audit_report

from .conftest import iter_spans


def key(f: dict) -> tuple:
    return (f["rule"], f["severity"], f["subject"], f["stated"], f["recomputed"], f["message"])


def by(findings: list[dict], rule: str, subject: str | None = None) -> list[dict]:
    return [f for f in findings if f["rule"] == rule and subject in (None, f["subject"])]


def test_three_formats_give_the_same_findings(seed_results):
    keys = {ext: [key(f) for f in r["findings"]] for ext, r in seed_results.items()}
    assert keys["txt"] and keys["txt"] == keys["docx"] == keys["pdf"]


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
def test_seed_has_no_error_on_its_consistent_figures(seed_results, ext):
    findings = seed_results[ext]["findings"]
    assert [f for f in findings if f["severity"] == "error"] == []
    # The only warning is a real one: 在职 2 人 against 编制数 1 人.
    warnings = [
        (f["rule"], f["stated"], f["recomputed"]) for f in findings if f["severity"] == "warning"
    ]
    assert warnings == [("personnel_over_quota", 2, 1)]


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
def test_seed_spans_index_the_text(seed_results, ext):
    r = seed_results[ext]
    spans = list(iter_spans(r["findings"]))
    assert len(spans) > len(r["findings"])  # stated spans plus related spans
    for s in spans:
        assert r["text"][s["start"] : s["end"]] == s["text"]


def test_truncated_66_is_info(seed_results):
    f = by(seed_results["txt"]["findings"], "indicator_rate")
    assert len(f) == 1 and f[0]["subject"] == "indicators[0]"
    assert (f[0]["severity"], f[0]["status"], f[0]["stated"], f[0]["recomputed"]) == (
        "info", "truncated", 66, 66.6667)  # fmt: skip
    assert f[0]["span"]["text"] == "66%"
    assert f[0]["message"] == "完成率填报 66%，按 8/12 重算为 66.67%（截断一致）"


def test_qualitative_50_percent_is_unverifiable(seed_results):
    r = seed_results["txt"]
    f = by(r["findings"], "indicator_unverifiable")
    assert [x["subject"] for x in f] == ["indicators[9]", "indicators[10]"]
    assert {r["indicators"][9]["target_raw"], r["indicators"][10]["target_raw"]} == {
        "逐步增加", "显著提高"}  # fmt: skip
    assert all(x["stated"] == 50 and x["recomputed"] is None and x["severity"] == "info" for x in f)


def test_filled_and_signed_dates_differ(seed_results):
    f = by(seed_results["txt"]["findings"], "date_sign_gap")
    assert len(f) == 1
    assert (f[0]["stated_date"], f[0]["other_date"], f[0]["days"]) == (
        "2021-07-02",
        "2021-07-04",
        2,
    )
    assert f[0]["span"]["text"] == "2021年7月2日"
    assert f[0]["related_spans"]["signed_date"]["text"].replace(" ", "") == "2021年7月4日"


def test_cost_indicator_cross_checks_are_consistent(seed_results):
    fs = seed_results["txt"]["findings"]
    totals = by(fs, "cost_vs_budget")
    assert [(f["status"], f["stated"], f["recomputed"]) for f in totals] == [
        ("consistent", 411200, 411200), ("consistent", 141400, 141400)]  # fmt: skip
    assert "3.02 + 38.1 = 41.12" in totals[0]["message"]
    match = {f["subject"]: f["message"] for f in by(fs, "cost_actual_match")}
    assert "生活补助支出 1.5 + 基本公用支出 0.65" in match["indicators[7]"]
    assert "工资福利支出 11.99" in match["indicators[8]"]
    nature = [f for f in by(fs, "budget_breakdown") if "工资福利" in f["message"]]
    assert nature[0]["status"] == "consistent" and "11.99 + 1.5 + 0 + 0.65 = 14.14" in nature[0][
        "message"]  # fmt: skip


def test_seed_other_findings(seed_results):
    fs = seed_results["txt"]["findings"]
    f = by(fs, "missing_actual")
    assert [(x["subject"], x["severity"]) for x in f] == [("indicators[12]", "info")]
    assert f[0]["span"]["text"] == "未达监控节点"
    f = by(fs, "overall_completion")[0]
    assert (f["severity"], f["status"], f["stated"]) == ("info", "truncated", 60)
    assert by(fs, "personnel_sum")[0]["status"] == "consistent"


def test_a_changed_figure_in_the_seed_is_an_error(seed_results):
    import copy

    r = copy.deepcopy(seed_results["txt"])
    r["indicators"][1]["stated_rate_pct"] = 95  # 3000/5000 is 60 %
    rate = [b for b in r["budget"] if b["scope"] == "部门整体" and b["item"] == "预算执行率"][0]
    rate["rate_pct"] = 43.39
    errors = [f for f in audit_report(r) if f["severity"] == "error"]
    assert [(f["rule"], f["subject"]) for f in errors] == [
        ("indicator_rate", "indicators[1]"), ("budget_rate", "budget[部门整体/预算执行率]")]  # fmt: skip
