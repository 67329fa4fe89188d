"""Form rows at the edges: a name numbered 指标N: opens its own row, a row the text stops inside
is dropped, a closing 合计 with its number run on ends the form. Every form here is invented."""

from extractor.extract import extract_document
from extractor.extract.form import types as t
from extractor.normalize import build_document
from extractor.readers import read_bytes


def indicators(text: str) -> list[dict]:
    doc = build_document(read_bytes(text.encode("utf-8"), "x.txt").blocks)
    return extract_document(doc)["indicators"]


def test_a_numbered_name_never_joins_the_name_or_unit_cell_before_it():
    cells = ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标"]
    cells += ["指标1:新修排水沟长度", "公里", "指标2:改造农田面积", "万亩", "质量指标"]
    cells += ["指标1:排水沟验收合格率", "≧ %"]
    # A template whose value cells hold units only: no indicator has a value.
    assert indicators("\n\n".join(cells) + "\n") == []


def test_unit_words_with_a_magnitude_are_units():
    assert [t.cell_kind(w) for w in ("万亩", "千米", "公里")] == [t.UNIT] * 3


def test_a_row_the_text_stops_inside_is_dropped():
    text = (
        "一级指标 二级指标 三级指标 年度指标值 全年完成值\n"
        "产出指标 数量指标 修缮古井数量 6口 6口\n"
        "效益指标 经济效益指标 村民取水成本 有所降低 有所降低\n"
        "社会效益指标 群众饮水条件 明显改善群众饮水 明显改善群"
    )
    assert [i["name"] for i in indicators(text)] == ["修缮古井数量", "村民取水成本"]


def test_a_closing_total_with_its_number_run_on_ends_the_last_row():
    text = (
        "产出指标数量指标 巡查覆盖率=100% 30 时效指标按期完成率=100% 30 "
        "效益指标社会效益指标投诉下降率≥10% 30 合计100 评价结论良好。项目负责人:\n"
    )
    inds = {i["name"]: i for i in indicators(text)}
    assert list(inds) == ["巡查覆盖率", "按期完成率", "投诉下降率"]
    assert inds["投诉下降率"]["target"] == 10
    assert inds["投诉下降率"]["deviation_reason"] is None
