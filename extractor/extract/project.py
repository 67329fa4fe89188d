"""The project a report is about, when no 项目名称 label states it: the title names it.

A project title reads [关于][unit][year][project][what the report is][(project)]:
"关于2019年度XX村道路工程绩效评价报告", "XX局2022年度项目绩效自评报告(困难群众走访慰问项目)",
"XX补助经费转移支付2023年度绩效自评报告". The project is the part that ends with what a
project is (项目, 工程, 资金, 经费 …); a department-wide title ("…部门整体支出绩效自评报告") has
none.
"""

from __future__ import annotations

from functools import cache

import regex

from .. import patterns
from ..model import Document

Found = tuple[str, int, int]
YEAR = regex.compile(r"(?:19|20)\d{2}\s*年?度?")


@cache
def _cfg() -> dict:
    return patterns.load("report")["project"]


@cache
def _tail() -> regex.Pattern:
    # Where the title turns to what the report is: "…项目支出绩效自评报告", "…自评结果".
    return regex.compile(rf"(?:{patterns.alternation(_cfg()['title_tail'])})")


@cache
def _ends_as_project() -> regex.Pattern:
    # Two characters at least before the kind: "项目资金" alone names no project.
    kinds = patterns.alternation(_cfg()["kinds"])
    return regex.compile(rf"(?<!^.?)(?<!^项目)(?<!^专项)(?:{kinds})(?:\([^()]*\))?$")


_ABOUT = regex.compile(r"关于(?:上报|报送|下达|解决)?")


_BRACKET_AFTER = regex.compile(r"[ \t]*\((?P<p>[^()\n]{2,40})\)")


def project_in_title(doc: Document, title: Found | None, unit: Found | None) -> Found | None:
    """(project, start, end) named by the title, or None."""
    if not title:
        return None
    text, base = title[0], title[1]
    # "…自评报告(困难群众走访慰问项目)": the bracket after the title, on its line.
    bracket = _BRACKET_AFTER.match(doc.text, title[2])
    if bracket and _ends_as_project().search(bracket.group("p")):
        return bracket.group("p"), bracket.start("p"), bracket.end("p")
    start = 0
    if unit and base <= unit[1] and unit[2] <= base + len(text):
        start = unit[2] - base  # the project comes after the unit the title starts with
    lead = _ABOUT.match(text[start:])
    start += lead.end() if lead else 0
    tail = _tail().search(text, start)
    end = tail.start() if tail else len(text)
    # Years split the title: the project is the piece right before what the report is.
    cuts = [start] + [m.end() for m in YEAR.finditer(text, start, end)] + [end]
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False)]
    for a, b in reversed(pieces):
        m = YEAR.search(text, a, b)
        b = m.start() if m else b
        piece = text[a:b].strip()
        if not piece:
            continue
        a = a + text[a:b].index(piece)
        b = a + len(piece)
        if text.startswith("项目", b):
            b += 2  # "XX建设项目支出绩效…": 项目 ends the name, not 支出
        if _ends_as_project().search(text[a:b]):
            return text[a:b], base + a, base + b
    return None
