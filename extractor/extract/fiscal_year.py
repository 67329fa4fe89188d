"""The fiscal year a report is about, as the text states it.

The title's year wins (XX局2022年度…, 2021项目资金…); then a label (评价年度: 2022) or a
subtitle line "(2022年度)"; then the page's own name for the document; then the year the body
speaks of most, where 2022年度 counts double. Dates (2023年5月10日 — a filing or publication date,
a deadline), years in document numbers (〔2022〕) or in cited titles (《…2021年…通知》), and
the page's chrome are not votes: a report published in 2023 is usually about 2022, but only what
the text says is taken.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import regex

from .. import patterns
from ..model import Document
from ..numbers import cn_to_int
from . import chrome
from .labels import label_values

Found = tuple[int, int, int]
# A year in a title: 2022年, 2022 年度, 2021项目… (a title may drop the 年).
# 二〇二二年 as a cover or a letter writes it.
CN_YEAR = r"[一二][〇零○一二三四五六七八九]{3}(?=\s*年)"
TITLE_YEAR = regex.compile(
    rf"(?<![\d〔\[【(-])(?P<y>(?:19|20)\d{{2}}(?=\s*(?:年|\p{{Han}}))|{CN_YEAR})"
    r"(?!\s*年\s*\d{1,2}\s*月)"
)
MONTH_AHEAD = r"(?!\s*(?:\d{1,2}|[元正一二三四五六七八九十]+)\s*月)"
DATE = regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
SUBTITLE = regex.compile(r"\(\s*(?P<y>(?:19|20)\d{2})\s*年度?\s*\)")


def _year(m: regex.Match) -> int | None:
    y = m.group("y")
    return int(y) if y.isdigit() else cn_to_int(y)


@cache
def _labels() -> list[str]:
    return patterns.load("report")["fiscal_year"]["labels"]


@cache
def _body_year() -> regex.Pattern:
    # "较2020年度决算数减少…": a year compared with is not the year reported on.
    compared = patterns.alternation(patterns.load("report")["fiscal_year"]["compared"])
    return regex.compile(
        rf"(?<![\d〔\[【(\-—~至])(?<!(?:{compared})\s*)(?P<y>(?:19|20)\d{{2}}|{CN_YEAR})\s*年(?P<du>度)?"
        + MONTH_AHEAD
    )


def _in_title(title: tuple[str, int, int] | None) -> Found | None:
    if not title:
        return None
    m = TITLE_YEAR.search(title[0])
    return (_year(m), title[1] + m.start("y"), title[1] + m.end("y")) if m else None


def _labelled(doc: Document) -> Found | None:
    for value, start, _ in label_values(doc, _labels()):
        m = regex.match(r"(?P<y>(?:19|20)\d{2})(?!\d)(?!\s*[-./年]\s*\d{1,2}\s*[-./月])", value)
        if m:
            return int(m.group("y")), start, start + 4
    for line in chrome.head(doc):
        if line.chrome:
            continue
        if chrome.SECTION.match(line.text) and line.start:
            break
        m = SUBTITLE.search(line.text, 0, 80)
        # A "(2021年度)" in a later cell of a table row is part of a project's name, not a
        # subtitle; a title in a row's first cell still is.
        if m and "|" not in line.text[: m.start()].lstrip().lstrip("|"):
            return int(m.group("y")), line.start + m.start("y"), line.start + m.end("y")
    return None


def _cited_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in regex.finditer(r"《[^《》\n]{0,120}》", text)]


def _voted(doc: Document) -> Found | None:
    skip = [(line.start, line.end) for line in chrome.head(doc) if line.chrome]
    skip += _cited_spans(doc.text)
    votes: Counter[int] = Counter()
    first: dict[int, tuple[int, int]] = {}
    for m in _body_year().finditer(doc.text):
        if any(a <= m.start() < b for a, b in skip):
            continue
        y = _year(m)
        votes[y] += 2 if m.group("du") else 1
        first.setdefault(y, (m.start("y"), m.end("y")))
    return _most_voted(votes, first)


def _most_voted(votes: Counter[int], first: dict[int, tuple[int, int]]) -> Found | None:
    """The year with most votes (the first written among equals), at its first place."""
    if not votes:
        return None
    best = max(votes.values())
    year = min((y for y, v in votes.items() if v == best), key=lambda y: first[y][0])
    return year, *first[year]


def _dated(doc: Document) -> Found | None:
    """The year of the dates in running text ("于2022年10月30日下达"), when nothing else says it.

    A date alone on its line (a sign-off) or after a label (填报日期, 发布时间) is when the report
    was written or published, not what it is about.
    """
    skip = [(line.start, line.end) for line in chrome.head(doc) if line.chrome]
    votes: Counter[int] = Counter()
    first: dict[int, tuple[int, int]] = {}
    for m in DATE.finditer(doc.text):
        if any(a <= m.start() < b for a, b in skip):
            continue
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        line_end = doc.text.find("\n", m.end())
        line = doc.text[line_start : line_end if line_end >= 0 else len(doc.text)]
        if line.strip() == m.group() or regex.search(
            r"(?:日期|时间|日\s*期)\s*[::]?\s*$", doc.text[line_start : m.start()]
        ):
            continue
        y = int(m.group("y"))
        votes[y] += 1
        first.setdefault(y, (m.start("y"), m.end("y")))
    return _most_voted(votes, first)


def _file_name_year(doc: Document) -> Found | None:
    for line in chrome.head(doc):
        m = TITLE_YEAR.search(line.text) if line.file_name else None
        if m:
            return _year(m), line.start + m.start("y"), line.start + m.end("y")
    return None


def fiscal_year(doc: Document, title: tuple[str, int, int] | None) -> Found | None:
    """(year, start, end) of the fiscal year the text states, or None."""
    for step in (
        lambda: _in_title(title),
        lambda: _labelled(doc),
        lambda: _in_title(chrome.page_title(doc)),
        lambda: _voted(doc),
        lambda: _file_name_year(doc),
        lambda: _dated(doc),
    ):
        found = step()
        if found:
            return found
    return None
