"""Every indicator form of a document: grids by the grid reader, text by the cell-stream reader.

Rows whose cells ran together with nothing between them (``数量指标完成面积10≥12300亩…``) are
not split by the cell stream yet: where it finds no header, the older row reader still reads.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ... import patterns
from ...model import Document
from .. import register
from ..budget_form import read_budget_group
from ..forms import _totals_row, read_indicator_group
from ..labels import project_before
from . import types as t
from .budget import read_text_budgets
from .coverage import form_gap
from .indicators import read_text_forms
from .runon import read_runon_forms  # run-on forms


def text_ranges(doc: Document) -> list[tuple[int, int]]:
    """The stretches of the document outside real tables (those have their grid)."""
    out, pos = [], 0
    for b in doc.blocks:
        if b.kind == "table":
            if b.start > pos:
                out.append((pos, b.start))
            pos = b.end
    if pos < len(doc.text):
        out.append((pos, len(doc.text)))
    return out


def indicator_forms(doc: Document, groups) -> list[dict[str, Any]]:
    """One entry per form: ``indicators``, ``totals`` (总分/等级) and ``project``."""
    out: list[dict[str, Any]] = []
    read: list[tuple[int, int]] = []
    for start, end in text_ranges(doc):
        forms = read_text_forms(doc, start, end)
        # run-on forms: cells with nothing between them, where the cell stream found no form
        runon = read_runon_forms(doc, start, end)
        forms += [f for f in runon if not any(_overlap(f, g) for g in forms)]
        for form in forms:
            at = form["start"] if form["start"] is not None else start
            project = project_before(doc, at)
            for ind in form["indicators"]:
                ind["project"] = project
            totals = _totals_row(doc, form["closing"]) if form["closing"] else {}
            out.append({"indicators": form["indicators"], "totals": totals, "project": project})
            read.append(form["header_span"])
            # The block the form covers: prose reading leaves it alone.
            ends = [form["header_span"][1]] + [i["span"]["end"] for i in form["indicators"]]
            doc.memo.setdefault("form_ranges", []).append((form["header_span"][0], max(ends)))
            if form.get("runon"):  # run-on forms: the older row reader leaves all of it alone,
                read.append((form["header_span"][0], max(ends)))  # and prose the paragraph
                doc.memo["form_ranges"].append((form["paragraph_start"], max(ends)))
            gap = form_gap(doc, form)
            if gap:
                doc.memo.setdefault("form_coverage", []).append(gap)
    for group in groups:
        is_grid = doc.blocks[group.block_index].kind == "table"
        if is_grid or not any(s < group.end and e > group.start for s, e in read):
            found = read_indicator_group(doc, group, project_before(doc, group.start + 1))
            if not is_grid:
                found["indicators"] = [i for i in found["indicators"] if _plain_name(i["name"])]
            out.append(found)
    return out


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:  # run-on forms
    ends = [i["span"]["end"] for i in b["indicators"]] or [b["header_span"][1]]
    return a["header_span"][0] < max(ends) and b["header_span"][0] < a["header_span"][1] + 1


NAME_MAX = 40  # an indicator's name is a phrase


def _plain_name(name: str) -> bool:
    """A name the run-on fallback may give: a phrase, not a header or a paragraph run into it."""
    if len(name) > NAME_MAX or "\n" in name:
        return False
    return not any(t.header_field(w) for w in _header_words() if w in name)


@cache
def _header_words() -> tuple[str, ...]:
    return tuple(patterns.load("forms")["flat"]["header_words"])


def budget_forms(doc: Document, groups) -> list[dict[str, Any]]:
    """Budget rows of every form's budget block (年度资金总额 × 预算数/执行数/执行率)."""
    out: list[dict[str, Any]] = []
    read: list[tuple[int, int]] = []

    def scope_of(pos: int) -> str:
        return project_before(doc, pos) or "部门整体"

    for start, end in text_ranges(doc):
        rows, spans = read_text_budgets(doc, start, end, scope_of)
        out += rows
        read += [span for span, _ in spans]
    for group in groups:
        is_grid = doc.blocks[group.block_index].kind == "table"
        if is_grid or not any(group.start <= s < group.end for s, _ in read):
            out.extend(read_budget_group(doc, group, project_before(doc, group.start + 1)))
    return out


@register("form_coverage")
def form_coverage(doc: Document, result: dict[str, Any]) -> list[dict[str, Any]]:
    """Text forms with values the reader placed in no row (see ``coverage``)."""
    return doc.memo.get("form_coverage", [])
