"""Form headers in two rows, read as one run of cells by the text form reader."""

from __future__ import annotations

from extractor.extract import extract_document
from extractor.model import RawBlock
from extractor.normalize import build_document

TWO_ROW = """| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | | | | |
| 产出指标 | 数量指标 | 修缮校舍面积 | ≥ | 1200 | 平方米 | 1250 | 20 | 20 | |
| | 质量指标 | 工程验收合格率 | = | 100 | % | 100 | 20 | 18 | |
| 效益指标 | 社会效益指标 | 学生安全事故 | ≤ | 0 | 起 | 0 | 30 | 30 | |
"""


def _indicators(text: str) -> dict[str, dict]:
    blocks = [RawBlock("paragraph", text=line) for line in text.splitlines()]
    doc = build_document(blocks, None)
    return {i["name"]: i for i in extract_document(doc)["indicators"]}


def test_the_lower_header_row_splits_the_upper_rows_merged_cells():
    inds = _indicators(TWO_ROW)
    assert set(inds) == {"修缮校舍面积", "工程验收合格率", "学生安全事故"}
    a = inds["修缮校舍面积"]
    assert (a["comparator"], a["target"], a["actual"], a["weight"], a["score"]) == (
        "≥",
        1200,
        1250,
        20,
        20,
    )
    b = inds["工程验收合格率"]
    assert (b["level1"], b["level2"], b["target"], b["actual"], b["score"]) == (
        "产出指标",
        "质量指标",
        100,
        100,
        18,
    )
    assert inds["学生安全事故"]["comparator"] == "≤"


DEPT_FORM = """| 一级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 下乡义诊次数 | ≥12次 | 14次 | 30 | 30 |
| 管理指标 | 预算执行率 | ≥90% | 96% | 20 | 20 |
| 效果指标 | 群众满意度 | ≥90% | 93% | 20 | 20 |
"""


def test_department_forms_level_one_columns_are_known_labels():
    inds = _indicators(DEPT_FORM)
    assert {n: i["level1"] for n, i in inds.items()} == {
        "下乡义诊次数": "产出指标",
        "预算执行率": "管理指标",
        "群众满意度": "效果指标",
    }
