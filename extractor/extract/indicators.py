"""Performance indicators written as prose statements.

``指标 1:全年开展科普工作次数(次),预期指标值: ≥ 12 次,实际完成值 8 次,指标完成率 66%;``
The statement's name runs up to the first field label; each field runs to the next label or
clause end. Level-1/level-2 come from the headings above (``1、产出情况`` · ``①数量指标:``).
Tables (the 自评表 form) are read by ``indicator_tables``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from .. import patterns
from ..literal_scan import Occurrences, in_document
from ..model import Document
from ..numbers import as_number
from . import register
from .form.read import indicator_forms, table_ranges
from .indicator_prose import ProseReader, names_a_level
from .values import parse_whole

FIELDS = ("target", "actual", "forecast", "rate", "score", "weight", "deviation")
HEADING_MAX = 30  # a heading is short; a longer paragraph mentioning 产出 is prose


@cache
def _grammar():
    cfg = patterns.load("indicators")
    label_field = {lab: f for f in FIELDS for lab in cfg["fields"].get(f, [])}
    g = {
        "start": patterns.compiled("|".join(cfg["statement"]["starts"])),
        "lead": patterns.compiled("|".join(cfg["statement"]["lead"])),
        # A field's value: after its label, a colon, a line break or a copula, to the clause end.
        "value": patterns.compiled(
            rf"[ :]*\n?[ :]*(?:{patterns.alternation(cfg['copula']['words'])})?[ :]*"
            r"(?P<v>[^,;。;\n]*)"
        ),
        "label": patterns.compiled(rf"(?:{patterns.alternation(label_field)})"),
        "label_field": label_field,
        "level1": {w: l1 for l1, words in cfg["level1"].items() for w in words},
        "level2": {w: (l2, d["level1"]) for l2, d in cfg["level2"].items() for w in d["words"]},
    }
    # heading_levels tries the longest word first; sorted once, not per paragraph.
    g["level2_longest"] = sorted(g["level2"], key=len, reverse=True)
    g["level1_longest"] = sorted(g["level1"], key=len, reverse=True)
    return g


def _is_label(text: str, m: regex.Match) -> bool:
    """A field label is followed by its value; "项目按期完成率," is a name, not a label."""
    rest = text[m.end() : m.end() + 3].lstrip(" ")
    return bool(rest) and rest[0] not in ",;。;)、"


def heading_levels(text: str, g: dict) -> tuple[str | None, str | None] | None:
    """(level1, level2) named by a heading, or None if the text is not such a heading."""
    if len(text) > HEADING_MAX:
        return None
    # Kept with the grammar it was read by: a heading is asked by the statement reader and the
    # prose reader, and recurs in every report of a template. Bounded: a worker's memory must
    # not grow with the batch.
    memo = g.setdefault("levels_memo", {})
    found = memo.get(text, memo)  # the memo itself stands for "not asked yet" (None is an answer)
    if found is memo:
        if len(memo) >= LEVELS_MEMO_MAX:
            memo.clear()
        found = memo[text] = _levels(text, g)
    return found


LEVELS_MEMO_MAX = 4096


def _levels(text: str, g: dict) -> tuple[str | None, str | None] | None:
    """The first level word ``text`` holds, level 2 before level 1, the longest first."""
    for word in g["level2_longest"]:
        if word in text:
            l2, l1 = g["level2"][word]
            return l1, l2
    for word in g["level1_longest"]:
        if word in text:
            return g["level1"][word], None
    return None


_VALUE_CHAR = regex.compile(r"[\p{Han}\p{N}A-Za-z]")


def _labels(doc: Document, g: dict) -> Occurrences:
    """The field labels of the whole text, found once: most paragraphs hold none, and those
    are not scanned again for them (see ``literal_scan``)."""
    return in_document(doc, g["label"])


def _labels_in(doc: Document, g: dict, start: int, end: int):
    """``g["label"].finditer(doc.text, start, end)``, without the scan where it finds nothing."""
    if not _labels(doc, g).overlaps(start, end):
        return iter(())
    return g["label"].finditer(doc.text, start, end)


_UNIT_IN_NAME = regex.compile(r"\((?P<u>[^()]{1,6})\)$")


def parse_statement(doc: Document, start: int, end: int, g: dict) -> dict[str, Any] | None:
    """One indicator from ``doc.text[start:end]`` (the statement after its ``指标 N:`` marker)."""
    text = doc.text
    labels = [m for m in _labels_in(doc, g, start, end) if _is_label(text, m)]
    # "项目按期完成率:年初目标值…": a label right before another label is the name's tail.
    labels = [
        m
        for i, m in enumerate(labels)
        if i + 1 == len(labels) or text[m.end() : labels[i + 1].start()].strip(" :\n\t")
    ]
    if not labels:
        return None
    name_end = labels[0].start()
    name = text[start:name_end].strip(" ,:;。\n\t")
    unit = None
    m = _UNIT_IN_NAME.search(name)
    if m:
        unit, name = m.group("u"), name[: m.start()].rstrip()
    ind: dict[str, Any] = {"name": name, "unit": unit, "comparator": None}
    for f in FIELDS:
        ind[f"{f}_raw" if f != "rate" else "stated_rate_raw"] = None
    ind.update(
        target=None, actual=None, forecast=None, stated_rate_pct=None, weight=None, score=None
    )
    ind["deviation_reason"] = None
    ind["field_spans"] = {}
    for i, lab in enumerate(labels):
        field = g["label_field"][lab.group()]
        stop = labels[i + 1].start() if i + 1 < len(labels) else end
        vm = g["value"].match(text, lab.end(), stop)
        raw = vm.group("v").strip()
        # A value has a word or a figure: separators alone ("@", "|") are an empty cell.
        if not _VALUE_CHAR.search(raw) or ind["field_spans"].get(field):
            continue
        vstart = vm.start("v")
        span = doc.span(vstart, vstart + len(raw))
        ind["field_spans"][field] = span
        value = parse_whole(raw, vstart)
        number = as_number(value.number) if value else None
        if field == "target":
            ind["target_raw"], ind["target"] = raw, number
            if value and number is not None:
                ind["comparator"] = value.comparator
                ind["unit"] = ind["unit"] or value.unit
        elif field in ("actual", "forecast"):
            ind[f"{field}_raw"], ind[field] = raw, number
        elif field == "rate":
            ind["stated_rate_raw"] = raw
            ind["stated_rate_pct"] = number if value and value.unit == "%" else None
        elif field == "deviation":
            ind["deviation_reason"] = raw
        else:
            ind[f"{field}_raw"], ind[field] = raw, number
    # A line of labels with no values (a form's header flattened into text) states nothing.
    return ind if ind["field_spans"] else None


_COMPARED = regex.compile(r"[≥≤]|\d%")


def statements(doc: Document, start: int, end: int, g: dict):
    """(marker start, statement) for each indicator statement in one paragraph.

    A marker (指标 1:, (1), ①) starts a statement only if what follows it has field labels, so
    headings like ①数量指标: stay headings. A paragraph with no marker but with a target and an
    actual label is one statement by itself ("培训期数:年初目标值≥20期,全年实际完成22期").
    """
    starts = list(g["start"].finditer(doc.text, start, end))
    found = []
    for i, st in enumerate(starts):
        stop = starts[i + 1].start() if i + 1 < len(starts) else end
        ind = parse_statement(doc, st.end(), stop, g)
        # A name holding a compared value ("满意度:目标≥90%,目前") ran past an unknown label.
        named = ind is not None and ind["name"] and not _COMPARED.search(ind["name"])
        if named and (ind["target_raw"] or ind["actual_raw"]):
            found.append((st.start(), stop, ind))
    if not found:
        labels = {
            g["label_field"][m.group()]
            for m in _labels_in(doc, g, start, end)
            if _is_label(doc.text, m)
        }
        if {"target", "actual"} <= labels:
            lead = g["lead"].match(doc.text, start, end)
            s = lead.end() if lead else start
            ind = parse_statement(doc, s, end, g)
            if ind is not None and ind["name"]:
                found.append((start, end, ind))
    return found


def logical_paragraphs(
    doc: Document, g: dict, tables: list[tuple[int, int]], forms: list[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Paragraph ranges, with a statement's field lines joined to the line that names it.

    ``指标1:河道清淤疏浚长度`` / ``目标值:≥34公里`` / ``实际完成:35公里`` is one statement.
    Paragraphs inside a table or a text form the form reader read are left to it.
    """
    out: list[tuple[int, int]] = []
    for b in doc.blocks:
        if b.kind != "paragraph" or any(s <= b.start < e for s, e in tables):
            continue
        if any(s <= b.start < e or (b.start <= s and e <= b.end) for s, e in forms):
            continue
        m = (
            g["label"].match(doc.text, b.start, b.end)
            if _labels(doc, g).overlaps(b.start, b.end)
            else None
        )
        if out and m and _is_label(doc.text, m):
            out[-1] = (out[-1][0], b.end)
        else:
            out.append((b.start, b.end))
    return out


@register("indicators")
def extract_indicators(doc: Document, result: dict[str, Any]) -> list[dict[str, Any]]:
    g = _grammar()
    out: list[dict[str, Any]] = []
    level1 = level2 = None
    prose = ProseReader(doc, g, heading_levels)
    # Forms first, so that the prose reader does not read their rows again.
    tables = table_indicators(doc, result)
    for start, end in logical_paragraphs(
        doc, g, table_ranges(doc), doc.memo.get("form_ranges", [])
    ):
        found = statements(doc, start, end, g)
        if any(names_a_level(ind["name"]) for *_, ind in found):
            found = []  # "时效指标。A指标为…实际完成值为…B指标为…": clauses, read as such
        out.extend(prose.feed(start, end, taken=bool(found)))
        head_end = found[0][0] if found else end
        levels = heading_levels(doc.text[start:head_end].strip(), g)
        if levels:
            level1, level2 = levels
        for st, stop, ind in found:
            stmt_end = stop
            while stmt_end > st and doc.text[stmt_end - 1] in " ,;;。\n":
                stmt_end -= 1
            out.append({"level1": level1, "level2": level2, **ind, "span": doc.span(st, stmt_end)})
    out.extend(tables)
    return out


def table_indicators(doc: Document, result: dict[str, Any]) -> list[dict[str, Any]]:
    """Indicators of the 自评表/监控表 forms; the forms' 总分 and 等级 go to ``projects``.

    With one project the form's 总分/等级 are also the report's own score and grade.
    """
    out: list[dict[str, Any]] = []
    report = result.get("report", {})
    totals: list[dict[str, Any]] = []
    for found in indicator_forms(doc):
        out.extend(found["indicators"])
        if found["totals"]:
            totals.append({"project_name": found["project"], **found["totals"]})
    doc.memo["form_totals"] = totals
    if len(doc.memo.get("projects") or []) <= 1:
        for t in totals:
            for key, (value, span) in ((k, v) for k, v in t.items() if k != "project_name"):
                field = {"total_score": "self_score"}.get(key, key)
                if report.get(field) is None:
                    report[field] = value
                    report.setdefault("spans", {})[field] = span
    return out


@register("projects")
def extract_projects(doc: Document, result: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per project form: its name, 总分 (self_score), total weight and grade."""
    out = []
    for t in doc.memo.get("form_totals", []):
        entry: dict[str, Any] = {"project_name": t["project_name"], "spans": {}}
        for key, (value, span) in ((k, v) for k, v in t.items() if k != "project_name"):
            field = {"total_score": "self_score"}.get(key, key)
            entry[field] = value
            entry["spans"][field] = span
        # The row's evidence: the 总分 score cell (or whatever the form's last row states).
        entry["span"] = entry["spans"].get("self_score") or next(iter(entry["spans"].values()))
        out.append(entry)
    return out
