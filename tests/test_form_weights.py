"""Sums across a run-together form's rows decide the ties its digit runs leave.

Every form here is invented in the shapes such forms take: 指标名称 | 计量单位 | 年度指标值 |
指标权重 | 全年完成值 | 指标得分 with all cells run together. ``8201200`` reads as target 820,
weight 12, actual 0, score 0 or as target 8201, weight 2: only a sum tells them apart.
``2110110`` reads as weight 10 with actual 1 and score 10, or actual 11 and score 0.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.audit import audit_report
from extractor.extract import extract_document
from extractor.extract.form.runon_sums import level1_groups, settle
from extractor.normalize import build_document
from extractor.readers import read_bytes

HEADER = "某县农机站项目绩效自评表\n指标名称计量单位年度指标值指标权重(分)全年完成值指标得分(分)"
WEIGHT_TIE = "新建泵站座8201200"
SCORE_TIE = "森林抚育面积亩2110110"
# Weights 40 + 30 + 20, scores 40 + 18 + 20: with the tied row's 10, 100 and 78 + (10 or 0).
WHOLE_FORM = "植树面积亩60406240巡查次数次12301218苗木成活率%85%2090%20"


def extract_text(body: str) -> dict:
    doc = build_document(read_bytes((HEADER + body).encode("utf-8"), "x.txt").blocks)
    return {**extract_document(doc), "text": doc.text}


def by_name(result: dict) -> dict[str, dict]:
    return {i["name"]: i for i in result["indicators"]}


def assert_spans_exact(result: dict) -> None:
    for ind in result["indicators"]:
        for span in ind["field_spans"].values():
            assert result["text"][span["start"] : span["end"]] == span["text"]


def test_level1_label_weight_settles_a_weight_tie():
    # 12 + 10 + 8 = 30 = the label's (30分); 2 + 10 + 8 = 20 is not.
    got = extract_text(
        f"产出指标(30分)数量指标{WEIGHT_TIE}维修渠道公里40104010质量指标验收合格率%95%898%8"
    )
    row = by_name(got)["新建泵站"]
    assert (row["target"], row["weight"], row["score"]) == (820, 12, 0)
    assert row["field_spans"]["weight"]["text"] == "12"
    assert_spans_exact(got)


def test_without_a_label_weight_the_tie_stays_null():
    got = extract_text(
        f"产出指标数量指标{WEIGHT_TIE}维修渠道公里40104010质量指标验收合格率%95%898%8"
    )
    row = by_name(got)["新建泵站"]
    assert row["weight"] is None and row["target"] is None
    assert by_name(got)["维修渠道"]["weight"] == 10  # rows the cells settle are untouched


def test_a_sum_two_readings_meet_decides_nothing():
    # 12 + 2 + 10 = 2 + 12 + 10 = 24: either row may hold the 12, so neither is taken.
    got = extract_text(f"产出指标(24分)数量指标{WEIGHT_TIE}改造闸门座8201200维修渠道公里40104010")
    rows = by_name(got)
    assert rows["新建泵站"]["weight"] is None and rows["改造闸门"]["weight"] is None
    assert rows["维修渠道"]["weight"] == 10


def test_total_score_settles_a_score_tie_on_a_whole_form():
    got = extract_text(WHOLE_FORM + SCORE_TIE + "总分10088")
    row = by_name(got)["森林抚育面积"]
    assert (row["weight"], row["score"], row["actual"]) == (10, 10, 1)
    assert_spans_exact(got)
    got = extract_text(WHOLE_FORM + SCORE_TIE + "总分10078")
    row = by_name(got)["森林抚育面积"]
    assert (row["score"], row["actual"]) == (0, 11)


def test_total_score_no_reading_meets_leaves_the_tie_null():
    # 88 or 78 could be the rows' sum; 93 is neither (a row not read, a misprint): no choice.
    row = by_name(extract_text(WHOLE_FORM + SCORE_TIE + "总分10093"))["森林抚育面积"]
    assert row["weight"] == 10 and row["score"] is None and row["actual"] is None


def test_total_score_needs_the_rows_to_be_the_whole_form():
    # Weights 40 + 20 + 10 = 70: a part of the form (the budget block, unread rows) is
    # elsewhere, so 总分 is not the sum of these scores.
    part = "植树面积亩60406240苗木成活率%85%2090%20"
    row = by_name(extract_text(part + SCORE_TIE + "总分10070"))["森林抚育面积"]
    assert row["score"] is None


def test_level1_groups_follow_the_labels():
    got = extract_text(
        f"产出指标(30分)数量指标{WEIGHT_TIE}维修渠道公里40104010"
        "效益指标(20分)社会效益指标受益农户户数户50020520020"
    )
    assert [i["level1_weight"] for i in got["indicators"]] == [30, 30, 20]


def test_level1_groups_of_cells():
    from extractor.extract.form.cells import Cell

    def cell(text: str) -> list[Cell]:
        return [Cell(text, 0, len(text), 0, True)]

    rows = [
        {"level1": cell("产出指标(30分)"), "name": cell("甲")},
        {"name": cell("乙")},
        {"level1": cell("满意度指标"), "name": cell("丙")},
        {"level1": cell("效益指标(20分)"), "name": cell("丁")},
    ]
    groups = level1_groups(rows)
    assert [(g, int(w)) for g, w in groups] == [([0, 1], 30), ([3], 20)]


def findings(result: dict) -> list[dict]:
    return audit_report({k: v for k, v in result.items() if k != "text"})


def test_audit_reports_level1_weights_off_their_label_on_a_text_form():
    got = extract_text(
        "产出指标(30分)数量指标维修渠道公里40104010质量指标验收合格率%95%898%8"
        "效益指标(70分)社会效益指标受益农户户数户50060520060总分10088"
    )
    off = [f for f in findings(got) if f["subject"].endswith("level1_weight")]
    assert {f["stated"] for f in off} == {30, 70}
    assert {f["recomputed"] for f in off} == {18, 60}
    assert all("标注" in f["message"] for f in off)


def test_audit_reports_total_score_off_the_sum_on_a_text_form():
    got = extract_text(WHOLE_FORM + "管护面积亩3010309总分10090")  # scores add up to 87
    off = [f for f in findings(got) if f["rule"] == "total_score"]
    # One 总分 cell, one finding: the single project's sheet is the report's own.
    assert [(f["subject"], f["stated"], f["recomputed"]) for f in off] == [
        ("report.self_score", 90, 87)
    ]
    fine = extract_text(WHOLE_FORM + "管护面积亩3010309总分10087")
    assert not [f for f in findings(fine) if f["rule"] == "total_score"]


def _layout(weight: int, score: int) -> dict:
    from extractor.extract.form.runon_split import Atom

    return {"weight": Atom(str(weight), 0, 1), "score": Atom(str(score), 1, 2)}


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_sums_never_choose_against_a_form_that_obeys_them(data):
    """A form whose rows meet every sum it states: a tie the sums settle is settled to the
    form's own reading, and a row the cells settled keeps its reading."""
    from extractor.extract.form.cells import Cell

    n = data.draw(st.integers(2, 6))
    truth = [(w, data.draw(st.integers(0, w))) for w in data.draw(
        st.lists(st.integers(1, 30), min_size=n, max_size=n))]  # fmt: skip
    label = sum(w for w, _ in truth)
    best = []
    for w, s in truth:
        other = data.draw(st.none() | st.tuples(st.integers(1, 30), st.integers(0, 30)))
        rows = [_layout(w, s)] + ([_layout(*other)] if other and other != (w, s) else [])
        best.append(data.draw(st.permutations(rows)))
    text = f"产出指标({label}分)"
    cells = [{"level1": [Cell(text, 0, len(text), 0, True)]}] + [{} for _ in truth[1:]]
    closing = ("100", str(sum(s for _, s in truth))) if label == 100 else (None, None)
    for row, got, (w, s) in zip(best, settle(cells, best, closing), truth, strict=True):
        assert got, "a row keeps at least one reading"
        if len(got) == 1:
            assert (got[0]["weight"].text, got[0]["score"].text) == (str(w), str(s))
        if len(row) == 1:
            assert got == row
