"""Budget blocks whose header ran together into one cell, and units the list lacks in run-on rows.

Every line here is invented in the shapes such forms take.
"""

from __future__ import annotations

from extractor.extract import extract_document
from extractor.extract.form.budget_runon import split_budget_headers
from extractor.extract.form.cells import cell_stream
from extractor.extract.form.runon import find_header, read_rows
from extractor.normalize import build_document
from extractor.readers import read_bytes


def extract_text(text: str) -> dict:
    doc = build_document(read_bytes(text.encode("utf-8"), "x.txt").blocks)
    return {**extract_document(doc), "text": doc.text}


def test_header_cell_cut_at_column_words():
    text = "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分"
    cells = split_budget_headers(cell_stream(text))
    assert [c.text for c in cells] == [
        "项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"
    ]  # fmt: skip
    assert all(text[c.start : c.end] == c.text for c in cells)


def test_a_phrase_with_one_column_word_is_left_whole():
    cells = split_budget_headers(cell_stream("全年执行数较上年有所增加"))
    assert [c.text for c in cells] == ["全年执行数较上年有所增加"]


def test_runon_budget_header_with_spaced_rows():
    text = (
        "项目支出绩效自评表\n"
        "项目名称乡村道路养护项目\n"
        "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分\n"
        "年度资金总额 20.00 24.00 21.60 10 90% 9\n"
        "其中:财政拨款 20.00 24.00 21.60 90%\n"
        "其他资金 0 0 0\n"
    )
    result = extract_text(text)
    got = {(b["fund_source"], b["item"]): b for b in result["budget"] if b["scope"] != "部门整体"}
    assert got[(None, "年初预算数")]["amount_yuan"] == 200000
    assert got[(None, "预算数")]["amount_yuan"] == 240000
    assert got[(None, "执行数")]["amount_yuan"] == 216000
    rate = got[(None, "预算执行率")]
    assert (rate["rate_pct"], rate["weight"], rate["score"]) == (90, 10, 9)
    assert got[("财政拨款", "预算执行率")]["rate_pct"] == 90
    assert got[("其他资金", "执行数")]["amount_yuan"] == 0
    for b in result["budget"]:
        assert result["text"][b["span"]["start"] : b["span"]["end"]] == b["span"]["text"]


def test_rate_weight_and_score_named_after_the_rate():
    # 执行率权重 / 执行率得分: a department form names the rate's weight and score so.
    cells = split_budget_headers(
        cell_stream("年初预算数全年预算数全年执行数执行率执行率权重执行率得分")
    )
    assert [c.text for c in cells][-3:] == ["权重", "执行率", "得分"]


def test_one_character_unit_not_in_the_list():
    text = (
        "一级指标二级指标三级指标分值年度指标值实际完成值得分偏差原因分析及改进措施\n"
        "产出指标数量指标登记林权证件数10=420宗420宗10\n"
        "新建蓄水池数10≥6口7口10\n"
    )
    columns, _, end = find_header(text, 0, len(text))
    rows, _, _ = read_rows(text, end, len(text), columns)
    got = [{k: [c.text for c in v] for k, v in r.cells.items()} for r in rows]
    assert got[0]["name"] == ["登记林权证件数"]
    assert (got[0]["target"], got[0]["actual"]) == (["=420宗"], ["420宗"])
    assert (got[0]["weight"], got[0]["score"]) == (["10"], ["10"])
    assert (got[1]["target"], got[1]["actual"]) == (["≥6口"], ["7口"])
