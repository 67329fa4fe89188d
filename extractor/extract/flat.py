"""Forms flattened into text without pipes, turned back into rows of cells.

Three shapes come from a trip through a web page or Excel:
- tab rows: one row per line, cells separated by runs of spaces or tabs (the normalizer makes
  them one tab), merged label cells written once;
- one cell per line: the header's words on consecutive lines, then every cell on its own line;
- run-on cells: ``产出指标数量指标检查定点医药机构家数10≥80家81家10`` — split by the form's
  column order and the types of its columns (``split_runon``).
Rows come back as ``RowGroup``s that ``forms`` reads like any table, aligning cells by type.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from .. import patterns
from ..model import Document
from .forms import all_families, cell_fits, classify_header, form_config, level_kind
from .rows import RowGroup, Slot
from .runon import runon_row


@cache
def _flat() -> dict[str, Any]:
    cfg = patterns.load("forms")["flat"]
    return {
        "header_re": regex.compile(patterns.alternation(cfg["header_words"])),
        "empty": set(cfg["empty"]),
    }


def is_header(cells: list[str]) -> bool:
    fams = all_families()
    return sum(classify_header(c, fams) is not None for c in cells) >= 3


def split_tabs(text: str, offset: int) -> list[Slot]:
    out, pos = [], 0
    for part in text.split("\t"):
        cell = part.strip()
        if cell:
            start = offset + pos + part.index(cell)
            out.append(Slot(cell, start, start + len(cell), True, len(out)))
        pos += len(part) + 1
    return out


def lex_header(text: str, offset: int) -> list[Slot] | None:
    """A run-on header line split on the known header words; None if it is not one."""
    out, pos = [], 0
    for m in _flat()["header_re"].finditer(text):
        if text[pos : m.start()].strip():
            return None
        out.append(Slot(m.group(), offset + m.start(), offset + m.end(), True, len(out)))
        pos = m.end()
    return out if len(out) >= 3 and not text[pos:].strip() else None


def _lines(doc: Document, taken: list[tuple[int, int]]) -> list[tuple[int, str]]:
    out = []
    for b in doc.blocks:
        if b.kind != "paragraph" or any(s <= b.start < e for s, e in taken):
            continue
        pos = b.start
        for line in doc.text[b.start : b.end].split("\n"):
            out.append((pos, line))
            pos += len(line) + 1
    return out


def flat_groups(doc: Document, taken: list[tuple[int, int]]) -> list[RowGroup]:
    """Every flattened form in the paragraphs outside ``taken`` (real tables, pipe rows)."""
    lines = _lines(doc, taken)
    groups: list[RowGroup] = []
    i = 0
    while i < len(lines):
        start, text = lines[i]
        tabs = split_tabs(text, start) if "\t" in text else None
        if tabs and is_header([s.text for s in tabs]):
            rows, j = [tabs], i + 1
            while j < len(lines) and "\t" in lines[j][1]:
                rows.append(split_tabs(lines[j][1], lines[j][0]))
                j += 1
            groups.append(RowGroup(rows, start, lines[j - 1][0] + len(lines[j - 1][1]), 0, False))
            i = j
            continue
        header = lex_header(text, start)
        if header:
            rows, j = [header], i + 1
            while j < len(lines) and not lex_header(lines[j][1], lines[j][0]):
                row = runon_row(lines[j][1], lines[j][0], header)
                if row is None:
                    break
                rows.append(row)
                j += 1
            groups.append(RowGroup(rows, start, lines[j - 1][0] + len(lines[j - 1][1]), 0, False))
            i = j
            continue
        j = i
        while j < len(lines) and _is_header_word(lines[j][1]):
            j += 1
        if j - i >= 3:
            header = [Slot(t.strip(), s, s + len(t.strip()), True, k) for k, (s, t) in
                      enumerate(lines[i:j])]  # fmt: skip
            k = j
            while k < len(lines) and lines[k][1].strip() and not _is_header_word(lines[k][1]):
                k += 1
            cells = [Slot(t.strip(), s, s + len(t.strip())) for s, t in lines[j:k] if t.strip()]
            rows = [header, *segment_stream(cells, header)]
            groups.append(RowGroup(rows, start, lines[k - 1][0] + len(lines[k - 1][1]), 0, False))
            i = max(k, j)
            continue
        i += 1
    return groups


def _is_header_word(text: str) -> bool:
    """A line that is exactly one of the forms' header words (not a name that contains 完成率)."""
    return _flat()["header_re"].fullmatch(text.strip()) is not None


def is_level(text: str) -> bool:
    return level_kind(text) is not None


def is_end_row(text: str) -> bool:
    return any(p.search(text) for p in form_config()["end"])


def _is_empty(text: str) -> bool:
    return text in _flat()["empty"]


def _is_plain_number(text: str) -> bool:
    return regex.fullmatch(r"\d+(?:\.\d+)?", text) is not None


def segment_stream(cells: list[Slot], header: list[Slot]) -> list[list[Slot]]:
    """One-cell-per-line: group cells into rows by the form's logic.

    A budget row starts at its label (年度资金总额, 其中:财政拨款 …) and takes the values after
    it; an indicator row starts at a level label or a name, takes one cell per value column, and
    a following text cell is its deviation reason unless the cell after it starts a new row.
    """
    fams = all_families()
    fields = [classify_header(h.text, fams) for h in header]
    budget = "name" not in fields and "level1" not in fields
    rows: list[list[Slot]] = []
    if budget:
        for c in cells:
            if not (_is_plain_number(c.text) or c.text.endswith("%") or _is_empty(c.text)):
                rows.append([c])
            elif rows:
                rows[-1].append(c)
        return rows
    value_fields = [f for f in fields if f not in (None, "level1", "level2", "name", "deviation")]
    n_values = len(value_fields)
    i, row = 0, []
    while i < len(cells):
        c = cells[i]
        if is_end_row(c.text):  # 总分, then its numbers and the grade: the form ends
            if row:
                rows.append(row)
            rows.append(cells[i:])
            return rows
        kind = level_kind(c.text)
        # A level cell opens a row; after a level-2 cell comes the name, even one that reads
        # like a level ("服务对象满意度" under 服务对象满意度指标).
        if kind and not (row and level_kind(row[-1].text) == "level2"):
            row.append(c)
            i += 1
            continue
        # A name, then the values; the row ends after them (and its deviation reason).
        row.append(c)
        row.extend(cells[i + 1 : i + 1 + n_values])
        i += 1 + n_values
        if (
            "deviation" in fields
            and i < len(cells)
            and not is_level(cells[i].text)
            and not is_end_row(cells[i].text)
            and not _starts_row(cells, i, value_fields)
        ):
            row.append(cells[i])
            i += 1
        rows.append(row)
        row = []
    if row:
        rows.append(row)
    return rows


def _starts_row(cells: list[Slot], i: int, value_fields: list[str]) -> bool:
    """Whether ``cells[i]`` reads as the name of a next row: the cells after it fit the value
    columns (numbers where 分值/得分 stand). A reason in words (with its commas) never does."""
    if regex.search(r"[,。;]", cells[i].text):
        return False
    following = cells[i + 1 : i + 1 + len(value_fields)]
    if len(following) < len(value_fields):
        return False
    return all(
        cell_fits(f, c.text) and not is_level(c.text)
        for f, c in zip(value_fields, following, strict=True)
    )
