"""The audit's sentence arithmetic (prose_*), on lines written here in the shapes reports use.

Each rule: a contradiction it must report, and the consistent or ambiguous near miss it must
leave alone (a list that is not plain, a change over the right base, a zero).
"""

from __future__ import annotations

import pytest

from extractor.audit import audit_report, prose


def findings(text: str, rule: str) -> list[dict]:
    result = {"report": {"fiscal_year": 2022, "spans": {}}, "indicators": [], "budget": [],
              "personnel": [], "text": text}  # fmt: skip
    out = audit_report(result)
    assert not [f for f in out if f["rule"] == "audit_internal"], out
    for f in out:
        s = f.get("span") or {}
        if s.get("start") is not None:
            assert text[s["start"] : s["end"]] == s["text"]  # every span is exact
    return [f for f in out if f["rule"] == rule]


# ---- a total and its listed parts -----------------------------------------------------------


def test_parts_above_the_total_are_a_warning():
    text = "本年度下达示范资金52.40万元，其中：设备购置30.15万元，人员培训22.30万元。"
    (f,) = findings(text, "prose_parts_sum")
    assert (f["status"], f["severity"]) == ("exceeds", "warning")
    assert "52.40" in f["message"] and "52.45" in f["message"] and f["span"]["text"] == "52.40万元"


def test_parts_a_little_short_and_far_short():
    slip = "全年安排维护资金880万元。其中:道路维护500万元,路灯维护230万元,绿化维护140万元。"
    (f,) = findings(slip, "prose_parts_sum")
    assert (f["status"], f["severity"]) == ("short", "warning") and "870" in f["message"]
    partial = "全年安排维护资金880万元，其中道路维护500万元，路灯维护100万元。"
    assert [f["severity"] for f in findings(partial, "prose_parts_sum")] == ["info"]
    open_ended = "全年安排维护资金880万元，其中道路维护500万元，路灯维护370万元等。"
    assert [f["status"] for f in findings(open_ended, "prose_parts_sum")] == ["partial"]


def test_a_list_that_adds_up_or_is_not_plain_is_left_alone():
    ok = "支出总额417.6万元,其中:基本支出237.6万元(工资福利191.5万元、其他46.1万元);项目支出180万元。"
    assert findings(ok, "prose_parts_sum") == []
    compared = "支出总额90万元，其中基本支出50万元，较上年增加5万元，项目支出20万元。"
    assert findings(compared, "prose_parts_sum") == []
    # 其中 after a sentence of several amounts speaks of the sentence, not of its last figure.
    after = (
        "总投资157万元，其中自筹37.5万元，其他资金119.5万元。其中甲路投资87万元，乙路投资80万元。"
    )
    assert findings(after, "prose_parts_sum") == []


def test_numbered_parts_split_by_semicolons_and_annotations():
    text = "安排專項經費40萬(wàn)元,主要項目:1、會議費12萬(wàn);2、調研費9萬;3、資料費21萬(wàn)。"
    (f,) = findings(text, "prose_parts_sum")
    assert f["status"] == "exceeds" and "42" in f["message"] and "會議費" in f["message"]


# ---- a change and its percentage ------------------------------------------------------------


def test_change_percentage_over_the_wrong_base_or_repeating_the_amount():
    wrong_base = "差旅费支出12.50万元，较上年减少2.50万元，下降20%。"  # 2.5 / 15 = 16.67 %
    (f,) = findings(wrong_base, "prose_change_rate")
    assert f["severity"] == "warning" and "16.67" in f["message"] and "本年数" in f["message"]
    repeated = "会议费支出3.30万元，与上年相比，增加1.65万元，增长1.65%。"  # 1.65 / 1.65 = 100 %
    (f,) = findings(repeated, "prose_change_rate")
    assert "变动额" in f["message"] and f["recomputed"] == 100


def test_right_changes_pass_and_an_earlier_change_is_not_the_base():
    text = "三公经费支出共计8.00万元，较年初预算减少2.00万元，下降20%，较上年支出减少0.80万元，下降9.09%。"
    assert findings(text, "prose_change_rate") == []
    assert findings("培训费5000元，同比增加1000元，增长25%。", "prose_change_rate") == []


# ---- unit slips -----------------------------------------------------------------------------


def test_a_figure_with_and_without_wan():
    text = "完成补植面积23.456万亩，其中人工补植面积23.456亩，补植率100%。"
    (f,) = findings(text, "prose_unit_slip")
    assert f["status"] == "same_figure" and "人工补植面积" in f["message"]
    assert findings("完成补植面积2.5万亩，其中人工补植2.5亩。", "prose_unit_slip") == []


def test_a_fund_of_a_few_yuan():
    (f,) = findings("项目配套资金4.8元，已全部拨付。", "prose_unit_slip")
    assert f["status"] == "tiny_fund" and "4.8元" in f["message"]
    assert findings("其他收入预算数为0元。", "prose_unit_slip") == []
    assert findings("补助标准80元/人，项目资金48000元。", "prose_unit_slip") == []


# ---- completion rate ------------------------------------------------------------------------


def test_completion_rate_against_planned_and_completed():
    text = "实施村道硬化工程60公里，截至年底，完成45公里建设任务，完工率为100%。"
    (f,) = findings(text, "prose_completion_rate")
    assert f["severity"] == "warning" and f["recomputed"] == 75
    assert findings("实施村道硬化工程60公里，完成60公里建设任务，完工率为100%。",
                    "prose_completion_rate") == []  # fmt: skip


# ---- restated amounts -----------------------------------------------------------------------


def test_one_document_number_with_two_amounts():
    text = (
        "根据某财发〔2022〕17号文件，下达我县补助资金40万元。\n"
        "某财发〔2022〕17号文件下达的道路养护资金为45万元。"
    )
    (f,) = findings(text, "prose_restated_amount")
    assert f["status"] == "same_document" and "17号" in f["message"]


def test_crossed_fund_names_but_not_two_stages_of_one_fund():
    crossed = (
        "下达上级资金300万元。其中:国家级专项资金100万元,省级专项资金120万元,市级资金80万元。\n"
        "一是下达国家级专项资金300万元。省级专项资金100万元,用于道路维修。"
    )
    fs = findings(crossed, "prose_restated_amount")
    assert {f["status"] for f in fs} == {"same_fund"} and "国家级专项资金" in fs[0]["message"]
    stages = "项目资金已到位900万元，其中中央补助资金500万元。项目资金已使用880万元，其中中央补助资金480万元。"
    assert findings(stages, "prose_restated_amount") == []


@pytest.mark.parametrize("text", ["萬(wàn)元", "項目(xiàng)"])
def test_the_view_keeps_offsets(text):
    assert len(prose.view(text)) == len(text)


def test_a_total_announced_for_n_parts_against_the_list_of_n():
    text = (
        "项目资金共计610万元，其中：设备费200万元，材料费150万元，劳务费240万元。\n"
        "本级安排专项资金共计640万元，计划用于3类专项支出。"
    )
    (f,) = findings(text, "prose_counted_total")
    assert "640" in f["message"] and "590" in f["message"] and "610" in f["message"]
    same = text.replace("640万元", "610万元")
    assert findings(same, "prose_counted_total") == []
    four = text.replace("3类", "4类")
    assert findings(four, "prose_counted_total") == []


def test_a_rate_inside_an_extracted_indicator_is_left_to_indicator_rate():
    text = "指标1：培训人次，目标值：≥60人次，实际完成45人次，完成比例100%；"
    result = {"report": {"fiscal_year": 2022, "spans": {}}, "budget": [], "personnel": [],
              "text": text, "indicators": [{"name": "培训人次", "target": 60, "actual": 45,
                  "span": {"page": 1, "start": 0, "end": len(text), "text": text}}]}  # fmt: skip
    assert [f for f in audit_report(result) if f["rule"] == "prose_completion_rate"] == []
    assert len(findings(text, "prose_completion_rate")) == 1
    # An indicator read without its target and actual leaves the rate to this rule.
    del result["indicators"][0]["target"]
    assert len([f for f in audit_report(result) if f["rule"] == "prose_completion_rate"]) == 1


def test_a_change_from_a_figure_named_as_last_years():
    ok = "上年支出印刷费4万元，本年增加1万元，增长25%。"
    assert findings(ok, "prose_change_rate") == []
    (f,) = findings("上年支出印刷费4万元，本年增加1万元，增长20%。", "prose_change_rate")
    assert f["recomputed"] == 25
    # 上年结转 is this year's carry-over: the change is still over X − D.
    assert findings("上年结转资金5万元，较上年增加1万元，增长25%。", "prose_change_rate") == []
