"""The 自评表 form in every shape it arrives in: table, pipes, tab rows, one cell per line, run-on."""

import pytest

from tests.textcase import extract_text

HEADER = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
]
ROWS = [
    ["产出指标(50分)", "数量指标", "新建供水工程", "≥5处", "4处", "20", "16", "雨季延期"],
    ["", "质量指标", "工程验收合格率", "100%", "100%", "30", "30", ""],
    ["满意度指标(10分)", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%", "10", "10", ""],
]
BUDGET_HEADER = [
    "项目资金(万元)",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
]
BUDGET = [
    ["年度资金总额", "100", "120", "114", "10", "95%", "9.5"],
    ["其中:财政拨款", "100", "120", "114", "—", "95%", "—"],
]
HEAD = "项目支出绩效自评表\n(2023年度)\n项目名称:农村饮水安全巩固提升工程\n主管部门:某某县水利局\n"
TAIL = "总分 100 56 自评等级:差\n"  # fmt: skip


def check_form(result: dict, weight_first: bool = False) -> None:
    inds = {i["name"]: i for i in result["indicators"]}
    assert list(inds) == ["新建供水工程", "工程验收合格率", "服务对象满意度"]
    first = inds["新建供水工程"]
    assert (first["level1"], first["level2"]) == ("产出指标", "数量指标")
    assert (first["comparator"], first["target"], first["actual"], first["unit"]) == (
        "≥",
        5,
        4,
        "处",
    )
    assert (first["weight"], first["score"]) == (20, 16)
    assert first["deviation_reason"] == "雨季延期"
    # The merged level-1 cell is filled down; the name that reads like a level stays a name.
    assert inds["工程验收合格率"]["level1"] == "产出指标"
    assert inds["服务对象满意度"]["level2"] == "服务对象满意度指标"
    for ind in result["indicators"]:
        assert ind["project"] == "农村饮水安全巩固提升工程"
        for span in [ind["span"], *ind["field_spans"].values()]:
            assert result["text"][span["start"] : span["end"]] == span["text"]
    budget = {(b["item"], b.get("fund_source")): b for b in result["budget"]}
    assert budget[("预算数", None)]["amount_yuan"] == 1_200_000
    assert budget[("执行数", "财政拨款")]["amount_yuan"] == 1_140_000
    rate = budget[("预算执行率", None)]
    assert (rate["rate_pct"], rate["weight"], rate["score"]) == (95, 10, 9.5)
    assert all(b["scope"] == "农村饮水安全巩固提升工程" for b in result["budget"])


def as_pipes() -> str:
    total = ["总分", "", "", "", "", "100", "56", "自评等级:差"]
    lines = [" | ".join(r) for r in [BUDGET_HEADER, *BUDGET, HEADER, *ROWS, total]]
    return HEAD + "\n".join(f"| {line} |" for line in lines) + "\n"


def as_tabs() -> str:
    rows = [[c for c in r if c] for r in [BUDGET_HEADER, *BUDGET, HEADER, *ROWS]]
    return HEAD + "\n".join("    ".join(r) for r in rows) + "\n" + TAIL.replace(" ", "    ")


def as_lines() -> str:
    cells = [c for r in [BUDGET_HEADER, *BUDGET, HEADER, *ROWS] for c in r if c]
    return HEAD + "\n".join(cells) + "\n总分\n100\n56\n自评等级:差\n"


@pytest.mark.parametrize("make", [as_pipes, as_tabs, as_lines], ids=["pipes", "tabs", "lines"])
def test_flattened_forms(make):
    result = extract_text(make())
    check_form(result)
    assert result["report"]["self_score"] == 56
    assert result["report"]["grade"] == "差"


def test_runon_cells_split_by_column_order_and_types():
    text = (
        "项目名称农村饮水安全巩固提升工程\n主管部门某某县水利局实施单位某某县水利局\n"
        "一级指标二级指标三级指标分值年度指标值实际完成值得分偏差原因分析及改进措施\n"
        "产出指标数量指标完成土地整治面积10≥12300亩9386亩11资金拨付滞后\n"
        "效益指标经济效益指标促进当地经济发展10明显促进明显促进10\n"
        "总分10095.5自评等级:优\n"
    )
    result = extract_text(text)
    first, second = result["indicators"]
    # 11 is above the weight 10: an error in the report, read as written for the audit.
    assert (first["weight"], first["target"], first["actual"], first["score"]) == (
        10,
        12300,
        9386,
        11,
    )
    assert first["deviation_reason"] == "资金拨付滞后"
    assert (second["target_raw"], second["actual_raw"], second["target"]) == (
        "明显促进",
        "明显促进",
        None,
    )
    assert result["report"]["project_name"] == "农村饮水安全巩固提升工程"
    assert result["report"]["implementing_unit"] == "某某县水利局"
    assert result["report"]["self_score"] == 95.5


def test_docx_form_with_merged_cells(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("项目支出绩效自评表")
    table = d.add_table(rows=0, cols=8)
    for cells in [["项目名称", "农村饮水安全巩固提升工程"], BUDGET_HEADER, *BUDGET, HEADER, *ROWS]:
        row = table.add_row().cells
        for i, text in enumerate(cells):
            row[i].text = text
    # 产出指标 spans its two rows, as forms merge it.
    table.cell(5, 0).merge(table.cell(6, 0))
    path = tmp_path / "form.docx"
    d.save(path)
    from extractor.pipeline import extract_file

    check_form(extract_file(path))


def test_several_projects_keep_their_own_rows():
    one = as_pipes()
    two = one.replace("农村饮水安全巩固提升工程", "中小河流治理项目")
    result = extract_text(one + two)
    projects = {i["project"] for i in result["indicators"]}
    assert projects == {"农村饮水安全巩固提升工程", "中小河流治理项目"}
    assert {b["scope"] for b in result["budget"]} == projects
    assert result["report"]["project_name"] is None  # the report is not one project's
    assert [p["project_name"] for p in result["projects"]] == [
        "农村饮水安全巩固提升工程", "中小河流治理项目",
    ]  # fmt: skip


def test_monitoring_form_with_a_two_row_header(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("2023年度项目支出绩效目标执行监控表")
    t = d.add_table(rows=0, cols=12)

    def row(*cells):
        r = t.add_row().cells
        for i, c in enumerate(cells):
            r[i].text = c
        return r

    row("项目名称", "城乡居民医疗救助项目")
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "1-6月执行情况", "全年预计完成情况"]
    h1 = row(*head, "偏差原因分析", "", "", "", "", "完成目标可能性")
    h2 = row("", "", "", "", "", "", "经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "")
    for c in (0, 1, 2, 3, 4, 5, 11):
        h1[c].merge(h2[c])
    h1[6].merge(h1[10])
    row("产出指标", "数量指标", "救助人次", "≥1200人次", "650人次", "1250人次", *[""] * 5, "确定能")
    path = tmp_path / "monitor.docx"
    d.save(path)
    from extractor.pipeline import extract_file

    result = extract_file(path)
    assert result["report"]["report_type"] == "项目支出绩效监控表"
    (ind,) = result["indicators"]  # the second header row is not an indicator
    assert (ind["name"], ind["target"], ind["actual"], ind["expected"]) == (
        "救助人次",
        1200,
        650,
        1250,
    )
    assert (ind["unit"], ind["likelihood"], ind["project"]) == (
        "人次",
        "确定能",
        "城乡居民医疗救助项目",
    )
