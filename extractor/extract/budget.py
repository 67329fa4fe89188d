"""Budget figures: 预算数, 到位资金, 执行数, 到位率, 执行率, breakdowns, 追加资金.

Figures written in prose are read by ``budget_prose``; budget forms (real tables, text forms) by
the form reader (``form.read``). A form's rows are not read again as prose.
"""

from __future__ import annotations

from typing import Any

from ..model import Document
from . import register
from .budget_pairs import labelled_amounts
from .budget_prose import rate_score_mentions, read_prose
from .form.read import budget_forms, table_ranges


@register("budget")
def extract_budget(doc: Document, result: dict[str, Any]) -> list[dict[str, Any]]:
    skip = [(i["span"]["start"], i["span"]["end"]) for i in result.get("indicators", [])]
    skip += table_ranges(doc)
    # A project report's figures are the project's unless a sentence names another scope.
    default_scope = result.get("report", {}).get("project_name") or "部门整体"
    # The forms' rows first: their cells are not read again as prose.
    form_rows = budget_forms(doc)
    skip += [(r["span"]["start"], r["span"]["end"]) for r in form_rows if r.get("span")]
    form_rows += labelled_amounts(doc, default_scope, skip)
    skip += [(r["span"]["start"], r["span"]["end"]) for r in form_rows if r.get("span")]
    out = read_prose(doc, default_scope, skip)
    rate_score_mentions(doc, out, default_scope)
    out.extend(form_rows)
    return out
