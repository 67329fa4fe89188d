"""The budget block of a form written as text: rows 年度资金总额 / 其中:财政拨款 / 上年结转 / 其他资金
× columns 年初预算数 / 全年预算数(A) / 全年执行数(B) / 分值 / 执行率(B/A) / 得分.

Empty cells may be gone (a blank pipe cell, a flattened line) and a scrambled page writes values
before their labels, so which value goes in which column is decided by ``budget_fit``. 分值/得分
are not amounts: they stay on the row's 预算执行率 entry as weight/score.
"""

from __future__ import annotations

from functools import cache, lru_cache, partial
from typing import Any

import regex

from ... import patterns
from ...model import Document
from ...numbers import as_number, to_yuan
from . import types as t
from .budget_fit import MONEY, complete_row, fit_row, fit_run, number, split_run
from .budget_items import read_item_tables
from .budget_lists import read_list_tables
from .budget_runon import split_budget_headers
from .cells import Cell
from .stream import form_cells


@cache
def _cfg() -> dict[str, Any]:
    cfg = patterns.load("forms")
    # Per column (per row), its spellings as one pattern: one search, not one per spelling.
    comp = lambda table: [  # noqa: E731
        (f, regex.compile("|".join(f"(?:{p})" for p in ps))) for f, ps in table.items()
    ]
    return {
        "columns": comp(cfg["budget_columns"]),
        "rows": comp(cfg["budget_rows"]),
        "units": [regex.compile(p) for p in cfg["units"]["declared"]],
        "items": cfg["budget_items"],
        # One pattern: fullmatch tries the markers in their order, as a loop over them would.
        "funds_marker": regex.compile("|".join(f"(?:{p})" for p in cfg["budget_funds"]["markers"])),
        "funds_natures": regex.compile(cfg["budget_funds"]["natures"]),
        "unit_reach": int(cfg["units"]["reach"]),
    }


COLUMN_MAX = 16  # a budget column's name is short: a longer cell is never looked up


@lru_cache(maxsize=4096)
def column_of(squashed: str) -> str | None:
    if len(squashed) > COLUMN_MAX or t.LABELLED.search(squashed):
        return None
    for field, pattern in _cfg()["columns"]:
        if pattern.search(squashed):
            return field
    return None


@lru_cache(maxsize=4096)
def fund_source(squashed: str) -> str | None | bool:
    """None for the total row, the source for a part row, False for no budget row label."""
    if len(squashed) > 20 or any(ch.isdigit() for ch in squashed):
        return False
    for field, pattern in _cfg()["rows"]:
        if pattern.search(squashed):
            return None if field == "total" else field
    return False


def _headers(cells: list[Cell]) -> list[tuple[int, int, list[str]]]:
    """(first cell, after last cell, columns) of each run of budget column names."""
    out, i = [], 0
    while i < len(cells):
        squashed = cells[i].squashed
        if len(squashed) > COLUMN_MAX or column_of(squashed) is None:
            i += 1
            continue
        j, cols = i, []
        while j < len(cells) and (f := column_of(cells[j].squashed)) is not None:
            if f not in cols:
                cols.append(f)
            j += 1
        if len([c for c in cols if c in MONEY]) >= 2:
            out.append((i, j, cols))
        i = j
    return out


def _unit(doc: Document, cells: list[Cell], at: int, end: int) -> str | None:
    """The money unit declared just before the block (项目资金(万元)), or within it up to the
    indicator block (``end``): a scrambled page puts the row labels' column after the values."""
    near = doc.text[max(0, cells[at].start - 120) : cells[at].start]
    inside = doc.text[cells[at].start : cells[end - 1].end] if end > at else ""
    for text in [near, inside]:
        for p in _cfg()["units"]:
            found = list(p.finditer(text))
            if found:
                return found[-1].group("u")
    return None


def _values(
    doc: Document, cells: list[Cell], i: int, stop: int, columns: list[str]
) -> tuple[dict, int]:
    """The values of the row whose first value cell is ``cells[i]``, fitted to the columns,
    and where the row ends. A run of values glued to what stands before it (财政资金390390100%)
    is one cell only in the text: it is read by ``fit_run``."""
    run = i < stop and _RUN_ON.fullmatch(cells[i].text) is not None
    if run and i > 0 and _glued(doc, cells[i - 1], cells[i]):
        # 财政拨款100.00130.00120.00—92.31%—: the run, then the row's cells an empty mark cut off
        j = i + 1
        while j < stop and t.cell_kind(cells[j].text) in (t.NUMBER, t.VALUE, t.EMPTY):
            j += 1
        return fit_run(cells[i], columns, cells[i + 1 : j]), j
    j = i
    while j < stop and t.cell_kind(cells[j].text) in (t.NUMBER, t.VALUE, t.EMPTY):
        j += 1
    if j == i and run:
        return fit_run(cells[j], columns), j + 1
    return fit_row(cells[i:j], columns), j


def _glued(doc: Document, a: Cell, b: Cell) -> bool:
    """No space between two cells: at most a stray letter the run-on cutting dropped (O76%…)."""
    return _GLUED.fullmatch(doc.text, a.end, b.start) is not None


_GLUED = regex.compile(r"[A-Za-z]{0,2}")
_RUN_ON = regex.compile(r"[\d.%]*\d[\d.%]*")


def read_text_budgets(doc: Document, start: int, end: int, scope_of) -> tuple[list[dict], list]:
    """Budget rows of the text forms in ``doc.text[start:end]``, and (header span, rows read)
    per block.

    ``scope_of(pos)`` names the project a block at ``pos`` belongs to (or 部门整体)."""
    cells = split_budget_headers(form_cells(doc, start, end))
    out, spans = [], []
    headers = _headers(cells)
    for k, (h0, h1, columns) in enumerate(headers):
        stop = headers[k + 1][0] if k + 1 < len(headers) else len(cells)
        scope = scope_of(cells[h0].start)
        rows = _block_rows(doc, cells, (h0, h1, stop), columns, scope)
        out += rows
        spans.append(((cells[h0].start, cells[h1 - 1].end), len(rows)))
    tables = read_item_tables(doc, cells, partial(_unit_before, doc), scope_of)
    lists = read_list_tables(doc, start, end, scope_of)
    for rows, span in [*_funds_blocks(doc, cells, scope_of), *tables, *lists]:
        out += rows
        spans.append((span, len(rows)))
    return out, spans


def _block_rows(doc: Document, cells: list[Cell], at, columns: list[str], scope) -> list[dict]:
    """The rows of one block: each row label with the values after it. On a scrambled page
    values may come before their labels (a run right after the header, labels further down
    with none of their own) and a row's 执行率 may stand apart: ``budget_fit`` decides those.
    Values run onto the header itself (a run-on page) are a block of one row, labelled by the
    header; a 基本支出 / 项目支出 row is that scope's row, not a fund source."""
    h0, h1, stop = at
    # (label, fund source, fitted values, scope, had values of its own)
    labelled: list[tuple[Cell, str | None, dict, str, bool]] = []
    runs: list[tuple[bool, list[Cell]]] = []  # (right after a row label, the values)
    i, end = h1, stop
    if i < stop and _glued(doc, cells[i - 1], cells[i]) and _RUN_ON.fullmatch(cells[i].text):
        got, i = _values(doc, cells, i, stop, columns)
        labelled.append((cells[h0], None, got, scope, True))
    while i < stop:
        source = fund_source(cells[i].squashed)
        nature = _cfg()["funds_natures"].fullmatch(cells[i].squashed)
        if source is False and nature is None:
            if t.header_field(cells[i].squashed) in ("level1", "level2", "name"):
                end = i
                break  # the indicator block starts
            j = i
            while j < stop and t.cell_kind(cells[j].text) in (t.NUMBER, t.VALUE, t.EMPTY):
                j += 1
            if j > i:
                runs.append((not labelled, cells[i:j]))
            i = max(j, i + 1)
            continue
        got, j = _values(doc, cells, i + 1, stop, columns)
        if nature:
            labelled.append((cells[i], None, got, nature.group("s"), j > i + 1))
        else:
            labelled.append((cells[i], source, got, scope, j > i + 1))
        i = j
    unit = _unit(doc, cells, h0, end)
    fitted = [list(row) for row in labelled]
    orphans = [k for k, row in enumerate(labelled) if not row[4]]
    leading = [c for first, run in runs if first for c in run]
    if orphans and leading:
        for k, got in zip(orphans, split_run(leading, len(orphans), columns), strict=False):
            fitted[k][2] = got
    used = {c.start for row in fitted for c in row[2].values()}
    strays = [c for _, run in runs for c in run if c.start not in used]
    out = []
    for label, source, got, row_scope, _ in fitted:
        if source is None and row_scope == scope:
            got = complete_row(got, strays, columns)
        out += _rows(doc, label, source, got, unit, row_scope)
    return out


@lru_cache(maxsize=4096)  # tried on every cell of every form, whose texts recur (labels, figures)
def _funds_marker(squashed: str) -> regex.Match | None:
    return _cfg()["funds_marker"].fullmatch(squashed)


def _funds_blocks(doc: Document, cells: list[Cell], scope_of):
    """The 资金情况 block of a target form (绩效目标表): no column header, each fund row is its
    label and one amount (资金总额 | 100 | 其中:财政拨款 | 100 | 其他资金 | ), or both in one
    cell (资金总额:704); a unit may follow the marker in a cell of its own ((万元)).

    The one column is the year's budget (预算数); a row with no number is left out, never 0.
    A 基本支出/项目支出 row (按支出性质分) is that scope's 预算数, not a fund source."""
    for k, marker in enumerate(cells):
        found = _funds_marker(marker.squashed)
        if found is None:
            continue
        unit, i = found.group("u"), k + 1
        if i < len(cells) and (m := t.UNIT_CELL.fullmatch(cells[i].squashed)):
            unit, i = m.group("u"), i + 1
        if i >= len(cells) or fund_source(_split_labelled(cells[i])[0].squashed) is False:
            continue
        unit = unit or _unit_before(doc, marker.start)
        scope, rows, misses = scope_of(marker.start), [], 0
        while i < len(cells) and misses < FUNDS_MISSES and _is_funds_label(cells[i]):
            label, value = _split_labelled(cells[i])
            if value is None and i + 1 < len(cells) and t.cell_kind(cells[i + 1].text) == t.NUMBER:
                value, i = cells[i + 1], i + 1
            i += 1
            source = fund_source(label.squashed)
            nature = _cfg()["funds_natures"].fullmatch(label.squashed)
            if value is None or (source is False and nature is None):
                misses += 1
                continue
            misses = 0
            row_scope, source = (nature.group("s"), None) if nature else (scope, source)
            rows += _rows(doc, label, source, {"budget": value}, unit, row_scope)
        if rows:
            yield rows, (marker.start, marker.end)


FUNDS_MISSES = 3  # cells in a row that are no fund row (按收入性质分, 其他资金:): the block ended
_LABELLED_NUMBER = regex.compile(r"(?P<l>[^:\d]{2,24}?)\s*[:]\s*(?P<n>[\d,]+(?:\.\d+)?)")


def _is_funds_label(cell: Cell) -> bool:
    return len(cell.squashed) <= 30 and t.cell_kind(cell.text) not in (t.NUMBER, t.HEADER)


def _split_labelled(cell: Cell) -> tuple[Cell, Cell | None]:
    """A cell holding a label and its number (资金总额:704) as two cells, else (cell, None)."""
    m = _LABELLED_NUMBER.fullmatch(cell.text)
    if m is None:
        return cell, None
    (ls, le), (ns, ne) = m.span("l"), m.span("n")
    return (
        Cell(m.group("l"), cell.start + ls, cell.start + le, cell.line, cell.first),
        Cell(m.group("n"), cell.start + ns, cell.start + ne, cell.line, False),
    )


def _unit_before(doc: Document, at: int) -> str | None:
    """The unit last declared before a block with none of its own (单位:万元 over the page)."""
    text = doc.text[max(0, at - _cfg()["unit_reach"]) : at]
    found = [(m.start(), m.group("u")) for p in _cfg()["units"] for m in p.finditer(text)]
    return max(found)[1] if found else None


def _rows(doc: Document, label: Cell, source, got: dict[str, Cell], unit, scope) -> list[dict]:
    items = _cfg()["items"]
    out: list[dict[str, Any]] = []
    rate: dict[str, Any] | None = None
    for col, cell in got.items():
        if t.cell_kind(cell.text) == t.EMPTY:
            continue
        n = number(cell)
        if n is None:
            continue
        if col in ("rate", "weight", "score"):
            rate = rate or {
                "scope": scope, "item": items["rate"], "fund_source": source,
                "amount_yuan": None, "rate_pct": None, "unit": "%", "raw": None, "as_of": None,
                "label": label.text, "span": None, "field_spans": {},
            }  # fmt: skip
            span = doc.span(cell.start, cell.end)
            if col == "rate":
                rate.update(rate_pct=as_number(n), raw=cell.text, span=span)
            elif source is None:
                rate[col] = as_number(n)
                rate["field_spans"][col] = span
                rate["span"] = rate["span"] or span
            continue
        value_unit = "万元" if cell.squashed.endswith("万元") else unit
        yuan = to_yuan(n, value_unit) if value_unit else None
        out.append({
            "scope": scope, "item": items[col], "fund_source": source,
            "amount_yuan": float(yuan) if yuan is not None else None, "rate_pct": None,
            "unit": value_unit, "raw": cell.text, "as_of": None, "label": label.text,
            "span": doc.span(cell.start, cell.end),
        })  # fmt: skip
    if rate is not None and rate["span"] is not None:
        out.append(rate)
    return out
