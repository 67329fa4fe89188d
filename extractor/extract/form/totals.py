"""The closing rows of a form: 总分 (total weight, score) and 评价等级 (grade)."""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from ... import patterns
from ...model import Document
from ...numbers import as_number, parse_decimal
from .cells import Cell


@cache
def _cfg() -> dict[str, Any]:
    grade = patterns.load("forms")["grade"]
    return {"grade_labels": grade["labels"], "grade_values": grade["values"]}


_NUMBER_CELL = regex.compile(r"\d+(?:\.\d+)?\s*分?")


def is_number_cell(text: str) -> bool:
    return _NUMBER_CELL.fullmatch(text.strip()) is not None


def totals_row(doc: Document, cells: list[Cell]) -> dict[str, Any]:
    """总分 100 92 / 评价等级 优: numbers after the label, the grade word."""
    cfg = _cfg()
    label = cells[0].squashed
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
