"""List tables in pipe rows with one money column: each row's project and its amount.

Every table here is invented.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract.form.budget_lists import _pipe_cells
from tests.textcase import budget_of

LIST = """二、评价结果
序号 | 主管部门(单位) | 项目名称 | 资金量 (万元) | 评价等级 |
1 | 某某县文旅局 | 乡村戏台修缮 | 312.5 | 良 |
2 | 某某县农业局 | 高标准农田建设 | 1,020 | 优 |
3 | 某某县水利局 | 渠系配套 |  | 中 |
三、存在问题
"""


def test_each_row_gives_the_amount_under_the_money_column_for_its_project():
    budget, text = budget_of(LIST)
    got = {b["scope"]: b["amount_yuan"] for b in budget}
    assert got["乡村戏台修缮"] == 3_125_000.0
    assert got["高标准农田建设"] == 10_200_000.0
    assert "渠系配套" not in got  # its money cell is empty: nothing, not a neighbour's number
    for b in budget:
        assert text[b["span"]["start"] : b["span"]["end"]] == b["span"]["text"] == b["raw"]


def test_indicator_rows_of_the_same_table_give_no_amount():
    text = (
        "| 金额单位:元 | |||\n"
        "| 单位名称 | 项目名称 | 预算数 | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "| 001-某某镇人民政府 | 道路保洁 | 45,600.00 | 产出指标 | 数量指标 | 保洁里程 | 12 |\n"
        "| 产出指标 | 时效指标 | 7 | 按月完成 | 1 |\n"
    )
    budget, _ = budget_of(text)
    rows = [b for b in budget if b["label"] == "道路保洁"]
    assert [(b["amount_yuan"], b["unit"]) for b in rows] == [(45_600.0, "元")]
    assert not [b for b in budget if b["amount_yuan"] in (7.0, 70_000.0)]


def test_a_table_with_two_money_columns_is_no_list():
    text = "| 项目名称 | 预算数 | 金额 | 备注 |\n| 道路保洁 | 10 | 9 | 无 |\n"
    budget, _ = budget_of(text)
    assert not [b for b in budget if b["label"] == "道路保洁"]


def test_a_list_written_one_cell_a_line_is_read_by_its_serial_numbers():
    text = (
        "附件1\n资金安排表\n单位:万元\n序号 |\n乡镇名称 |\n项 目 名 称 |\n金额 |\n备注 |\n"
        "1 |\n东岭镇 |\n山塘清淤 |\n12.5 |\n|\n"
        "2 |\n西岭乡 |\n机耕路硬化 |\n30 |\n续建 |\n"
        "合计 |\n42.5 |\n附件2\n"
    )
    budget, doc_text = budget_of(text)
    got = {b["scope"]: b["amount_yuan"] for b in budget if b["scope"] in ("山塘清淤", "机耕路硬化")}
    assert got == {"山塘清淤": 125_000.0, "机耕路硬化": 300_000.0}
    for b in budget:
        assert doc_text[b["span"]["start"] : b["span"]["end"]] == b["span"]["text"]


def test_a_list_one_cell_a_line_without_serials_is_read_by_its_row_length():
    text = (
        "附件1\n资金分配表\n单位:万元\n村名 |\n金额 |\n列支科目 |\n备注 |\n"
        "东村 |\n25 |\n2130599-其他 |\n|\n南村 |\n7.75 |\n2130599-其他 |\n新建 |\n"
        "北村 |\n12 |\n2130599-其他 |\n|\n附件2\n"
    )
    budget, _ = budget_of(text)
    got = {b["scope"]: b["amount_yuan"] for b in budget if b["scope"] in ("东村", "南村", "北村")}
    assert got == {"东村": 250_000.0, "南村": 77_500.0, "北村": 120_000.0}
    # A row's amount is a part of the list, never the department's 预算数.
    assert not [b for b in budget if b["scope"] == "部门整体"]


def test_a_forms_budget_block_header_is_no_list():
    text = "| 预算执行情况(万元) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 |\n| 年度资金总额 | 50 | 40 | 80% | 8 |\n"
    budget, _ = budget_of(text)
    assert not [b for b in budget if "part_of" in b]


def _pipe_cells_by_characters(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``_pipe_cells`` as it was first written, a loop over the line's characters."""
    line = text[start:end]
    bounds = [-1] + [i for i, ch in enumerate(line) if ch == "|"] + [len(line)]
    cells = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        s, e = a + 1, b
        while s < e and line[s].isspace():
            s += 1
        while e > s and line[e - 1].isspace():
            e -= 1
        cells.append((start + s, start + e))
    if line.lstrip().startswith("|"):
        cells = cells[1:]
    if line.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells


@settings(max_examples=300)
@given(st.text(alphabet="|| \t\u3000\xa0项目1.", max_size=30), st.integers(0, 3))
def test_pipe_cells_are_those_of_the_character_loop(line, lead):
    text = "x" * lead + line + "\n"
    got = _pipe_cells(text, lead, lead + len(line))
    assert got == _pipe_cells_by_characters(text, lead, lead + len(line))
