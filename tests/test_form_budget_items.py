"""Line-item tables of a 部门决算 page written as text: 科目 rows × 预算数 / 决算数 columns.

Every table here is invented.
"""

from tests.textcase import budget_of

CELLS_PER_LINE = """某某中心2030年度三公经费支出决算表
单位:万元
|
项 目 |
预 算 数 |
决 算 数 |
|
合 计 |
58 |
41.26 |
|
会议接待费 |
8 |
3.5 |
|
车辆运行费 |
50 |
37.76 |
二、三公经费支出情况说明
"""


def test_each_row_gives_one_entry_per_column_in_the_declared_unit():
    budget, text = budget_of(CELLS_PER_LINE)
    got = {
        (b["label"], b["item"]): b["amount_yuan"]
        for b in budget
        if b["item"] in ("预算数", "决算数")
    }
    assert got[("会议接待费", "预算数")] == 80_000.0
    assert got[("会议接待费", "决算数")] == 35_000.0
    assert got[("车辆运行费", "决算数")] == 377_600.0
    assert got[("合计", "预算数")] == 580_000.0
    for b in budget:
        assert text[b["span"]["start"] : b["span"]["end"]] == b["span"]["text"]


def test_a_row_with_fewer_numbers_than_columns_keeps_its_column_unknown():
    text = (
        "基础数据表 单位:万元\n经费情况 2031年决算数 2032年预算数 2032年决算数 "
        "办公经费 12.5 9 7.25 其中:印刷费 3.3 3.1 差旅费 4 2 1.75\n"
    )
    budget, _ = budget_of(text)
    rows = [(b["label"], b["item"], b["amount_yuan"]) for b in budget]
    assert ("办公经费", "2031年决算数", 125_000.0) in rows
    assert ("办公经费", "2032年决算数", 72_500.0) in rows
    assert ("其中:印刷费", "金额", 33_000.0) in rows
    assert ("其中:印刷费", "金额", 31_000.0) in rows
    assert ("差旅费", "2032年预算数", 20_000.0) in rows


def test_a_performance_forms_budget_and_executed_header_is_no_line_item_table():
    text = "| 项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n| 办公经费 | 10 | 10 | 8 | 80% |\n"
    budget, _ = budget_of(text)
    assert not [b for b in budget if b["label"] == "办公经费"]


def test_a_rows_scope_is_its_subject_not_the_departments_budget():
    budget, _ = budget_of(CELLS_PER_LINE)
    rows = [b for b in budget if b["item"] in ("预算数", "决算数")]
    assert {b["scope"] for b in rows} == {"合计", "会议接待费", "车辆运行费"}
    assert not [b for b in budget if b["scope"] == "部门整体" and b["item"] == "预算数"]


def test_a_stray_full_stop_after_a_decimal_does_not_end_the_row():
    text = "单位:万元\n经费 2031年决算数 2032年预算数 2032年决算数 邮电费 6.20 4.50. 5.75 物业费 3 3 2.5\n"
    budget, doc_text = budget_of(text)
    got = {(b["label"], b["item"]): b for b in budget}
    assert got[("邮电费", "2032年预算数")]["raw"] == "4.50"
    assert got[("邮电费", "2032年决算数")]["amount_yuan"] == 57_500.0
    assert got[("物业费", "2032年决算数")]["amount_yuan"] == 25_000.0
    for b in budget:
        assert doc_text[b["span"]["start"] : b["span"]["end"]] == b["span"]["text"]
