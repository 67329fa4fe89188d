"""Budget figures written in prose: the phrase families, scopes named in the sentence, as-of dates."""

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.readers import read_bytes

TEXT = """某某县农业农村局2022年度部门整体支出绩效自评报告
二、部门预算执行情况
2022年部门预算支出合计1,250.5万元，其中：基本支出820万元（人员经费700万元、公用经费120万元），项目支出430.5万元。
收入方面：财政拨款收入1,200万元，上年结转结余50.5万元，其他收入0万元。资金到位1,250.5万元，到位率100%。
截至2022年12月31日，全年执行数1,180.2万元，预算执行率94.38%，该指标分值10分，得分9.44分。
"""


def budget_of(text: str) -> dict:
    doc = build_document(read_bytes(text.encode(), "b.txt").blocks)
    rows = extract_document(doc)["budget"]
    for r in rows:
        assert doc.text[r["span"]["start"] : r["span"]["end"]] == r["span"]["text"]
    return {(r["scope"], r["item"]): r for r in rows}


def test_phrase_families_and_scopes():
    got = budget_of(TEXT)
    expected = {
        ("部门整体", "预算数"): 12_505_000,
        ("基本支出", "预算数"): 8_200_000,
        ("基本支出", "人员经费"): 7_000_000,
        ("基本支出", "基本公用支出"): 1_200_000,
        ("项目支出", "预算数"): 4_305_000,
        ("部门整体", "财政资金"): 12_000_000,
        ("部门整体", "上年结转"): 505_000,
        ("部门整体", "其他资金"): 0,
        ("部门整体", "到位资金"): 12_505_000,
        ("部门整体", "执行数"): 11_802_000,
    }
    for key, yuan in expected.items():
        assert got[key]["amount_yuan"] == yuan, key
    rate = got[("部门整体", "预算执行率")]
    assert (rate["rate_pct"], rate["as_of"], rate["weight"], rate["score"]) == (
        94.38, "2022-12-31", 10, 9.44,
    )  # fmt: skip
    assert got[("部门整体", "执行数")]["as_of"] == "2022-12-31"


def test_an_amount_nothing_names_is_not_a_budget_figure():
    got = budget_of("二、部门预算执行情况\n完成值:1,950.37 万元。\n")
    assert got == {}


def test_a_scope_named_in_a_sentence_ends_with_it():
    got = budget_of(
        "（二）部门预算安排及执行情况\n"
        "支出预算总额1,856.32万元，其中：基本支出1,356.32万元，项目支出500万元。"
        "全年实际支出1,790.45万元，预算执行率96.45%。\n"
    )
    assert got[("项目支出", "预算数")]["amount_yuan"] == 5_000_000
    # The next sentence speaks for the department again, not for 项目支出.
    assert got[("部门整体", "执行数")]["amount_yuan"] == 17_904_500
    assert got[("部门整体", "预算执行率")]["rate_pct"] == 96.45
    assert ("项目支出", "执行数") not in got
