"""Every form of a document, read from one cell stream: text and real tables alike.

A real table's cells come from its grid (``stream``), text is cut into cells by its separators;
the same header search and alignment read both. Rows whose cells ran together with nothing
between them (``数量指标完成面积10≥12300亩…``) are not split by the cell stream yet: where it
finds no header, ``runon_rows`` still reads them (the lines marked RUN-ON FALLBACK).
"""

from __future__ import annotations

from typing import Any

from ...model import Document
from .. import register
from ..labels import project_before
from .budget import read_text_budgets
from .coverage import form_gap
from .grid_unit import fill_table_units
from .header import RUBRIC
from .indicators import read_text_forms
from .runon import read_runon_forms
from .runon_rows import runon_budget_rows, runon_indicator_forms, runon_ranges  # RUN-ON FALLBACK
from .totals import totals_row


def table_ranges(doc: Document) -> list[tuple[int, int]]:
    """Where the document's tables are — real ones, run-on forms and runs of pipe rows: prose
    reading leaves them to the form reader."""
    out = runon_ranges(doc)  # RUN-ON FALLBACK
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
    read: list[tuple[int, int]] = []
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
        read.append(form["header_span"])
        # The block the form covers: prose reading leaves it alone, but for a scoring rubric's,
        # whose 指标说明 cells are prose (年初结余6.4万元 …).
        ends = [form["header_span"][1]] + [i["span"]["end"] for i in form["indicators"]]
        if not _rubric(form):
            doc.memo.setdefault("form_ranges", []).append((form["header_span"][0], max(ends)))
        if form.get("runon"):  # the older row reader leaves all of it alone, prose its paragraph
            read.append((form["header_span"][0], max(ends)))
            doc.memo["form_ranges"].append((form["paragraph_start"], max(ends)))
        gap = form_gap(doc, form)
        if gap:
            doc.memo.setdefault("form_coverage", []).append(gap)
    out += runon_indicator_forms(doc, read)  # RUN-ON FALLBACK
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

    out, spans = read_text_budgets(doc, 0, len(doc.text), scope_of)
    fill_table_units(doc, out)
    out += runon_budget_rows(doc, [span for span, _ in spans])  # RUN-ON FALLBACK
    return out


@register("form_coverage")
def form_coverage(doc: Document, result: dict[str, Any]) -> list[dict[str, Any]]:
    """Forms with values the reader placed in no row (see ``coverage``)."""
    return doc.memo.get("form_coverage", [])
