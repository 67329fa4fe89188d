"""The document's title: the first line of the document, not of the page around it, that names
a report.

A title ends with what the document is: 报告, 自评表 … anywhere in a short line; 预算, 决算, 公示,
通知, 函 … only where the line ends with them ("XX中学2025年单位预算"; "全年预算数(A)" is a
column). A title wrapped onto a second line is joined. A doc-sharing page runs the whole file
into one line ("1、XX局2023年度自评表主管部门…", "XX报告一、基本情况…"): its start is the title.
"""

from __future__ import annotations

from functools import cache

import regex

from .. import patterns
from ..model import Document
from . import chrome

Found = tuple[str, int, int]
# A doc-sharing page numbers the chunks of a file ("1、XX报告…"), and an attachment names
# itself before its title ("附件3: XX表").
CHUNK = regex.compile(r"(?:\d{1,2}、(?!\d)|附件\s*\d*\s*[::]\s*)?")
# A title starts with a word, a year or a quote; "10% 经费控制情况 2017年决算数" is a table row.
TITLE_START = regex.compile(r"\p{Han}|(?:19|20)\d{2}|[*_(《“\"]")
NOT_TITLE = regex.compile(r"根据|按照|现将|为了|为进一步|经|《|附件\s*\d*\s*$")
TITLE_END = regex.compile(r"[,。;:!?《]|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)")
LABEL_LINE = regex.compile(r"[^::\n]{0,6}[::]")
SHORT_LINE = 80
MIN_TITLE = 4
MIN_ENDING_TITLE = 6


@cache
def _words() -> regex.Pattern:
    return regex.compile(patterns.alternation(patterns.load("report")["title"]["words"]))


@cache
def _ending() -> regex.Pattern:
    endings = patterns.alternation(patterns.load("report")["title"]["endings"])
    return regex.compile(rf"(?:{endings})(?=[\s()\d年度]*$)")


_SUBTITLE_TAIL = regex.compile(r"[\s()\d年度]*")


def title_end(seg: str) -> int | None:
    """Where the title in ``seg`` (the start of a line) ends, or None if it names no report."""
    ends = [m.end() for m in _words().finditer(seg)]
    if ends:
        # A line run on past the title is not title; a subtitle run onto it ("(2023年度)",
        # a PDF's centred lines) is not title either.
        end = ends[-1] if seg[ends[-1] :].strip(" ()") == "" else ends[0]
        return ends[-1] if _SUBTITLE_TAIL.fullmatch(seg[end:]) else end
    m = _ending().search(seg)
    return m.end() if m and len(seg) >= MIN_ENDING_TITLE else None


def names_a_report(text: str) -> bool:
    return bool(_words().search(text) or _ending().search(text))


def _cut(text: str, lead: int) -> int:
    """Where a title-like start of a line ends: at sentence punctuation or a section number."""
    m = TITLE_END.search(text, lead)
    return m.start() if m else len(text)


def find_title(doc: Document) -> Found | None:
    """(title, start, end), else the page's own name for the document (标题: …), else None."""
    lines = [line for line in chrome.head(doc) if not line.chrome]
    for i, line in enumerate(lines):
        text = line.text
        lead = CHUNK.match(text).end()
        if chrome.SECTION.match(text, lead) and i:
            break  # the body has begun
        if chrome.SECTION.match(text, lead) or NOT_TITLE.match(text, lead):
            continue
        if LABEL_LINE.match(text, lead):
            continue  # "名称: XX表", a field of the page or the form
        if not TITLE_START.match(text, lead):
            continue
        seg = text[lead : _cut(text, lead)]
        if len(text) < SHORT_LINE:
            end = title_end(seg)
            if end and end >= MIN_TITLE:
                return seg[:end], line.start + lead, line.start + lead + end
        else:
            m = _words().search(seg)
            run_on = bool(m) and (lead > 0 or bool(chrome.SECTION.match(seg, m.end())))
            if m and m.end() <= 60 and (m.end() == len(seg) or run_on):
                return seg[: m.end()], line.start + lead, line.start + lead + m.end()
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        # A title wrapped onto a short second line: "XX局2021年度…监控" / "报告".
        joined = text + nxt.text if nxt and len(nxt.text) <= 10 and not title_end(text) else ""
        end = title_end(joined) if joined else None
        if end and end > len(text):
            return joined[:end], line.start, nxt.start + end - len(text)
    return chrome.page_title(doc)
