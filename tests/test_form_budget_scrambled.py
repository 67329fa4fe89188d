"""Budget blocks of forms whose cells a PDF wrote out of reading order (values before labels, a
row's 执行数 or 执行率 standing apart further down). Every form here is invented."""

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.readers import read_bytes

HEADER = "年初预算数 全年预算数 全年执行数 分值 执行率 得分"


def budget_of(text: str) -> tuple[dict, str]:
    doc = build_document(read_bytes(text.encode("utf-8"), "x.txt").blocks)
    rows = extract_document(doc)["budget"]
    for b in rows:
        assert doc.text[b["span"]["start"] : b["span"]["end"]] == b["span"]["text"]
    return {(b["item"], b["fund_source"]): b for b in rows}, doc.text


def test_two_rows_written_before_their_labels_are_cut_where_the_part_fits_the_total():
    text = (
        f"项目名称 乡村图书室运维 {HEADER} 80000.00 80000.00 64,000 10 8.00 "
        "80000.00 80000.00 64000 — 上年结转资金 0 0 — 年度资金总额 项目资金 (元) "
        "实施单位 某镇文化站 其中:当年财政拨款 预期目标 80.00% 一级指标 二级指标 三级指标\n"
    )
    rows, _ = budget_of(text)
    assert rows[("预算数", None)]["amount_yuan"] == 80_000  # 元 declared inside the block
    assert rows[("执行数", None)]["amount_yuan"] == 64_000
    assert rows[("执行数", "财政拨款")]["amount_yuan"] == 64_000
    rate = rows[("预算执行率", None)]
    assert (rate["rate_pct"], rate["weight"], rate["score"]) == (80, 10, 8)
    assert rows[("预算数", "上年结转")]["amount_yuan"] == 0


def test_a_stray_execution_and_rate_join_the_total_only_when_the_arithmetic_holds():
    text = (
        f"项目名称 河道保洁补助 {HEADER} 50000.00 50000.00 6.40 其中:当年财政拨款 0 0 — "
        "年度资金总额 项目资金 (元) 实施单位 某乡水务站 32,000 预期目标 10 64.00% "
        "一级指标 二级指标 三级指标\n"
    )
    rows, _ = budget_of(text)
    assert rows[("执行数", None)]["amount_yuan"] == 32_000
    rate = rows[("预算执行率", None)]
    assert (rate["rate_pct"], rate["weight"], rate["score"]) == (64, 10, 6.4)
    assert not [b for b in rows.values() if b["amount_yuan"] == 6.4]  # 得分 is no amount


def test_stray_values_that_prove_nothing_stay_out():
    text = (
        f"项目名称 河道保洁补助 {HEADER} 50000.00 50000.00 其中:当年财政拨款 0 0 — "
        "年度资金总额 项目资金 (元) 实施单位 某乡水务站 27,000 预期目标 10 64.00% "
        "一级指标 二级指标 三级指标\n"
    )
    rows, _ = budget_of(text)
    assert ("执行数", None) not in rows
    assert ("预算执行率", None) not in rows
    assert rows[("预算数", None)]["amount_yuan"] == 50_000


def test_a_second_projects_budget_score_is_not_added_to_the_first_forms_weights():
    # Two 自评表 on one page: the second's indicators were not read, its budget row was.
    from tests.test_audit_rules import form, rate, run

    fm = form()
    other = {**rate("乡村书屋项目", "预算执行率", "45"), "weight": 10, "score": 4.5}
    fm["budget"].append(other)
    assert run("weights_total", **fm) == []
    assert run("total_score", **fm, report={"self_score": 100}) == []
