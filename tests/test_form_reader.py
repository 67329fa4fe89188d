"""The cell-stream form reader: indicator and budget blocks of forms written as text.

Every form here is invented; each test states one shape real reports arrive in.
"""

from extractor.extract.form import types as t
from extractor.extract.form.align import align
from extractor.extract.form.cells import cell_stream, split_tail
from tests.textcase import extract_text


def by_name(result: dict) -> dict:
    return {i["name"]: i for i in result["indicators"]}


def assert_spans_exact(result: dict) -> None:
    for row in result["indicators"] + result["budget"]:
        spans = [row["span"], *row.get("field_spans", {}).values()]
        for span in (s for s in spans if s):
            assert result["text"][span["start"] : span["end"]] == span["text"]


def test_cells_keep_exact_offsets_whatever_separates_them():
    text = "| 甲 | | 乙丙 |\n丁  戊\t己 庚\n"
    cells = cell_stream(text)
    assert [c.text for c in cells] == ["甲", "乙丙", "丁", "戊", "己", "庚"]
    assert all(text[c.start : c.end] == c.text for c in cells)
    assert [c.first for c in cells] == [True, False, True, False, False, False]


def test_cell_kinds():
    assert t.cell_kind("产出指标(40分)") == t.LEVEL1
    assert t.cell_kind("生态效益指标") == t.LEVEL2
    assert t.cell_kind("≥30座") == t.VALUE
    assert t.cell_kind("7.5") == t.NUMBER
    assert t.cell_kind("≥") == t.SIGN
    assert t.cell_kind("公里") == t.UNIT
    assert t.cell_kind("—") == t.EMPTY
    assert t.cell_kind("年度指标值") == t.HEADER
    # A labelled value in prose names no column.
    assert t.cell_kind("年度指标值:≥30座") != t.HEADER


def test_a_value_run_onto_a_name_is_split_off_only_after_a_comparator():
    cells = split_tail(cell_stream("维修渠道长度≥12公里 乡村道路120公里"), t.value_tail)
    assert [c.text for c in cells] == ["维修渠道长度", "≥12公里", "乡村道路120公里"]


def test_alignment_skips_empty_columns_by_cell_kind():
    cells = cell_stream("数量指标\n改造泵站\n≥4座\n4座\n8\n二、管护\n≥2次\n—\n5\n5\n")
    cols = ["level1", "level2", "name", "target", "actual", "weight", "score"]
    rows = align(cells, cols)
    assert [sorted(r.cells) for r in rows] == [
        ["actual", "level2", "name", "target", "weight"],
        ["actual", "name", "score", "target", "weight"],
    ]


PIPE_FORM = """项目名称:某某乡村道路养护
| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
| 产出指标(60分) | 数量指标 | 指标1:养护道路里程 | ≥ | 35公里 | 36公里 | 30 | 30 | |
| | | 指标2:修补坑槽面积 | ≥ | 800平方米 | 640平方米 | 20 | 16 | 雨期推迟 |
| | 时效指标 | 完工及时率 | = | 100% | 100% | 10 | 10 | |
| 满意度指标 | 服务对象满意度指标 | 沿线群众满意度 | ≥ | 90% | 94% | 10 | 10 | |
| 总分 | | | | | | 100 | 96 | |
"""


def test_pipe_form_with_merged_gaps_sign_column_and_numbering():
    result = extract_text(PIPE_FORM)
    inds = by_name(result)
    assert list(inds) == ["养护道路里程", "修补坑槽面积", "完工及时率", "沿线群众满意度"]
    second = inds["修补坑槽面积"]
    assert (second["level1"], second["level2"]) == ("产出指标", "数量指标")
    assert (second["target"], second["actual"], second["weight"], second["score"]) == (
        800,
        640,
        20,
        16,
    )
    assert second["comparator"] == "≥"
    assert second["deviation_reason"] == "雨期推迟"
    # A row starting with a level-2 label keeps the level-1 above it.
    assert inds["完工及时率"]["level1"] == "产出指标"
    assert inds["沿线群众满意度"]["level1"] == "满意度指标"
    assert all(i["project"] == "某某乡村道路养护" for i in result["indicators"])
    assert result["report"]["self_score"] == 96
    assert_spans_exact(result)


def test_flattened_lines_with_a_row_cut_by_the_end_of_the_text():
    text = (
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
        "产出指标 数量指标 新增绿化面积 ≥5000平方米 5200平方米 20 20\n"
        "质量指标 苗木成活率 ≥90% 93% 20 20\n"
        "效益指标 生态效益指标 空气质量优良天数 ≥300天 3"
    )
    inds = by_name(extract_text(text))
    assert list(inds) == ["新增绿化面积", "苗木成活率"]
    assert inds["苗木成活率"]["level2"] == "质量指标"


def test_one_cell_per_line_without_separators_between_rows():
    cells = ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"]
    cells += ["产出指标(30分)", "数量指标", "培训农民人数", "≥400人", "412人", "10"]
    cells += ["开展技术指导次数", "≥12次", "12次", "10"]
    cells += ["时效指标", "资金拨付及时率", "100%", "100%", "10"]
    result = extract_text("\n\n".join(cells) + "\n")
    inds = by_name(result)
    assert list(inds) == ["培训农民人数", "开展技术指导次数", "资金拨付及时率"]
    assert inds["开展技术指导次数"]["score"] == 10
    assert inds["资金拨付及时率"]["level1"] == "产出指标"
    assert_spans_exact(result)


def test_a_form_whose_header_was_lost_is_read_in_the_standard_column_order():
    text = "产出指标 数量指标 维修机井数量=15眼 15眼 质量指标 机井出水合格率≥95% 97%\n"
    inds = by_name(extract_text(text))
    assert list(inds) == ["维修机井数量", "机井出水合格率"]
    assert (inds["机井出水合格率"]["target"], inds["机井出水合格率"]["actual"]) == (95, 97)


def test_prose_headings_and_labelled_values_are_not_a_form():
    text = (
        "一、产出情况\n①数量指标:\n指标1:修建便民桥数量\n年度指标值:≥ 3 座\n完成值:3 座\n"
        "分值:10分;得分:10分\n"
    )
    names = [i["name"] for i in extract_text(text)["indicators"]]
    assert names == ["修建便民桥数量"]


def test_budget_block_with_a_missing_cell_is_fitted_by_the_execution_rate():
    text = (
        "项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
        "年度资金总额 |\n| 50 | 40 | 10 | 80% | 8 |\n"
        "其中:当年财政拨款 | 50 | 40 | — | 80% | — |\n"
    )
    result = extract_text(text)
    rows = {(b["item"], b["fund_source"]): b for b in result["budget"]}
    assert rows[("预算数", None)]["amount_yuan"] == 500_000
    assert rows[("执行数", None)]["amount_yuan"] == 400_000
    assert ("年初预算数", None) not in rows
    rate = rows[("预算执行率", None)]
    assert (rate["rate_pct"], rate["weight"], rate["score"]) == (80, 10, 8)
    assert rows[("执行数", "财政拨款")]["amount_yuan"] == 400_000
    # 分值/得分 are never budget amounts.
    assert not [b for b in result["budget"] if b["amount_yuan"] in (100_000, 80_000)]
    assert_spans_exact(result)


def test_a_form_header_with_no_row_read_is_a_coverage_warning(tmp_path):
    from extractor.pipeline import extract_file

    text = (
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
        "| 见附件 |\n| 另行报送 |\n"
    )
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    result = extract_file(path)
    assert result["indicators"] == []
    [finding] = [f for f in result["findings"] if f["rule"] == "coverage"]
    assert finding["status"] == "form_unread" and "三级指标" in finding["span"]["text"]
    assert finding["message"] in result["source"]["warnings"]


def test_values_a_form_leaves_out_of_every_row_are_said(tmp_path):
    from extractor.pipeline import extract_file

    text = PIPE_FORM.replace("| 总分", "| 98 | 96.5 | 87 | 12 | 77 |\n| 总分")
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    result = extract_file(path)
    gaps = result["form_coverage"]
    assert gaps and gaps[0]["values_unread"] >= 3 and gaps[0]["rows_read"] >= 1
    found = [f for f in result["findings"] if f.get("status") == "values_unread"]
    assert found and found[0]["message"] in result["source"]["warnings"]


def test_a_form_read_whole_gives_no_coverage_warning(tmp_path):
    from extractor.pipeline import extract_file

    path = tmp_path / "form.txt"
    path.write_text(PIPE_FORM, encoding="utf-8")
    assert extract_file(path)["form_coverage"] == []


MONITOR_FORM = """项目名称:某某社区养老服务
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 1-6月执行情况 | 全年预计完成 | 完成目标可能性 | 偏差原因 |
| 产出指标 | 数量指标 | 助餐服务人次 | ≥6000人次 | 3100人次 | 6200人次 | 确定能 | |
| | 质量指标 | 服务投诉率 | ≤2% | 1% | 1% | 确定能 | |
| 效益指标 | 社会效益指标 | 老人生活质量 | 逐步提高 | 有所提高 | 逐步提高 | 有可能 | 季节因素 |
"""


def test_monitoring_form_columns():
    inds = by_name(extract_text(MONITOR_FORM))
    first = inds["助餐服务人次"]
    assert (first["target"], first["actual"], first["expected"]) == (6000, 3100, 6200)
    assert first["likelihood"] == "确定能" and first["deviation_reason"] is None
    third = inds["老人生活质量"]
    assert (third["likelihood"], third["deviation_reason"]) == ("有可能", "季节因素")
    assert third["target"] is None and third["target_raw"] == "逐步提高"


def test_target_table_has_targets_only():
    text = (
        "绩效目标表\n一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t新建公厕数量\t≥8座\n"
        "\t时效指标\t完工时间\t2025年10月底前\n"
        "效益指标\t社会效益指标\t群众如厕便利度\t明显提升\n"
    )
    inds = by_name(extract_text(text))
    assert list(inds) == ["新建公厕数量", "完工时间", "群众如厕便利度"]
    assert all(i["actual_raw"] is None for i in inds.values())
    assert inds["完工时间"]["level1"] == "产出指标"
