"""Forms flattened into text without pipes, turned back into rows of cells.

Three shapes come from a trip through a web page or Excel:
- tab rows: one row per line, cells separated by runs of spaces or tabs (the normalizer makes
  them one tab), merged label cells written once;
- one cell per line: the header's words on consecutive lines, then every cell on its own line;
- run-on cells: ``产出指标数量指标检查定点医药机构家数10≥80家81家10`` — split by the form's
  column order and the types of its columns (``split_runon``).
Rows come back as ``RowGroup``s that ``forms`` reads like any table, aligning cells by type.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from .. import patterns
from ..model import Document
from .forms import _cfg as forms_cfg
from .forms import cell_fits, classify_header, level_kind
from .rows import RowGroup, Slot


@cache
def _flat() -> dict[str, Any]:
    cfg = patterns.load("forms")["flat"]
    ind = patterns.load("indicators")
    level_words = [w for ws in ind["level1"].values() for w in ws]
    level_words += [w for d in ind["level2"].values() for w in d["words"]]
    return {
        "header_re": regex.compile(patterns.alternation(cfg["header_words"])),
        "empty": set(cfg["empty"]),
        "qual": regex.compile(patterns.alternation(cfg["qualitative"])),
        # A known unit right after a number: a cut there splits a value from its unit.
        "unit_start": regex.compile(
            patterns.alternation(
                list(patterns.load("units")["money"]) + patterns.load("units")["count"]["units"]
            )
        ),
        "level_re": regex.compile(
            rf"(?:{patterns.alternation(level_words)})(?:\(\d+(?:\.\d+)?分\))?"
        ),
    }


@cache
def _families():
    """Indicator and budget column families together (执行率 is a budget column only)."""
    merged: dict[str, list] = {}
    for field, pats in forms_cfg()["ind"] + forms_cfg()["bud"]:
        merged.setdefault(field, []).extend(pats)
    return tuple((field, tuple(pats)) for field, pats in merged.items())


def is_header(cells: list[str]) -> bool:
    fams = _families()
    return sum(classify_header(c, fams) is not None for c in cells) >= 3


def split_tabs(text: str, offset: int) -> list[Slot]:
    out, pos = [], 0
    for part in text.split("\t"):
        cell = part.strip()
        if cell:
            start = offset + pos + part.index(cell)
            out.append(Slot(cell, start, start + len(cell), True, len(out)))
        pos += len(part) + 1
    return out


def lex_header(text: str, offset: int) -> list[Slot] | None:
    """A run-on header line split on the known header words; None if it is not one."""
    out, pos = [], 0
    for m in _flat()["header_re"].finditer(text):
        if text[pos : m.start()].strip():
            return None
        out.append(Slot(m.group(), offset + m.start(), offset + m.end(), True, len(out)))
        pos = m.end()
    return out if len(out) >= 3 and not text[pos:].strip() else None


def _lines(doc: Document, taken: list[tuple[int, int]]) -> list[tuple[int, str]]:
    out = []
    for b in doc.blocks:
        if b.kind != "paragraph" or any(s <= b.start < e for s, e in taken):
            continue
        pos = b.start
        for line in doc.text[b.start : b.end].split("\n"):
            out.append((pos, line))
            pos += len(line) + 1
    return out


def flat_groups(doc: Document, taken: list[tuple[int, int]]) -> list[RowGroup]:
    """Every flattened form in the paragraphs outside ``taken`` (real tables, pipe rows)."""
    lines = _lines(doc, taken)
    groups: list[RowGroup] = []
    i = 0
    while i < len(lines):
        start, text = lines[i]
        tabs = split_tabs(text, start) if "\t" in text else None
        if tabs and is_header([s.text for s in tabs]):
            rows, j = [tabs], i + 1
            while j < len(lines) and "\t" in lines[j][1]:
                rows.append(split_tabs(lines[j][1], lines[j][0]))
                j += 1
            groups.append(RowGroup(rows, start, lines[j - 1][0] + len(lines[j - 1][1]), 0, False))
            i = j
            continue
        header = lex_header(text, start)
        if header:
            rows, j = [header], i + 1
            while j < len(lines) and not lex_header(lines[j][1], lines[j][0]):
                row = runon_row(lines[j][1], lines[j][0], header)
                if row is None:
                    break
                rows.append(row)
                j += 1
            groups.append(RowGroup(rows, start, lines[j - 1][0] + len(lines[j - 1][1]), 0, False))
            i = j
            continue
        j = i
        while j < len(lines) and _is_header_word(lines[j][1]):
            j += 1
        if j - i >= 3:
            header = [Slot(t.strip(), s, s + len(t.strip()), True, k) for k, (s, t) in
                      enumerate(lines[i:j])]  # fmt: skip
            k = j
            while k < len(lines) and lines[k][1].strip() and not _is_header_word(lines[k][1]):
                k += 1
            cells = [Slot(t.strip(), s, s + len(t.strip())) for s, t in lines[j:k] if t.strip()]
            rows = [header, *segment_stream(cells, header)]
            groups.append(RowGroup(rows, start, lines[k - 1][0] + len(lines[k - 1][1]), 0, False))
            i = max(k, j)
            continue
        i += 1
    return groups


def _is_header_word(text: str) -> bool:
    """A line that is exactly one of the forms' header words (not a name that contains 完成率)."""
    return _flat()["header_re"].fullmatch(text.strip()) is not None


def is_level(text: str) -> bool:
    return level_kind(text) is not None


def is_end_row(text: str) -> bool:
    return any(p.search(text) for p in forms_cfg()["end"])


def _is_empty(text: str) -> bool:
    return text in _flat()["empty"]


def _is_plain_number(text: str) -> bool:
    return regex.fullmatch(r"\d+(?:\.\d+)?", text) is not None


def segment_stream(cells: list[Slot], header: list[Slot]) -> list[list[Slot]]:
    """One-cell-per-line: group cells into rows by the form's logic.

    A budget row starts at its label (年度资金总额, 其中:财政拨款 …) and takes the values after
    it; an indicator row starts at a level label or a name, takes one cell per value column, and
    a following text cell is its deviation reason unless the cell after it starts a new row.
    """
    fams = _families()
    fields = [classify_header(h.text, fams) for h in header]
    budget = "name" not in fields and "level1" not in fields
    rows: list[list[Slot]] = []
    if budget:
        for c in cells:
            if not (_is_plain_number(c.text) or c.text.endswith("%") or _is_empty(c.text)):
                rows.append([c])
            elif rows:
                rows[-1].append(c)
        return rows
    value_fields = [f for f in fields if f not in (None, "level1", "level2", "name", "deviation")]
    n_values = len(value_fields)
    i, row = 0, []
    while i < len(cells):
        c = cells[i]
        if is_end_row(c.text):  # 总分, then its numbers and the grade: the form ends
            if row:
                rows.append(row)
            rows.append(cells[i:])
            return rows
        kind = level_kind(c.text)
        # A level cell opens a row; after a level-2 cell comes the name, even one that reads
        # like a level ("服务对象满意度" under 服务对象满意度指标).
        if kind and not (row and level_kind(row[-1].text) == "level2"):
            row.append(c)
            i += 1
            continue
        # A name, then the values; the row ends after them (and its deviation reason).
        row.append(c)
        row.extend(cells[i + 1 : i + 1 + n_values])
        i += 1 + n_values
        if (
            "deviation" in fields
            and i < len(cells)
            and not is_level(cells[i].text)
            and not is_end_row(cells[i].text)
            and not _starts_row(cells, i, value_fields)
        ):
            row.append(cells[i])
            i += 1
        rows.append(row)
        row = []
    if row:
        rows.append(row)
    return rows


def _starts_row(cells: list[Slot], i: int, value_fields: list[str]) -> bool:
    """Whether ``cells[i]`` reads as the name of a next row: the cells after it fit the value
    columns (numbers where 分值/得分 stand). A reason in words (with its commas) never does."""
    if regex.search(r"[,。;]", cells[i].text):
        return False
    following = cells[i + 1 : i + 1 + len(value_fields)]
    if len(following) < len(value_fields):
        return False
    return all(
        cell_fits(f, c.text) and not is_level(c.text)
        for f, c in zip(value_fields, following, strict=True)
    )


TOTAL_RUNON = regex.compile(r"(?P<label>总分|合计)(?P<w>100)?(?P<s>\d{1,3}(?:\.\d+)?)(?P<g>.*)$")


def runon_row(text: str, offset: int, header: list[Slot]) -> list[Slot] | None:
    """Cells of one run-on row, or None when the line is not part of the form."""
    stripped = text.strip()
    if not stripped:
        return None
    lead = offset + text.index(stripped)
    total = TOTAL_RUNON.match(stripped)
    if total:  # 总分10095自评等级:优 — the total weight of a standard form is 100
        return [
            Slot(total.group(k), lead + total.start(k), lead + total.end(k), True, n)
            for n, k in enumerate(("label", "w", "s", "g"))
            if total.group(k)
        ]
    fams = _families()
    fields = [classify_header(h.text, fams) for h in header]
    if " " in stripped or "\t" in stripped:  # a budget row keeps its spaces
        return [
            Slot(m.group(), lead + m.start(), lead + m.end(), True, k)
            for k, m in enumerate(regex.finditer(r"\S+", stripped))
        ]
    return split_runon(stripped, lead, fields)


def split_runon(text: str, offset: int, fields: list[str | None]) -> list[Slot] | None:
    """Split an indicator row whose cells ran together, by column order and column types."""
    slots: list[Slot] = []
    pos = 0
    for _ in range(2):  # level1 and level2 labels, when written
        m = _flat()["level_re"].match(text, pos)
        if not m:
            break
        slots.append(Slot(m.group(), offset + m.start(), offset + m.end(), True, len(slots)))
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
        slots.append(Slot(text[pos:name_end], offset + pos, offset + name_end, True, 0))
        for s, e in parse:
            slots.append(Slot(text[s:e], offset + s, offset + e, True, 0))
        rest = parse[-1][1] if parse else name_end
        if text[rest:].strip() and "deviation" in fields:
            slots.append(Slot(text[rest:].strip(), offset + rest, offset + len(text), True, 0))
        return slots
    return slots or None


_NUMBER = r"(?:0|[1-9]\d*)(?:\.\d+)?"
_UNIT_AT_END = regex.compile(r"[^\d≥≤=<>.]+$")
_QUANT = rf"[≥≤=<>]?{_NUMBER}(?:%|[^\d≥≤=<>%.]{{1,4}}?)?"


def _tail(
    text: str, start: int, fields: list[str], generic: bool = False
) -> list[tuple[int, int]] | None:
    """Spans of the value cells from ``start`` on, the rest (if any) a deviation reason."""

    def candidates(field: str, pos: int) -> list[int]:
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
        return sorted(ends, reverse=True)

    parses: list[list[tuple[int, int]]] = []

    def walk(i: int, pos: int, acc: list[tuple[int, int]]) -> None:
        if len(parses) >= 64:
            return
        if i == len(fields):
            rest = text[pos:]
            # What is left is a deviation reason: it starts with a word, not a number or unit.
            ends_in_number = fields[-1] in ("weight", "score")
            if not rest or (
                regex.match(r"\p{Han}", rest) and (ends_in_number or not _cuts_a_value(text, pos))
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
        _flat()["qual"],
        regex.compile(r"\p{Han}{2,6}"),
    )


def _cuts_a_value(text: str, pos: int) -> bool:
    """Whether ``pos`` falls between a number and its unit (…9386|亩…)."""
    return (
        pos > 0 and text[pos - 1].isdigit() and _flat()["unit_start"].match(text, pos) is not None
    )


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
    rest_ok = regex.match(r"\s*\p{Han}{0,3}\d", text[end:]) is None
    return (rest_ok, units_agree, weight_ok, score_ok)


def _num(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _is_quant(text: str) -> bool:
    return regex.fullmatch(_QUANT, text) is not None
