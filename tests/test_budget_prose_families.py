"""Budget prose beyond the self-evaluation's 预算/执行 sentence: disclosure totals, 三公经费,
increases and decreases, wrapped lines, "5万", shared units, enumerations, unnamed lines."""

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.readers import read_bytes


def rows_of(text: str) -> list[dict]:
    doc = build_document(read_bytes(text.encode(), "b.txt").blocks)
    rows = extract_document(doc)["budget"]
    for r in rows:
        assert doc.text[r["span"]["start"] : r["span"]["end"]] == r["span"]["text"]
    return rows


def by_amount(rows: list[dict]) -> dict[float, dict]:
    return {r["amount_yuan"]: r for r in rows if r["amount_yuan"] is not None}


def by_rate(rows: list[dict]) -> dict[float, dict]:
    return {r["rate_pct"]: r for r in rows if r["rate_pct"] is not None}


def test_three_public_expenses_and_their_changes():
    rows = rows_of(
        "三、“三公”经费支出情况\n"
        "某某镇2023年“三公”经费预算为18万元，其中：因公出国（境）费0万元，公务接待费6万元，"
        "公务用车运行维护费12万元。“三公”经费支出共计15.5万元，较年初预算数减少2.5万元，"
        "下降13.89%，较上年支出数增加1.2万元，增长8.39%。\n"
    )
    money = by_amount(rows)
    assert money[180_000]["scope"] == "三公经费"
    assert money[0]["item"] == "因公出国(境)费"
    assert money[60_000]["item"] == "公务接待费"
    assert money[120_000]["item"] == "公务用车运行维护费"
    assert money[155_000]["item"] == "支出合计"
    down, up = money[25_000], money[12_000]
    assert (down["item"], down["change"], down["compared_to"]) == ("增减额", "减少", "年初预算数")
    assert (up["change"], up["compared_to"], up["change_of"]) == ("增加", "上年支出数", "支出合计")
    assert down["change_of"] == "支出合计"
    rates = by_rate(rows)
    assert (rates[13.89]["item"], rates[13.89]["change"]) == ("增减率", "减少")
    assert (rates[13.89]["change_of"], rates[13.89]["compared_to"]) == ("支出合计", "年初预算数")
    assert (rates[8.39]["item"], rates[8.39]["change"]) == ("增减率", "增加")


def test_disclosure_totals():
    rows = rows_of(
        "一、收入支出决算总体情况说明\n"
        "2023年度收、支总计均为1,230.4万元。本年收入合计1,200.4万元，年初结转和结余30万元，"
        "年末结转和结余0万元。\n"
    )
    items = {r["item"]: r["amount_yuan"] for r in rows}
    assert items["收支总计"] == 12_304_000
    assert items["收入合计"] == 12_004_000
    assert items["上年结转"] == 300_000
    assert items["年末结转结余"] == 0


def test_a_paragraph_wrapped_over_lines_is_read_as_one():
    rows = rows_of(
        "（一）本单位2023年度总收入600.5万元，其中本年收\n"
        "入420.25万元，较上年决算数减少30.1万元，下降6.68%。\n"
    )
    money = by_amount(rows)
    assert money[4_202_500]["item"] == "收入合计"
    assert money[301_000]["change"] == "减少"
    assert by_rate(rows)[6.68]["item"] == "增减率"


def test_wan_alone_is_money_only_where_the_paragraph_speaks_of_money():
    rows = rows_of("安排专项经费30万元，主要项目：1、文艺下乡6万；2、图书室建设4万。\n")
    money = by_amount(rows)
    assert money[60_000]["item"] == "文艺下乡"
    assert money[60_000]["span"]["text"] == "6万"
    assert money[40_000]["item"] == "图书室建设"
    assert rows_of("全年服务群众1.5万人次，惠及群众2万。\n") == []


def test_figures_sharing_one_label_and_unit():
    rows = rows_of("2023年度收、支总计各是812.5，820.25万元，较上年各下降3.5%、4.25%。\n")
    money = by_amount(rows)
    assert money[8_125_000]["span"]["text"] == "812.5"
    assert money[8_125_000]["unit"] == "万元"
    assert money[8_202_500]["item"] == money[8_125_000]["item"] == "收支总计"
    assert {3.5, 4.25} <= set(by_rate(rows))


def test_rates_enumerated_after_a_budget_rate():
    rates = by_rate(rows_of("其中2个项目资金执行100%，甲村道路项目98.5%，群众满意度96%。\n"))
    assert rates[100]["item"] == rates[98.5]["item"] == "资金执行率"
    assert 96 not in rates  # a rate with its own name is not the budget's


def test_a_completion_rate_counts_only_for_money():
    assert by_rate(rows_of("公用经费完成率60.5%。\n"))[60.5]["item"] == "完成率"
    assert rows_of("项目完成率100%。\n") == []


def test_unnamed_budget_lines_keep_their_label_but_not_other_figures():
    money = by_amount(rows_of("下达市级补助资金45万元，用于乙镇水渠修复，其中：渠道清淤12万元。\n"))
    assert money[450_000]["item"] == "下达市级补助资金"
    assert money[120_000]["item"] == "渠道清淤"
    assert rows_of("全县地区生产总值120亿元，农业增加值35亿元。\n") == []


def test_bounds_prices_and_per_head_figures_are_not_budget_figures():
    rows = rows_of(
        "项目资金50万元，带动村集体增收≥8万元，保障经费不超过5万元，"
        "产品每公斤售价6元，农户人均3200元。\n"
    )
    assert set(by_amount(rows)) == {500_000}


def test_assets_expected_income_indicator_figures_and_unmet_rates_are_not_read():
    rows = rows_of(
        "本单位固定资产总额300万元。项目完工后预计每年租金收入4万元，带动村集体经济收入6万元。\n"
        "成本指标道路修缮费用25万元。预算执行率未达到100%，实际支出40万元。\n"
    )
    assert set(by_amount(rows)) == {400_000}
    assert by_rate(rows) == {}


def test_a_breakdown_line_with_its_budget_word_and_a_share_of_another_scope():
    rows = rows_of(
        "工资福利支出预算 52000 元，占基本支出预算 65%，同比增加 3000 元，增长 6.12%。\n"
    )
    money = by_amount(rows)
    assert money[52_000]["item"] == "工资福利支出"
    share = by_rate(rows)[65]
    assert (share["item"], share["share_of"]) == ("占比", "基本支出")
    # The share names its total; the sentence still speaks of the department's figures.
    assert money[3_000]["scope"] == "部门整体"


def test_progress_and_other_budget_rates():
    rates = by_rate(
        rows_of(
            "截至2023年6月30日，已支出资金45.6万元，支出进度38%，资金拨付率100%，结转结余率2.5%。\n"
        )
    )
    assert (rates[38]["item"], rates[38]["as_of"]) == ("预算执行率", "2023-06-30")
    assert rates[100]["item"] == "到位率"
    assert rates[2.5]["item"] == "结转结余率"


def test_a_heading_after_a_line_without_a_full_stop_starts_a_new_section():
    got = {
        (r["scope"], r["item"]): r["amount_yuan"]
        for r in rows_of("全年执行数118万元，执行率98.33%\n（二）项目支出\n全年执行数40万元。\n")
    }
    assert got[("部门整体", "执行数")] == 1_180_000
    assert got[("项目支出", "执行数")] == 400_000


def test_labels_handed_out_in_order():
    got = {
        (r["scope"], r["item"]): r["amount_yuan"]
        for r in rows_of(
            "其中基本支出和项目支出分别为820万元、430万元。中央、省级资金分别为300万元、120万元。\n"
        )
    }
    assert got[("基本支出", "预算数")] == 8_200_000
    assert got[("项目支出", "预算数")] == 4_300_000
    assert got[("部门整体", "中央资金")] == 3_000_000
    assert got[("部门整体", "省级资金")] == 1_200_000


def test_a_change_with_its_own_subject():
    row = by_amount(rows_of("下达林业补助资金12万元，其中生态补偿资金调减1.5万元。\n"))[15_000]
    assert (row["item"], row["change"], row["change_of"]) == ("增减额", "减少", "生态补偿资金")
