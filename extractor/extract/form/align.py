"""Fit a stream of cells to a form's column order by a scored search (dynamic programming).

Each cell is either a field of some row or junk (a stray header word, a page number). A row
is [level1] [level2] name value…: its fields follow the header's order, any may be missing
(merged labels are written once and filled down; empty cells were dropped), but it has a
name and at least one field after it. Each choice is scored by how well the cell's kind fits
the field; where the text keeps one row per line, rows that start at a line start score more.
The best-scoring path is the reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median

import regex

from . import types as t
from .cells import Cell

LEVELS = ("level1", "level2")
OPTIONAL = frozenset(
    {"deviation", "remark", "likelihood", "unit", "nature", "rate", "expected", "standard",
     "explanation"}
)  # fmt: skip
MERGEABLE = frozenset({"name", "deviation", "remark", "standard", "explanation"})
IMPOSSIBLE = None
_SENTENCE = regex.compile(r"[,，;；。]|\.$")
SKIP = 0.6  # a value column left empty
SKIP_OPTIONAL = 0.1
LINE_ROW = 0.8  # a row that starts where a line starts, in a one-row-per-line text
_JUNK, _ROW, _CELL, _MERGE = range(4)  # the moves of the search


@dataclass
class Row:
    cells: dict[str, list[Cell]] = field(default_factory=dict)

    def first(self, name: str) -> Cell | None:
        got = self.cells.get(name)
        return got[0] if got else None


def fit(column: str, cell: Cell) -> float | None:
    """How well ``cell`` fits ``column`` (None: it cannot be that column's value)."""
    kind = t.cell_kind(cell.text)
    n = len(cell.squashed)
    if column in LEVELS:
        return 3.0 if kind == column else IMPOSSIBLE
    if kind in LEVELS and column == "name":
        # A name that reads like a level alias (服务对象满意度 under 服务对象满意度指标).
        return -0.5 if not cell.squashed.endswith("指标") else IMPOSSIBLE
    if kind in LEVELS or kind == t.END:
        return IMPOSSIBLE
    if column == "name":
        if kind == t.TEXT and _SENTENCE.search(cell.text):
            return -0.5  # a clause (…扣完为止.) explains a row; it names none
        return {t.TEXT: 1.0, t.QUALITATIVE: -0.5, t.HEADER: -1.5}.get(kind)  # "≥90%" names nothing
    if column in ("target", "actual", "expected"):
        if t.opens_name(cell.text):
            return IMPOSSIBLE  # 指标2:… is the next row's name
        if kind == t.TEXT:
            return 0.3 if n <= 12 else 0.0  # a worded target may be a whole clause
        return {t.VALUE: 2.0, t.NUMBER: 1.5, t.QUALITATIVE: 1.0, t.EMPTY: 0.5, t.HEADER: -2.0}.get(
            kind
        )
    if column == "nature":
        return 2.0 if kind == t.SIGN else IMPOSSIBLE
    if column == "unit":
        if kind == t.UNIT:
            return 1.5
        plain = not any(ch.isdigit() for ch in cell.text) and n <= 5
        return 0.5 if plain and kind in (t.TEXT, t.QUALITATIVE) else IMPOSSIBLE
    if column == "rate":
        if kind == t.VALUE and cell.text.rstrip().endswith("%"):
            return 1.5
        return {t.NUMBER: 0.5, t.EMPTY: 0.3}.get(kind)
    if column in ("weight", "score"):
        if kind == t.NUMBER and t.points(cell.text) is None:
            return IMPOSSIBLE  # 1,480,000.00 is an amount, not points of a 100-point form
        return {t.NUMBER: 2.0, t.EMPTY: 0.3}.get(kind)
    if column == "likelihood":
        # 确定能 / 有可能 / 不确定: a short word; a sentence is the 偏差原因 after it.
        if kind in (t.QUALITATIVE, t.TEXT):
            return 0.8 if n <= 5 else -0.5
        return 0.3 if kind == t.EMPTY else IMPOSSIBLE
    # deviation, remark: free text
    return {t.NUMBER: -1.0, t.VALUE: -0.5, t.HEADER: -1.0}.get(kind, 0.5)


@lru_cache(maxsize=256)
def _column_costs(columns: tuple[str, ...]) -> tuple[list[list[float]], list[tuple[int, int]]]:
    """Per state: the cost of the columns a move skips to each column, and the columns a cell
    move may reach (rows restart at level1..name; cells go right) — once per header."""
    m = len(columns)
    name_at = columns.index("name")

    def skip_cost(p: int, j: int) -> float:
        lo = max(p + 1, name_at + 1)
        return sum(SKIP_OPTIONAL if columns[x] in OPTIONAL else SKIP for x in range(lo, j))

    skipped = [[skip_cost(p, j) for j in range(m + 1)] for p in range(m)]
    cell_to = [(p + 1, name_at + 1 if p < name_at else m) for p in range(m)]
    return skipped, cell_to


@lru_cache(maxsize=4096)  # bounded: a worker's memory must not grow with the batch
def _cell_terms(columns: tuple[str, ...], text: str) -> tuple[tuple, tuple, float, bool, bool]:
    """A cell's moves — (state, fit) for the columns it can start a row in (up to the name),
    then per state the (state, fit, skipped columns' cost) it can move on to —, its junk
    score, whether it may merge and whether it opens a name (指标N:): all depend on its text
    and the header alone, and the same texts recur in every form of a kind (asked once per
    text). Columns it cannot be are left out here, so the DP loops over the few it can.
    States are ``align``'s: 0 between rows, j + 1 after column j."""
    cell = Cell(text, 0, len(text), 0, False)
    fits = [(j, f) for j, col in enumerate(columns) if (f := fit(col, cell)) is not None]
    name_at = columns.index("name")
    row_fits = tuple((j + 1, f) for j, f in fits if j <= name_at)
    skipped, cell_to = _column_costs(columns)
    moves = ((),) + tuple(
        tuple((j + 1, f, skipped[p][j]) for j, f in fits if lo <= j < hi)
        for p, (lo, hi) in enumerate(cell_to)
    )
    merge = t.cell_kind(text) in (t.TEXT, t.QUALITATIVE)
    return row_fits, moves, junk(cell), merge, t.opens_name(text)


def junk(cell: Cell) -> float:
    kind = t.cell_kind(cell.text)
    if kind in LEVELS:
        return -3.0
    return {t.HEADER: -0.3, t.EMPTY: -0.2}.get(kind, -1.5)


def _structured(cells: list[Cell]) -> bool:
    per_line: dict[int, int] = {}
    for c in cells:
        per_line[c.line] = per_line.get(c.line, 0) + 1
    return bool(per_line) and median(per_line.values()) >= 3


def align(cells: list[Cell], columns: list[str]) -> list[Row]:
    """The best reading of ``cells`` as rows of ``columns`` (which include level1, level2, name)."""
    m = len(columns)
    name_state = columns.index("name") + 1
    structured = _structured(cells)
    NEG = float("-inf")
    # States by index, lists not dicts (an index is cheaper than ``dict.get``): 0 is between
    # rows, j + 1 has just filled column j. best[s]: score of the best path ending in s.
    best = [0.0] + [NEG] * m
    # The states reached, in the order they were first reached: the offers are made in that
    # order, so ties (the strict ">") resolve as they did when ``best`` was a dict.
    live = [0]
    # per cell: state → its previous state and move, one int: prev * 4 + move (a tuple per
    # offer was a third of the loop's allocations).
    back: list[list[int]] = []
    column_key = tuple(columns)
    skipped, _ = _column_costs(column_key)
    merges = [False] + [columns[p] in MERGEABLE for p in range(m)]
    # Per state: whether a row may start after it (between rows, or past the name).
    restarts = [True] + [s > name_state for s in range(1, m + 1)]
    row_left = [0.0] + [-skipped[p][m] for p in range(m)]
    for cell in cells:
        row_fits, moves, cell_junk, mergeable, opens_name = _cell_terms(column_key, cell.text)
        # The DP's inner loop, written out: a closure call per offer was half its time. The
        # offers keep their order, their sums' order and the strict ">" so ties resolve as
        # before. A state's first offer appends it to ``reached``.
        nxt = [NEG] * (m + 1)
        how = [0] * (m + 1)
        reached: list[int] = []
        line_start = cell.first
        cross = -0.8 if structured and line_start else 0.0
        struct_bonus = LINE_ROW if line_start else -2.0
        for p in live:
            base = best[p]
            score = base + cell_junk
            code = p * 4
            if score > (old := nxt[p]):
                if old == NEG:
                    reached.append(p)
                nxt[p], how[p] = score, code  # + _JUNK
            if restarts[p]:
                bonus = struct_bonus if structured else row_left[p]
                for j, f in row_fits:
                    score = base + f + bonus
                    if score > (old := nxt[j]):
                        if old == NEG:
                            reached.append(j)
                        nxt[j], how[j] = score, code + _ROW
            for j, f, gap in moves[p]:
                score = base + f + cross - gap
                if score > (old := nxt[j]):
                    if old == NEG:
                        reached.append(j)
                    nxt[j], how[j] = score, code + _CELL
            if merges[p] and mergeable and not (opens_name and p == name_state):
                # p was offered its junk move above: it is reached already
                score = base - 0.4 + cross
                if score > nxt[p]:
                    nxt[p], how[p] = score, code + _MERGE
        back.append(how)
        best, live = nxt, reached
    # Any state may end the stream: a last row cut by the end of the text is read as far as it
    # goes (and dropped by the caller when it has no value). Of equal scores the first reached.
    if not live:
        return []
    state = max(live, key=best.__getitem__)
    path: list[tuple[int, int]] = []
    for how in reversed(back):
        code = how[state]
        path.append((code & 3, state - 1))
        state = code >> 2
    path.reverse()
    rows: list[Row] = []
    for cell, (move, col) in zip(cells, path, strict=True):
        if move == _JUNK:
            continue
        if move == _ROW:
            rows.append(Row())
        rows[-1].cells.setdefault(columns[col], []).append(cell)
    return rows
