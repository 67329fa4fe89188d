"""A budget block whose header cells ran together into one (``项目资金(万元)年初预算数全年预算数
全年执行数分值执行率得分``): the cell is cut at the budget column words ([runon] budget_words in
forms.toml), so the block is read like any other by ``budget``. Words in front of the first
column word (the row-label column's own header) stay one cell; so does what follows the last.
"""

from __future__ import annotations

from functools import cache

import regex

from ... import patterns
from .cells import Cell

MIN_WORDS = 3  # a run of fewer column words is a phrase, not a header


@cache
def _word_re() -> regex.Pattern:
    words = sorted(patterns.load("forms")["runon"]["budget_words"], key=len, reverse=True)
    # A column word may carry a bracketed mark: (A), (B/A), (%), (分), (万元).
    return regex.compile(rf"(?:{patterns.alternation(words)})(?:\([^)\n]{{1,4}}\))?")


def split_budget_headers(cells: list[Cell]) -> list[Cell]:
    """``cells`` with every run-together budget header cell cut into its column words."""
    out: list[Cell] = []
    for cell in cells:
        out += _cut(cell) or [cell]
    return out


def _cut(cell: Cell) -> list[Cell] | None:
    if len(cell.text) < 8 or " " in cell.text:
        return None
    words = _run_of_words(cell.text)
    if len(words) < MIN_WORDS:
        return None
    pieces = [(0, words[0][0]), *words, (words[-1][1], len(cell.text))]
    out = []
    for s, e in pieces:
        if e > s:
            out.append(Cell(cell.text[s:e], cell.start + s, cell.start + e, cell.line, not out))
    return out


def _run_of_words(text: str) -> list[tuple[int, int]]:
    """Spans of the longest run of column words that follow each other with nothing between."""
    best: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for m in _word_re().finditer(text):
        if run and m.start() != run[-1][1]:
            run = []
        run.append(m.span())
        if len(run) > len(best):
            best = list(run)
    return best
