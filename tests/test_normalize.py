import pytest

from extractor.model import RawBlock, RawCell
from extractor.normalize import build_document, normalize_text


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("组 长：李斌", "组长:李斌"),  # justified label, full-width colon
        ("成 员：张成 李洋", "成员:张成 李洋"),  # the space between two names stays
        ("周 敏", "周敏"),
        ("自 评 质 量", "自评质量"),
        ("预期指标值： $\\geq 85\\%$ ，", "预期指标值: ≥ 85% ,"),
        ("$\\leq 5$天", "≤ 5天"),
        ("≧95％", "≥95%"),
        ("═100%", "=100%"),
        (">=20期", "≥20期"),
        ("＞３", ">3"),
        ("２０２１年", "2021年"),
        ("编制数\u30001\u3000人", "编制数 1 人"),
        ("  前后空格  ", "前后空格"),
        ("a\u200bb", "ab"),
        ("组    长：李斌", "组长:李斌"),  # Word's alignment spaces inside a label
        ("数量指标    改造排水管网长度", "数量指标\t改造排水管网长度"),  # a flattened table's cells
        ("分值\t得分", "分值\t得分"),
    ],
)
def test_normalize_text(raw, expected):
    text, offsets = normalize_text(raw)
    assert text == expected
    assert len(offsets) == len(text) + 1
    # Every normalized char maps into the raw text, in order.
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(raw) for o in offsets)


def test_offsets_point_at_the_source_characters():
    raw = "组 长：李斌，≧95％"
    text, offsets = normalize_text(raw)
    i = text.index("李斌")
    assert raw[offsets[i] : offsets[i] + 2] == "李斌"
    assert raw[offsets[text.index("≥")]] == "≧"


def test_value_broken_over_paragraphs_is_joined():
    blocks = [
        RawBlock("paragraph", 1, "指标 1:科普收益率,预期指标值:≥85%,实际完成值"),
        RawBlock("paragraph", 1, "40%,指标完成率 47%;"),
        RawBlock("paragraph", 1, "且末县科学技术协会"),
        RawBlock("paragraph", 1, "2021 年 7 月 4 日"),
    ]
    doc = build_document(blocks)
    assert "实际完成值40%" in doc.text
    assert len(doc.blocks) == 3  # the broken value joined; the signature date stays apart
    assert doc.text.endswith("且末县科学技术协会\n2021 年 7 月 4 日")
    s, e = doc.to_raw(doc.text.index("40%"), doc.text.index("40%") + 3)
    assert doc.raw_text[s:e] == "40%"


def test_table_cells_know_their_offsets_and_merges():
    rows = [
        [RawCell("一级指标"), RawCell("二级指标"), RawCell("指标值")],
        [RawCell("产出指标", rowspan=2), RawCell("数量指标"), RawCell("≥１２次")],
        [None, RawCell("质量指标"), RawCell("100%")],
    ]
    doc = build_document([RawBlock("paragraph", 2, "表1"), RawBlock("table", 2, rows=rows)])
    table = doc.tables()[0]
    assert table.page == 2
    merged = table.grid[1][0]
    assert merged is table.grid[2][0] and merged.rowspan == 2
    assert doc.text[merged.start : merged.end] == "产出指标"
    assert table.grid[1][2].text == "≥12次"
    for cell in table.cells:
        assert doc.text[cell.start : cell.end] == cell.text
    assert doc.page_at(table.grid[2][2].start) == 2


def test_a_unit_cut_off_its_number_is_joined_back():
    doc = build_document(
        [
            RawBlock("paragraph", 1, "其中财政资金 41.12 万元,其他资金0"),
            RawBlock("paragraph", 1, "万元。"),
            RawBlock("paragraph", 1, "指标 3"),
            RawBlock("paragraph", 1, "人员经费支出"),
        ]
    )
    assert "其他资金0万元。" in doc.text
    assert "指标 3\n人员经费支出" in doc.text  # a unit-like first character of a word is not a unit


def test_a_sentence_cut_by_a_page_break_is_joined_back():
    doc = build_document(
        [
            RawBlock("paragraph", 1, "我部门2021年预算44.27万元,实际到位资金35.79万元,截至"),
            RawBlock("paragraph", 2, "2021年6月底资金执行数27.8万元。"),
            RawBlock("paragraph", 2, "二、部门单位整体绩效目标情况"),
            RawBlock("paragraph", 2, "本部门单位工作目标完成60%,预算执行率34.39%,"),
            RawBlock("paragraph", 3, "(一)绩效目标完成情况"),
        ],
        pages=3,
    )
    assert "截至2021年6月底资金执行数" in doc.text
    assert doc.page_at(doc.text.index("截至")) == 1
    # A new item on the next page stays a paragraph of its own.
    assert "34.39%,\n(一)绩效目标完成情况" in doc.text
