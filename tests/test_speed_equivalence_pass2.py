"""The second pass's shortcuts give what the code they replaced gave, on any text.

A name's end found with a regex call per character only at digits; list markers tried only at a
character one of them starts with; the budget deny patterns searched as one alternation.
"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import page_lines, patterns
from extractor.audit import prose_sums
from extractor.extract import budget_prose
from extractor.extract.form import runon

# Han, line ends, %, comparison signs, ASCII, full-width, superscript and Kawi (a \d the
# regex module knows and Python 3.11's str does not) digits, a numbering's colon and 分).
NAME_CHARS = "任务名称达标率\n%≥≤<>=0129０９²\U00011f50:：、分)）. "


def _slow_word_end(text: str, pos: int, end: int) -> int:
    i = pos
    while i < end and text[i] != "\n" and not runon._RUN.match(text, i) and text[i] != "%":
        if text[i] in "≥≤<>=" and i + 1 < end and text[i + 1].isdigit():
            break
        i += 1
        if i > pos and (m := runon._NUMBERING.match(text, i)):
            i = m.end()
    return i


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=NAME_CHARS, max_size=30), st.data())
def test_word_end_as_with_a_match_per_character(text: str, data):
    pos = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(pos, len(text)))
    assert runon._word_end(text, pos, end) == _slow_word_end(text, pos, end)


def test_is_digit_follows_the_regex_module():
    for ch in "0９²\U00011f50a万":
        assert runon._is_digit(ch) == (regex.match(r"\d", ch) is not None)


def test_part_markers_start_with_their_first_character():
    markers = tuple(patterns.load("audit_prose")["sums"]["part_markers"])
    firsts = prose_sums._first_chars(markers)
    assert firsts is not None
    for w in markers:  # the pattern's first element is the character itself
        assert prose_sums._marker_re(w).pattern.startswith(regex.escape(w[0]))
    assert prose_sums._first_chars(("其中", "")) is None


DENY = patterns.load("budget")["fallback"]["deny"]
DENY_CHARS = "完成目标值得分指标实际产值利润收入人均每公斤资产总额未能预计带动增收达到 1"


def test_deny_patterns_have_no_groups_or_flags():
    # What makes the alternation equivalent: no group numbers or inline flags to interfere.
    for p in DENY:
        assert regex.compile(p).groups == 0
        assert "(?" not in p.replace("(?:", "")


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=DENY_CHARS, max_size=20))
def test_deny_alternation_is_any_pattern(label: str):
    expected = any(regex.search(p, label) for p in DENY)
    assert (budget_prose._cfg()["deny_any"].search(label) is not None) == expected


def test_openers_have_no_groups_or_flags():
    for p in page_lines._opener_sources():
        assert regex.compile(p).groups == 0
        assert "(?" not in p.replace("(?:", "").replace("(?!", "").replace("(?=", "")


OPENER_CHARS = "一二十、()（）12.①指标第页部分-—–:： [【a\n"


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=OPENER_CHARS, max_size=16))
def test_openers_alternation_is_any_pattern(line: str):
    expected = any(regex.match(p, line) for p in page_lines._opener_sources())
    assert page_lines._opens_item(line) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="表格 |\t\n｜a", max_size=12))
def test_has_cells_is_the_cells_search(line: str):
    assert page_lines._has_cells(line) == (page_lines._CELLS.search(line) is not None)
