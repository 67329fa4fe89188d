"""The standard forms — the 自评表's indicator and budget blocks, the 监控表 — read by column logic.

A header row names the columns (``patterns/forms.toml``); data rows below are read by the
column each cell sits in. Label columns (一级/二级指标) are filled down under merged cells,
number columns never are. A flattened row with fewer cells than the header is aligned by type:
merged label cells at the front are the ones that went missing.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import regex

from .. import patterns
from ..model import Document
from ..numbers import as_number, parse_decimal
from .labels import project_before
from .rows import RowGroup, Slot
from .values import parse_whole

LABEL_FIELDS = ("level1", "level2")
NUMBER_FIELDS = ("weight", "score")
MONEY_FIELDS = ("budget_initial", "budget", "executed", "expected")


@cache
def form_config() -> dict[str, Any]:
    cfg = patterns.load("forms")

    def comp(table: dict[str, list[str]]) -> tuple[tuple[str, tuple[regex.Pattern, ...]], ...]:
        # Tuples, so that classify_header can cache by (text, families).
        return tuple((f, tuple(regex.compile(p) for p in pats)) for f, pats in table.items())

    return {
        "ind": comp(cfg["indicator_columns"]),
        "bud": comp(cfg["budget_columns"]),
        "rows": comp(cfg["budget_rows"]),
        "end": [regex.compile(p) for p in cfg["indicator_end"]["rows"]],
        "units": [regex.compile(p) for p in cfg["units"]["declared"]],
        "weight_in_label": [regex.compile(p) for p in cfg["weights"]["in_label"]],
        "items": cfg["budget_items"],
        "grade_labels": cfg["grade"]["labels"],
        "grade_values": cfg["grade"]["values"],
        "natures": cfg["natures"],
    }


_SPACE = regex.compile(r"\s+")


def squash(text: str) -> str:
    return _SPACE.sub("", text)


@lru_cache(maxsize=8192)
def classify_header(text: str, families) -> str | None:
    """The column a header cell names (``年度指标值`` → target), or None."""
    if len(text) > 40:
        return None  # a header cell is a few words, never a paragraph
    t = squash(text)
    for field, pats in families:
        if any(p.search(t) for p in pats):
            return field
    return None


@cache
def all_families():
    """Indicator and budget column families together (执行率 is a budget column only)."""
    merged: dict[str, list] = {}
    for field, pats in form_config()["ind"] + form_config()["bud"]:
        merged.setdefault(field, []).extend(pats)
    return tuple((field, tuple(pats)) for field, pats in merged.items())


def header_map(row: list[Slot], families) -> dict[int, str]:
    """Column (position in the row) → field, for the cells that name a known column."""
    out: dict[int, str] = {}
    for i, slot in enumerate(row):
        field = classify_header(slot.text, families)
        if field and field not in out.values():
            out[i] = field
    return out


def find_header(rows: list[list[Slot]], families, required: set[str], start: int = 0):
    for r in range(start, len(rows)):
        hm = header_map(rows[r], families)
        if len(hm) >= 3 and required <= set(hm.values()):
            return r, hm
    return None, None


def is_number_cell(text: str) -> bool:
    return regex.fullmatch(r"\d+(?:\.\d+)?\s*分?", text.strip()) is not None


def align(row: list[Slot], header: list[Slot], hm: dict[int, str], by_grid: bool):
    """field → Slot for one data row: by grid column, or (flattened rows) by cell type."""
    fields = [hm.get(i) for i in range(len(header))]
    if by_grid and same_grid(row, header):
        col_field = {header[i].col: f for i, f in enumerate(fields) if f}
        return {col_field[s.col]: s for s in row if s.col in col_field}
    return align_typed([s for s in row if s.text], [f for f in fields if f])


def same_grid(row: list[Slot], header: list[Slot]) -> bool:
    """Whether a row's cells sit on the header's grid (not on a continuation's other grid)."""
    return not row or not header or row[0].table_width == header[0].table_width


def level_kind(text: str) -> str | None:
    """``level1``/``level2`` when a cell is a level label ("产出指标(50分)", "数量指标")."""
    label = _level_label(text)[0]
    levels = _levels()
    return levels.get(label)


@cache
def _levels() -> dict[str, str]:
    ind = patterns.load("indicators")
    out = {w: "level1" for ws in ind["level1"].values() for w in ws}
    out.update({w: "level2" for d in ind["level2"].values() for w in d["words"]})
    return out


def cell_fits(field: str, text: str) -> bool:
    """Whether a flattened cell can be the value of ``field`` (an empty mark fits any number)."""
    empty = text in patterns.load("forms")["flat"]["empty"]
    if field in NUMBER_FIELDS or field in MONEY_FIELDS:
        return empty or regex.fullmatch(r"[\d,]+(?:\.\d+)?\s*分?", text) is not None
    if field == "rate":
        return empty or text.endswith("%")
    if field == "nature":
        return text in form_config()["natures"]
    if field == "unit":
        # 万元, 人次, 平方米, %: short, no digits, and not a worded value (显著提高).
        worded = patterns.load("forms")["flat"]["qualitative"]
        return len(text) <= 3 and not regex.search(r"\d", text) and text not in worded
    return True


def align_typed(cells: list[Slot], fields: list[str]) -> dict[str, Slot]:
    """Cells of a flattened row to fields, in column order, skipping columns left empty.

    Merged label cells are written once, so a row may start with its name; number columns take
    only numbers (or an empty mark), so a missing 分值 does not shift 得分 into its place.
    """
    out: dict[str, Slot] = {}
    k = 0
    while k < len(cells) and k < 2 and (kind := level_kind(cells[k].text)) in fields:
        out[kind] = cells[k]
        k += 1
    rest = [f for f in fields if f not in ("level1", "level2")]
    for f in rest:
        if k >= len(cells):
            break
        if f == "name" or cell_fits(f, cells[k].text):
            out[f] = cells[k]
            k += 1
    return out


def _level_label(text: str) -> tuple[str, float | None]:
    for p in form_config()["weight_in_label"]:
        m = p.search(text)
        if m:
            return text[: m.start()].strip(), float(m.group("w"))
    return text.strip(), None


def _value_field(doc: Document, slot: Slot) -> tuple[Any, Any]:
    """(number, Value) of a cell that holds one value and nothing else."""
    v = parse_whole(slot.text, slot.start)
    if v and v.number is not None:
        return as_number(v.number), v
    return None, None


def read_indicator_group(doc: Document, group: RowGroup, project: str | None) -> dict[str, Any]:
    """Indicators (and the 总分/等级 rows) of one table."""
    cfg = form_config()
    rows, out, totals = group.rows, [], {}
    h, hm = find_header(rows, cfg["ind"], {"name", "target"})
    if h is None:
        h, hm = find_header(rows, cfg["ind"], {"level2", "target"})
    if h is None:
        return {"indicators": [], "totals": {}, "project": project}
    header = rows[h]
    project = project_before(doc, header[0].start) or project
    by_grid = group_is_grid(group)
    level1 = level2 = None
    level1_weight = None
    raw_levels: dict[str, str] = {"level1": "", "level2": ""}
    ended = False
    for row in rows[h + 1 :]:
        cells = [s for s in row if s.text]
        if not cells:
            continue
        if any(p.search(squash(cells[0].text)) for p in cfg["end"]):
            totals.update(_totals_row(doc, cells))
            ended = True
            continue
        if ended:
            continue  # sign-off lines under the form are not indicators
        if header_map(row, cfg["ind"]) and len(header_map(row, cfg["ind"])) >= 3:
            continue  # a repeated header (table continued on the next page)
        slots = align(row, header, hm, by_grid)
        for key in ("level1", "level2"):
            if key not in slots or not slots[key].text:
                continue
            text = slots[key].text
            # A merged label cell broken across the page: "效益指标(30" / "分)" is one label.
            if raw_levels[key] and level_kind(text) is None and level_kind(raw_levels[key] + text):
                text = raw_levels[key] + text
                fixed = _level_label(text)[0]
                for ind in out:
                    if ind[key] == _level_label(raw_levels[key])[0]:
                        ind[key] = fixed
                        if key == "level1":
                            ind["level1_weight"] = _level_label(text)[1]
            raw_levels[key] = text
            if key == "level1":
                level1, level1_weight = _level_label(text)
            else:
                level2 = _level_label(text)[0]
        name = slots.get("name")
        # A name cell merged down from the row above is a two-row header (偏差原因 split into
        # 经费保障 | 制度保障 …) or a continuation, never a new indicator.
        if name is None or not name.text or not name.top or is_number_cell(name.text):
            continue
        if out and _rest_of_a_split_row(row, name):
            _extend_name(doc, out[-1], name)  # "项目总成" / (next page) "本"
            continue
        out.append(_indicator(doc, slots, level1, level2, level1_weight, project, row))
    return {"indicators": out, "totals": totals, "project": project}


def _rest_of_a_split_row(row: list[Slot], name: Slot) -> bool:
    """A row broken across a page leaves its wrapped cells' last lines alone on the next page:
    a "row" whose only text is a short name with no level, value, weight or score."""
    others = [s for s in row if s.text and s is not name]
    return not others and len(name.text) <= 4


def _extend_name(doc: Document, ind: dict[str, Any], rest: Slot) -> None:
    ind["name"] += rest.text
    ind["span"] = doc.span(ind["span"]["start"], max(ind["span"]["end"], rest.end))


def group_is_grid(group: RowGroup) -> bool:
    """Whether cells are read by their column (tables, pipe rows) or by their type."""
    return group.positional


def _indicator(doc, slots, level1, level2, level1_weight, project, row) -> dict[str, Any]:
    ind: dict[str, Any] = {
        "level1": level1,
        "level2": level2,
        "name": slots["name"].text,
        "unit": None,
        "comparator": None,
        "target_raw": None,
        "target": None,
        "actual_raw": None,
        "actual": None,
        "stated_rate_raw": None,
        "stated_rate_pct": None,
        "weight": None,
        "score": None,
        "deviation_reason": None,
        "project": project,
        "level1_weight": level1_weight,
        "field_spans": {},
    }
    for field, slot in slots.items():
        if field in ("level1", "level2", "name") or not slot.text or not slot.top:
            continue
        ind["field_spans"][field] = doc.span(slot.start, slot.end)
        number, value = _value_field(doc, slot)
        if field == "target":
            ind["target_raw"], ind["target"] = slot.text, number
            if value:
                ind["comparator"] = value.comparator
                ind["unit"] = ind["unit"] or value.unit
        elif field in ("actual", "expected"):
            ind[f"{field}_raw"], ind[field] = slot.text, number
            if value and not ind["unit"]:
                ind["unit"] = value.unit
        elif field == "rate":
            ind["stated_rate_raw"] = slot.text
            ind["stated_rate_pct"] = number if value and value.unit == "%" else None
        elif field in NUMBER_FIELDS:
            n = parse_decimal(slot.text.rstrip("分"))
            ind[field] = as_number(n)
        elif field == "unit":
            ind["unit"] = slot.text
        elif field == "deviation":
            ind["deviation_reason"] = slot.text
        else:  # nature, likelihood
            ind[field] = slot.text
    # 指标性质 正向/反向 states the direction where the target cell has no comparator.
    if ind["comparator"] is None and ind.get("nature"):
        ind["comparator"] = form_config()["natures"].get(ind["nature"]) or None
    top = [s for s in row if s.text and s.top] or [s for s in row if s.text]
    ind["span"] = doc.span(top[0].start, top[-1].end)
    return ind


def _totals_row(doc: Document, cells: list[Slot]) -> dict[str, Any]:
    """总分 100 92 / 评价等级 优: numbers after the label, the grade word."""
    cfg = form_config()
    label = squash(cells[0].text)
    out: dict[str, Any] = {}
    if any(label.startswith(g) for g in cfg["grade_labels"]):
        for s in cells[1:]:
            if s.text in cfg["grade_values"]:
                out["grade"] = (s.text, doc.span(s.start, s.end))
                break
        return out
    numbers = [s for s in cells[1:] if is_number_cell(s.text)]
    if numbers:
        # The last number in a 总分 row is the score; one before it, the total weight.
        last = numbers[-1]
        out["total_score"] = (
            as_number(parse_decimal(last.text.rstrip("分"))),
            doc.span(last.start, last.end),
        )
        if len(numbers) >= 2:
            w = numbers[-2]
            out["total_weight"] = (
                as_number(parse_decimal(w.text.rstrip("分"))),
                doc.span(w.start, w.end),
            )
    grade_in_cell = [patterns.compiled(p) for p in patterns.load("report")["grade"]["patterns"]]
    for s in cells[1:]:
        if s.text in cfg["grade_values"]:
            out["grade"] = (s.text, doc.span(s.start, s.end))
        for p in grade_in_cell:  # "自评等级:优" in the 总分 row
            m = p.search(s.text)
            if m:
                start = s.start + m.start("value")
                out["grade"] = (m.group("value"), doc.span(start, start + len(m.group("value"))))
    return out
