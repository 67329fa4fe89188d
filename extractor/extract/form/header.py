"""Find a form's header in a cell stream and read its column order.

A header is a run of cells naming known columns (三级指标 · 年度指标值 · 分值 …), at most one
stray cell between them; a header word split by a space (``年度 指标值``) is joined back. The
label columns a form always has in front (一级指标, 二级指标, name) are added when the header
lost them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import types as t
from .cells import Cell

MIN_COLUMNS = 3


@dataclass
class Header:
    columns: list[str]
    start: int  # index of the header's first cell in the stream
    end: int  # index after its last cell


@lru_cache(maxsize=65536)  # asked for every cell of every form; the same cell texts recur
def _field_of(*words: str) -> tuple[str | None, int]:
    """(column, cells used) for the header word that the (up to three) cells ``words`` start
    with (their squashed texts)."""
    word = ""
    for width, part in enumerate(words, 1):
        word += part
        if len(word) > t.HEADER_MAX:
            break
        f = t.header_field(word)
        if f:
            return f, width
    return None, 1


def find_headers(cells: list[Cell]) -> list[Header]:
    out: list[Header] = []
    words = [c.squashed for c in cells]
    longest = t.HEADER_MAX
    i = 0
    while i < len(cells):
        # A cell longer than any header word starts none (``_field_of`` would say so too).
        f, w = (None, 1) if len(words[i]) > longest else _field_of(*words[i : i + 3])
        if f is None:
            i += 1
            continue
        fields, j, gap, last = [f], i + w, 0, i + w
        while j < len(cells) and gap <= 1:
            g, w2 = _field_of(*words[j : j + 3])
            if g is None:
                gap += 1
                j += 1
                continue
            fields.append(g)
            gap = 0
            j += w2
            last = j
        columns = _columns(fields)
        if len(set(fields)) >= MIN_COLUMNS and _valued(columns):
            out.append(Header(columns, i, last))
            i = last
        else:
            i += 1
    return out


LABELS = ("level1", "level2", "name")
RUBRIC = ("standard", "explanation")


def _valued(columns: list[str]) -> bool:
    """A form has a target or actual column; a scoring rubric, a score and its 评价标准/说明."""
    if "target" in columns or "actual" in columns:
        return True
    return "score" in columns and any(c in columns for c in RUBRIC)


def _points_columns(fields: list[str]) -> list[str]:
    """A rubric headed 得分 over every column of points (三级指标 | 得分 | 评价标准 | 得分): after the
    name, the first 得分 of two is the row's weight (分值), the last its score."""
    at = max((k for k, f in enumerate(fields) if f == "name"), default=-1)
    tail = fields[at + 1 :]
    if "weight" in tail or tail.count("score") < 2:
        return fields
    first = at + 1 + tail.index("score")
    return [*fields[:first], "weight", *fields[first + 1 :]]


def _two_rows(fields: list[str]) -> list[str]:
    """A header of two rows read as one run: ``绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分`` over
    ``一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位``. The lower row splits the upper
    row's merged cells (绩效指标 → the label columns, 年度指标值 → sign, value, unit), so the
    columns are the lower row's, then the upper row's columns it does not repeat. Value words
    before a label row that do not open with a label column are another block's."""
    seen_value = False
    for k, f in enumerate(fields):
        if f not in LABELS:
            seen_value = True
        elif seen_value and f in ("level1", "level2"):
            upper, lower = fields[:k], fields[k:]
            if upper[0] not in LABELS:
                return lower  # value words before the label row are another block's (实际完成情况)
            return lower + [f for f in upper if f not in lower and f not in LABELS]
    return fields


def _columns(fields: list[str]) -> list[str]:
    """Column order: first of each field, but the last 名称 (a left 绩效指标 label spans rows)."""
    fields = _points_columns(_two_rows(fields))
    cols: list[str] = []
    for f in fields:
        if f == "name" and "name" in cols:
            cols.remove("name")
        if f not in cols:
            cols.append(f)
    if "name" not in cols:
        at = max((cols.index(x) + 1 for x in ("level1", "level2") if x in cols), default=0)
        cols.insert(at, "name")
    # Label columns sit in front of the name; other columns before it are another table's.
    at = cols.index("name")
    cols = [c for c in cols[:at] if c in ("level1", "level2")] + cols[at:]
    for lv in ("level2", "level1"):
        if lv not in cols:
            cols.insert(0, lv)
    if cols.index("level1") > cols.index("level2"):
        cols.remove("level1")
        cols.insert(0, "level1")
    return cols
