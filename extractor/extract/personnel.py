"""Staffing: 编制数, 实有人数, 在职, 退休 … and the change against last year."""

from __future__ import annotations

from typing import Any

from .. import patterns
from ..model import Document
from ..numbers import ARABIC, CN_NUMERAL, as_number, parse_decimal
from . import register


def _regexes():
    cfg = patterns.load("personnel")
    num = rf"(?P<n>{ARABIC}|{CN_NUMERAL})"
    unit = patterns.alternation(cfg["grammar"]["units"])
    fill = patterns.alternation(cfg["grammar"]["fillers"])
    label_to_cat = {lab: cat for cat, labs in cfg["categories"].items() for lab in labs}
    count = patterns.compiled(
        rf"(?P<label>{patterns.alternation(label_to_cat)})(?:人数)?\s*(?:{fill})?\s*{num}\s*(?:{unit})"
    )
    ch = cfg["change"]
    change = patterns.compiled(
        rf"(?:{patterns.alternation(ch['prefixes'])})\s*,?\s*"
        rf"(?P<dir>{patterns.alternation(ch['increase'] + ch['decrease'])})\s*"
        rf"(?P<label>{patterns.alternation(label_to_cat)})?(?:人员|人数)?\s*{num}\s*(?:{unit})"
    )
    return count, change, label_to_cat, set(ch["decrease"])


@register("personnel")
def extract_personnel(doc: Document, result: dict[str, Any]) -> list[dict[str, Any]]:
    count, change, label_to_cat, decrease = _regexes()
    out: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    text = doc.text
    # Changes first, so "增加在职人员 1 人" is not read as a headcount of 1.
    for m in change.finditer(text):
        n = parse_decimal(m.group("n"))
        if n is None:
            continue
        cat = label_to_cat.get(m.group("label") or "", "人数")
        sign = -1 if m.group("dir") in decrease else 1
        out.append(
            {
                "category": f"{cat}较上年变化",
                "count": as_number(n * sign),
                "span": doc.span(m.start(), m.end()),
            }
        )
        taken.append(m.span())
    seen: set[str] = set()
    for m in count.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        n = parse_decimal(m.group("n"))
        cat = label_to_cat[m.group("label")]
        if n is None or cat in seen:
            continue  # the first statement of a category is the report's figure
        seen.add(cat)
        out.append({"category": cat, "count": as_number(n), "span": doc.span(m.start(), m.end())})
    out.sort(key=lambda p: p["span"]["start"])
    return out
