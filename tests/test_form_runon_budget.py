"""Budget blocks whose header ran together into one cell, and units the list lacks in run-on rows.

Every line here is invented in the shapes such forms take.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract.form.budget_runon import split_budget_headers
from extractor.extract.form.cells import cell_stream
from extractor.extract.form.runon import find_header, read_rows
from tests.textcase import extract_text


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


def _rates(text: str) -> dict:
    result = extract_text(text)
    out = {}
    for b in result["budget"]:
        assert result["text"][b["span"]["start"] : b["span"]["end"]] == b["span"]["text"]
        if b["item"] == "预算执行率":
            out[(b["scope"], b.get("fund_source"))] = (
                b["rate_pct"],
                b.get("weight"),
                b.get("score"),
            )
    return out


def test_one_row_of_values_run_onto_the_header():
    # The block's only row, its label left of the header; 88%105.5… = 88% | 10 | 8.8.
    text = "某某局部门整体绩效自评表预算执行情况年初预算数全年预算数全年执行数执行率权重得分88%108.8年度目标完成\n"
    assert _rates(text) == {("部门整体", None): (88, 10, 8.8)}


def test_labelled_rows_run_on_with_numbering_and_a_nature_row():
    text = (
        "某某站整体支出绩效自评表整体支出规模全年预算数全年执行数执行率"
        "资金来源:(1)财政拨款96.5%资金结构:(1)基本支出97.25%(2)项目支出年度总体目标完成较好\n"
    )
    got = _rates(text)
    assert got[("部门整体", "财政拨款")][0] == 96.5
    assert got[("基本支出", None)][0] == 97.25
    assert len(got) == 2


def test_digits_lost_before_a_point_leave_their_columns_empty():
    # .41.07 lost their leading digits (OCR): unreadable, so only 64.12 | 10 | 6.41 is read.
    text = (
        "某某局部门整体绩效自评表年初预算数全年预算数全年执行数执行率权重得分"
        "其中财政拨款.41.0764.12106.41年度绩效目标完成情况良好\n"
    )
    assert _rates(text) == {("部门整体", "财政拨款"): (64.12, None, None)}
    budget = extract_text(text)["budget"]
    assert not [b for b in budget if b["amount_yuan"] is not None]


def test_run_read_two_ways_alike_leaves_the_column_empty():
    from extractor.extract.form.budget_fit import fit_run

    cells = split_budget_headers(cell_stream("全年预算数全年执行数执行率其中财政拨款1212"))
    run = cells[-1]
    assert run.text == "1212"
    # 12 | 12 or 1 | 212 or 121 | 2 …: no rate, no rule tells the amounts apart.
    assert fit_run(run, ["budget", "executed", "rate"]) == {}


def test_a_department_forms_own_level2_label_is_kept_as_written():
    text = (
        "某某中心整体支出绩效自评表\n"
        "自评权重二级指标三级指标年度指标值全年完成值分值得分偏差及原因分析\n"
        "管理指标20票据核销管理核销及时率100%100%55档案整理管理归档完整率100%90%54\n"
    )
    got = {i["name"]: i for i in extract_text(text)["indicators"]}
    assert got["核销及时率"]["level2"] == "票据核销管理"
    assert got["归档完整率"]["level2"] == "档案整理管理"
    assert got["归档完整率"]["level1"] == "管理指标"
    assert (got["归档完整率"]["weight"], got["归档完整率"]["score"]) == (5, 4)


def test_line_item_table_run_together_reads_only_forced_rows():
    text = (
        "基础数据表\n"
        "经费控制情况2021年决算数2022年预算数2022年决算数\n"
        "一、会议费000\n"
        "二、培训费1.52612.4\n"
        "三、印刷费360\n"
    )
    cells = split_budget_headers(cell_stream(text))
    got = [c.text for c in cells]
    assert got[1:5] == ["经费控制情况", "2021年决算数", "2022年预算数", "2022年决算数"]
    # 000 can only be 0 | 0 | 0; 1.52612.4 and 360 (one amount, or three) read several ways.
    assert got[5:9] == ["一、会议费", "0", "0", "0"]
    assert "二、培训费1.52612.4" in got and "三、印刷费360" in got
    budget = extract_text(text)["budget"]
    zeros = [b for b in budget if b["scope"] == "会议费"]
    assert [b["item"] for b in zeros] == ["2021年决算数", "2022年预算数", "2022年决算数"]
    # No unit is declared, but nothing is 0 yuan in every unit.
    assert all(b["amount_yuan"] == 0 for b in zeros)
    assert not [b for b in budget if b["scope"] in ("培训费", "印刷费")]


_ALPHABET = "0123456789.%:()年初全预算数执行率权重得分决其中财政拨款基本支出资金来源O一、费"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_budget_cutting_never_raises_and_keeps_spans(body):
    text = "年初预算数全年预算数全年执行数执行率得分" + body + "\n2020年决算数2021年预算数\n" + body
    cells = split_budget_headers(cell_stream(text))
    for c in cells:
        assert text[c.start : c.end] == c.text
    result = extract_text(text)
    for b in result["budget"]:
        span = b["span"]
        assert result["text"][span["start"] : span["end"]] == span["text"]


def test_values_after_a_spaced_header_are_no_row_of_their_own():
    # Space-flattened and scrambled: these values are not glued to the header, so they are not
    # read as the block's one row (4.5 here is a score, not an amount).
    text = "年初预算数 全年预算数 全年执行数 分值 执行率 得分 300.00 300.00 4.5 其他资金 0 0\n"
    budget = extract_text(text)["budget"]
    assert not [b for b in budget if b["raw"] == "4.5"]


def test_rows_glued_to_a_colon_label_and_a_long_bracketed_mark():
    # 预算执行率(B/A×100%): a column word with its formula; 年度资金总额:250250100% = 250|250|100%.
    text = (
        "某某补助资金绩效自评表资金投入情况(万元)全年预算数(A)全年执行数(B)预算执行率(B/A×100%)"
        "年度资金总额:250250100%其中:中央财政资金250250100%地方资金其他资金资金管理情况\n"
    )
    budget = extract_text(text)["budget"]
    got = {(b["fund_source"], b["item"]): b for b in budget}
    assert got[(None, "预算数")]["amount_yuan"] == 2500000
    assert got[(None, "执行数")]["amount_yuan"] == 2500000
    assert got[(None, "预算执行率")]["rate_pct"] == 100
    assert got[("财政拨款", "执行数")]["amount_yuan"] == 2500000
    assert not [b for b in budget if b["fund_source"] in ("地方资金", "其他资金")]
