"""Report metadata: title, type, department, region, fiscal year, dates, overall figures."""

from __future__ import annotations

import datetime
from typing import Any

import regex

from .. import patterns
from ..model import Document
from ..numbers import CN_NUMERAL, as_number, cn_to_int, parse_decimal
from . import chrome, register
from .department import reporting_unit
from .fiscal_year import fiscal_year
from .labels import first_value, label_values

DATE = regex.compile(
    rf"(?P<y>\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年\s*(?P<m>\d{{1,2}}|{CN_NUMERAL})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|{CN_NUMERAL})\s*日"
    # 2021.7.2 · 2021-07-02 · 2021/7/2, as forms and spreadsheets write dates
    r"|(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?P<sep>[./-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d)"
)
# A doc-sharing page numbers the chunks of a file: "1、XX报告…".
# and an attachment names itself before its title: "附件3: XX表".
CHUNK = regex.compile(r"(?:\d{1,2}、(?!\d)|附件\s*\d*\s*[::]\s*)?")
# A title starts with a word, a year or a quote; "10% 经费控制情况 2017年决算数" is a table row.
TITLE_START = regex.compile(r"\p{Han}|(?:19|20)\d{2}|[*_(《“\"]")
SECTION = regex.compile(r"[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+部分")
NOT_TITLE = regex.compile(r"根据|按照|现将|为了|为进一步|经|《|附件\s*\d*\s*$")
TITLE_END = regex.compile(r"[,。;:!?《]|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)")


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


def _title(doc: Document) -> tuple[str, int, int] | None:
    """The first line of the document (not of the page around it) that names a report.

    A title wrapped onto a second line is joined. A doc-sharing page runs the whole file into
    one line ("1、XX局2023年度自评表主管部门…", "XX报告一、基本情况…"): its start is the title.
    """
    title_words = patterns.compiled(patterns.alternation(patterns.load("report")["title"]["words"]))
    lines = [line for line in chrome.head(doc) if not line.chrome]
    for i, line in enumerate(lines):
        text = line.text
        lead = CHUNK.match(text).end()
        if SECTION.match(text, lead) or NOT_TITLE.match(text, lead) or not TITLE_START.match(text, lead):
            if SECTION.match(text, lead) and i:
                break  # the body has begun
            continue
        if len(text) < 80 and title_words.search(text):
            # A title ends with what it is (…报告, …自评表); a line run on past it is not title.
            # A subtitle run onto the same line ("(2023年度)", a PDF's centred lines) is not
            # title either: the .docx of the same report has it as a paragraph of its own.
            seg = text[lead : _cut(text, lead)]
            ends = [m.end() for m in title_words.finditer(seg)]
            if not ends:
                continue
            end = ends[-1] if seg[ends[-1] :].strip(" ()") == "" else ends[0]
            end = ends[-1] if regex.fullmatch(r"[\s()\d年度]*", seg[end:]) else end
            return seg[:end], line.start + lead, line.start + lead + end
        if len(text) >= 80:
            seg = text[lead : _cut(text, lead)]
            m = title_words.search(seg)
            run_on = lead > 0 or SECTION.match(seg, m.end()) if m else False
            if m and m.end() <= 60 and (m.end() == len(seg) or run_on):
                return seg[: m.end()], line.start + lead, line.start + lead + m.end()
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt and len(nxt.text) <= 10 and title_words.search(text + nxt.text):
            return text + nxt.text, line.start, nxt.end
    return chrome.page_title(doc)


def _cut(text: str, lead: int) -> int:
    """Where a title-like start of a line ends: at sentence punctuation or a section number."""
    m = TITLE_END.search(text, lead)
    return m.start() if m else len(text)


def _report_type(doc: Document, title: tuple[str, int, int] | None) -> tuple[str, int, int] | None:
    """The canonical report type the title names, else the first part of the text."""
    types = patterns.load("report")["report_types"]
    if title:
        for rt in types:
            if any(patterns.compiled(p).search(title[0]) for p in rt["match"]):
                return rt["name"], title[1], title[2]
    for rt in types:
        for pat in rt["match"]:
            m = patterns.compiled(pat).search(doc.text, 0, min(len(doc.text), 2000))
            if m:
                return rt["name"], m.start(), m.end()
    return None


def _region(department: str) -> str | None:
    """The most specific administrative unit a department's name starts with.

    "新疆维吾尔自治区巴音郭楞蒙古自治州且末县科协" → 且末县; each unit's own name has two
    characters at least, so 涿州市市场监督管理局 is 涿州市, not 涿州.
    """
    suffixes = patterns.alternation(patterns.load("report")["region"]["suffixes"])
    parts = []
    pos = 0
    part = regex.compile(rf"\p{{Han}}{{2,12}}?(?:{suffixes})")
    while m := part.match(department, pos):
        parts.append(m.group())
        pos = m.end()
    return parts[-1] if parts else None


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
    found["title"] = _title(doc)
    found["report_type"] = _report_type(doc, found["title"])
    dept = found["department"] = reporting_unit(doc, found["title"])
    region = _region(dept[0]) if dept else None
    found["region"] = (region, dept[1], dept[1] + len(region)) if region else None
    found["supervising_department"] = _label_value(doc, cfg["supervisor"]["labels"])
    found["implementing_unit"] = _label_value(doc, cfg["implementer"]["labels"])
    found["project_name"] = _label_value(doc, cfg["project"]["labels"])
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
