"""The text-side speed rewrites give what the code they replaced gave.

Literal phrases found in one scan per document answer each range as a range search does; the
staffing row pattern tried only where it can start finds what its scan of the whole text finds;
a document's characters sorted with set operations are judged traditional as before.
"""

from __future__ import annotations

import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import patterns, traditional
from extractor.extract.budget_flow import REGEX_SPACES, SENTENCE_MARKS, ends_sentence
from extractor.extract.personnel_table import ROW, label_rows
from extractor.literal_scan import Occurrences

WORDS = ["组长", "副组长", "万", "万元", "元", "%"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="副组长万元%\n 12", max_size=40), st.data())
def test_occurrences_answer_as_the_range_search(text: str, data):
    pattern = regex.compile(patterns.alternation(WORDS))
    found = Occurrences(pattern, text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text) + 1))
    assert found.within(start, end) == (pattern.search(text, start, end) is not None)
    if not found.overlaps(start, end):  # then no scan of the range finds anything
        assert not list(pattern.finditer(text, start, end))
        assert pattern.match(text, start, end) is None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="编制数实有人名个甲乙(（)）|｜:： \t\n0123456789年.%万", max_size=60))
def test_label_rows_are_the_row_scan(text: str):
    expected = [(m.span(), m.groupdict()) for m in ROW.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in label_rows(text)] == expected


def test_label_rows_in_a_run_longer_than_a_label():
    text = "单位基本情况说明本单位核定编制数: 12 | 实有人数(人) 11\n编制 3年"
    expected = [m.span() for m in ROW.finditer(text)]
    assert expected and [m.span() for m in label_rows(text)] == expected


def _slow_odd(text: str) -> set[str]:
    return {ch for ch in set(text) if traditional._odd(ch)}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="项目验收合格率工程驗收預算資金abc12", max_size=40))
def test_odd_characters_as_asked_one_by_one(text: str):
    assert traditional._odd_chars(text) == _slow_odd(text)


def test_regex_spaces_are_what_backslash_s_matches():
    spaces = {chr(c) for c in range(sys.maxunicode + 1) if regex.match(r"\s", chr(c))}
    assert spaces == set(REGEX_SPACES)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=SENTENCE_MARKS + " \n\t\x1c\u3000x。", max_size=10))
def test_ends_sentence_is_the_mark_search(text: str):
    search = regex.compile(rf"[{regex.escape(SENTENCE_MARKS)}]\s*$").search(text)
    assert ends_sentence(text) == (search is not None)


def test_odd_characters_after_the_memo_is_cleared(monkeypatch):
    monkeypatch.setattr(traditional, "SEEN_MAX", 3)
    texts = ["项目驗收", "預算資金abc", "工程验收合格率", "驗收預算"]
    for text in texts * 2:  # the memo overflows and is cleared between texts
        assert traditional._odd_chars(text) == _slow_odd(text)
    assert len(traditional._SEEN_ODD) + len(traditional._SEEN_PLAIN) <= 3 + len(set(texts[-1]))


def test_a_document_is_scanned_once_for_a_pattern_however_many_ask():
    from types import SimpleNamespace

    from extractor.literal_scan import in_document

    doc = SimpleNamespace(text="组长：张三。副组长：李四。经费 5 万元", memo={})
    pattern = regex.compile(patterns.alternation(WORDS))
    first = in_document(doc, pattern)
    assert in_document(doc, regex.compile(patterns.alternation(WORDS))) is first
    for start in range(len(doc.text)):
        for end in range(start, len(doc.text) + 1):
            expected = pattern.search(doc.text, start, end) is not None
            assert first.within(start, end) == expected
