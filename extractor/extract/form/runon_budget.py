"""The budget block of a run-on form (年初预算数 全年预算数 全年执行数 分值 执行率 得分 run together),
its rows split by ``runon``: a row per funding source (年度资金总额, 其中:财政拨款, 上年结转, 其他资金), amounts in the
unit the form declares, the execution rate's weight and score on the total row."""

from __future__ import annotations

from typing import Any

from ...model import Document
from ...numbers import as_number, parse_decimal, to_yuan
from ..labels import project_before
from .columns import (
    align_typed,
    find_header,
    form_config,
    header_map,
    is_number_cell,
    squash,
)
from .slots import RowGroup, Slot


def declared_unit(doc: Document, group: RowGroup, header: list[Slot]) -> str | None:
    """The money unit a table declares: in its header cells, else just above it."""
    cfg = form_config()
    texts = [s.text for s in header] + [s.text for row in group.rows[:3] for s in row]
    # A narrow label column wraps "项目资金(万" / "元)" into the rows below it.
    texts.append("".join(row[0].text for row in group.rows[:6] if row))
    before = doc.text[max(0, group.start - 120) : group.start]
    for text in [*texts, before]:
        for p in cfg["units"]:
            m = p.search(text)
            if m:
                return m.group("u")
    return None


def read_runon_budget(doc: Document, group: RowGroup, project: str | None) -> list[dict]:
    cfg = form_config()
    rows = group.rows
    h, hm = find_header(rows, cfg["bud"], set())
    if h is None or not ({"budget", "executed", "budget_initial"} & set(hm.values())):
        return []
    header = rows[h]
    project = project_before(doc, header[0].start) or project
    unit = declared_unit(doc, group, header)
    scope = project or "部门整体"
    out = []
    for row in rows[h + 1 :]:
        cells = [s for s in row if s.text and not is_number_cell(s.text)]
        if not cells:
            continue
        # The row's label is its first cell that names a funding row (a wrapped fragment of the
        # column label, "元)", may stand before it).
        label = next((c for c in cells if _fund_source(c.text) is not False), None)
        if label is None:
            if header_map(row, cfg["ind"]):
                break  # the indicator block starts
            continue
        fund_source = _fund_source(label.text)
        values = [s for s in row[row.index(label) + 1 :] if s.text]
        # The label, then the values in column order, by type.
        slots = align_typed(values, [hm[i] for i in sorted(hm)])
        rate_row: dict[str, Any] | None = None
        for field, slot in slots.items():
            if not slot.text:
                continue
            number = parse_decimal(slot.text.rstrip("%分"))
            if number is None:
                continue
            item = cfg["items"][field]
            if field in ("weight", "score"):
                if fund_source is None:
                    rate_row = rate_row or _rate_row(doc, scope, None)
                    rate_row[field] = as_number(number)
                    rate_row["field_spans"][field] = doc.span(slot.start, slot.end)
                    # Until the rate cell is seen, the row's evidence is this cell.
                    rate_row["span"] = rate_row["span"] or doc.span(slot.start, slot.end)
                continue
            if field == "rate":
                rate_row = rate_row or _rate_row(doc, scope, fund_source)
                rate_row.update(rate_pct=as_number(number), raw=slot.text, unit="%",
                                span=doc.span(slot.start, slot.end))  # fmt: skip
                continue
            yuan = to_yuan(number, unit) if unit else None
            out.append({
                "scope": scope, "item": item, "fund_source": fund_source,
                "amount_yuan": float(yuan) if yuan is not None else None, "rate_pct": None,
                "unit": unit, "raw": slot.text, "as_of": None, "label": label.text,
                "span": doc.span(slot.start, slot.end),
            })  # fmt: skip
        if rate_row is not None:
            out.append(rate_row)
    return out


def _rate_row(doc: Document, scope: str, fund_source: str | None) -> dict[str, Any]:
    return {
        "scope": scope, "item": "预算执行率", "fund_source": fund_source, "amount_yuan": None,
        "rate_pct": None, "unit": "%", "raw": None, "as_of": None, "label": None, "span": None,
        "field_spans": {},
    }  # fmt: skip


def _fund_source(label: str) -> str | None | bool:
    """The fund_source a budget row is about: None for the total row, False if not a budget row."""
    t = squash(label)
    for field, pats in form_config()["rows"]:
        if any(p.search(t) for p in pats):
            return None if field == "total" else field
    return False
