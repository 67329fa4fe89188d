"""The seed report, from .txt, .docx and .pdf, gives every value the walking-skeleton issue lists."""

import pytest

from .conftest import iter_spans

FORMATS = ["txt", "docx", "pdf"]

REPORT = {
    "department": "且末县科学技术协会",
    "region": "且末县",
    "report_type": "部门整体支出绩效监控报告",
    "fiscal_year": 2021,
    "filled_date": "2021-07-02",
    "signed_date": "2021-07-04",
    "overall_completion_pct": 60,
    "self_score": None,
}

PERSONNEL = {"编制数": 1, "实有人数": 3, "在职人数": 2, "退休人数": 1, "在职人数较上年变化": 1}

PEOPLE = {
    ("李斌", "组长"), ("李大武", "副组长"), ("张成", "成员"), ("李洋", "成员"),
    ("李斌", "科协主席"), ("李大武", "办公室主任"), ("张成", "出纳"),
}  # fmt: skip

# (scope, item) → (amount in yuan, rate %, as_of)
BUDGET = {
    ("部门整体", "预算数"): (411200, None, None),
    ("部门整体", "到位资金"): (161400, None, None),
    ("部门整体", "到位率"): (None, 39.25, None),
    ("部门整体", "执行数"): (141400, None, "2021-06-30"),
    ("部门整体", "预算执行率"): (None, 34.39, "2021-06-30"),
    ("基本支出", "预算数"): (411200, None, None),
    ("基本支出", "财政资金"): (411200, None, None),
    ("基本支出", "其他资金"): (0, None, None),
    ("基本支出", "执行数"): (141400, None, None),
    ("基本支出", "预算执行率"): (None, 34.39, None),
    ("基本支出", "工资福利支出"): (119900, None, None),
    ("基本支出", "生活补助支出"): (15000, None, None),
    ("基本支出", "车辆运行维护费"): (0, None, None),
    ("基本支出", "基本公用支出"): (6500, None, None),
    ("项目支出", "预算数"): (0, None, None),
    ("项目支出", "执行数"): (0, None, None),
    ("项目支出", "预算执行率"): (None, 0, None),
    ("追加资金", "预算数"): (100000, None, None),
    ("追加资金", "上级专项资金"): (100000, None, None),
    ("追加资金", "到位资金"): (100000, None, None),
    ("追加资金", "执行数"): (0, None, "2021-06-30"),
}

# name → (level1, level2, unit, comparator, target, actual, stated rate, target_raw, actual_raw)
INDICATORS = [
    ("全年开展科普工作次数", "产出指标", "数量指标", "次", "≥", 12, 8, 66, None, None),
    ("参加科技培训人次", "产出指标", "数量指标", "人", "≥", 5000, 3000, 60, None, None),
    ("全县范围内,大力培养科普带头人", "产出指标", "数量指标", "人", "≥", 20, 12, 60, None, None),
    ("带动建档立卡贫困户科技致富脱贫", "产出指标", "数量指标", "户", None, 500, 230, 46, None, None),
    ("科普收益率", "产出指标", "质量指标", "%", "≥", 85, 40, 47, None, None),
    ("法律顾问费达到率", "产出指标", "质量指标", "%", None, 100, 100, 100, None, None),
    ("科普宣传及时率", "产出指标", "时效指标", "%", "≥", 95, 90, 95, None, None),
    ("科普日常工作的配套资金", "产出指标", "成本指标", "万元", None, 3.02, 2.15, 71, None, None),
    ("单位职工的人员经费", "产出指标", "成本指标", "万元", None, 38.1, 11.99, 31, None, None),
    ("通过科普宣传及培训使广大农牧民的科技致富本领得到增强", "效益指标", "经济效益指标", None,
     None, None, None, 50, "逐步增加", "有所增加"),
    ("提高农牧民群众的科学文化素质", "效益指标", "社会效益指标", None, None, None, None, 50,
     "显著提高", "有所提高"),
    ("力争到 2021 年年底我县科学素质人口实现自治区下达指标", "效益指标", "可持续影响指标", "%",
     None, 8, 4, 50, None, None),
    ("农牧民群众对科普工作满意度", "满意度指标", None, "%", "≥", 95, None, None, None,
     "未达监控节点"),
]  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_metadata(seed_results, fmt):
    report = seed_results[fmt]["report"]
    for key, expected in REPORT.items():
        assert report[key] == expected, key
    assert seed_results[fmt]["source"]["format"] == fmt


@pytest.mark.parametrize("fmt", FORMATS)
def test_personnel(seed_results, fmt):
    got = {p["category"]: p["count"] for p in seed_results[fmt]["personnel"]}
    assert got == PERSONNEL


@pytest.mark.parametrize("fmt", FORMATS)
def test_people_from_role_labels(seed_results, fmt):
    got = {(p["name"], p["role"]) for p in seed_results[fmt]["people"]}
    assert got == PEOPLE


@pytest.mark.parametrize("fmt", FORMATS)
def test_budget(seed_results, fmt):
    rows = seed_results[fmt]["budget"]
    got = {(r["scope"], r["item"]): r for r in rows}
    for key, (amount, rate, as_of) in BUDGET.items():
        assert key in got, key
        assert got[key]["amount_yuan"] == amount, key
        assert got[key]["rate_pct"] == rate, key
        if as_of:
            assert got[key]["as_of"] == as_of, key
    # Amounts in the report's unit are kept beside the yuan figure.
    assert got[("部门整体", "预算数")]["unit"] == "万元"
    assert got[("部门整体", "预算数")]["raw"] == "41.12 万元"
    # No figure appears twice under the same scope and item.
    assert len(got) == len(rows)


@pytest.mark.parametrize("fmt", FORMATS)
def test_indicators(seed_results, fmt):
    got = seed_results[fmt]["indicators"]
    assert len(got) == len(INDICATORS)
    for ind, expected in zip(got, INDICATORS, strict=True):
        name, l1, l2, unit, cmp, target, actual, rate, target_raw, actual_raw = expected
        assert ind["name"] == name
        assert (ind["level1"], ind["level2"]) == (l1, l2), name
        assert ind["unit"] == unit, name
        assert ind["comparator"] == cmp, name
        assert ind["target"] == target, name
        assert ind["actual"] == actual, name
        assert ind["stated_rate_pct"] == rate, name
        if target_raw:
            assert ind["target_raw"] == target_raw
        if actual_raw:
            assert ind["actual_raw"] == actual_raw


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_span_indexes_the_text(seed_results, fmt):
    result = seed_results[fmt]
    spans = list(iter_spans(result))
    assert len(spans) > 60
    for span in spans:
        assert result["text"][span["start"] : span["end"]] == span["text"]


def test_pdf_spans_carry_pages(seed_results):
    pages = {s["page"] for s in iter_spans(seed_results["pdf"])}
    assert None not in pages and len(pages) >= 2
    assert seed_results["pdf"]["source"]["pages"] >= 2
