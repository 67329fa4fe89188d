"""A form whose value columns came out before its label columns (a PDF read column block by
column block): the header, then every row's values, then the names and level labels.

The values are cut into rows of the header's value columns; each row must fit its columns
(a quantity or worded value as target/actual, 得分 ≤ 分值), and a closing pair may follow whose
分值 and 得分 are at least the rows' sums (the rest is the budget-execution part). The names are
the text cells after the values, with the first row's name that the page wrote among the
header words. Rows and names are paired in order only when their counts agree; level-2 labels
likewise, else the levels stay unknown. Anything else is no reading.
"""

from __future__ import annotations

from . import types as t
from .align import Row, fit
from .cells import Cell, split_tail

VALUE_KINDS = (t.VALUE, t.NUMBER, t.QUALITATIVE, t.EMPTY, t.SIGN)
LEAD_COLUMNS = ("nature", "unit", "target", "actual", "expected", "rate", "weight", "score")
MIN_ROWS = 2
NAME_MIN = 2  # a lone character is a wrapped name's tail, not a name


def values_first(
    head: list[Cell], body: list[Cell], columns: list[str]
) -> tuple[list[Row], list[Cell]]:
    """The rows of a form written values first and its closing 分值 | 得分 pair (or []), or
    ([], []) when the body is not one."""
    value_cols = [c for c in columns[columns.index("name") + 1 :] if c in LEAD_COLUMNS]
    k = len(value_cols)
    n = next((i for i, c in enumerate(body) if t.cell_kind(c.text) not in VALUE_KINDS), len(body))
    if k < 2 or n < MIN_ROWS * k:
        return [], []
    rows = [dict(zip(value_cols, body[i : i + k], strict=True)) for i in range(0, n - n % k, k)]
    pair = body[n - n % k : n]
    if not all(_fits(r) for r in rows) or not _closes(pair, rows):
        return [], []
    names, level2s = _labels(head, body[n:])
    if len(names) != len(rows):
        return [], []
    out = []
    for r, (values, name) in enumerate(zip(rows, names, strict=True)):
        row = Row({"name": [name], **{col: [cell] for col, cell in values.items()}})
        if len(level2s) == len(rows):
            row.cells["level2"] = [level2s[r]]
        out.append(row)
    return out, pair


def _number(cell: Cell) -> float | None:
    try:
        return float(cell.squashed.rstrip("分"))
    except ValueError:
        return None


def _fits(values: dict[str, Cell]) -> bool:
    if any((fit(col, cell) or 0.0) <= 0 for col, cell in values.items()):
        return False
    w, s = values.get("weight"), values.get("score")
    if w is None or s is None:
        return True
    weight, points = _number(w), _number(s)
    return weight is not None and points is not None and points <= weight


def _closes(rest: list[Cell], rows: list[dict[str, Cell]]) -> bool:
    """Nothing left after the rows, or a closing 分值 | 得分 pair that covers their sums."""
    if not rest:
        return True
    if len(rest) != 2 or any(r.get("weight") is None or r.get("score") is None for r in rows):
        return False
    weight, points = _number(rest[0]), _number(rest[1])
    if weight is None or points is None:
        return False
    weights = sum(_number(r["weight"]) or 0.0 for r in rows)
    scores = sum(_number(r["score"]) or 0.0 for r in rows)
    return points <= weight and weights <= weight and scores <= points


def _labels(head: list[Cell], rest: list[Cell]) -> tuple[list[Cell], list[Cell]]:
    """Name cells and level-2 labels in order: those among the header words (a name only after
    the name column's word, 三级指标), then those after the values; a label run onto a name
    (合同完成率满意度指标) is split off it first."""
    at = next((i for i, c in enumerate(head) if t.header_field(c.squashed) == "name"), len(head))
    names, level2s = [], []
    for k, c in enumerate(split_tail(head + rest, t.label_suffix)):
        kind = t.cell_kind(c.text)
        if kind == t.LEVEL2:
            level2s.append(c)
        elif kind == t.TEXT and len(c.squashed) >= NAME_MIN and (k > at or c.start > head[-1].end):
            names.append(c)
    return names, level2s
