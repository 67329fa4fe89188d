"""Run-together forms: cells with nothing between them, split by header words and a scored search.

Every line here is invented in the shapes such forms take.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract.form.runon import read_rows
from extractor.extract.form.runon_header import find_header
from extractor.extract.form.runon_split import layout, splits
from tests.textcase import extract_text

HEADER = "指标名称计量单位指标性质年初指标值调整指标值全年完成值得分系数(%)指标权重(分)指标得分(分)是否核心指标"


def test_header_words_give_the_column_order():
    text = "某某单位整体绩效自评表" + HEADER + "后面"
    columns, start, end = find_header(text, 0, len(text))
    assert columns == [
        "name", "unit", "nature", "target", "adjusted", "actual", "coefficient", "weight",
        "score", "core",
    ]  # fmt: skip
    assert text[start:end] == HEADER


def test_scrambled_header_word_is_the_missing_column():
    text = "指标名称计量单位年初指标值值完全年成得分系数指标权重指标得分"
    columns, _, _ = find_header(text, 0, len(text))
    assert columns.index("actual") == columns.index("target") + 1


def test_digit_run_split_by_coefficient_and_weight():
    # 100%85%100%33: target, actual, coefficient 100 %, then weight 3 and score 3 run together.
    body = "河道保洁覆盖率%定量指标100%85%100%33否绿化补植面积亩定量指标1200亩1350亩100%44是"
    text = HEADER + body
    columns, _, end = find_header(text, 0, len(text))
    rows, _, _ = read_rows(text, end, len(text), columns)
    got = [{k: [c.text for c in v] for k, v in r.cells.items()} for r in rows]
    assert got[0]["name"] == ["河道保洁覆盖率"]
    assert (got[0]["target"], got[0]["actual"]) == (["100%"], ["85%"])
    assert (got[0]["weight"], got[0]["score"]) == (["3"], ["3"])
    assert got[1]["name"] == ["绿化补植面积"]
    assert (got[1]["unit"], got[1]["target"], got[1]["actual"]) == (["亩"], ["1200亩"], ["1350亩"])
    assert (got[1]["weight"], got[1]["score"]) == (["4"], ["4"])
    for r in rows:
        for cells in r.cells.values():
            for c in cells:
                assert text[c.start : c.end] == c.text


def test_run_holding_four_cells():
    # target 75, weight 15, actual 80, score 15: 75158015
    runs = [splits("75158015", 0)]
    got = layout(runs, ["target", "weight", "actual", "score"], percent=True)
    assert {k: a.text for k, a in got.items()} == {
        "target": "75", "weight": "15", "actual": "80", "score": "15"
    }  # fmt: skip


def test_ambiguous_split_leaves_the_field_null():
    # 3|12|... or 31|2|...: nothing tells them apart for actual; the weight and score agree.
    runs = [splits("5", 0), splits("55", 1)]
    got = layout(runs, ["target", "actual", "weight", "score"])
    assert got["weight"].text == "5" and got["score"].text == "5"
    runs = [splits("1212", 0)]
    got = layout(runs, ["target", "actual", "weight", "score"])
    assert all(got.get(c) is None for c in ("target", "actual"))


def test_worded_values_written_twice_onto_the_name():
    text = HEADER + "档案管理规范性优优100%66否"
    columns, _, end = find_header(text, 0, len(text))
    (row,), _, _ = read_rows(text, end, len(text), columns)
    assert [c.text for c in row.cells["name"]] == ["档案管理规范性"]
    assert [c.text for c in row.cells["target"]] == ["优"]
    assert [c.text for c in row.cells["actual"]] == ["优"]


def test_runon_form_through_the_pipeline():
    text = (
        "某某区文旅局2024年度部门整体绩效自评表\n"
        "绩效指标" + "指标名称计量单位指标性质指标值指标权重(分)全年完成值指标得分(分)说明"
        "景区接待游客量万人次60126212文物巡查覆盖率%95129812\n"
    )
    result = extract_text(text)
    by_name = {i["name"]: i for i in result["indicators"]}
    # 60126212 reads 60|12|62|12 or 601|2|621|2 alike; the other row's weight 12 decides.
    first = by_name["景区接待游客量"]
    assert (first["target"], first["weight"], first["actual"], first["score"]) == (60, 12, 62, 12)
    assert first["unit"] == "万人次"
    second = by_name["文物巡查覆盖率"]
    assert (second["target"], second["weight"], second["actual"], second["score"]) == (
        95,
        12,
        98,
        12,
    )
    for ind in result["indicators"]:
        for span in ind["field_spans"].values():
            assert result["text"][span["start"] : span["end"]] == span["text"]


_ALPHABET = "0123456789.%≥≤否是高好次亩万人率管理面积指标定量"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_splitter_never_raises_and_keeps_spans(body):
    text = HEADER + body
    columns, _, end = find_header(text, 0, len(text))
    rows, _, _ = read_rows(text, end, len(text), columns)
    for r in rows:
        for cells in r.cells.values():
            for c in cells:
                assert text[c.start : c.end] == c.text
