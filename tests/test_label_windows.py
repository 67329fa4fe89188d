"""Labelled values are read from the lines around their labels only. Lines are invented."""

from extractor.extract.labels import _label_windows, label_values
from extractor.normalize import build_document
from extractor.readers import read_bytes

LABELS = ["主管部门", "实施单位"]


def doc_of(text: str):
    return build_document(read_bytes(text.encode(), "page.txt").blocks)


def test_a_window_is_the_label_line_and_the_next():
    text = "前言一句\n主管部门\n北河县农业局\n其他内容\n"
    start = text.index("主管部门")
    assert _label_windows(text, tuple(LABELS)) == [(start, text.index("\n其他"))]


def test_label_lines_in_a_row_make_one_window_and_far_ones_two():
    text = "主管部门:甲局\n实施单位:乙站\n中间\n中间\n中间\n实施单位:丙站"
    windows = _label_windows(text, tuple(LABELS))
    first_gap_line_end = text.index("\n", text.index("中间"))  # the line after a label goes too
    assert windows == [(0, first_gap_line_end), (text.rindex("实施单位"), len(text))]


def test_values_found_in_windows_are_those_of_the_whole_text():
    text = (
        "项目支出绩效自评表\n说明文字没有标签\n主管部门:北河县农业局\n实施单位\n北河县农技站\n"
        "其他\n主管部门 | 南山县水利局\n"
    )
    doc = doc_of(text)
    values = [v for v, _, _ in label_values(doc, LABELS)]
    assert values == ["北河县农业局", "北河县农技站", "南山县水利局"]
    for value, start, end in label_values(doc, LABELS):
        assert doc.text[start:end] == value


def test_no_label_no_value():
    assert label_values(doc_of("只有正文。\n第二行。\n"), LABELS) == []
