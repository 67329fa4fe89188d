"""Report metadata: title, type, department, region, fiscal year, dates, overall figures."""

from __future__ import annotations

import datetime
from functools import cache
from typing import Any

import regex

from .. import patterns
from ..model import Document
from ..numbers import CN_NUMERAL, as_number, cn_to_int, parse_decimal
from . import register
from .department import CODE, reporting_unit
from .fiscal_year import fiscal_year
from .labels import first_value, label_values
from .project import project_in_title
from .title import find_title

DATE = regex.compile(
    rf"(?P<y>\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年\s*(?P<m>\d{{1,2}}|{CN_NUMERAL})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|{CN_NUMERAL})\s*日"
    # 2021.7.2 · 2021-07-02 · 2021/7/2, as forms and spreadsheets write dates
    r"|(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?P<sep>[./-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d)"
)


def parse_date(m: regex.Match) -> str | None:
    """ISO date from a DATE match, or None if it is not a real date."""
    y, mo, d = (_int(m.group(k)) for k in ("y", "m", "d"))
    try:
        return datetime.date(y, mo, d).isoformat()
    except (TypeError, ValueError):
        return None


def _int(s: str) -> int | None:
    return int(s) if s.isdigit() else cn_to_int(s)


def _label_value(doc: Document, labels: list[str], remarks: list[str] | None = None):
    return first_value(doc, labels, remarks)


def _report_type(doc: Document, title: tuple[str, int, int] | None) -> tuple[str, int, int] | None:
    """The canonical report type the title names, else the first part of the text."""
    types = patterns.load("report")["report_types"]
    if title:
        for rt in types:
            if any(patterns.compiled(p).search(title[0]) for p in rt["match"]):
                return rt["name"], title[1], title[2]
    for rt in (t for t in types if not t.get("title_only")):
        for pat in rt["match"]:
            m = patterns.compiled(pat).search(doc.text, 0, min(len(doc.text), 2000))
            if m:
                return rt["name"], m.start(), m.end()
    return None


@cache
def _region_part() -> regex.Pattern:
    suffixes = patterns.alternation(patterns.load("report")["region"]["suffixes"])
    return regex.compile(rf"\p{{Han}}{{2,12}}?(?:{suffixes})")


def _region(department: tuple[str, int, int]) -> tuple[str, int, int] | None:
    """The most specific administrative unit a department's name starts with, with its span.

    "新疆维吾尔自治区巴音郭楞蒙古自治州且末县科协" → 且末县; each unit's own name has two
    characters at least, so 涿州市市场监督管理局 is 涿州市, not 涿州.
    """
    name, start = department[0], department[1]
    last = None
    pos = 0
    part = _region_part()
    while m := part.match(name, pos):
        last = m
        pos = m.end()
    return (last.group(), start + last.start(), start + last.end()) if last else None


def _uncoded(found: tuple[str, int, int] | None) -> tuple[str, int, int] | None:
    """A unit's name without the budget code before it ("012001-XX站" → XX站)."""
    m = CODE.match(found[0]) if found else None
    if not m or m.end() == len(found[0]):
        return found
    return found[0][m.end() :], found[1] + m.end(), found[2]


def _checked(doc: Document, found: tuple[str, int, int] | None):
    """A value taken from inside the title keeps its span only where the title is one line."""
    return found if found and doc.text[found[1] : found[2]] == found[0] else None


def _signed_date(doc: Document) -> tuple[str, int, int] | None:
    # The sign-off is a line that is only a date, among the last blocks.
    for b in reversed(doc.blocks[-6:]):
        line = doc.text[b.start : b.end].strip()
        m = DATE.fullmatch(line)
        if m and parse_date(m):
            return parse_date(m), b.start + m.start(), b.start + m.end()
    return None


def _first_match(doc: Document, pats: list[str], number: bool = True):
    """The ``value`` group of the first pattern that matches, with the match's span."""
    for pat in pats:
        m = patterns.compiled(pat).search(doc.text)
        if m:
            value = m.group("value")
            return (as_number(parse_decimal(value)) if number else value), m.start(), m.end()
    return None


@register("report")
def extract_report(doc: Document, result: dict[str, Any]) -> dict[str, Any]:
    cfg = patterns.load("report")
    found: dict[str, tuple[Any, int, int] | None] = {}
    found["title"] = find_title(doc)
    found["report_type"] = _report_type(doc, found["title"])
    dept = found["department"] = reporting_unit(doc, found["title"])
    found["region"] = _region(dept) if dept else None
    found["supervising_department"] = _uncoded(_label_value(doc, cfg["supervisor"]["labels"]))
    found["implementing_unit"] = _uncoded(_label_value(doc, cfg["implementer"]["labels"]))
    found["project_name"] = _label_value(doc, cfg["project"]["labels"]) or _checked(
        doc, project_in_title(doc, found["title"], dept)
    )
    found["fiscal_year"] = fiscal_year(doc, found["title"])
    filled = _label_value(doc, cfg["dates"]["filled_labels"])
    found["filled_date"] = None
    if filled:
        m = DATE.search(filled[0])
        if m and parse_date(m):
            found["filled_date"] = (parse_date(m), filled[1] + m.start(), filled[1] + m.end())
    found["signed_date"] = _signed_date(doc)
    found["overall_completion_pct"] = _first_match(doc, cfg["overall_completion"]["patterns"])
    found["self_score"] = _first_match(doc, cfg["self_score"]["patterns"])
    found["grade"] = _first_match(doc, cfg["grade"]["patterns"], number=False)

    projects = {v[0] for v in label_values(doc, cfg["project"]["labels"])}
    if len(projects) > 1:
        # Several projects: each form names its own project, score and grade.
        found["project_name"] = found["self_score"] = found["grade"] = None
    report: dict[str, Any] = {k: (v[0] if v else None) for k, v in found.items()}
    doc.memo["projects"] = sorted(projects)
    report["spans"] = {k: doc.span(v[1], v[2]) for k, v in found.items() if v}
    return report
