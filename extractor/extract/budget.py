"""Budget figures: 预算数, 到位资金, 执行数, 到位率, 执行率, breakdowns, 追加资金.

Figures written in prose are read by ``budget_prose``; budget forms (real tables, text forms) by
the form reader (``form.read``). A form's rows are not read again as prose.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from ..model import Document
from . import register
from .budget_pairs import labelled_amounts
from .budget_prose import rate_score_mentions, read_prose
from .form.budget_line_tables import read_line_tables
from .form.budget_shares import read_share_tables
from .form.page_unit import page_unit
from .form.read import budget_forms, table_ranges
from .form.stream import form_cells


@register("budget")
def extract_budget(doc: Document, result: dict[str, Any]) -> list[dict[str, Any]]:
    read = [(i["span"]["start"], i["span"]["end"]) for i in result.get("indicators", [])]
    # A project report's figures are the project's unless a sentence names another scope.
    default_scope = result.get("report", {}).get("project_name") or "部门整体"
    # The forms' rows first: their cells are not read again as prose.
    form_rows = budget_forms(doc)
    read += [(r["span"]["start"], r["span"]["end"]) for r in form_rows if r.get("span")]
    form_rows += _summary_tables(doc, default_scope, read)
    skip = read + table_ranges(doc)
    skip += [(r["span"]["start"], r["span"]["end"]) for r in form_rows if r.get("span")]
    out = read_prose(doc, default_scope, skip)
    rate_score_mentions(doc, out, default_scope)
    out.extend(form_rows)
    return out


# A table's unit may be flattened to the right of its header (… 行次 金额 … 金额单位:元).
UNIT_AHEAD = 600


def _summary_tables(
    doc: Document, scope: str, taken: list[tuple[int, int]]
) -> list[dict[str, Any]]:
    """Figures the form reader leaves: label (unit) | value pairs, 行次 tables, 金额/占比 tables;
    a figure already read at ``taken`` is not read twice."""
    cells = form_cells(doc)
    rows = labelled_amounts(doc, scope, taken)
    rows += read_line_tables(doc, cells, partial(page_unit, doc, ahead=UNIT_AHEAD), lambda _: scope)
    rows += read_share_tables(doc, cells, partial(page_unit, doc), lambda _: scope)
    return [
        r for r in rows
        if not any(s < r["span"]["end"] and r["span"]["start"] < e for s, e in taken)
    ]  # fmt: skip
