"""The header of a run-together form (``指标名称计量单位指标性质年初指标值全年完成值指标权重``):
cut by the known header words ([runon.columns] in forms.toml) into the column order; a header word
whose letters came out scrambled (OCR) between two known ones is read as the missing column."""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from ... import patterns

MIN_COLUMNS = 4
GAP_MAX = 6  # characters between two header words: a bracketed unit, a scrambled word
LABEL_COLUMNS = ("level1", "level2", "name")


@cache
def _cfg() -> dict[str, Any]:
    cols = patterns.load("forms")["runon"]["columns"]
    word_col = {w: c for c, ws in cols.items() for w in ws}
    alt = patterns.alternation(sorted(word_col, key=len, reverse=True))
    return {
        "word_col": word_col,
        "header": regex.compile(rf"(?:{alt})(?:[(（][^)）\n]{{1,3}}[)）])?"),
    }


_GAP_BREAK = regex.compile(r"\s|\d")


def find_header(text: str, start: int, end: int) -> tuple[list[str], int, int] | None:
    """(columns, start, end) of the first run-together header in ``text[start:end]``."""
    cfg = _cfg()
    hits = list(cfg["header"].finditer(text, start, end))
    i = 0
    while i < len(hits):
        group = [hits[i]]
        while i + 1 < len(hits):
            gap = text[group[-1].end() : hits[i + 1].start()]
            if len(gap) > GAP_MAX or "\n" in gap or _GAP_BREAK.search(gap):
                break
            group.append(hits[i + 1])
            i += 1
        i += 1
        if 2 * len(group) - 1 < MIN_COLUMNS:
            continue  # a word and a scrambled one per gap at most: too few columns (most groups)
        columns = _columns(text, group)
        if (
            len(set(columns)) >= MIN_COLUMNS
            and "name" in columns
            and ("weight" in columns or "score" in columns)
            and ("target" in columns or "actual" in columns)
        ):
            return columns, group[0].start(), group[-1].end()
    return None


_BRACKET_TAIL = regex.compile(r"[(（].*$")


def _columns(text: str, group: list) -> list[str]:
    word_col = _cfg()["word_col"]
    cols: list[str] = []
    for k, m in enumerate(group):
        if k:
            gap = text[group[k - 1].end() : m.start()]
            scrambled = _scrambled(gap)
            if scrambled and scrambled not in cols:
                cols.append(scrambled)  # the first of a column's words names it
        word = _BRACKET_TAIL.sub("", m.group())
        col = word_col[word]
        cols.append(col)
    # A header starts at its label columns: a word before them is another table's (自评权重).
    first = min((cols.index(c) for c in LABEL_COLUMNS if c in cols), default=0)
    return list(dict.fromkeys(cols[first:]))


@cache
def _longest_words_first() -> list[tuple[str, str]]:
    return sorted(_cfg()["word_col"].items(), key=lambda x: -len(x[0]))


def _scrambled(gap: str) -> str | None:
    """The column whose header word's letters a gap holds, all of them (年成值全完值 → actual)."""
    if len(gap) < 3:
        return None
    for word, col in _longest_words_first():
        if len(word) >= 3 and all(gap.count(ch) >= word.count(ch) for ch in set(word)):
            return col
    return None
