"""Run-together rows (``产出指标数量指标检查定点医药机构家数10≥80家81家10``) under a header line
whose words ran together too: split by ``runon.runon_row`` and read like a table's rows, by type.

The cell-stream reader cannot split such rows yet; this is the fallback until it does.
"""

from __future__ import annotations

from functools import cache

import regex

from ... import patterns
from ...model import Document
from ..runon import runon_row
from .slots import RowGroup, Slot


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
    """Every run-on form in the document's paragraphs: its header line and the rows below."""
    lines = _lines(doc)
    groups: list[RowGroup] = []
    i = 0
    while i < len(lines):
        start, text = lines[i]
        header = lex_header(text, start)
        if not header:
            i += 1
            continue
        rows, j = [header], i + 1
        while j < len(lines) and not lex_header(lines[j][1], lines[j][0]):
            row = runon_row(lines[j][1], lines[j][0], header)
            if row is None:
                break
            rows.append(row)
            j += 1
        groups.append(RowGroup(rows, start, lines[j - 1][0] + len(lines[j - 1][1])))
        i = j
    return groups
