"""Forms whose cells ran together with nothing between them: ``某某达标率%定量指标100%96%100%33否``.

The header, itself run together, is cut by the known header words ([runon.columns] in
forms.toml) and gives the column order; a header word whose letters came out scrambled (OCR)
between two known ones is read as the missing column. After it, the text is cut into rows: a
row is a name (level labels in front of it peeled off), then its value runs — units, 定量/
定性指标, numbers with their % or unit, worded values — up to the next name. A digit run that
holds several cells is split by ``runon_split``. The rows become ``align.Row``s and go through
the same indicator code as every text form.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import regex

from ... import patterns
from ...model import Document
from . import runon_sums
from . import types as t
from .align import Row
from .cells import Cell
from .indicators import _indicators
from .runon_deviation import reason_length
from .runon_header import LABEL_COLUMNS, find_header
from .runon_split import Atom, best_layouts, prefer_weights, resolve, splits, weight_of
from .runon_words import NAME_MIN, before_date, date_at, vocabulary_words, worded_at_end

NAME_MAX = 40
MAGNITUDES = "万千百亿"
WORDED_MAX = 12  # a worded target or actual is a short phrase


@cache
def _cfg() -> dict[str, Any]:
    forms = patterns.load("forms")
    units = patterns.load("units")
    comparators = patterns.load("comparators")
    unit_words = sorted({*units["money"], *units["count"]["units"]}, key=len, reverse=True)
    return {
        "units": unit_words,
        "natures": sorted({*forms["natures"], *forms["runon"]["natures"]}, key=len, reverse=True),
        "core": set(forms["runon"]["core_values"]),
        "level2_endings": forms["runon"]["level2_endings"],
        "before": sorted(comparators["before"], key=len, reverse=True),
        "after": sorted(comparators["after"], key=len, reverse=True),
        "page_mark": regex.compile(forms["runon"]["page_mark"]),
        "end": regex.compile(
            rf"(?P<label>{patterns.alternation(forms['indicator_end']['runon_labels'])})"
            r"(?P<w>100)?(?P<s>\d{1,3}(?:\.\d+)?)(?P<g>\S*)"
        ),
    }


# A value run: an optional comparator, digits and dots, then % or a unit word (added below).
_RUN = regex.compile(r"[≥≤<>=]?\d[\d.]*%?")
# 任务1:, 指标2、: numbering written inside a name.
# (50分): a level label's weight. Both are words of the stretch, not values.
_NUMBERING = regex.compile(r"\d{1,2}[:：、](?=\p{Han})|\d{1,3}(?:\.\d+)?分[)）]")
_LEAD_NUMBERING = regex.compile(r"\p{Han}{0,2}\d{1,2}[:：、]")
# The weight after a level label (管理指标30), with the row's name right after it.
_LABEL_WEIGHT = regex.compile(r"\d{1,3}(?=\p{Han})")


def read_runon_forms(doc: Document, start: int, end: int) -> list[dict[str, Any]]:
    """Every run-together form in ``doc.text[start:end]``, as ``read_text_forms`` gives them."""
    out = []
    pos = start
    while (found := find_header(doc.text, pos, end)) is not None:
        columns, h_start, h_end = found
        rows, closing, stop = read_rows(doc.text, h_end, end, columns)
        indicators = _indicators(doc, rows)
        if indicators:
            out.append(
                {
                    "indicators": indicators,
                    "header_span": (h_start, h_end),
                    "closing": closing,
                    "start": h_end,
                    "runon": True,
                    # The form runs on from the paragraph its header sits in: prose leaves it.
                    "paragraph_start": next(
                        (b.start for b in doc.blocks if b.start <= h_start < b.end), h_start
                    ),
                }
            )
        pos = max(stop, h_end)
    return out


def _header_alone(text: str, start: int, end: int) -> bool:
    stop = text.find("\n", start, end)
    return not text[start : end if stop < 0 else stop].strip()


def read_rows(text: str, start: int, end: int, columns: list[str]):
    """(rows, closing cells, where reading stopped) of the body after a header."""
    rows: list = []  # pending rows: (cells, best layouts, line)
    pos = start
    line = 0
    # A header alone on its line: one row per line, words after a row's values its 偏差原因.
    per_line = _header_alone(text, start, end)
    while pos < end:
        if text[pos] == "\n":
            pos, line = pos + 1, line + 1
            m = _cfg()["page_mark"].match(text, pos)
            pos = m.end() if m else pos
            continue
        if rows and "deviation" in columns and not per_line:
            n = reason_length(text, pos, _word_end(text, pos, end), NAME_MIN)
            if n:  # the row above's 偏差原因, run into this row's labels and name
                rows[-1][0]["deviation"] = [Cell(text[pos : pos + n], pos, pos + n, line, False)]
                pos += n
        total = _cfg()["end"].match(text, pos)
        if total:
            closing = [
                Cell(total.group(k), total.start(k), total.end(k), line, n == 0)
                for n, k in enumerate(("label", "w", "s", "g"))
                if total.group(k)
            ]
            return _finish(rows, (total.group("w"), total.group("s"))), closing, total.end()
        row, nxt = _row(text, pos, end, columns, line, per_line)
        if row is None:  # prose after the form, or a row too damaged to read: the form ends
            if rows or nxt <= pos or nxt - start > NAME_MAX * 3:
                break
        else:
            rows.append(row)
        pos = max(nxt, pos + 1)  # always forward
    return _finish(rows), [], pos


_COMPARISONS = "≥≤<>="  # _RUN's optional first character
_DIGIT = regex.compile(r"\d")


@lru_cache(maxsize=4096)  # bounded: one entry per distinct character asked about
def _is_digit(ch: str) -> bool:
    """Whether ``\\d`` matches ``ch``: the regex module's Unicode tables, which are newer than
    ``str.isdecimal``'s (they differ on ~100 characters)."""
    return _DIGIT.match(ch) is not None


def _word_end(text: str, pos: int, end: int) -> int:
    """End of the stretch of words at ``pos``: up to a value run, a % or a line end.

    Two regex calls per character were the cost of a name; a match of ``_RUN`` or
    ``_NUMBERING`` starts with a digit (``_RUN``: after one comparison sign), so only a digit
    there is worth a call: ``_RUN`` then always matches, ``_NUMBERING`` is tried."""
    i = pos
    while i < end:
        ch = text[i]
        if ch == "\n" or ch == "%":
            break
        if ch in _COMPARISONS:
            after = text[i + 1 : i + 2]  # _RUN.match has no endpos: it may look past ``end``
            if (after and _is_digit(after)) or (i + 1 < end and after.isdigit()):
                break
        elif _is_digit(ch):
            break  # _RUN matches here
        i += 1
        nxt = text[i : i + 1]
        if nxt and _is_digit(nxt) and (m := _NUMBERING.match(text, i)):
            i = m.end()  # 任务1:… — a numbering inside the name, not a value
    return i


def _row(text: str, pos: int, end: int, columns: list[str], line: int, per_line: bool = True):
    """(row or None, position after it)."""
    cfg = _cfg()
    name_end = _word_end(text, pos, end)
    cells: dict[str, list[Cell]] = {}

    def put(col: str, s: int, e: int) -> None:
        cells.setdefault(col, []).append(Cell(text[s:e], s, e, line, not cells))

    s = pos
    while (n := t.label_prefix(text[s:name_end])) > 0:  # 产出指标数量指标… in front of the name
        kind = t.level_label(text[s : s + n])
        put(kind[0] if kind else "level1", s, s + n)
        s += n
    kind = t.level_label(text[s:name_end])
    weighted = _LABEL_WEIGHT.match(text, name_end)
    if kind and weighted and s < name_end:
        # 管理指标30预算…: a level label with its weight, then the row's name.
        put(kind[0], s, name_end)
        s = weighted.end()
        name_end = _word_end(text, s, end)
        while (n := t.label_prefix(text[s:name_end])) > 0:
            kind = t.level_label(text[s : s + n])
            put(kind[0] if kind else "level2", s, s + n)
            s += n
    e = name_end
    worded = worded_at_end(text, s, e, name_end)  # 高高, 明显改善有效改善: run onto the name
    e -= sum(a.end - a.start for a in worded)
    double = bool(worded)
    compared = 0
    if not double and _RUN.match(text, name_end):
        compared = next((len(w) for w in cfg["before"] if text[s:e].endswith(w)), 0)
        compared = compared if e - compared - s >= 2 else 0
    e -= compared  # …结余率小于|5%: the comparator in words belongs to the value
    if "nature" in columns and (m := _suffix(text[s:e], "natures")):
        put_nature = (e - m, e)
        e -= m
    else:
        put_nature = None
    if "unit" in columns and (m := _suffix(text[s:e], "units")) and e - m - s >= 2:
        unit = (e - m, e)
        e -= m
    else:
        unit = None
    if e - s < 2 or e - s > NAME_MAX:
        return None, max(name_end, pos + 1)
    n = _name_start(text, s, e, columns, "level2" in cells)
    if (
        n > s
        and "level2" in columns
        and "level2" not in cells
        and not _LEAD_NUMBERING.match(text, s, n)
    ):
        put("level2", s, n)  # 资产管理|安全性: the form's own level-2 label, as written
    s = n
    put("name", s, e)
    if unit:
        put("unit", *unit)
    if put_nature:
        put("nature", *put_nature)
    runs: list[list[list[Atom]]] = [[[a]] for a in worded]
    p = name_end - compared
    if "unit" in columns and not unit and p < end and text[p] == "%":
        put("unit", p, p + 1)
        p += 1
    if "nature" in columns and not put_nature:
        m = _prefix(text, p, end, "natures")
        if m:
            put("nature", p, p + m)
            p += m
    while p < end and text[p] != "\n":
        date = date_at(text, p)
        if date:  # 2023年12月底前: a date is a value as written, its digits never cells
            runs.append([[date]])
            p = date.end
            continue
        lead = 0 if _RUN.match(text, p) else _prefix(text, p, end, "before")
        m = _RUN.match(text, p + lead)  # 不低于95%: the words in front are its comparator
        if m:
            e2 = _run_end(text, m, end, [c.text for c in cells.get("unit", [])])
            e2 = before_date(text, m.start(), e2)  # 10|2023年12月底前: a weight, then a date
            runs.append(splits(text[p:e2], p, lead))
            p = e2
            continue
        if "core" in columns and runs and text[p] in cfg["core"]:
            p += 1  # 是/否 of a 是否核心指标 column, the last; the next name follows
            continue
        w_end = _word_end(text, p, end)
        if w_end == p:
            break  # a stray % or sign: the row ends here
        words = vocabulary_words(text, p, w_end)
        if words:
            runs += [[[w]] for w in words]
            p = w_end
            continue
        if w_end < end and text[w_end] != "\n":
            if runs and w_end - p <= WORDED_MAX and not _has_weight(runs, columns):
                # 100%按规定执行44: the row has no weight yet, so the words are its value.
                runs.append([[Atom(text[p:w_end], p, w_end, True)]])
                p = w_end
                continue
            break  # the next row's name: values follow it
        if "deviation" in columns and runs and per_line:
            put("deviation", p, w_end)
        p = w_end
        break
    if not runs:
        return None, max(p, pos + 1)
    percent = any(c.text == "%" for c in cells.get("unit", []))
    best = best_layouts(runs, [c for c in columns if c not in LABEL_COLUMNS], percent)
    if not any("weight" in b or "score" in b for b in best):
        return None, p  # a row of a form has its weight or score
    return (cells, best, line), p


def _finish(
    pending: list[tuple[dict[str, list[Cell]], list, int]],
    closing: tuple[str | None, str | None] = (None, None),
) -> list[Row]:
    """Rows from their cells and best layouts; a tie is broken by the weights of the form's
    other rows, then by the sums it states (``runon_sums``), where that makes it unique, else
    the disagreeing fields stay empty."""
    weights = {w for _, best, _ in pending if (w := weight_of(best)) is not None}
    preferred = [prefer_weights(best, weights) for _, best, _ in pending]
    settled = runon_sums.settle([cells for cells, _, _ in pending], preferred, closing)
    rows = []
    for (cells, _, line), best in zip(pending, settled, strict=True):
        placed = resolve(best)
        for col, atom in placed.items():
            if atom is not None and col in ("target", "actual", "weight", "score"):
                cells.setdefault(col, []).append(Cell(atom.text, atom.start, atom.end, line, False))
        rows.append(Row(cells))
    return rows


def _name_start(text: str, s: int, e: int, columns: list[str], has_level2: bool) -> int:
    """Where the name starts: after a numbering (任务1:) and, in a form with a 二级指标 column,
    after a department form's own level-2 label run onto it (资产管理|安全性): that label is
    none of the known ones, but the form's 二级指标 column holds it."""
    m = _LEAD_NUMBERING.match(text, s, e)
    if m and e - m.end() >= 2:
        return m.end()
    if "level2" in columns and not has_level2:
        for word in _cfg()["level2_endings"]:
            k = text.find(word, s + 2, e)
            if k >= 0 and e - (k + len(word)) >= NAME_MIN:
                return k + len(word)
    return s


def _has_weight(runs: list, columns: list[str]) -> bool:
    cols = [c for c in columns if c not in LABEL_COLUMNS]
    return any("weight" in b or "score" in b for b in best_layouts(runs, cols))


_HAN = regex.compile(r"\p{Han}")


def _run_end(text: str, m: regex.Match, end: int, stated: list[str]) -> int:
    """End of a value run: its digits, then its unit and an 以上 / 以内 after it."""
    e2 = m.end()
    if not m.group().endswith("%"):
        n = _unit_len(text, e2, end)
        # With a unit column, a unit after a number is that unit: else it is the start of
        # the next name (…10|天然林…); so is a unit with more words right after it (44|部门…).
        glued = e2 + n < end and _HAN.match(text[e2 + n]) is not None
        after = _prefix(text, e2 + n, end, "after") if n else 0
        if n and after:
            return e2 + n + after  # 48小时以内
        if not n and not stated and _lone_unit(text, e2, end):
            return e2 + 1  # 11700宗11700宗: a unit not in the list, between two values
        e2 += n if n and not glued and (not stated or text[e2 : e2 + n] in stated) else 0
    return e2 + _prefix(text, e2, end, "after")  # 95%以上


_VALUE_START = regex.compile(r"[\d≥≤<>=]")


def _lone_unit(text: str, pos: int, end: int) -> bool:
    """One Han character between a number and the next value (…11700宗11700宗10): no name
    is one character long, so it is the number's unit even when the unit list lacks it."""
    return (
        pos + 1 < end
        and _HAN.match(text[pos]) is not None
        and text[pos] not in _cfg()["core"]
        and _VALUE_START.match(text[pos + 1]) is not None
    )


def _unit_len(text: str, pos: int, end: int) -> int:
    """Length of the unit written at ``pos``: a magnitude (万), then one or two unit words
    (亩, 人次, 批次)."""
    n = 1 if pos < end and text[pos] in MAGNITUDES else 0
    first = _prefix(text, pos + n, end, "units")
    if not first:
        return 0
    n += first
    return n + _prefix(text, pos + n, end, "units")


def _suffix(text: str, key: str) -> int:
    """Length of the longest word of ``_cfg()[key]`` that ends ``text`` and is not all of it."""
    lengths, words = _by_length(key)
    n = next((k for k in lengths if k < len(text) and text[-k:] in words), 0)
    if n and len(text) > n + 1 and text[-n - 1] in MAGNITUDES:  # 万亩, 千米: a unit's magnitude
        n += 1
    return n


@cache
def _by_length(key: str) -> tuple[tuple[int, ...], frozenset[str]]:
    words = _cfg()[key]
    return tuple(sorted({len(w) for w in words if w}, reverse=True)), frozenset(words)


def _prefix(text: str, pos: int, end: int, key: str) -> int:
    """Length of the longest word of ``_cfg()[key]`` written at ``pos`` (ending by ``end``), or
    0: one slice and set test per word length, not one ``startswith`` per word (~30 a call)."""
    lengths, words = _by_length(key)
    for n in lengths:
        if pos + n <= end and text[pos : pos + n] in words:
            return n
    return 0
