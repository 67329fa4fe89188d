"""Indicators written as prose, in the variants reports use."""

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.readers import read_bytes

TEXT = """某某县教育局2023年度部门整体支出绩效自评报告
一、产出指标
（一）数量指标
（1）培训期数：年初目标值≥20期，全年实际完成22期，完成率110%。
（2）资助学生人数：指标值：不少于500人；实际完成值：520人；完成率104%。
①校舍维修面积，预期指标值：≥1200平方米，实际完成值1100平方米，指标完成率91.67%；
2.质量指标
指标1：教师培训合格率，预期指标值：≥95%，实际完成值
97%，指标完成率100%；
指标2：项目按期完成率
目标值：≥98%
实际完成：99%
指标3：培训人数，年度指标值为≥500人，实际完成值为520人，指标完成率为104%。
三、效益指标
社会效益指标：
学生满意度，年度目标值≧90%，实际完成值92%，完成率100%，得分10分。
指标1：群众满意度提升，预期指标值：显著提高，实际完成值有所提高，指标完成率80%；
"""


def indicators() -> dict:
    doc = build_document(read_bytes(TEXT.encode(), "i.txt").blocks)
    found = extract_document(doc)["indicators"]
    for ind in found:
        for span in [ind["span"], *ind["field_spans"].values()]:
            assert doc.text[span["start"] : span["end"]] == span["text"]
    return {i["name"]: i for i in found}


def test_every_variant_gives_its_indicator():
    got = indicators()
    expected = {
        "培训期数": ("数量指标", "≥", 20, 22, 110, "期"),
        "资助学生人数": ("数量指标", "≥", 500, 520, 104, "人"),
        "校舍维修面积": ("数量指标", "≥", 1200, 1100, 91.67, "平方米"),
        "教师培训合格率": ("质量指标", "≥", 95, 97, 100, "%"),  # the value broken over lines
        "项目按期完成率": (
            "质量指标",
            "≥",
            98,
            99,
            None,
            "%",
        ),  # 完成率 in the name, fields on lines
        "培训人数": ("质量指标", "≥", 500, 520, 104, "人"),  # 为 between label and value
        "学生满意度": ("社会效益指标", "≥", 90, 92, 100, "%"),  # no marker, ≧
    }
    for name, (level2, cmp, target, actual, rate, unit) in expected.items():
        ind = got[name]
        assert (ind["level2"], ind["comparator"], ind["target"], ind["actual"]) == (
            level2, cmp, target, actual,
        ), name  # fmt: skip
        assert (ind["stated_rate_pct"], ind["unit"]) == (rate, unit), name
    assert got["学生满意度"]["score"] == 10


def test_worded_targets_keep_their_words_and_no_number():
    ind = indicators()["群众满意度提升"]
    assert (ind["target_raw"], ind["actual_raw"]) == ("显著提高", "有所提高")
    assert ind["target"] is None and ind["actual"] is None
    assert ind["stated_rate_pct"] == 80


def test_monitoring_statement_keeps_its_forecast_and_a_whole_year_target():
    text = (
        "二、绩效目标完成情况\n(一)产出指标\n"
        "路灯亮灯率:年度目标值≥95%,截至9月底实际完成93%,偏差原因:线路老化,预计全年达到96%。\n"
        "(二)效益指标\n1.居民满意度:全年目标≥85%,目前实际完成88%。\n"
    )
    doc = build_document(read_bytes(text.encode(), "m.txt").blocks)
    got = {i["name"]: i for i in extract_document(doc)["indicators"]}
    assert set(got) == {"路灯亮灯率", "居民满意度"}
    lamp = got["路灯亮灯率"]
    assert (lamp["target"], lamp["actual"], lamp["forecast"]) == (95, 93, 96)
    assert lamp["deviation_reason"] == "线路老化"
    assert (got["居民满意度"]["target"], got["居民满意度"]["actual"]) == (85, 88)
