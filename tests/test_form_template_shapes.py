"""Common provincial templates, written here, flattened the ways real pages flatten them.

项目支出绩效自评表, 项目支出绩效目标表, 部门整体支出绩效自评表 and 运行监控表, each as rows of
cells, then as single-spaced lines, one cell per line, pipe rows, and cells run together with no
separator. Every line is invented in the templates' shapes.
"""

from __future__ import annotations

import pytest

from tests.textcase import extract_text as extract

SELF_EVAL = [
    ["项目支出绩效自评表"],
    ["（2023年度）"],
    ["项目名称", "乡村道路养护补助项目"],
    ["主管部门", "某县交通运输局", "实施单位", "某县公路事务中心"],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "120.00", "150.00", "138.00", "10", "92.00%", "9.2"],
    [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ],
    ["产出指标", "数量指标", "养护道路里程", "≥85公里", "88公里", "15", "15", "无"],
    ["", "", "修补坑槽面积", "≥3000平方米", "2650平方米", "10", "8.8", "雨季施工受阻"],
    ["", "质量指标", "养护路段优良率", "≥90%", "93%", "15", "15", "无"],
    ["", "时效指标", "养护任务完成时间", "2023年12月底前", "2023年11月", "10", "10", "无"],
    [
        "效益指标",
        "社会效益指标",
        "群众出行条件改善",
        "明显改善",
        "有效改善",
        "15",
        "14",
        "部分路段仍待提升",
    ],
    ["", "可持续影响指标", "道路使用年限延长", "≥3年", "3年", "15", "15", "无"],
    ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "92%", "10", "10", "无"],
    ["总分", "", "", "", "", "100", "96", ""],
]
# name: (target as written, actual as written, 分值, 得分)
SELF_EVAL_ROWS = {
    "养护道路里程": ("≥85公里", "88公里", 15, 15),
    "修补坑槽面积": ("≥3000平方米", "2650平方米", 10, 8.8),
    "养护路段优良率": ("≥90%", "93%", 15, 15),
    "养护任务完成时间": ("2023年12月底前", "2023年11月", 10, 10),
    "群众出行条件改善": ("明显改善", "有效改善", 15, 14),
    "道路使用年限延长": ("≥3年", "3年", 15, 15),
    "沿线群众满意度": ("≥90%", "92%", 10, 10),
}

TARGET_FORM = [
    ["项目支出绩效目标表"],
    ["（2024年度）"],
    ["项目名称", "社区养老服务补贴"],
    ["项目资金（万元）", "年度资金总额", "260.00"],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "补贴发放人数", "≥1200人"],
    ["", "质量指标", "补贴发放准确率", "100%"],
    ["", "成本指标", "人均补贴标准", "≤2000元"],
    ["效益指标", "社会效益指标", "老年人生活质量提升", "有所提升"],
    ["满意度指标", "服务对象满意度指标", "受补贴老人满意度", "≥90%"],
]
TARGET_ROWS = {"补贴发放人数": "≥1200人", "补贴发放准确率": "100%", "人均补贴标准": "≤2000元",
               "老年人生活质量提升": "有所提升", "受补贴老人满意度": "≥90%"}  # fmt: skip

DEPT_FORM = [
    ["部门整体支出绩效自评表"],
    ["部门名称", "某县农业农村局"],
    ["部门整体支出（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度支出总额", "1500.00", "1680.00", "1600.00", "10", "95.24%", "9.5"],
    ["其中：基本支出", "900.00", "920.00", "915.00", "—", "99.46%", "—"],
    ["年度履职目标", "推进高标准农田建设，保障粮食生产安全"],
    [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ],
    ["产出指标", "数量指标", "新建高标准农田面积", "≥2万亩", "2.1万亩", "20", "20", "无"],
    ["", "时效指标", "项目按期完工率", "≥95%", "90%", "15", "14.2", "部分工程受天气影响"],
    ["效益指标", "社会效益指标", "粮食播种面积", "稳定", "稳定", "15", "15", "无"],
    ["满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "94%", "10", "10", "无"],
]


def flatten(rows: list[list[str]], how: str) -> str:
    if how == "spaces":
        return "\n".join(" ".join(c for c in r if c) for r in rows)
    if how == "runon":
        return "".join("".join(r) for r in rows)
    if how == "cells":
        return "\n".join(c for r in rows for c in r if c)
    width = max(len(r) for r in rows)
    return "\n".join("| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows)


SHAPES = ["spaces", "runon", "cells", "pipes"]


@pytest.mark.parametrize("how", SHAPES)
def test_self_evaluation_rows_in_every_shape(how):
    got = {i["name"]: i for i in extract(flatten(SELF_EVAL, how))["indicators"]}
    assert set(got) == set(SELF_EVAL_ROWS)
    for name, (target, actual, weight, score) in SELF_EVAL_ROWS.items():
        ind = got[name]
        assert (ind["target_raw"], ind["actual_raw"]) == (target, actual), name
        assert (ind["weight"], ind["score"]) == (weight, score), name
    # A date target is a value as written, never a number.
    assert got["养护任务完成时间"]["target"] is None
    assert got["沿线群众满意度"]["level1"] == "满意度指标"


def test_run_together_reason_is_cut_off_the_next_rows_labels_and_name():
    got = {i["name"]: i for i in extract(flatten(SELF_EVAL, "runon"))["indicators"]}
    assert got["修补坑槽面积"]["deviation_reason"] == "雨季施工受阻"
    assert got["养护路段优良率"]["level2"] == "质量指标"
    assert got["道路使用年限延长"]["level1"] == "效益指标"


def test_reason_that_starts_like_no_deviation_stays_a_name():
    # 无害化…: a name, not the row above's 无 and a name.
    text = flatten(
        SELF_EVAL[6:8]
        + [["", "", "无害化处理率", "≥95%", "96%", "10", "10", "无"]]
        + SELF_EVAL[-1:],
        "runon",
    )
    names = [i["name"] for i in extract(text)["indicators"]]
    assert names == ["养护道路里程", "无害化处理率"]


@pytest.mark.parametrize("how", ["spaces", "cells", "pipes"])
def test_target_form_keeps_a_last_row_under_a_worded_one(how):
    got = {i["name"]: i["target_raw"] for i in extract(flatten(TARGET_FORM, how))["indicators"]}
    assert got == TARGET_ROWS


def test_text_cut_inside_the_last_row_still_drops_it():
    # The page stops after the last row's bare 1 (≥1…): that row is cut, not read.
    text = (
        flatten(TARGET_FORM[4:7], "spaces") + "\n满意度指标 服务对象满意度指标 受补贴老人满意度 1"
    )
    names = [i["name"] for i in extract(text)["indicators"]]
    assert "受补贴老人满意度" not in names


@pytest.mark.parametrize("how", SHAPES)
def test_department_form_spending_total(how):
    d = extract(flatten(DEPT_FORM, how))
    total = {
        b["item"]: b["amount_yuan"] or b["rate_pct"]
        for b in d["budget"]
        if b["label"] == "年度支出总额"
    }
    assert total == {
        "年初预算数": 15_000_000,
        "预算数": 16_800_000,
        "执行数": 16_000_000,
        "预算执行率": 95.24,
    }
    names = [i["name"] for i in d["indicators"]]
    assert names == ["新建高标准农田面积", "项目按期完工率", "粮食播种面积", "农户满意度"]
    # A worded value written twice (稳定稳定) before the weight and score: target and actual.
    steady = d["indicators"][2]
    assert (steady["target_raw"], steady["actual_raw"], steady["weight"]) == ("稳定", "稳定", 15)


def test_run_together_budget_row_cut_by_empty_marks():
    # 其中:财政拨款100.00130.00120.00—92.31%—: the money run, then 分值 —, 执行率, 得分 —.
    rows = [
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "120.00", "150.00", "138.00", "10", "92.00%", "9.2"],
        ["其中：财政拨款", "100.00", "130.00", "120.00", "—", "92.31%", "—"],
        ["上年结转资金", "20.00", "20.00", "18.00", "—", "90.00%", "—"],
    ]
    got = {(b["label"], b["item"]): b["raw"] for b in extract(flatten(rows, "runon"))["budget"]}
    assert {k: v for k, v in got.items() if k[0] != "年度资金总额"} == {
        ("财政拨款", "年初预算数"): "100.00", ("财政拨款", "预算数"): "130.00",
        ("财政拨款", "执行数"): "120.00", ("财政拨款", "预算执行率"): "92.31%",
        ("上年结转资金", "年初预算数"): "20.00", ("上年结转资金", "预算数"): "20.00",
        ("上年结转资金", "执行数"): "18.00", ("上年结转资金", "预算执行率"): "90.00%",
    }  # fmt: skip


WEIGHT_FIRST = ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"]


@pytest.mark.parametrize("reason", ["未完成原因和改进措施", "偏差原因及改进措施"])
def test_run_together_weight_before_a_date_and_other_reason_headers(reason):
    header = [*WEIGHT_FIRST, reason]
    # 分值 first: 养护任务完成时间|10|2023年12月底前 runs the weight into the date's year.
    rows = [header] + [
        [r[0], r[1], r[2], r[5], r[3], r[4], r[6], r[7]] for r in SELF_EVAL[7:14]
    ] + SELF_EVAL[-1:]  # fmt: skip
    got = {i["name"]: i for i in extract(flatten(rows, "runon"))["indicators"]}
    assert set(got) == set(SELF_EVAL_ROWS)
    timely = got["养护任务完成时间"]
    assert (timely["weight"], timely["target_raw"], timely["score"]) == (10, "2023年12月底前", 10)
    assert got["修补坑槽面积"]["deviation_reason"] == "雨季施工受阻"


MONITOR_FORM = [
    ["项目支出绩效运行监控表"],
    ["（2024年1-6月）"],
    ["项目名称", "城区污水管网维护"],
    [
        "项目资金（万元）",
        "年初预算数",
        "全年预算数",
        "1-6月执行数",
        "1-6月执行率",
        "全年预计执行数",
        "偏差原因",
    ],
    ["年度资金总额", "300", "320", "150", "46.88%", "320", "无"],
    ["其中：财政拨款", "300", "320", "150", "46.88%", "320", "无"],
    [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "1-6月执行情况",
        "全年预计完成情况",
        "偏差原因",
        "完成目标可能性",
    ],
    ["产出指标", "数量指标", "管网疏通长度", "≥120公里", "58公里", "125公里", "", "确定能"],
    ["", "质量指标", "管网运行完好率", "≥98%", "98.5%", "99%", "", "确定能"],
    ["效益指标", "社会效益指标", "城区内涝点减少数", "≥5处", "3处", "6处", "雨季未到", "有可能"],
    ["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "—", "92%", "年底调查", "有可能"],
]


@pytest.mark.parametrize("how", ["spaces", "cells", "pipes"])
def test_monitoring_form_budget_with_a_remark_column_and_a_last_row_not_yet_measured(how):
    d = extract(flatten(MONITOR_FORM, how))
    total = {b["item"]: b["raw"] for b in d["budget"] if b["label"] == "年度资金总额"}
    assert total == {"年初预算数": "300", "预算数": "320", "执行数": "150",
                     "全年预计执行数": "320", "预算执行率": "46.88%"}  # fmt: skip
    got = {i["name"]: (i["target_raw"], i["actual_raw"]) for i in d["indicators"]}
    assert got == {"管网疏通长度": ("≥120公里", "58公里"), "管网运行完好率": ("≥98%", "98.5%"),
                   "城区内涝点减少数": ("≥5处", "3处"), "市民满意度": ("≥90%", None)}  # fmt: skip
