"""Form rows out of reading order and at the edges: values written before their names, a name
numbered 指标N: opens its own row, a row the text stops inside is dropped, a closing 合计 with
its number run on ends the form. Every form here is invented."""

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


def test_a_form_written_values_first_pairs_rows_and_names_in_order():
    # A PDF that gave the value columns before the label columns; the first row's name sits
    # among the header words, a wrapped name's last character stands alone after the values.
    text = (
        "一级指标 二级指标 数量指标 三级指标 修缮校舍面积完成 年度 指标值 实际 完成值 分值 得分 "
        "≥800平方米 820平方米 20 20 =100% 100% 30 30 按期 按期 20 18 ≥85% 92% 20 20 100 97.5 "
        "率 产出指标 质量指标 时效指标 验收合格率 完工及时性 效益指标 满意度指标 "
        "服务对象满意度指标 师生满意度 总分\n"
    )
    doc = build_document(read_bytes(text.encode("utf-8"), "x.txt").blocks)
    result = extract_document(doc)
    inds = result["indicators"]
    assert [i["name"] for i in inds] == [
        "修缮校舍面积完成",
        "验收合格率",
        "完工及时性",
        "师生满意度",
    ]
    assert [(i["target"], i["actual"], i["weight"], i["score"]) for i in inds] == [
        (800, 820, 20, 20),
        (100, 100, 30, 30),
        (None, None, 20, 18),
        (85, 92, 20, 20),
    ]
    assert [i["level2"] for i in inds] == ["数量指标", "质量指标", "时效指标", "服务对象满意度指标"]
    assert inds[3]["level1"] == "满意度指标"
    assert (result["report"]["self_score"], result["report"]["total_weight"]) == (97.5, 100)
    for i in inds:
        assert doc.text[i["span"]["start"] : i["span"]["end"]] == i["span"]["text"]


def test_values_first_is_no_reading_when_names_and_rows_do_not_pair():
    text = (
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
        "≥800平方米 820平方米 20 20 =100% 100% 30 30 产出指标 数量指标 修缮校舍面积\n"
    )
    # Two rows of values, one name: which row it names is not known, so none is read.
    assert indicators(text) == []


def test_project_columns_in_front_of_the_labels_are_no_indicator():
    text = (
        "| 单位名称 | 项目名称 | 预算数 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 度量单位 | 权重 |\n"
        "| 301001-某县文旅局 | 非遗传承补助 | 1,250,000.00 | 产出指标 | 数量指标 | 传承人补助人数 | 40 | 人 | 20 |\n"
        "| 产出指标 | 质量指标 | 补助发放准确率 | 100 | % | 20 |\n"
        "| 古籍修复经费 | 380,000.00 | 满意度指标 | 服务对象满意度指标 | 读者满意度 | 90 | % | 10 |\n"
    )
    inds = {i["name"]: i for i in indicators(text)}
    assert list(inds) == ["传承人补助人数", "补助发放准确率", "读者满意度"]
    assert (inds["传承人补助人数"]["target"], inds["传承人补助人数"]["weight"]) == (40, 20)


def test_an_amount_is_never_a_weight_or_score():
    from extractor.extract.form.align import fit
    from extractor.extract.form.cells import Cell

    assert fit("weight", Cell("1,250,000.00", 0, 12, 0, False)) is None
    assert fit("score", Cell("7.5分", 0, 4, 0, False)) is not None


def test_a_scoring_rubric_reads_the_measured_value_from_its_explanation():
    # 部门整体支出绩效评价指标表: 得分 over every points column, the measure in 指标说明.
    text = (
        "一级指标 得分 二级指标 得分 三级指标 得分 评价标准 指标说明 得分\n"
        "投入 20 预算配置 20 差旅费节约率 10 控制在100%以内计满分,超出按比例扣分; "
        "公用经费实际支出占年初预算比例为97.20%. 10\n"
        "过程 10 预算执行 10 资金支付及时率 10 及时支付计满分,每延迟一周扣2分; "
        "全年按期支付资金,及时率=88.50% 8\n"
        "预算调整率 10 调整率=0,计10分; 本年无调整 10\n"
    )
    doc = build_document(read_bytes(text.encode("utf-8"), "x.txt").blocks)
    result = extract_document(doc)
    inds = {i["name"]: i for i in result["indicators"]}
    # A row whose explanation states no measured percent gives no indicator.
    assert list(inds) == ["差旅费节约率", "资金支付及时率"]
    first = inds["差旅费节约率"]
    assert (first["actual"], first["weight"], first["score"]) == (97.2, 10, 10)
    assert (first["level1"], first["level2"]) == ("投入", "预算配置")
    assert first["target"] is None  # the 评价标准 is a scoring rule, not read as a value
    assert inds["资金支付及时率"]["actual"] == 88.5
    assert inds["资金支付及时率"]["level1"] == "过程"
    span = first["field_spans"]["actual"]
    assert doc.text[span["start"] : span["end"]] == "97.20%"


def test_without_a_header_a_lone_bare_number_after_the_target_is_left_out():
    text = "产出指标数量指标 维修路灯数量≥40盏 25 质量指标 路灯亮灯率≥98% 25 合计100 结论良好\n"
    inds = {i["name"]: i for i in indicators(text)}
    assert list(inds) == ["维修路灯数量", "路灯亮灯率"]
    # 25 may be the actual, the 分值 or the 得分: unknown stays null.
    assert [(i["actual"], i["weight"], i["score"]) for i in inds.values()] == [(None,) * 3] * 2
    assert inds["路灯亮灯率"]["target"] == 98
