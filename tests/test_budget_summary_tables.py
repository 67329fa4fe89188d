"""决算 summary tables with a 行次 column and 金额/占比 tables, flattened into one line of text.
Every table here is invented."""

from tests.textcase import assert_spans, budget_of


def found(budget: list[dict]) -> set[tuple[str, str, float | None]]:
    return {(b["scope"], b["item"], b["amount_yuan"] or b["rate_pct"]) for b in budget}


LINE_TABLE = (
    "某某中心2031年部门决算公开表 收入支出决算总表 金额单位:元 支出 项目(按功能分类) 行次 "
    "栏次 金额 2 一、一般公共服务支出 31 二、教育支出 32 三、社会保障和就业支出 33 "
    "81,230.50 四、卫生健康支出 34 1,204,877.16 五、农林水支出 35 本年支出合计 36 "
    "1,286,107.66 注:本表反映部门本年度的总支出情况。\n"
)


def test_a_row_gives_the_one_amount_between_its_line_number_and_the_next_row():
    budget, text = budget_of(LINE_TABLE)
    got = found(budget)
    assert ("社会保障和就业支出", "决算数", 81_230.5) in got
    assert ("卫生健康支出", "决算数", 1_204_877.16) in got
    assert_spans(budget, text)


def test_the_closing_total_takes_the_last_amount_when_no_part_exceeds_it():
    budget, _ = budget_of(LINE_TABLE)
    assert ("本年支出合计", "决算数", 1_286_107.66) in found(budget)


def test_line_numbers_are_never_amounts():
    budget, _ = budget_of(LINE_TABLE)
    assert not {31.0, 32.0, 33.0, 34.0, 35.0, 36.0} & {b["amount_yuan"] for b in budget}


BLOCK = (
    "收入支出决算总表 金额单位:元 收入 项目 行次 栏次 金额 1 一、财政拨款收入 1 二、事业收入 2 "
    "三、其他收入 3 500,000.00 120,000.00 4 5 收入合计 6 总计 7 620,000.00 620,000.00 "
    "注:本表反映部门本年度的总收支情况。\n"
)


def test_amounts_printed_as_a_block_after_several_rows_are_left_unread():
    budget, _ = budget_of(BLOCK)
    got = found(budget)
    assert not [g for g in got if g[0] in ("其他收入", "财政拨款收入", "事业收入")]
    assert ("总计", "决算数", 620_000.0) in got


SHARES = (
    "部门整体支出绩效目标申报表 部门总体资金情况 单位:万元 当年 金额 占比 财政拨款 "
    "合计 880.40 100% 基本支出 6402 72.7% 项目支出 240.1 27.3% 合计 880.40 100% "
    "(一)负责全县的综合协调工作。\n"
)


def test_a_share_is_read_and_its_amount_only_when_the_total_confirms_it():
    budget, text = budget_of(SHARES)
    got = found(budget)
    assert ("基本支出", "占比", 72.7) in got
    assert ("项目支出", "占比", 27.3) in got
    assert ("项目支出", "金额", 2_401_000.0) in got
    assert [b["rate_pct"] for b in budget if b["label"] == "合计"] == [100.0, 100.0]
    # 6402 is 64.02 with its decimal point lost: 6402 / 880.40 is no 72.7 %.
    assert not [b for b in budget if b["raw"] == "6402"]
    assert_spans(budget, text)


def test_without_a_total_no_amount_of_a_share_table_is_read():
    text = SHARES.replace("合计 880.40 100% ", "")
    budget, _ = budget_of(text)
    assert ("项目支出", "占比", 27.3) in found(budget)
    assert not [b for b in budget if b["raw"] == "240.1"]


TWO_SIDED = """收入支出决算总表
金额单位:元
| 收入 | | | 支出 | | |
| 项目 | 行次 | 金额 | 项目(按功能分类) | 行次 | 金额 |
| 一、财政拨款收入 | 1 | 2,310,000.00 | 一、一般公共服务支出 | 31 | 1,100,000.00 |
| 二、事业收入 | 2 | 40,200.00 | 二、教育支出 | 32 | |
| 三、其他收入 | 3 | | 三、农林水支出 | 33 | 1,250,200.00 |
| 本年收入合计 | 4 | 2,350,200.00 | 本年支出合计 | 34 | 2,350,200.00 |
"""


def test_a_two_sided_summary_in_pipe_rows_gives_each_sides_rows():
    budget, text = budget_of(TWO_SIDED)
    got = found(budget)
    assert ("财政拨款收入", "决算数", 2_310_000.0) in got
    assert ("一般公共服务支出", "决算数", 1_100_000.0) in got
    assert ("事业收入", "决算数", 40_200.0) in got
    assert ("农林水支出", "决算数", 1_250_200.0) in got
    assert ("本年支出合计", "决算数", 2_350_200.0) in got
    # an empty cell is not the next row's amount
    assert not [b for b in budget if b["scope"] in ("其他收入", "教育支出")]
    assert_spans(budget, text)


def test_a_whole_number_past_the_line_numbers_is_an_amount_a_near_one_is_not():
    text = (
        "部门收支决算总表 单位:万元 收入 项目 行次 栏次 金额 1 一、财政拨款收入 1 520 二、事业收入 2 "
        "3 三、其他收入 4 12.5 四、经营收入 5 收入合计 6 532.5 注:本表反映本年度收入情况。\n"
    )
    budget, _ = budget_of(text)
    got = found(budget)
    assert ("财政拨款收入", "决算数", 5_200_000.0) in got
    assert ("其他收入", "决算数", 125_000.0) in got
    assert not [b for b in budget if b["scope"] == "事业收入"]  # 3: a line number
