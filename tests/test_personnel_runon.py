"""Staffing rows whose cells ran together, cut by the 控制率 rule. Every line here is invented."""

from __future__ import annotations

from extractor.extract.personnel_runon import _cut
from tests.textcase import extract_text


def test_wrapped_header_and_run_together_counts():
    # 编制数 | 实际在职人数 | 控制率 with the header wrapped: 56 | 48 | 85.71% (48/56).
    text = (
        "基础数据表\n2023年实际在职人\n编制数控制率\n财政供养人员情况数\n564885.71%\n经费控制情况\n"
    )
    result = extract_text(text)
    got = {p["category"]: p["count"] for p in result["personnel"]}
    assert got == {"编制数": 56, "实际在职人数": 48}
    for p in result["personnel"]:
        span = p["span"]
        assert result["text"][span["start"] : span["end"]] == span["text"]


def test_cut_only_where_the_rate_holds_one_way():
    assert _cut("564885.71%") == (2, 4)
    assert _cut("111091%") is None  # 11|10|91% and 1110|9|1% both hold: left alone
    assert _cut("564870%") is None  # no cut gives 70%


def test_a_rate_without_the_staffing_header_is_no_count():
    text = "绩效目标表\n项目完成率指标\n564885.71%\n"
    assert extract_text(text)["personnel"] == []
