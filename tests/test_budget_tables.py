"""Expenditure tables flattened into text: "code + name + columns" rows, label (unit) | value
pairs, list rows. Every table here is invented."""

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.readers import read_bytes


def budget_of(text: str) -> tuple[list[dict], str]:
    doc = build_document(read_bytes(text.encode("utf-8"), "x.txt").blocks)
    return extract_document(doc)["budget"], doc.text


def rows(budget: list[dict]) -> set[tuple[str, str, float | None]]:
    return {(b["label"], b["item"], b["amount_yuan"]) for b in budget}


def assert_spans(budget: list[dict], text: str) -> None:
    for b in budget:
        if b.get("span"):
            assert text[b["span"]["start"] : b["span"]["end"]] == b["span"]["text"]


DETAIL = (
    "项目名称 乡村道路保洁补助 实际支出(万元) 二、项目支出明细情况 支出内容 (经济科目) "
    "计划支出数 实际支出数 30201 办公费 3.5 3.2 30399 其他对个人补助 12 11.8 "
    "支出合计 15.5 15 三、项目考评情况 (一)根据县政府办公会安排,各村选聘 2 名保洁员\n"
)


def test_a_code_and_name_row_gives_one_entry_per_plan_and_actual_column():
    budget, text = budget_of(DETAIL)
    got = rows(budget)
    assert ("30201 办公费", "计划支出数", 35_000.0) in got
    assert ("30201 办公费", "实际支出数", 32_000.0) in got
    assert ("30399 其他对个人补助", "实际支出数", 118_000.0) in got
    assert ("支出合计", "计划支出数", 155_000.0) in got
    assert_spans(budget, text)


def test_a_classification_code_is_never_read_as_an_amount():
    budget, _ = budget_of(DETAIL)
    amounts = {b["amount_yuan"] for b in budget}
    assert 302_010_000.0 not in amounts and 3_039_900_000.0 not in amounts
    assert all("30201" not in b["raw"] for b in budget if b.get("raw"))


def test_the_table_ends_at_the_next_section_and_its_prose():
    budget, _ = budget_of(DETAIL)
    assert not [b for b in budget if "选聘" in (b.get("label") or "")]
