"""Coverage: a form or a block of figures read short is said, never silently empty."""

from __future__ import annotations

from extractor.audit import audit_report
from extractor.pipeline import extract_file

FORM = (
    "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
    "产出指标 数量指标 新建蓄水池 ≥8座 9座 20 20\n"
    "质量指标 验收合格率 ≥96% 100% 20 20\n"
    "时效指标 按期完工率 =100% 100% 10 9\n"
)


def _coverage(result: dict) -> list[dict]:
    return [f for f in audit_report(result) if f["rule"] == "coverage"]


def _indicator(text: str, name: str) -> dict:
    start = text.index(name)
    return {"name": name, "span": {"page": None, "start": start, "end": start + len(name),
                                   "text": name}}  # fmt: skip


def test_a_form_with_nothing_read_is_said():
    found = _coverage({"text": FORM, "indicators": [], "budget": []})
    assert [f["status"] for f in found] == ["form_unread"]
    assert found[0]["stated"] == 3 and found[0]["span"]["text"].startswith("一级指标")


def test_a_form_read_short_names_how_many_rows_it_shows():
    found = _coverage({"text": FORM, "indicators": [_indicator(FORM, "新建蓄水池")]})
    assert [(f["status"], f["stated"], f["recomputed"]) for f in found] == [("form_short", 3, 1)]


def test_a_form_read_whole_gives_no_coverage_finding():
    inds = [_indicator(FORM, n) for n in ("新建蓄水池", "验收合格率", "按期完工率")]
    assert _coverage({"text": FORM, "indicators": inds}) == []


def test_a_budget_block_with_no_figure_read_is_said():
    text = "项目资金(万元) 年初预算数 全年预算数 全年执行数 执行率\n年度资金总额 12 12 11.4 95%\n"
    found = _coverage({"text": text, "budget": []})
    assert [f["status"] for f in found] == ["budget_unread"]


def test_a_block_dense_with_figures_and_nothing_read_is_said():
    text = "附表\n" + " ".join(str(n * 7 + 0.5) for n in range(20)) + "\n"
    assert [f["status"] for f in _coverage({"text": text})] == ["dense_unread"]
    # Dates and document numbers are not figures of a table.
    dates = "、".join(f"2023年{m}月{d}日" for m in range(1, 5) for d in range(1, 5))
    assert _coverage({"text": dates}) == []


def test_the_pipeline_lists_coverage_in_source_warnings(tmp_path):
    f = tmp_path / "form.txt"
    f.write_text(
        "某县水利局2023年度项目支出绩效自评表\n" + FORM.replace(" ", "@"), encoding="utf-8"
    )
    result = extract_file(f)
    coverage = [x for x in result["findings"] if x["rule"] == "coverage"]
    assert coverage, "a form the reader cannot split must be said"
    assert all(x["message"] in result["source"]["warnings"] for x in coverage)
