"""The columns of a run-on form: header cells named by ``patterns/forms.toml``, and the alignment
of a row's cells to them by cell type (a run-on row has no empty or merged cells).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import regex

from ... import patterns
from .slots import Slot

LABEL_FIELDS = ("level1", "level2")
NUMBER_FIELDS = ("weight", "score")
MONEY_FIELDS = ("budget_initial", "budget", "executed", "expected")


@cache
def form_config() -> dict[str, Any]:
    cfg = patterns.load("forms")

    def comp(table: dict[str, list[str]]) -> tuple[tuple[str, tuple[regex.Pattern, ...]], ...]:
        # Tuples, so that classify_header can cache by (text, families).
        return tuple((f, tuple(regex.compile(p) for p in pats)) for f, pats in table.items())

    return {
        "ind": comp(cfg["indicator_columns"]),
        "bud": comp(cfg["budget_columns"]),
        "rows": comp(cfg["budget_rows"]),
        "end": [regex.compile(p) for p in cfg["indicator_end"]["rows"]],
        "units": [regex.compile(p) for p in cfg["units"]["declared"]],
        "weight_in_label": [regex.compile(p) for p in cfg["weights"]["in_label"]],
        "items": cfg["budget_items"],
        "grade_labels": cfg["grade"]["labels"],
        "grade_values": cfg["grade"]["values"],
        "natures": cfg["natures"],
    }


_SPACE = regex.compile(r"\s+")


def squash(text: str) -> str:
    return _SPACE.sub("", text)


@lru_cache(maxsize=65536)
def classify_header(text: str, families) -> str | None:
    """The column a header cell names (``年度指标值`` → target), or None."""
    if len(text) > 40:
        return None  # a header cell is a few words, never a paragraph
    t = squash(text)
    for field, pats in families:
        if any(p.search(t) for p in pats):
            return field
    return None


@cache
def all_families():
    """Indicator and budget column families together (执行率 is a budget column only)."""
    merged: dict[str, list] = {}
    for field, pats in form_config()["ind"] + form_config()["bud"]:
        merged.setdefault(field, []).extend(pats)
    return tuple((field, tuple(pats)) for field, pats in merged.items())


def header_map(row: list[Slot], families) -> dict[int, str]:
    """Column (position in the row) → field, for the cells that name a known column."""
    out: dict[int, str] = {}
    for i, slot in enumerate(row):
        field = classify_header(slot.text, families)
        if field and field not in out.values():
            out[i] = field
    return out


def find_header(rows: list[list[Slot]], families, required: set[str], start: int = 0):
    for r in range(start, len(rows)):
        hm = header_map(rows[r], families)
        if len(hm) >= 3 and required <= set(hm.values()):
            return r, hm
    return None, None


_POINTS = regex.compile(r"\d+(?:\.\d+)?\s*分?")


def is_number_cell(text: str) -> bool:
    return _POINTS.fullmatch(text.strip()) is not None


def align(row: list[Slot], header: list[Slot], hm: dict[int, str]) -> dict[str, Slot]:
    """field → Slot for one data row, by cell type (a run-on row has no empty cells)."""
    fields = [hm.get(i) for i in range(len(header))]
    return align_typed([s for s in row if s.text], [f for f in fields if f])


def level_kind(text: str) -> str | None:
    """``level1``/``level2`` when a cell is a level label ("产出指标(50分)", "数量指标")."""
    label = label_and_weight(text)[0]
    levels = _levels()
    return levels.get(label)


@cache
def _levels() -> dict[str, str]:
    ind = patterns.load("indicators")
    out = {w: "level1" for ws in ind["level1"].values() for w in ws}
    out.update({w: "level2" for d in ind["level2"].values() for w in d["words"]})
    return out


_POINTS_GROUPED = regex.compile(r"[\d,]+(?:\.\d+)?\s*分?")


_DIGIT = regex.compile(r"\d")


def cell_fits(field: str, text: str) -> bool:
    """Whether a flattened cell can be the value of ``field`` (an empty mark fits any number)."""
    empty = text in patterns.load("forms")["flat"]["empty"]
    if field in NUMBER_FIELDS or field in MONEY_FIELDS:
        return empty or _POINTS_GROUPED.fullmatch(text) is not None
    if field == "rate":
        return empty or text.endswith("%")
    if field == "nature":
        return text in form_config()["natures"]
    if field == "unit":
        # 万元, 人次, 平方米, %: short, no digits, and not a worded value (显著提高).
        worded = patterns.load("forms")["flat"]["qualitative"]
        return len(text) <= 3 and not _DIGIT.search(text) and text not in worded
    return True


def align_typed(cells: list[Slot], fields: list[str]) -> dict[str, Slot]:
    """Cells of a flattened row to fields, in column order, skipping columns left empty.

    Merged label cells are written once, so a row may start with its name; number columns take
    only numbers (or an empty mark), so a missing 分值 does not shift 得分 into its place.
    """
    out: dict[str, Slot] = {}
    k = 0
    while k < len(cells) and k < 2 and (kind := level_kind(cells[k].text)) in fields:
        out[kind] = cells[k]
        k += 1
    rest = [f for f in fields if f not in ("level1", "level2")]
    for f in rest:
        if k >= len(cells):
            break
        if f == "name" or cell_fits(f, cells[k].text):
            out[f] = cells[k]
            k += 1
    return out


def label_and_weight(text: str) -> tuple[str, float | None]:
    for p in form_config()["weight_in_label"]:
        m = p.search(text)
        if m:
            return text[: m.start()].strip(), float(m.group("w"))
    return text.strip(), None
