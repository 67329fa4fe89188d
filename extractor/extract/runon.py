"""Rows whose cells ran together: ``产出指标数量指标检查定点医药机构家数10≥80家81家10``.

Split by the form's column order and the type of each column: 分值/得分 are numbers, targets and
actuals are quantities with a unit or worded values (a vocabulary in patterns/forms.toml first,
any short word second). Every split is enumerated and the most plausible one wins — units of
target and actual agree, the score stays within the weight — but an implausible split that is
the only one is kept: a score above its weight is then the report's error, for the audit.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from .. import patterns
from .form.columns import all_families, classify_header
from .form.slots import Slot


@cache
def _cfg() -> dict[str, Any]:
    forms = patterns.load("forms")["flat"]
    ind = patterns.load("indicators")
    units = patterns.load("units")
    level_words = [w for ws in ind["level1"].values() for w in ws]
    level_words += [w for d in ind["level2"].values() for w in d["words"]]
    return {
        "qual": regex.compile(patterns.alternation(forms["qualitative"])),
        # A known unit right after a number: a cut there splits a value from its unit.
        "unit_start": regex.compile(
            patterns.alternation(list(units["money"]) + units["count"]["units"])
        ),
        "level_re": regex.compile(
            rf"(?:{patterns.alternation(level_words)})(?:\(\d+(?:\.\d+)?分\))?"
        ),
    }


@cache
def _total_runon() -> regex.Pattern:
    """总分10095自评等级:优 — a standard form's total weight is 100, then the score."""
    labels = patterns.alternation(patterns.load("forms")["indicator_end"]["runon_labels"])
    return regex.compile(rf"(?P<label>{labels})(?P<w>100)?(?P<s>\d{{1,3}}(?:\.\d+)?)(?P<g>.*)$")


_WORD = regex.compile(r"\S+")


def runon_row(text: str, offset: int, header: list[Slot]) -> list[Slot] | None:
    """Cells of one run-on row, or None when the line is not part of the form."""
    stripped = text.strip()
    if not stripped:
        return None
    lead = offset + text.index(stripped)
    total = _total_runon().match(stripped)
    if total:  # 总分10095自评等级:优 — the total weight of a standard form is 100
        return [
            Slot(total.group(k), lead + total.start(k), lead + total.end(k))
            for n, k in enumerate(("label", "w", "s", "g"))
            if total.group(k)
        ]
    fams = all_families()
    fields = [classify_header(h.text, fams) for h in header]
    if " " in stripped or "\t" in stripped:  # a budget row keeps its spaces
        return [
            Slot(m.group(), lead + m.start(), lead + m.end())
            for m in _WORD.finditer(stripped)
        ]
    return split_runon(stripped, lead, fields)


def split_runon(text: str, offset: int, fields: list[str | None]) -> list[Slot] | None:
    """Split an indicator row whose cells ran together, by column order and column types."""
    slots: list[Slot] = []
    pos = 0
    for _ in range(2):  # level1 and level2 labels, when written
        m = _cfg()["level_re"].match(text, pos)
        if not m:
            break
        slots.append(Slot(m.group(), offset + m.start(), offset + m.end()))
        pos = m.end()
    value_fields = [f for f in fields if f in ("target", "actual", "weight", "score", "expected")]
    parse = None
    for generic in (False, True):  # known worded values first, any short word second
        for name_end in range(pos + 2, len(text)):
            parse = _tail(text, name_end, value_fields, generic)
            if parse is not None:
                break
        if parse is not None:
            break
    if parse is not None:
        slots.append(Slot(text[pos:name_end], offset + pos, offset + name_end))
        for s, e in parse:
            slots.append(Slot(text[s:e], offset + s, offset + e))
        rest = parse[-1][1] if parse else name_end
        if text[rest:].strip() and "deviation" in fields:
            slots.append(Slot(text[rest:].strip(), offset + rest, offset + len(text)))
        return slots
    return slots or None


_NUMBER = r"(?:0|[1-9]\d*)(?:\.\d+)?"
_UNIT_AT_END = regex.compile(r"[^\d≥≤=<>.]+$")
_QUANT = rf"[≥≤=<>]?{_NUMBER}(?:%|[^\d≥≤=<>%.]{{1,4}}?)?"


_HAN = regex.compile(r"\p{Han}")


def _tail(
    text: str, start: int, fields: list[str], generic: bool = False
) -> list[tuple[int, int]] | None:
    """Spans of the value cells from ``start`` on, the rest (if any) a deviation reason."""

    known: dict[tuple[str, int], list[int]] = {}  # the walk asks again for each parse

    def candidates(field: str, pos: int) -> list[int]:
        if (field, pos) in known:
            return known[field, pos]
        if field in ("weight", "score"):
            pats = _value_patterns()[:1]
        elif generic:  # second pass: a worded value not in the vocabulary
            pats = _value_patterns()[1:]
        else:
            pats = _value_patterns()[1:3]
        ends = {
            pos + n
            for p in pats
            for n in range(1, min(14, len(text) - pos + 1))
            if p.fullmatch(text, pos, pos + n)
        }
        known[field, pos] = sorted(ends, reverse=True)
        return known[field, pos]

    parses: list[list[tuple[int, int]]] = []

    def walk(i: int, pos: int, acc: list[tuple[int, int]]) -> None:
        if len(parses) >= 64:
            return
        if i == len(fields):
            rest = text[pos:]
            # What is left is a deviation reason: it starts with a word, not a number or unit.
            ends_in_number = fields[-1] in ("weight", "score")
            if not rest or (
                _HAN.match(rest) and (ends_in_number or not _cuts_a_value(text, pos))
            ):
                parses.append(acc)
            return
        for end in candidates(fields[i], pos):
            walk(i + 1, end, [*acc, (pos, end)])

    walk(0, start, [])
    if not parses:
        return None
    # The most plausible parse; an implausible one (a score above its weight) is kept only when
    # nothing else reads — it is then an error of the report's, for the audit to find.
    return max(parses, key=lambda p: _plausibility(text, fields, p))


@cache
def _value_patterns() -> tuple[regex.Pattern, ...]:
    """Number; then quantity, worded value from the vocabulary, any short word."""
    return (
        regex.compile(_NUMBER),
        regex.compile(_QUANT),
        _cfg()["qual"],
        regex.compile(r"\p{Han}{2,6}"),
    )


def _cuts_a_value(text: str, pos: int) -> bool:
    """Whether ``pos`` falls between a number and its unit (…9386|亩…)."""
    return pos > 0 and text[pos - 1].isdigit() and _cfg()["unit_start"].match(text, pos) is not None


_MORE_VALUES = regex.compile(r"\s*\p{Han}{0,3}\d")


def _plausibility(text: str, fields: list[str], spans: list[tuple[int, int]]) -> tuple:
    cells = {f: text[s:e] for f, (s, e) in zip(fields, spans, strict=True)}
    weight, score = _num(cells.get("weight")), _num(cells.get("score"))
    target, actual = cells.get("target", ""), cells.get("actual", "")
    tu, au = _UNIT_AT_END.search(target), _UNIT_AT_END.search(actual)
    units_agree = bool(tu) == bool(au) and (not tu or tu.group() == au.group())
    weight_ok = weight is None or 0 < weight <= 100
    score_ok = weight is None or score is None or score <= weight
    # What follows the last value is a reason in words, not the rest of a value ("亩9386亩11…").
    end = spans[-1][1] if spans else 0
    rest_ok = _MORE_VALUES.match(text[end:]) is None
    return (rest_ok, units_agree, weight_ok, score_ok)


def _num(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None
