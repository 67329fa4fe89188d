"""The 资金情况 block of a target form (绩效目标表): fund rows with one amount and no column header.

Every form here is invented.
"""

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.readers import read_bytes


def budget_of(text: str) -> tuple[list[dict], str]:
    doc = build_document(read_bytes(text.encode("utf-8"), "x.txt").blocks)
    return extract_document(doc)["budget"], doc.text


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
