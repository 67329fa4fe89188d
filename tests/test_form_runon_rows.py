"""Run-on rows one per line, and the words a run-on row carries: comparators, numbering, units.

Every line here is invented.
"""

from __future__ import annotations

from extractor.extract.form.runon import find_header, read_rows
from tests.textcase import extract_text


def rows_of(text: str) -> list[dict[str, list[str]]]:
    columns, _, end = find_header(text, 0, len(text))
    rows, _, _ = read_rows(text, end, len(text), columns)
    return [{k: [c.text for c in v] for k, v in r.cells.items()} for r in rows]


def test_rows_one_per_line_with_level_weights_and_reasons():
    text = (
        "一级指标二级指标三级指标分值年度指标值实际完成值得分偏差原因分析及改进措施\n"
        "产出指标(40分)数量指标修缮校舍面积20≥1500平方米1520平方米20\n"
        "时效指标工程完工及时率20≥95%80%16雨季停工两周\n"
        "效益指标(50分)社会效益指标办学条件50明显改善明显改善50\n"
        "总分10086自评等级:良\n"
    )
    result = extract_text(text)
    got = {i["name"]: i for i in result["indicators"]}
    first = got["修缮校舍面积"]
    assert (first["level1"], first["level2"]) == ("产出指标", "数量指标")
    assert (first["weight"], first["target"], first["actual"], first["score"]) == (
        20,
        1500,
        1520,
        20,
    )
    second = got["工程完工及时率"]
    assert (second["score"], second["deviation_reason"]) == (16, "雨季停工两周")
    third = got["办学条件"]
    assert (third["target_raw"], third["actual_raw"], third["level1"]) == (
        "明显改善",
        "明显改善",
        "效益指标",
    )
    assert result["report"]["self_score"] == 86


def test_comparator_in_words_stays_with_its_value():
    text = (
        "二级指标三级指标年度指标值全年完成值分值得分偏差及原因分析"
        "设备完好率不低于90%93%66报修响应时长小于48小时36小时44"
    )
    rows = rows_of(text)
    assert rows[0]["name"] == ["设备完好率"]
    assert rows[0]["target"] == ["不低于90%"]
    assert rows[1]["name"] == ["报修响应时长"]
    assert (rows[1]["target"], rows[1]["actual"]) == (["小于48小时"], ["36小时"])


def test_numbering_and_worded_actual():
    text = (
        "二级指标三级指标年度指标值全年完成值分值得分偏差及原因分析"
        "项目1:台账归档率100%按时归档55项目2:巡检次数12次12次55"
    )
    rows = rows_of(text)
    assert rows[0]["name"] == ["台账归档率"]
    assert (rows[0]["target"], rows[0]["actual"]) == (["100%"], ["按时归档"])
    assert (rows[0]["weight"], rows[0]["score"]) == (["5"], ["5"])
    assert rows[1]["name"] == ["巡检次数"]


def test_unit_with_magnitude_and_two_words():
    text = (
        "一级指标二级指标三级指标分值年度指标值实际完成值得分偏差原因分析及改进措施\n"
        "产出指标数量指标退耕还草面积10≥12万亩13万亩10\n"
        "抽检样品数量10=600批次600批次10\n"
    )
    rows = rows_of(text)
    assert (rows[0]["target"], rows[0]["actual"]) == (["≥12万亩"], ["13万亩"])
    assert (rows[1]["name"], rows[1]["target"]) == (["抽检样品数量"], ["=600批次"])


def test_unit_glued_to_the_next_name_is_not_a_unit():
    # 101天…: 天 (day) starts the next name here, it is not the unit of 10.
    text = (
        "指标名称计量单位指标性质指标值指标权重(分)全年完成值指标得分(分)说明"
        "巡护里程公里401045天然水域监测点数个8108"
    )
    rows = rows_of(text)
    assert rows[1]["name"] == ["天然水域监测点数"]
