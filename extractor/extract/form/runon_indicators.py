"""Indicator rows of a run-on form, split into cells by ``runon`` and aligned to the header by type.

Level labels are written once and filled down; the 总分/等级 rows close the form.
"""

from __future__ import annotations

from typing import Any

from ...model import Document
from ...numbers import as_number, parse_decimal
from ..labels import project_before
from ..values import parse_whole
from .columns import (
    NUMBER_FIELDS,
    align,
    find_header,
    form_config,
    header_map,
    is_number_cell,
    label_and_weight,
    level_kind,
    squash,
)
from .slots import RowGroup, Slot
from .totals import totals_row


def _value_field(doc: Document, slot: Slot) -> tuple[Any, Any]:
    """(number, Value) of a cell that holds one value and nothing else."""
    v = parse_whole(slot.text, slot.start)
    if v and v.number is not None:
        return as_number(v.number), v
    return None, None


def read_runon_indicators(doc: Document, group: RowGroup, project: str | None) -> dict[str, Any]:
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
    level1 = level2 = None
    level1_weight = None
    raw_levels: dict[str, str] = {"level1": "", "level2": ""}
    ended = False
    for row in rows[h + 1 :]:
        cells = [s for s in row if s.text]
        if not cells:
            continue
        if any(p.search(squash(cells[0].text)) for p in cfg["end"]):
            totals.update(totals_row(doc, cells))
            ended = True
            continue
        if ended:
            continue  # sign-off lines under the form are not indicators
        if header_map(row, cfg["ind"]) and len(header_map(row, cfg["ind"])) >= 3:
            continue  # a repeated header (table continued on the next page)
        slots = align(row, header, hm)
        for key in ("level1", "level2"):
            if key not in slots or not slots[key].text:
                continue
            text = slots[key].text
            # A merged label cell broken across the page: "效益指标(30" / "分)" is one label.
            if raw_levels[key] and level_kind(text) is None and level_kind(raw_levels[key] + text):
                text = raw_levels[key] + text
                fixed = label_and_weight(text)[0]
                for ind in out:
                    if ind[key] == label_and_weight(raw_levels[key])[0]:
                        ind[key] = fixed
                        if key == "level1":
                            ind["level1_weight"] = label_and_weight(text)[1]
            raw_levels[key] = text
            if key == "level1":
                level1, level1_weight = label_and_weight(text)
            else:
                level2 = label_and_weight(text)[0]
        name = slots.get("name")
        # A name cell merged down from the row above is a two-row header (偏差原因 split into
        # 经费保障 | 制度保障 …) or a continuation, never a new indicator.
        if name is None or not name.text or is_number_cell(name.text):
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
        if field in ("level1", "level2", "name") or not slot.text:
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
    cells = [s for s in row if s.text]
    ind["span"] = doc.span(cells[0].start, cells[-1].end)
    return ind
