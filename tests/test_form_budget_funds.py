"""The 资金情况 block of a target form (绩效目标表): fund rows with one amount and no column header.

Every form here is invented.
"""

from tests.textcase import budget_of

CELLS_PER_LINE = """项目支出绩效目标表
|
项目名称 |
乡村书屋更新 |
|||||
资金情况(万元) |
资金总额 |
64.5 |
其中:财政拨款 |
60 |
其他资金 |
|||||
总体目标 |
更新书屋二十处 |
"""


def test_each_fund_row_gives_its_one_amount_in_the_declared_unit():
    budget, text = budget_of(CELLS_PER_LINE)
    rows = {b["fund_source"]: b for b in budget if b["label"] in ("资金总额", "其中:财政拨款")}
    assert rows[None]["amount_yuan"] == 645_000.0
    assert rows["财政拨款"]["amount_yuan"] == 600_000.0
    assert {b["item"] for b in rows.values()} == {"预算数"}
    for b in budget:
        assert text[b["span"]["start"] : b["span"]["end"]] == b["span"]["text"] == b["raw"]


def test_a_fund_row_with_no_number_is_left_out_not_zero():
    budget, _ = budget_of(CELLS_PER_LINE)
    assert not [b for b in budget if b["label"] == "其他资金"]
    assert not [b for b in budget if b["amount_yuan"] == 0]


def test_the_unit_declared_earlier_on_the_page_applies_to_a_block_without_one():
    text = (
        "附件1\n补助资金分配表\n单位:元\n| 序号 | 补助金额 |\n| 1 | 3200 |\n"
        "附件2\n绩效目标表\n| 资金情况 | 年度金额: | 3200 |\n| 其中:省级补助 | 3200 |\n| 总体目标 | 完成 |\n"
    )
    budget, _ = budget_of(text)
    funds = [b for b in budget if b["label"] in ("年度金额:", "其中:省级补助")]
    assert [b["amount_yuan"] for b in funds] == [3200.0, 3200.0]
    assert {b["unit"] for b in funds} == {"元"}


def test_a_prose_heading_about_funds_is_no_block():
    text = "(一)资金投入情况分析\n资金总额\n下达资金120万元,已全部支出。\n"
    budget, _ = budget_of(text)
    assert not [b for b in budget if b["label"] == "资金总额"]


def test_label_and_amount_in_one_cell_and_the_unit_in_the_next_cell():
    text = (
        "部门整体支出绩效目标申报表\n年度预算申请\n(万元)\n资金总额:530\n按收入性质分\n按支出性质分\n"
        "公共财政拨款:500\n政府性基金拨款:\n纳入专户管理的非税收入拨款:30\n其他资金:\n"
        "基本支出:410\n项目支出:120\n部门职能职责概述\n负责全县的某项工作并组织实施相关规划和标准\n"
    )
    budget, text = budget_of(text)
    got = {(b["scope"], b["fund_source"]): b["amount_yuan"] for b in budget}
    assert got[("部门整体", None)] == 5_300_000.0
    assert got[("部门整体", "财政拨款")] == 5_000_000.0
    assert got[("部门整体", "非税收入")] == 300_000.0
    # 按支出性质分: the scope's budget, not a source of the department's.
    assert got[("基本支出", None)] == 4_100_000.0
    assert got[("项目支出", None)] == 1_200_000.0
    assert len(budget) == 5  # 政府性基金拨款: and 其他资金: have no number
    for b in budget:
        assert text[b["span"]["start"] : b["span"]["end"]] == b["span"]["text"] == b["raw"]


def test_a_zero_is_kept_when_written():
    text = "项目名称 某某改造\n项目资金\n(万元)\n 年度资金总额: 40\n  其中:财政拨款 40\n  其他资金   0.00\n立项依据 依据某某文件实施\n"
    budget, _ = budget_of(text)
    got = {b["fund_source"]: b["amount_yuan"] for b in budget}
    assert got == {None: 400_000.0, "财政拨款": 400_000.0, "其他资金": 0.0}
