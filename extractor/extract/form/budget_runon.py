"""A budget block whose header cells ran together into one (``项目资金(万元)年初预算数全年预算数
全年执行数分值执行率得分``): the cell is cut at the budget column words ([runon] budget_words in
forms.toml), so the block is read like any other by ``budget``. Words in front of the first
column word (the row-label column's own header) stay one cell.

Rows may run on in the same cell (``其中:财政拨款12.511.893.6%``): what follows the header is
cut into row labels (a short stretch of words; a numbering ``(1)`` or a ``资金来源:`` in front is
left out) and runs of values, up to the first stretch too long to be a label, which stays one
cell. A run of values holds several cells; ``value_splits`` gives every way to read it, and the
budget reader keeps the one that fits its columns.

A line-item table's header may run together the same way (``经费控制情况2020年决算数2021年预算数
2021年决算数``); its rows (``1、某某经费000``) are cut into label and amounts only where the digits
read one way, one amount per column — the line-item reader (``budget_items``) does the rest.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from ... import patterns
from .cells import Cell

MIN_WORDS = 3  # a run of fewer column words is a phrase, not a header
LABEL_MAX = 20  # a row label is a few words; a longer stretch is what follows the block
NOISE_MAX = 2  # a stray letter or two before a run of values (OCR of an empty cell)
MAX_SPLITS = 256
_RUN = regex.compile(r"[\d.]*\d%?(?:[\d.]*\d%?)*")
_LEAD = regex.compile(r".*[:)]")  # 资金来源:(1)财政拨款 → 财政拨款
_NUMBER = regex.compile(r"(?:0|[1-9]\d{0,8})(?:\.\d{1,2})?%?")
_LOST = regex.compile(r"\.\d{1,2}")
_EMPTY_MARK = regex.compile(r"[—－\-/]{1,2}|无(?=[\d—－\-/])")
# A line-item row: its label, then its amounts run together (amounts of 万元 keep 4 decimals).
_ITEM_ROW = regex.compile(r"(?P<label>.*\p{Han}[^\d]*)(?P<run>\d[\d.]*)")
_AMOUNT = regex.compile(r"(?:0|[1-9]\d{0,8})(?:\.\d{1,4})?")


@cache
def _word_re() -> regex.Pattern:
    words = sorted(patterns.load("forms")["runon"]["budget_words"], key=len, reverse=True)
    # A column word may carry a bracketed mark: (A), (B/A×100%), (%), (分), (万元).
    return regex.compile(rf"(?:{patterns.alternation(words)})(?:\([^)\n]{{1,10}}\))?")


RUN_MIN = 8  # shorter than two column words: no run-together header


def _may_be_run(text: str) -> bool:
    """Whether ``text`` may hold a run of column words (asked before the cached look-ups)."""
    return len(text) >= RUN_MIN and " " not in text


def split_budget_headers(cells: list[Cell]) -> list[Cell]:
    """``cells`` with every run-together budget header cell cut into its column words, and
    the rows of a line-item table whose header ran together (``2020年决算数2021年预算数…``)
    cut into label and values where their digits allow one reading only."""
    out: list[Cell] = []
    item_columns = 0
    for cell in cells:
        if item_columns and (row := _item_row(cell, item_columns)):
            out += row
        elif not _may_be_run(cell.text):
            out.append(cell)  # too short for a run of column words (both look-ups say no)
        elif cut := _cut(cell):
            out += cut
            item_columns = 0
        elif cut := _cut_item_header(cell):
            out += cut
            item_columns = len(cut) - 1
        else:
            out.append(cell)
    return out


@cache
def _item_column_re() -> regex.Pattern:
    cols = patterns.load("forms")["budget_item_tables"]["columns"]
    return regex.compile("|".join(f"(?:{c})" for c in cols))


def _cut_item_header(cell: Cell) -> list[Cell] | None:
    """经费控制情况2020年决算数2021年预算数2021年决算数: the label column's header, then the
    columns (at least two, one a 决算), which end the cell."""
    run = _item_header_run(cell.text)
    if run is None:
        return None
    return [_sub(cell, 0, run[0][0], True)] + [_sub(cell, s, e, False) for s, e in run]


@lru_cache(maxsize=65536)  # asked for every cell of every document; cell texts recur
def _item_header_run(text: str) -> tuple[tuple[int, int], ...] | None:
    if not _may_be_run(text):
        return None
    run: list[tuple[int, int]] = []
    for m in _item_column_re().finditer(text):
        if m.end() == m.start():
            continue
        if run and m.start() != run[-1][1]:
            run = []
        run.append(m.span())
    if len(run) < 2 or run[-1][1] != len(text) or run[0][0] == 0:
        return None
    if not any("决算" in text[s:e] for s, e in run):
        return None
    return tuple(run)


def _item_row(cell: Cell, columns: int) -> list[Cell] | None:
    """一、某某经费000 → label | 0 | 0 | 0: only when the digits read one way only, one amount
    per column (000 does; 360 does not: it may be one amount, the other cells left blank)."""
    m = _ITEM_ROW.fullmatch(cell.text)
    if m is None or len(m.group("label")) > LABEL_MAX + 4:
        return None
    run, at = m.group("run"), m.start("run")
    readings: list[list[tuple[int, int]]] = []

    def walk(pos: int, acc: list[tuple[int, int]]) -> None:
        if len(readings) > 1 or len(acc) > columns:
            return
        if pos == len(run):
            readings.append(acc)  # fewer amounts than columns is a reading too
            return
        for end in range(pos + 1, len(run) + 1):
            if _AMOUNT.fullmatch(run, pos, end):
                walk(end, [*acc, (pos, end)])

    walk(0, [])
    if len(readings) != 1 or len(readings[0]) != columns:
        return None
    label = _sub(cell, 0, at, True)
    return [label] + [_sub(cell, at + s, at + e, False) for s, e in readings[0]]


def _sub(cell: Cell, s: int, e: int, first: bool) -> Cell:
    return Cell(cell.text[s:e], cell.start + s, cell.start + e, cell.line, first and cell.first)


def header_ranges(cells: list[Cell]) -> list[tuple[int, int]]:
    """Where run-together budget headers are: prose reading leaves their paragraphs alone."""
    return [
        (cell.start + words[0][0], cell.start + words[-1][1])
        for cell in cells
        if _may_be_run(cell.text) and (words := _header_word_spans(cell.text))
    ]


@lru_cache(maxsize=65536)  # asked twice for every cell (cut, header_ranges); texts recur
def _header_word_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The column words of a run-together budget header in a cell's ``text``, or ()."""
    if not _may_be_run(text):
        return ()
    words = _run_of_words(text)
    return tuple(words) if len(words) >= MIN_WORDS else ()


def _cut(cell: Cell) -> list[Cell] | None:
    words = _header_word_spans(cell.text)
    if not words:
        return None
    pieces = [(0, words[0][0]), *words, *_body(cell.text, words[-1][1])]
    out = []
    for s, e in pieces:
        if e > s:
            out.append(Cell(cell.text[s:e], cell.start + s, cell.start + e, cell.line, not out))
    return out


def _body(text: str, pos: int) -> list[tuple[int, int]]:
    """Spans of the row labels and value runs after a header, then the rest as one span."""
    out: list[tuple[int, int]] = []
    while pos < len(text):
        run = _RUN.match(text, pos)
        if run:
            out.append(run.span())
            pos = run.end()
            continue
        nxt = _RUN.search(text, pos)
        stop = nxt.start() if nxt else len(text)
        stretch = text[pos:stop]
        if nxt and regex.fullmatch(rf"[A-Za-z]{{1,{NOISE_MAX}}}", stretch):
            pos = stop  # O76%…: a stray letter in front of the values
            continue
        if (dash := _EMPTY_MARK.match(text, pos)) and (out and out[-1][1] == pos or nxt):
            out.append(dash.span())  # 120.00—92.31%: an empty cell's mark between values
            pos = dash.end()
            continue
        if nxt and stretch.endswith("(") and text.startswith(")", nxt.end()):
            stop = nxt.end() + 1  # a numbering (2) inside the label
            nxt = _RUN.search(text, stop)
            stop = nxt.start() if nxt else len(text)
            stretch = text[pos:stop]
        lead = _LEAD.match(stretch)
        label_at = pos + (lead.end() if lead and len(stretch) - lead.end() >= 2 else 0)
        if not nxt or not 2 <= stop - label_at <= LABEL_MAX:
            break
        out.append((label_at, stop))
        pos = stop
    out.append((pos, len(text)))
    return out


def value_splits(text: str, start: int, line: int) -> list[list[Cell]]:
    """Every reading of a run of values as cells (``76%107.6`` → 76% | 10 | 7.6 among others).

    A piece with no digit before its point (``.32``, an OCR loss) is unreadable: it stays out of
    the cells, and the columns it stood in are left empty."""
    out: list[list[Cell]] = []

    def walk(pos: int, acc: list[Cell], lost: bool) -> None:
        if len(out) >= MAX_SPLITS:
            return
        if pos == len(text):
            out.append(acc)
            return
        for end in range(len(text), pos, -1):
            if _NUMBER.fullmatch(text, pos, end):
                walk(end, [*acc, Cell(text[pos:end], start + pos, start + end, line, False)], False)
            # Digits lost only at the front of the run or after another loss: a point after a
            # readable number is that number's fraction.
            elif lost and _LOST.fullmatch(text, pos, end):
                walk(end, acc, True)

    walk(0, [], True)
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
