"""Indicator rows of the forms written as text (pipe rows, flattened lines, one cell per line).

The stream after each header, up to the form's 总分 row or the next header, is aligned to the
header's columns; the aligned rows become contract indicators. Level labels are filled down
as a reader would; a row cut by the end of the text is dropped, not half-read.
"""

from __future__ import annotations

from typing import Any

import regex

from ... import patterns
from ...model import Document
from ...numbers import as_number, parse_decimal
from ..values import comparator_of, parse_whole
from . import types as t
from .align import Row, align
from .cells import Cell, split_front, split_tail
from .header import RUBRIC, Header, find_headers
from .stream import form_cells
from .values_first import values_first

# "指标1:", "1、", "一、", "(1)": numbering in front of a name, not part of it.
_NUMBERING = regex.compile(
    r"^(?:指标\s*\d+\s*[:：.、]|\d{1,2}\s*[、.．](?!\d)|[一二三四五六七八九十]{1,3}\s*、|[(（]\s*\d{1,2}\s*[)）])\s*"
)


def form_regions(doc: Document, start: int = 0, end: int | None = None):
    """(header, its cells, cells after it up to the form's end, the end cells) per header."""
    cells = split_front(form_cells(doc, start, end), t.label_prefix)
    cells = split_tail(cells, t.value_tail)
    headers = find_headers(cells) or _headerless(cells)
    for k, h in enumerate(headers):
        stop = headers[k + 1].start if k + 1 < len(headers) else len(cells)
        body = cells[h.end : stop]
        closing: list[Cell] = []
        for i, c in enumerate(body):
            if t.cell_kind(c.text) == t.END:
                closing = _closing(body[i:])
                body = body[:i]
                break
        if _front_columns(cells, h):
            body = _without_front_cells(body)
        yield h, cells[h.start : max(h.end, h.start + 1)], body, closing


FRONT_MAX = 8  # a front column's header is a short word (单位名称, 项目名称, 预算数)


def _front_columns(cells: list[Cell], h: Header) -> bool:
    """The header line names columns in front of 一级指标 that are no indicator's (单位名称 |
    项目名称 | 预算数 | 年度目标 | 一级指标 …): each row line then starts with its project's cells."""
    head = cells[h.start : h.end]
    at = next((c for c in head if t.header_field(c.squashed) == "level1"), None)
    if at is None:
        return False
    front = [c for c in cells[: h.end] if c.line == at.line and c.start < at.start]
    return bool(front) and all(
        len(c.squashed) <= FRONT_MAX and not any(ch.isdigit() for ch in c.text) for c in front
    )


def _without_front_cells(body: list[Cell]) -> list[Cell]:
    """Each line's cells before its first level label: the front columns' values."""
    out, first_label = [], {}
    for c in body:
        if t.cell_kind(c.text) in (t.LEVEL1, t.LEVEL2):
            first_label.setdefault(c.line, c.start)
    for c in body:
        if c.start >= first_label.get(c.line, -1):
            out.append(c)
    return out


# A form whose header was cut off or scrambled: the columns every 自评表 has, in its order.
DEFAULT_COLUMNS = ["level1", "level2", "name", "target", "actual", "weight", "score", "deviation"]
HEADERLESS_MIN_ROWS = 2


def _headerless(cells: list[Cell]) -> list[Header]:
    """A form with no header starts at its first level-1 label cell."""
    level1 = (
        i for i, c in enumerate(cells)
        if t.may_be_level(c.squashed) and t.cell_kind(c.text) == t.LEVEL1
    )  # fmt: skip
    at = next(level1, None)
    return [] if at is None else [Header(list(DEFAULT_COLUMNS), at, at)]


def _looks_like_a_form(rows: list[Row]) -> bool:
    """Without a header, only rows whose values are quantities make a form (not prose)."""
    valued = [
        r for r in rows
        if "name" in r.cells
        and any(t.cell_kind(c.text) == t.VALUE for f in ("target", "actual") for c in r.cells.get(f, []))
    ]  # fmt: skip
    return len(valued) >= HEADERLESS_MIN_ROWS and len(valued) * 2 >= len(rows)


_NOT_CLOSING = (t.HEADER, t.LEVEL1, t.LEVEL2, t.TEXT)


def _without_lone_number(row: Row) -> Row:
    """Without a header, a row of a target and one bare number (=100% 12.5) does not say whether
    that number is the actual, the 分值 or the 得分: it is left out."""
    values = [f for f in row.cells if f not in ("level1", "level2", "name")]
    if len(values) != 2 or "target" not in values:
        return row
    other = values[0] if values[1] == "target" else values[1]
    if other in ("actual", "weight", "score") and t.cell_kind(row.cells[other][0].text) == t.NUMBER:
        return Row({f: cs for f, cs in row.cells.items() if f != other})
    return row


def _closing(cells: list[Cell]) -> list[Cell]:
    """The 总分 row: its label, then its cells on that line, or (one cell per line) the
    numbers and grade that follow it."""
    label, rest = cells[0], cells[1:]
    same = [c for c in rest if c.line == label.line]
    if same:
        # On a page flattened onto one line the row ends where its numbers and grade do.
        n = next((k for k, c in enumerate(same) if t.cell_kind(c.text) in _NOT_CLOSING), len(same))
        return [label, *same[:n]]
    out = [label]
    for c in rest[:4]:
        if t.cell_kind(c.text) not in (t.NUMBER, t.EMPTY) and not _grade_cell(c.text):
            break
        out.append(c)
    return out


def _grade_cell(text: str) -> bool:
    cfg = patterns.load("forms")["grade"]
    return text in cfg["values"] or any(text.startswith(g) for g in cfg["labels"])


def read_text_forms(doc: Document, start: int = 0, end: int | None = None) -> list[dict[str, Any]]:
    """One entry per form found in ``doc.text[start:end]``: its indicators and closing cells."""
    out = []
    for header, head, body, closing in form_regions(doc, start, end):
        header_span = (head[0].start, head[-1].end)
        aligned, pair = values_first(head, body, header.columns)
        if aligned and pair and closing:
            closing = [closing[0], *pair]  # 总分 written after the names, its numbers before
        aligned = aligned or align(body, header.columns)
        rows = _drop_cut_row(doc, aligned)
        if header.start == header.end:
            if not _looks_like_a_form(rows):
                continue
            rows = [_without_lone_number(r) for r in rows]
        indicators = _indicators(doc, rows)
        out.append(
            {
                "header": header,
                "header_span": header_span,
                "indicators": indicators,
                "unread": unread_values(body, aligned),
                "closing": closing,
                "start": body[0].start if body else None,
            }
        )
    return out


REQUIRED = ("target", "actual", "weight", "score")


def unread_values(body: list[Cell], rows: list[Row]) -> list[Cell]:
    """Value cells after the first row that the alignment left out of every row."""
    used = {c.start for r in rows for cs in r.cells.values() for c in cs}
    if not used:
        return [c for c in body if t.cell_kind(c.text) in (t.VALUE, t.NUMBER)]
    first = min(used)
    return [
        c for c in body
        if c.start > first and c.start not in used and t.cell_kind(c.text) in (t.VALUE, t.NUMBER)
    ]  # fmt: skip


def _drop_cut_row(doc: Document, rows: list[Row]) -> list[Row]:
    """The last row, when the text ends inside it: it lacks a value the row above has, or a
    value of another kind there (``1`` where the rows above read ``≥4000人``)."""
    if not rows:
        return rows
    last = rows[-1]
    end = max(c.end for cs in last.cells.values() for c in cs)
    if doc.text[end:].strip():
        return rows
    if end == len(doc.text) and _ends_in_words(last, end):
        return rows[:-1]  # the text stops inside the row's last value
    if len(rows) < 2:
        return rows
    above = rows[-2]
    for f in REQUIRED:
        if f in above.cells and f not in last.cells:
            return rows[:-1]
        kind = t.cell_kind(last.cells[f][0].text) if f in last.cells else None
        # A whole quantity (≥90%) or an empty mark (—) is never what a cut leaves: that is a
        # bare number or a word's stump, so one under a worded value (有所提升) ends the form.
        if (
            f in above.cells
            and kind not in (t.VALUE, t.EMPTY)
            and t.cell_kind(above.cells[f][0].text) != kind
        ):
            return rows[:-1]
    return rows


def _ends_in_words(row: Row, end: int) -> bool:
    """The value cell that ends the text is a cut copy of the row's other value: an actual
    that repeats its target stops short of it (明显改善群众饮水 | 明显改善群)."""
    values = [c for f in ("target", "actual") for c in row.cells.get(f, [])[:1]]
    last = next((c for c in values if c.end == end), None)
    return last is not None and any(
        c is not last and c.squashed.startswith(last.squashed) and c.squashed != last.squashed
        for c in values
    )


def _indicators(doc: Document, rows: list[Row]) -> list[dict[str, Any]]:
    out = []
    level1 = level2 = None
    level1_weight = None
    for row in rows:
        l1, l2 = row.first("level1"), row.first("level2")
        if l1 is not None:
            _, level1, level1_weight = t.level_label(l1.squashed)
            level2 = None
        if l2 is not None:
            known = t.level_label(l2.squashed)
            level2 = known[1] if known else l2.squashed  # a form's own label, as written
            parent = t.parent_of(level2)
            if level1 is None or (l1 is None and parent and parent != level1):
                level1, level1_weight = parent, None
        ind = _indicator(doc, row, level1, level2, level1_weight)
        if ind is not None:
            out.append(ind)
    return out


def _has_evidence(row: Row) -> bool:
    """A row is an indicator when it holds a quantity, a worded value or a level label: two
    plain words side by side (见附件 | 另行报送) are not."""
    if "level1" in row.cells or "level2" in row.cells:
        return True
    valued = (t.VALUE, t.NUMBER, t.QUALITATIVE)
    return any(
        t.cell_kind(c.text) in valued
        for f in ("target", "actual", "weight", "score", "rate", "expected")
        for c in row.cells.get(f, [])
    )


def _span_of(doc: Document, cells: list[Cell]):
    return doc.span(cells[0].start, cells[-1].end)


def _joined(doc: Document, cells: list[Cell]) -> str | None:
    """The text of cells one of which a table's page break joined (``form.page_break``): its
    parts, not the stretch of text between them; None for cells as written."""
    if all(doc.text[c.start : c.end] == c.text for c in cells):
        return None
    return "".join(c.text for c in cells)


def _indicator(doc, row: Row, level1, level2, level1_weight) -> dict[str, Any] | None:
    name_cells = row.cells.get("name")
    if not name_cells or not _has_evidence(row):
        return None
    start = name_cells[0].start
    text = doc.text[start : name_cells[-1].end]
    m = _NUMBERING.match(text)
    if m and m.end() < len(text):
        start += m.end()
    name = _joined(doc, name_cells) or doc.text[start : name_cells[-1].end]
    ind: dict[str, Any] = {
        "level1": level1, "level2": level2, "name": name, "unit": None, "comparator": None,
        "target_raw": None, "target": None, "actual_raw": None, "actual": None,
        "stated_rate_raw": None, "stated_rate_pct": None, "weight": None, "score": None,
        "deviation_reason": None, "project": None, "level1_weight": level1_weight,
        "field_spans": {"name": doc.span(start, name_cells[-1].end)},
    }  # fmt: skip
    for column, cells in row.cells.items():
        if column in ("level1", "level2", "name"):
            continue
        span = _span_of(doc, cells)
        raw = span["text"] if isinstance(span, dict) else doc.text[cells[0].start : cells[-1].end]
        raw = _joined(doc, cells) or raw
        if t.cell_kind(raw) == t.EMPTY:
            continue
        ind["field_spans"][column] = span
        value = parse_whole(raw, cells[0].start)
        number = as_number(value.number) if value and value.number is not None else None
        if column in ("target", "actual", "expected"):
            ind[f"{column}_raw"], ind[column] = raw, number
            if value:
                if column == "target" and value.comparator:
                    ind["comparator"] = value.comparator
                ind["unit"] = ind["unit"] or value.unit
        elif column == "rate":
            ind["stated_rate_raw"] = raw
            ind["stated_rate_pct"] = number if value and value.unit == "%" else None
        elif column in ("weight", "score"):
            ind[column] = as_number(parse_decimal(raw.rstrip("分").strip()))
        elif column == "unit":
            ind["unit"] = raw
        elif column == "nature":
            ind["nature"] = raw
            ind["comparator"] = ind["comparator"] or _comparator(raw)
        elif column == "deviation":
            ind["deviation_reason"] = raw
        else:
            ind[column] = raw
    if ind["target_raw"] is None and ind["actual_raw"] is None:
        _measured(doc, row, ind)
    if ind["target_raw"] is None and ind["actual_raw"] is None:
        return None
    # A rubric row's 评价标准/指标说明 are prose that other readers still read (年初结余6.4万元):
    # the row's span is its head, the cells before them.
    every = [c for cs in row.cells.values() for c in cs]
    prose = min((c.start for col in RUBRIC for c in row.cells.get(col, [])), default=None)
    head = [c for c in every if prose is None or c.end <= prose]
    ind["span"] = doc.span(min(c.start for c in head), max(c.end for c in head))
    return ind


def _measured(doc: Document, row: Row, ind: dict[str, Any]) -> None:
    """A scoring rubric's row states what was measured in its 指标说明 (…的比例为96.40%): the
    last such percent is the actual. Its 评价标准 (100%计满分) is a rule, never read as a value."""
    pattern = patterns.compiled(patterns.load("forms")["rubric_measured"]["pattern"])
    found = [(c, m) for c in row.cells.get("explanation", []) for m in pattern.finditer(c.text)]
    if not found:
        return
    cell, m = found[-1]
    start, end = cell.start + m.start("v"), cell.start + m.end("v")
    value = parse_whole(doc.text[start:end], start)
    if value is None or value.number is None:
        return
    ind["actual_raw"], ind["actual"], ind["unit"] = m.group("v"), as_number(value.number), "%"
    ind["field_spans"]["actual"] = doc.span(start, end)


def _comparator(sign: str) -> str | None:
    natures = patterns.load("forms")["natures"]
    if sign in natures:
        return natures[sign] or None
    return comparator_of(sign, None)
