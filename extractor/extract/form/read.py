"""Every form of a document, read from one cell stream: text and real tables alike.

A real table's cells come from its grid (``stream``), text is cut into cells by its separators;
the same header search and alignment read both. Rows whose cells ran together with nothing
between them (``数量指标完成面积10≥12300亩…``) are cut into cells by ``runon``; a budget header
run together into one cell is cut by ``budget_runon``.
"""

from __future__ import annotations

from typing import Any

from ...model import Document
from .. import register
from ..labels import project_before
from .budget import read_text_budgets
from .budget_runon import header_ranges
from .coverage import form_gap
from .grid_unit import fill_table_units
from .header import RUBRIC
from .indicators import read_text_forms
from .runon import read_runon_forms
from .stream import form_cells
from .totals import totals_row


def table_ranges(doc: Document) -> list[tuple[int, int]]:
    """Where the document's tables are — real ones and runs of pipe rows: prose reading leaves
    them to the form reader (and the forms it read, ``form_ranges``)."""
    out: list[tuple[int, int]] = list(doc.memo.get("runon_ranges", []))
    for b in doc.blocks:
        if b.kind == "table":
            out.append((b.start, b.end))
            continue
        pos, run = b.start, None
        for line in doc.text[b.start : b.end].split("\n"):
            if line.count("|") >= 2:
                run = (run[0] if run else pos, pos + len(line))
            elif run:
                out.append(run)
                run = None
            pos += len(line) + 1
        if run:
            out.append(run)
    return sorted(out)


def indicator_forms(doc: Document) -> list[dict[str, Any]]:
    """One entry per form: ``indicators``, ``totals`` (总分/等级) and ``project``."""
    out: list[dict[str, Any]] = []
    forms = read_text_forms(doc, 0, len(doc.text))
    # Run-on forms (cells with nothing between them), where the cell stream found no form.
    runon = read_runon_forms(doc, 0, len(doc.text))
    forms += [f for f in runon if not any(_overlap(f, g) for g in forms)]
    for form in forms:
        at = form["start"] if form["start"] is not None else form["header_span"][0]
        project = project_before(doc, at)
        for ind in form["indicators"]:
            ind["project"] = project
        totals = totals_row(doc, form["closing"]) if form["closing"] else {}
        out.append({"indicators": form["indicators"], "totals": totals, "project": project})
        # The block the form covers: prose reading leaves it alone, but for a scoring rubric's,
        # whose 指标说明 cells are prose (年初结余6.4万元 …).
        ends = [form["header_span"][1]] + [i["span"]["end"] for i in form["indicators"]]
        if not _rubric(form):
            doc.memo.setdefault("form_ranges", []).append((form["header_span"][0], max(ends)))
        if form.get("runon"):  # prose leaves the paragraph a run-on form starts in
            doc.memo["form_ranges"].append((form["paragraph_start"], max(ends)))
            doc.memo.setdefault("runon_ranges", []).append((form["header_span"][0], max(ends)))
        gap = form_gap(doc, form)
        if gap:
            doc.memo.setdefault("form_coverage", []).append(gap)
    # A budget header run together (年初预算数全年预算数…): its paragraph is a form's, not prose.
    doc.memo.setdefault("form_ranges", []).extend(header_ranges(form_cells(doc)))
    return out


def _rubric(form: dict[str, Any]) -> bool:
    header = form.get("header")
    return header is not None and any(c in header.columns for c in RUBRIC)


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    ends = [i["span"]["end"] for i in b["indicators"]] or [b["header_span"][1]]
    return a["header_span"][0] < max(ends) and b["header_span"][0] < a["header_span"][1] + 1


def budget_forms(doc: Document) -> list[dict[str, Any]]:
    """Budget rows of every form's budget block (年度资金总额 × 预算数/执行数/执行率)."""

    def scope_of(pos: int) -> str:
        return project_before(doc, pos) or "部门整体"

    out, _ = read_text_budgets(doc, 0, len(doc.text), scope_of)
    fill_table_units(doc, out)
    return out


@register("form_coverage")
def form_coverage(doc: Document, result: dict[str, Any]) -> list[dict[str, Any]]:
    """Forms with values the reader placed in no row (see ``coverage``)."""
    return doc.memo.get("form_coverage", [])
