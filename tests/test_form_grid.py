"""Real tables read by the form reader from their grid: cells as the table draws them, a
two-row header, a row broken across a page, the money unit in a wrapped label column."""

from extractor.extract import extract_document
from extractor.extract.form.stream import form_cells, grid_rows
from extractor.model import RawBlock, RawCell
from extractor.normalize import build_document

HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def table(rows: list[list[str | None]], page: int | None = 1) -> RawBlock:
    """A table; ``None`` marks a position covered by the cell above (a vertical merge)."""
    cells: list[list[RawCell | None]] = [
        [None if c is None else RawCell(c) for c in r] for r in rows
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is not None:
                span = 1
                while r + span < len(rows) and rows[r + span][c] is None:
                    span += 1
                cells[r][c].rowspan = span
    return RawBlock("table", page=page, rows=cells)


def para(text: str, page: int | None = 1) -> RawBlock:
    return RawBlock("paragraph", page=page, text=text)


def test_a_cell_with_spaces_stays_one_cell():
    # A line of text with fewer than two pipes is cut at its spaces; a table's cell is not.
    doc = build_document([table([["年度总体目标 按期 完成"], ["改造 2号楼", "三"]])])
    assert [c.text for c in form_cells(doc)] == ["年度总体目标 按期 完成", "改造 2号楼", "三"]
    for c in form_cells(doc):
        assert doc.text[c.start : c.end] == c.text


def test_merged_cells_come_once_and_label_columns_fill_down():
    rows = [
        HEADER,
        ["产出指标(60分)", "数量指标", "修缮校舍面积", "≥800平方米", "820平方米", "30", "30"],
        [None, None, "添置课桌椅", "≥300套", "300套", "30", "30"],
    ]
    doc = build_document([para("某某学校校舍维护项目绩效自评表"), table(rows)])
    (row1, row2, row3) = grid_rows(doc, doc.blocks[1])
    assert [c.text for _, c in row3] == ["添置课桌椅", "≥300套", "300套", "30", "30"]
    inds = extract_document(doc)["indicators"]
    second = next(i for i in inds if i["name"] == "添置课桌椅")
    assert (second["level1"], second["level2"], second["target"], second["weight"]) == (
        "产出指标", "数量指标", 300, 30,
    )  # fmt: skip


def test_a_two_row_header_drops_its_sub_column_names():
    rows = [
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "1-6月执行情况",
            "偏差原因分析",
            "原因2",
        ],
        [None, None, None, None, None, "资金保障", "人员保障"],
        ["产出指标", "数量指标", "巡查河道长度", "≥40公里", "22公里", "", ""],
    ]
    doc = build_document([table(rows)])
    header, data = grid_rows(doc, doc.blocks[0])  # the sub-header row is gone
    assert [c.text for _, c in data][:3] == ["产出指标", "数量指标", "巡查河道长度"]
    (ind,) = extract_document(doc)["indicators"]
    assert (ind["name"], ind["target"], ind["actual"]) == ("巡查河道长度", 40, 22)


def test_a_row_broken_across_a_page_is_joined():
    first = [
        HEADER,
        ["产出指标(50分)", "数量指标", "培训农民人数", "≥600人", "640人", "50", "50"],
        ["满意", "服务", "参训农民", "≥85%", "91%", "10", "10"],
    ]
    rest = [["度指标(10分)", "对象满意度指标", "满意度", "", "", "", ""]]
    doc = build_document([table(first, page=1), para("- 2 -", page=2), table(rest, page=2)])
    inds = extract_document(doc)["indicators"]
    last = inds[-1]
    assert (last["level1"], last["level2"], last["name"]) == (
        "满意度指标", "服务对象满意度指标", "参训农民满意度",
    )  # fmt: skip
    assert (last["target"], last["actual"], last["score"]) == (85, 91, 10)
    assert len(inds) == 2


def test_two_tables_on_one_page_are_not_joined():
    first = [HEADER, ["产出指标(50分)", "数量指标", "培训农民人数", "≥600人", "640人", "50", "50"]]
    other = [["备注", "无"]]
    doc = build_document([table(first), table(other)])
    assert [c.text for c in form_cells(doc)][-2:] == ["备注", "无"]


def test_the_money_unit_of_a_label_column_wrapped_over_a_page():
    head = [
        ["项目名称", "乡村道路养护项目", "", "", ""],
        ["项目资金(万", "", "年初预算数", "全年预算数", "全年执行数"],
    ]
    rows = [["元)", "年度资金总额", "40.00", "45.50", "45.50"]]
    doc = build_document([table(head, page=1), table(rows, page=2)])
    budget = {b["item"]: b for b in extract_document(doc)["budget"] if b["fund_source"] is None}
    assert budget["预算数"]["amount_yuan"] == 455000.0
    assert budget["预算数"]["unit"] == "万元"
    assert doc.text[budget["预算数"]["span"]["start"] : budget["预算数"]["span"]["end"]] == "45.50"


def test_a_narrower_table_on_the_next_page_is_another_table():
    budget = [
        ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数"],
        ["年度资金总额", "12.00", "12.00", "11.00"],
        ["其他资金", "0.00", "0.00", "0.00"],
    ]
    goals = [["年度总体目标", "预期目标"], ["完成道路养护", "已完成"]]
    doc = build_document([table(budget, page=1), table(goals, page=2)])
    texts = [c.text for c in form_cells(doc)]
    assert texts[texts.index("其他资金") : texts.index("其他资金") + 5] == [
        "其他资金", "0.00", "0.00", "0.00", "年度总体目标",
    ]  # fmt: skip
    rows = [b for b in extract_document(doc)["budget"] if b["fund_source"] == "其他资金"]
    assert sorted(b["item"] for b in rows) == ["年初预算数", "执行数", "预算数"]
