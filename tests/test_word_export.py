"""PDFs exported from Word-like processors read like their .docx: the values, not just the text.

Such PDFs draw no space glyphs (a space is a gap), keep closing punctuation off a line's start
("万 / 元。"), and break numbers from their units across lines ("0 / 万元。").
"""

from pathlib import Path

import pytest

from extractor.pipeline import extract_file

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = ROOT / "tests" / "fixtures" / "word_export"
PAIRS = [
    # Several projects; forms broken across pages with a different column count on the next
    # page, numbers wrapped in narrow cells ("≤1236" / ".68万元").
    (ROOT / "corpus/generated/071-multi_project.docx", EXPORTS / "071-multi_project.pdf"),
    (ROOT / "corpus/generated/086-multi_project.docx", EXPORTS / "086-multi_project.pdf"),
    # A narrow label column wrapping "项目资金(万" / "元)" into the budget rows on the next page.
    (ROOT / "corpus/generated/266-multi_project.docx", EXPORTS / "266-multi_project.pdf"),
    # Label cells broken across a page ("满意" / "度指标(10分)", "可持续影" / "响指标").
    (
        ROOT / "corpus/generated/005-table_column_variants.docx",
        EXPORTS / "005-table_column_variants.pdf",
    ),
    (
        ROOT / "corpus/generated/095-table_column_variants.docx",
        EXPORTS / "095-table_column_variants.pdf",
    ),
    # A row broken across a page ("项目总成" / "本"); 指标性质 and 度量单位 columns.
    (
        ROOT / "corpus/generated/155-table_column_variants.docx",
        EXPORTS / "155-table_column_variants.pdf",
    ),
    (
        ROOT / "corpus/seed/qiemo-kexie-2021-monitoring.docx",
        EXPORTS / "qiemo-kexie-2021-monitoring.pdf",
    ),
    (
        ROOT / "corpus/generated/003-selfeval_table_docx.docx",
        EXPORTS / "003-selfeval_table_docx.pdf",
    ),
]


def squash(value):
    return value.replace(" ", "") if isinstance(value, str) else value


INDICATOR_KEYS = (
    "level1",
    "level2",
    "name",
    "target",
    "actual",
    "stated_rate_pct",
    "weight",
    "score",
)
BUDGET_KEYS = ("scope", "item", "fund_source", "amount_yuan", "rate_pct", "as_of")


def values(result: dict) -> dict:
    return {
        "report": {k: squash(v) for k, v in result["report"].items() if k != "spans"},
        "indicators": [
            tuple(squash(i.get(k)) for k in INDICATOR_KEYS) for i in result["indicators"]
        ],
        "budget": sorted(
            (tuple(b.get(k) for k in BUDGET_KEYS) for b in result["budget"]), key=repr
        ),
        "people": sorted((p["name"] or "", p["role"]) for p in result["people"]),
        "personnel": [(p["category"], p["count"]) for p in result["personnel"]],
    }


@pytest.mark.parametrize(
    "docx, pdf",
    PAIRS,
    ids=[pdf.stem for _, pdf in PAIRS],
)
def test_word_exported_pdf_gives_the_docx_values(docx, pdf):
    from_docx, from_pdf = values(extract_file(docx)), values(extract_file(pdf))
    for key in from_docx:
        assert from_pdf[key] == from_docx[key], key


def test_names_separated_by_an_undrawn_space_stay_apart():
    people = extract_file(EXPORTS / "qiemo-kexie-2021-monitoring.pdf")["people"]
    assert {("张成", "成员"), ("李洋", "成员")} <= {(p["name"], p["role"]) for p in people}
