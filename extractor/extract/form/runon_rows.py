"""Run-together rows (``产出指标数量指标检查定点医药机构家数10≥80家81家10``) under a header line
whose words ran together too: split by ``runon.runon_row`` and read like a table's rows, by type.

The cell-stream reader cannot split such rows yet; this is the fallback until it does.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from ... import patterns
from ...model import Document
from ..labels import project_before
from ..runon import runon_row
from . import types as t
from .runon_budget import read_runon_budget
from .runon_indicators import read_runon_indicators
from .slots import RowGroup, Slot

Ranges = list[tuple[int, int]]


def runon_ranges(doc: Document) -> Ranges:
    """Where the run-on forms are: prose reading leaves them alone."""
    return [(g.start, g.end) for g in runon_groups(doc)]


def runon_indicator_forms(doc: Document, read: Ranges) -> list[dict[str, Any]]:
    """Indicators and totals of each run-on form the cell stream did not read (``read``)."""
    out = []
    for group in runon_groups(doc):
        if not any(s < group.end and e > group.start for s, e in read):
            found = read_runon_indicators(doc, group, project_before(doc, group.start + 1))
            found["indicators"] = [i for i in found["indicators"] if _plain_name(i["name"])]
            out.append(found)
    return out


def runon_budget_rows(doc: Document, read: Ranges) -> list[dict[str, Any]]:
    """Budget rows of each run-on form whose budget block the cell stream did not read."""
    out: list[dict[str, Any]] = []
    for group in runon_groups(doc):
        if not any(group.start <= s < group.end for s, _ in read):
            out += read_runon_budget(doc, group, project_before(doc, group.start + 1))
    return out


NAME_MAX = 40  # an indicator's name is a phrase


def _plain_name(name: str) -> bool:
    """A name the run-on fallback may give: a phrase, not a header or a paragraph run into it."""
    if len(name) > NAME_MAX or "\n" in name:
        return False
    return not any(t.header_field(w) for w in _header_words() if w in name)


@cache
def _header_words() -> tuple[str, ...]:
    return tuple(patterns.load("forms")["flat"]["header_words"])


@cache
def _header_re() -> regex.Pattern:
    return regex.compile(patterns.alternation(patterns.load("forms")["flat"]["header_words"]))


def lex_header(text: str, offset: int) -> list[Slot] | None:
    """A run-on header line split on the known header words; None if it is not one."""
    out, pos = [], 0
    for m in _header_re().finditer(text):
        if text[pos : m.start()].strip():
            return None
        out.append(Slot(m.group(), offset + m.start(), offset + m.end()))
        pos = m.end()
    return out if len(out) >= 3 and not text[pos:].strip() else None


def _lines(doc: Document) -> list[tuple[int, str]]:
    out = []
    for b in doc.blocks:
        if b.kind != "paragraph":
            continue
        pos = b.start
        for line in doc.text[b.start : b.end].split("\n"):
            out.append((pos, line))
            pos += len(line) + 1
    return out


def runon_groups(doc: Document) -> list[RowGroup]:
    """Every run-on form in the document's paragraphs: its header line and the rows below
    (computed once per document: indicators and budget both read them)."""
    if "runon_groups" not in doc.memo:
        doc.memo["runon_groups"] = _groups(doc)
    return doc.memo["runon_groups"]


def _groups(doc: Document) -> list[RowGroup]:
    lines = _lines(doc)
    # The line that stops a group is lexed again as the next group's header: lex each once.
    headers = [lex_header(text, start) for start, text in lines]
    groups: list[RowGroup] = []
    i = 0
    while i < len(lines):
        start, text = lines[i]
        header = headers[i]
        if not header:
            i += 1
            continue
        rows, j = [header], i + 1
        while j < len(lines) and not headers[j]:
            row = runon_row(lines[j][1], lines[j][0], header)
            if row is None:
                break
            rows.append(row)
            j += 1
        groups.append(RowGroup(rows, start, lines[j - 1][0] + len(lines[j - 1][1])))
        i = j
    return groups
