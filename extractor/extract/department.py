"""The reporting unit (the 单位 that reports), from wherever the page and the document name it.

In order of trust: the document's own unit labels (单位名称, 填报单位(公章), 资金使用单位 …) and
budget-coded names (012001-XX站); the unit its title starts with (XX局2022年度…报告, XX局关于…);
a unit standing alone or before a year in the head lines (a cover line, a file name); the
supervising/implementing labels of a project form; the page's publisher (发布机构, 来源) and
breadcrumbs, since the document itself often says only 我局; the unit that signs a letter above
its date; a clause that starts with the unit (XX镇人民政府对2022年度…, XX局内设…); last a bare
region the title or a head line puts before the year (山东省2016年度…).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from .. import patterns
from ..model import Document
from . import chrome
from .labels import label_values
from .title import names_a_report
from .unitname import NAME_CHARS, unit_at

Found = tuple[str, int, int]
YEAR_AHEAD = r"\s*(?:19|20)\d{2}(?!\d)"
# Codes before a unit's name in budget systems: "012001-XX站", "[103]XX局".
CODE = regex.compile(r"^(?:\[\d{2,}\]\s*|\d{3,}\s*-\s*)")
CLAUSE_START = r"(?:^|(?<=[\n,;。:、]))[ \t]*(?:\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、|\d+[、.])?"
SPACES = regex.compile(r"[ \t]+")
YEAR_IN = regex.compile(r"(?:19|20)\d{2}")
DATE_LINE = regex.compile(
    r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}"
)


@cache
def _cfg() -> dict[str, Any]:
    return patterns.load("report")["department"]


def _units_at(text: str, pos: int, end: int | None = None, region: bool = False) -> int | None:
    """The end of one unit's name at ``pos``, or of several separated by spaces (joint notices)."""
    e = unit_at(text, pos, end, region=region)
    while e:
        m = SPACES.match(text, e, len(text) if end is None else end)
        nxt = unit_at(text, m.end(), end) if m else None
        if not nxt:
            break
        e = nxt
    return e


def _from_value(value: str, start: int) -> Found | None:
    """A labelled value as a unit: its code dropped, cut where the name ends; a value that is
    no unit's name (a header cell, a cut-off fragment) is none."""
    code = CODE.match(value)
    if code:
        value, start = value[code.end() :], start + code.end()
    e = _units_at(value, 0)
    return (value[:e], start, start + e) if e else None


@cache
def _label_space_re(labels: tuple[str, ...]) -> regex.Pattern:
    alt = patterns.alternation(list(labels))
    return regex.compile(rf"(?m)(?:^|(?<=[\s|]))(?:{alt})[ \t]+(?=\S)")


def _labelled(doc: Document, labels: list[str]) -> Found | None:
    for value, start, _ in label_values(doc, labels, _cfg().get("remarks")):
        found = _from_value(value, start)
        if found:
            return found
    # "部门(单位)名称 XX县残联": label and value in one line, a space between them.
    for m in _label_space_re(tuple(labels)).finditer(doc.text):
        e = _units_at(doc.text, m.end())
        if e:
            return doc.text[m.end() : e], m.end(), e
    return None


def _label_below(doc: Document) -> Found | None:
    """A unit's name alone on its line with its label alone on the next (新田县某局 / 部门名称):
    a form row whose value cell came out of the page before its label cell."""
    alt = patterns.alternation(_cfg()["labels"])
    for m in regex.finditer(rf"(?m)^(?P<v>[^\n|]{{3,40}})\n[ \t]*(?:{alt})[ \t]*$", doc.text):
        v = m.group("v").strip()
        start = m.start("v") + m.group("v").index(v)
        if _units_at(doc.text, start, start + len(v)) == start + len(v):
            return v, start, start + len(v)
    return None


_CODE_DASH = regex.compile(r"(?m)(?:^|(?<=[\s|]))(?P<c>\d{3,})-(?=\p{Han})")
_NAME_RUN = regex.compile(rf"{NAME_CHARS}*")


def _coded(doc: Document) -> Found | None:
    """A unit written after its budget code ("012001-XX站").

    A unit's code extends its department's (012 → 012001): the unit under the department is
    the one that reports. Otherwise a whole name beats one cut short ("731-XX镇部门").
    """
    named: list[tuple[str, bool, Found]] = []
    for m in _CODE_DASH.finditer(doc.text):
        e = unit_at(doc.text, m.end())
        if e:
            whole = _NAME_RUN.match(doc.text, e).end() == e  # no name character runs on
            named.append((m.group("c"), whole, (doc.text[m.end() : e], m.end(), e)))
    codes = {c for c, _, _ in named}
    for code, _, found in named:
        if any(code != other and code.startswith(other) for other in codes):
            return found
    whole = [found for _, w, found in named if w]
    return whole[0] if whole else (named[0][2] if named else None)


def _title_unit(title: Found | None, region: bool) -> Found | None:
    """The unit a title starts with: "XX局2022年度…", "XX局关于…"; ``region``: "XX省2016年度…"."""
    if not title:
        return None
    text, start = title[0], title[1]
    pos = 2 if text.startswith("关于") else 0
    e = _units_at(text, pos, region=region)
    if not e or (region and not regex.match(YEAR_AHEAD, text[e:])):
        return None
    return text[pos:e], start + pos, start + e


_LEAD = regex.compile(r"[《\s]*(?:\d+、)?")


def _head_unit(doc: Document, region: bool = False) -> Found | None:
    """A head line that starts with a unit before a year (a title, a file name, "1、XX局2023年度…"),
    or a cover line that is only the unit's name, next to the title."""
    lines = chrome.document_head(doc)
    for i, line in enumerate(lines):
        if line.chrome and not line.file_name and "《" not in line.text:
            continue
        lead = _LEAD.match(line.text).end()
        e = _units_at(line.text, lead, region=region)
        if not e:
            continue
        found = line.text[lead:e], line.start + lead, line.start + e
        if regex.match(YEAR_AHEAD, line.text[e:]) or (line.file_name and not region):
            return found
        if e < len(line.text) or region:
            continue
        # A name alone: a cover line above the title, or below it; not a letter's addressee
        # (the body follows it) nor the site's banner (chrome follows it).
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        prev = lines[i - 1] if i else None
        above = nxt and not nxt.chrome and _titleish(nxt.text)
        below = (
            nxt
            and (nxt.chrome or _titleish(nxt.text))
            and prev
            and not prev.chrome
            and names_a_report(prev.text)
        )
        if above or below:
            return found
    return None


def _titleish(text: str) -> bool:
    """A title or a year line, not the first sentence of a letter's body."""
    if len(text) >= chrome.BODY_LINE or regex.search(r"[,。;]", text):
        return False
    return names_a_report(text) or bool(YEAR_IN.search(text))


def _clause_unit(doc: Document) -> Found | None:
    """A clause that starts with the unit: "现将XX市2023年度…", "XX镇人民政府对2022年度…", "XX局内设…"."""
    text = doc.text[: chrome.HEAD_CHARS]
    for m in regex.finditer(r"现将(?=\p{Han})", text):
        e = unit_at(text, m.end(), region=True)
        if e and regex.match(YEAR_AHEAD, text[e:]):
            return text[m.end() : e], m.end(), e
    verbs = patterns.alternation(_cfg()["subject_verbs"])
    for m in regex.finditer(
        rf"(?m){CLAUSE_START}(?=\p{{Han}})|(?<=概况)(?P<h>)(?=\p{{Han}})", text
    ):
        e = unit_at(text, m.end())
        if not e:
            continue
        if regex.match(rf"(?:对|于)?{YEAR_AHEAD}\s*年", text[e:]):
            return text[m.end() : e], m.end(), e
        # "XX局内设7个科室" opens a paragraph or a sentence (or follows its heading run into it:
        # "(一)项目概况XX镇现有…"), not a clause in mid-sentence.
        sentence_start = m.start() == 0 or text[m.start() - 1] in "\n。" or m.group("h") is not None
        if sentence_start and regex.match(verbs, text[e:]):
            return text[m.end() : e], m.end(), e
    return None


def _signer(doc: Document) -> Found | None:
    """The unit that signs a letter: its name alone on the line above the date."""
    pos, prev = 0, None
    while pos < len(doc.text):
        nl = doc.text.find("\n", pos)
        nl = len(doc.text) if nl < 0 else nl
        line = doc.text[pos:nl]
        if line.strip():
            if prev and DATE_LINE.fullmatch(line.strip()):
                start = prev[0]
                e = _units_at(doc.text, start, prev[1])
                if e == prev[1]:
                    return doc.text[start:e], start, e
            stripped = line.strip()
            prev = (pos + line.index(stripped), pos + line.index(stripped) + len(stripped))
        pos = nl + 1
    return None


def reporting_unit(doc: Document, title: Found | None) -> Found | None:
    """The reporting unit's name with its span, or None when the text never names it."""
    steps = (
        lambda: _labelled(doc, _cfg()["labels"]),
        lambda: _coded(doc),
        lambda: _title_unit(title, region=False),
        lambda: _head_unit(doc),
        # In label order, not text order: a form's 实施单位 reports, its 主管部门 supervises.
        lambda: next(
            filter(None, (_labelled(doc, [lab]) for lab in _cfg()["fallback_labels"])), None
        ),
        lambda: chrome.publisher(doc),
        lambda: chrome.breadcrumb_unit(doc),
        lambda: _signer(doc),
        lambda: _clause_unit(doc),
        lambda: _title_unit(title, region=True),
        lambda: _head_unit(doc, region=True),
        lambda: _label_below(doc),
    )
    for step in steps:
        found = step()
        if found:
            return found
    return None
