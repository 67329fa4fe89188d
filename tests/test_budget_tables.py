"""Expenditure tables flattened into text: "code + name + columns" rows, label (unit) | value
pairs, list rows. Every table here is invented."""

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.readers import read_bytes
from tests.textcase import assert_spans, budget_of


def rows(budget: list[dict]) -> set[tuple[str, str, float | None]]:
    return {(b["label"], b["item"], b["amount_yuan"]) for b in budget}


DETAIL = (
    "项目名称 乡村道路保洁补助 实际支出(万元) 二、项目支出明细情况 支出内容 (经济科目) "
    "计划支出数 实际支出数 30201 办公费 3.5 3.2 30399 其他对个人补助 12 11.8 "
    "支出合计 15.5 15 三、项目考评情况 (一)根据县政府办公会安排,各村选聘 2 名保洁员\n"
)


def test_a_code_and_name_row_gives_one_entry_per_plan_and_actual_column():
    budget, text = budget_of(DETAIL)
    got = rows(budget)
    assert ("30201 办公费", "计划支出数", 35_000.0) in got
    assert ("30201 办公费", "实际支出数", 32_000.0) in got
    assert ("30399 其他对个人补助", "实际支出数", 118_000.0) in got
    assert ("支出合计", "计划支出数", 155_000.0) in got
    assert_spans(budget, text)


def test_a_classification_code_is_never_read_as_an_amount():
    budget, _ = budget_of(DETAIL)
    amounts = {b["amount_yuan"] for b in budget}
    assert 302_010_000.0 not in amounts and 3_039_900_000.0 not in amounts
    assert all("30201" not in b["raw"] for b in budget if b.get("raw"))


def test_the_table_ends_at_the_next_section_and_its_prose():
    budget, _ = budget_of(DETAIL)
    assert not [b for b in budget if "选聘" in (b.get("label") or "")]


PAIRS = """项目名称:某镇河道清淤
计划安排资金 (万元) |
48 |
实际到位资金 (万元) |
46.5 |
结余 (万元) |
0 |
联系电话 (元) |
2031 |
"""


def test_a_label_that_declares_its_unit_takes_the_one_number_after_it():
    budget, text = budget_of(PAIRS)
    got = {(b["item"], b["amount_yuan"]) for b in budget}
    assert ("预算数", 480_000.0) in got
    assert ("到位资金", 465_000.0) in got
    assert ("结余", 0.0) in got
    assert_spans(budget, text)


def test_a_year_or_a_label_that_is_no_budget_item_gives_no_pair():
    budget, _ = budget_of(PAIRS)
    assert all(b["raw"] != "2031" for b in budget)


def test_a_label_followed_by_a_row_of_figures_is_left_to_the_form_reader():
    budget, _ = budget_of("资金情况 计划安排资金(万元) 30 28 26.5 备注 无\n")
    assert not [b for b in budget if b["label"] == "计划安排资金"]


SPENT_LIST = """二、项目支出明细情况 |
||||||||
支出内容 |
实际支出数 |
会计凭证号 |
备注 |
||||||||
30211 差旅费 |
1,200.00 |
2031年03月记账 4 |
赴省培训 |
||||||||
31002 办公设备购置 |
8,650.50 |
2031年05月记账 7 |
购置打印机 |
"""


def test_a_list_between_filler_rows_gives_its_spent_column_per_row_without_a_unit():
    budget, text = budget_of(SPENT_LIST)
    got = [(b["label"], b["item"], b["raw"], b["amount_yuan"]) for b in budget]
    assert ("30211 差旅费", "执行数", "1,200.00", None) in got
    assert ("31002 办公设备购置", "执行数", "8,650.50", None) in got
    assert len(got) == 2
    assert_spans(budget, text)


def test_a_page_unit_declared_above_the_list_applies_to_it():
    budget, _ = budget_of("单位:元\n" + SPENT_LIST)
    got = {(b["label"], b["amount_yuan"]) for b in budget}
    assert ("31002 办公设备购置", 8650.5) in got


def test_a_money_noun_alone_labels_its_figure():
    budget, _ = budget_of("2031年共评价6个项目,涉及单位4个,资金3210.5万元。评价结论均为良。\n")
    assert ("资金", 32_105_000.0) in {(b["label"], b["amount_yuan"]) for b in budget}


def report_of(text: str) -> dict:
    doc = build_document(read_bytes(text.encode("utf-8"), "x.txt").blocks)
    return extract_document(doc)["report"]


def test_a_bracketed_year_in_a_later_cell_of_a_row_is_no_subtitle():
    text = (
        "我局开展了2031年项目绩效评价工作,结果如下:\n"
        "序号 | 主管部门 | 项目名称 | 资金量 (万元) |\n"
        "1 | 某某局 | 河道整治项目(2030年度) | 120 |\n"
    )
    assert report_of(text)["fiscal_year"] == 2031


def test_a_bracketed_year_in_a_rows_first_cell_is_the_forms_subtitle():
    text = "| 部门预算项目绩效目标申报表(2031年度) | |||\n| 单位名称 | 项目名称 | 预算数 |\n"
    assert report_of(text)["fiscal_year"] == 2031


SHIFTED = """| 金额单位:元 | |||||
| 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 指标值 |
| 901-某镇部门 | 1,250,000.00 | |||||
| 901001-某镇人民政府 | 村级保洁经费 | 800,000.00 | 保持村庄整洁 | 产出指标 | 12 |
| 产出指标 | 数量指标 | 保洁村数 | 12 | 个 | 10 |
| 农村公益事业补助 | 450,000.00 | 补助村内道路维修等 | 效益指标 | 95 | % |
"""


def test_a_row_missing_its_merged_unit_cell_gives_the_amount_one_cell_to_the_left():
    budget, text = budget_of(SHIFTED)
    got = {(b["label"], b["amount_yuan"]) for b in budget}
    assert ("901-某镇部门", 1_250_000.0) in got
    assert ("村级保洁经费", 800_000.0) in got
    assert ("农村公益事业补助", 450_000.0) in got
    assert all(b["amount_yuan"] not in (12.0, 10.0, 95.0) for b in budget)
    assert_spans(budget, text)


PARTS = """单位:万元
村名 | 金额 | 列支科目 | 备注 |
某乡甲村 | 30 | 2130504-农业 | |
某乡乙村 | 40 | 其中25.5万款列2130504;14.5万元款列2120399; | |
某乡丙村 | 20 | 其中5万元用于修渠;8万元用于修路 | |
"""


def test_parts_in_a_remark_cell_are_kept_when_they_add_up_to_the_rows_amount():
    budget, text = budget_of(PARTS)
    parts = {(b["label"], b["item"], b["amount_yuan"]) for b in budget if b["item"] == "其中"}
    assert parts == {("某乡乙村", "其中", 255_000.0), ("某乡乙村", "其中", 145_000.0)}
    assert_spans(budget, text)


ALLOCATION = """2031年农村文化活动补助资金下达情况

序号

地  区

小计

文化下乡

(万元)

书屋更新

(万元)

合  计

260

200

60

1

东城区

80

80

2

西城区

70

50

20

3

"""


def test_an_allocation_tables_full_rows_give_every_column_in_the_headers_unit():
    budget, text = budget_of(ALLOCATION)
    got = rows(budget)
    assert ("合计", "小计", 2_600_000.0) in got
    assert ("合计", "书屋更新", 600_000.0) in got
    assert ("西城区", "小计", 700_000.0) in got
    assert ("西城区", "文化下乡", 500_000.0) in got
    assert_spans(budget, text)


def test_a_short_rows_leading_subtotal_is_known_only_when_it_sums_its_other_values():
    budget, _ = budget_of(ALLOCATION)
    east = sorted((b["item"], b["amount_yuan"]) for b in budget if b["label"] == "东城区")
    assert east == [("小计", 800_000.0), ("金额", 800_000.0)]


def test_serial_numbers_are_never_amounts():
    budget, _ = budget_of(ALLOCATION)
    assert not [b for b in budget if b["raw"] in ("1", "2", "3")]
