"""Which value of a form's budget block goes in which column, by the arithmetic forms obey.

A row's values keep their order but empty cells may be gone, so they are fitted to the columns
by a small search: money goes to money columns, a percent to 执行率, and the fit in which
执行率 = 执行数 / 预算数 and 得分 = 执行率 × 分值 wins. On a scrambled page (a PDF whose cells come
out of reading order) two rows' values may run together before their labels, and a row's 执行数
or 执行率 may stand apart further down the block: ``split_run`` cuts such a run into rows (a part
row never exceeds the total row above it), ``complete_row`` takes a stray value only when it
makes the row's own arithmetic hold. What no identity decides stays out.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from itertools import combinations

from ...numbers import parse_decimal
from . import types as t
from .budget_runon import value_splits
from .cells import Cell

MONEY = ("budget_initial", "budget", "executed", "expected")
MAX_VALUES = 8
MAX_ROWS = 4  # rows of a block (总额, 其中 财政拨款, 上年结转, 其他) one run may hold
WEIGHT_MAX = 100  # a 分值 is points of a 100-point form
RATE_TOLERANCE = 0.05  # percentage points: a stated 执行率 rounded from 执行数 / 预算数
SCORE_TOLERANCE = 0.6
PROOF_TOLERANCE = 0.06  # points: 得分 rounded from 执行率 × 分值, to move a stray value on it
NEG = float("-inf")
TIE = 0.05  # readings of a run this close fit alike: only where they agree is taken
# A rule met to the rounding of the printed figures, not just within a point: among the many
# readings of a run of values (76%107.6), the one whose figures agree exactly.
EXACT = 0.5
CUT = 0.3  # what cutting a run of values once more costs its reading
EVIDENCE = 2.0  # a reading scoring this has met 执行率 = 执行数 / 预算数 or 得分 = 执行率 × 分值


def number(cell: Cell) -> Decimal | None:
    return _number_of(cell.squashed)


def _number_of(squashed: str) -> Decimal | None:
    sq = squashed.rstrip("%分")
    for unit in ("万元", "元"):
        sq = sq.removesuffix(unit)
    return parse_decimal(sq)


@lru_cache(maxsize=4096)  # every pick of a row's columns asks for the same cells' numbers
def _float_of(squashed: str) -> float | None:
    n = _number_of(squashed)
    return float(n) if n is not None else None


def _percent(cell: Cell) -> bool:
    return cell.text.rstrip().endswith("%")


def fit_row(values: list[Cell], columns: list[str]) -> dict[str, Cell]:
    """The best order-keeping assignment of a row's value cells to the columns."""
    got, score = _best_fit(values, columns)
    return got if score > NEG else {}


def _best_fit(values: list[Cell], columns: list[str]) -> tuple[dict[str, Cell], float]:
    if not values or len(values) > min(len(columns), MAX_VALUES):
        return {}, NEG
    best, best_score = {}, NEG
    for picked in combinations(range(len(columns)), len(values)):
        got = {columns[c]: v for c, v in zip(picked, values, strict=True)}
        score = plausibility(got, columns)
        if score > best_score:
            best, best_score = got, score
    return best, best_score


def _numbers(got: dict[str, Cell]) -> dict[str, float | None]:
    out = {}
    for col, cell in got.items():
        if t.cell_kind(cell.text) != t.EMPTY:
            out[col] = _float_of(cell.squashed)
    return out


def plausibility(got: dict[str, Cell], columns: list[str]) -> float:
    score = 0.0
    for col, cell in got.items():
        kind = t.cell_kind(cell.text)
        if kind == t.EMPTY:
            continue
        if col == "remark":
            return NEG  # a remark column holds words or an empty mark (无), never a figure
        if col == "rate":
            if not _percent(cell) and kind != t.NUMBER:
                return NEG
            score += 1.0 if _percent(cell) else -0.5
        elif _percent(cell) or kind not in (t.NUMBER, t.VALUE):
            return NEG
    nums = _numbers(got)
    # 执行率 is 执行数 over 全年预算数 (A); over 年初预算数 only on a form without (A).
    budget = nums.get("budget" if "budget" in columns else "budget_initial")
    # A zero rate fits any small 执行数: like a zero 分值 below, it is no evidence.
    if budget and nums.get("executed") is not None and nums.get("rate"):
        off = abs(nums["executed"] / budget * 100 - nums["rate"])
        score += (3.0 if off <= SCORE_TOLERANCE else 0) + (EXACT if off <= 0.05 else 0)
    weight, points = nums.get("weight"), nums.get("score")
    if weight is not None and weight > WEIGHT_MAX:
        return NEG  # an amount is no 分值
    if weight is not None and points is not None and points > weight:
        return NEG  # 得分 never exceeds 分值
    # Zeros satisfy every product: only a non-zero 分值 is evidence.
    if None not in (nums.get("rate"), points) and weight:
        off = abs(nums["rate"] / 100 * weight - points)
        score += (2.0 if off <= SCORE_TOLERANCE else 0) + (EXACT if off <= 0.05 else 0)
        score += 0.5
    # A row that fills the columns from the left is the usual reading of a gap-free row.
    score -= 0.01 * sum(columns.index(c) for c in got)
    return score


def fit_run(run: Cell, columns: list[str], rest: list[Cell] | None = None) -> dict[str, Cell]:
    """A run of values (``76%107.6``) read the way that fits the columns best, each cut of
    the run earning its place; a column on which readings that fit as well disagree stays
    empty. A run that reads several ways is cut only on evidence — 执行率 = 执行数 / 预算数 or
    得分 = 执行率 × 分值 holds — unless it is one rate (``1212`` is never guessed). ``rest``:
    the row's value cells after the run (an empty mark — ended it: ``120.00—92.31%``)."""
    fits = []
    for split in value_splits(run.text, run.start, run.line):
        got, score = _best_fit(split + (rest or []), columns)
        fits.append((got, score, score - CUT * (len(split) - 1)))
    top = max((f[2] for f in fits), default=NEG)
    if top == NEG:
        return {}
    best = [f for f in fits if f[2] >= top - TIE]
    got, score, _ = best[0]
    one_rate = list(got) == ["rate"] and _percent(got["rate"])
    if len(fits) > 1 and score < EVIDENCE and not one_rate:
        return {}
    return {col: cell for col, cell in got.items() if all(g.get(col) == cell for g, _, _ in best)}


def split_run(values: list[Cell], n_rows: int, columns: list[str]) -> list[dict[str, Cell]]:
    """One run of values cut into ``n_rows`` consecutive rows, the first the block's total:
    the cut whose rows fit best and whose part rows stay within the total, column by column.
    [] when no cut fits."""
    if n_rows == 1:
        return [fit_row(values, columns)] if fit_row(values, columns) else []
    if not 1 < n_rows <= MAX_ROWS or not n_rows <= len(values) <= n_rows * len(columns):
        return []
    best: list[dict[str, Cell]] = []
    best_score = NEG
    for cuts in combinations(range(1, len(values)), n_rows - 1):
        bounds = [0, *cuts, len(values)]
        rows, score = [], 0.0
        for a, b in zip(bounds, bounds[1:], strict=False):
            got, s = _best_fit(values[a:b], columns)
            rows.append(got)
            score += s
        if score > best_score and _within_total(rows):
            best, best_score = rows, score
    return best


def _within_total(rows: list[dict[str, Cell]]) -> bool:
    total = _numbers(rows[0])
    for part in rows[1:]:
        for col, n in _numbers(part).items():
            if col in MONEY and n is not None and total.get(col) is not None and n > total[col]:
                return False
    return True


def _close_rate(executed: float, budget: float, rate: float) -> bool:
    return budget > 0 and abs(executed / budget * 100 - rate) <= RATE_TOLERANCE


def complete_row(got: dict[str, Cell], strays: list[Cell], columns: list[str]) -> dict[str, Cell]:
    """The total row with its 执行率 (and the 执行数 it proves) taken from stray cells of the
    block, when 执行数 / 预算数 equals that percent. A value the row had in 执行数 that the
    identity rejects moves to 得分 only if 执行率 × 分值 gives it; otherwise nothing changes."""
    if "rate" not in columns or "rate" in got:
        return got
    nums = _numbers(got)
    budget = nums.get("budget" if "budget" in columns else "budget_initial")
    if not budget:
        return got
    percents = [c for c in strays if _percent(c) and number(c) is not None]
    plain = [c for c in strays if not _percent(c) and number(c) is not None]
    for p in percents:
        rate = float(number(p))
        if nums.get("executed") is not None and _close_rate(nums["executed"], budget, rate):
            return {**got, "rate": p}
        for e in plain:
            if not _close_rate(float(number(e)), budget, rate):
                continue
            moved = _as_score(got.get("executed"), rate, got.get("weight"), plain)
            if moved is None:
                continue
            return {**got, **moved, "executed": e, "rate": p}
    return got


def _as_score(old: Cell | None, rate: float, weight: Cell | None, plain: list[Cell]):
    """{score, weight} placing the row's rejected 执行数 ``old`` as 得分 = 执行率 × 分值, or None."""
    if old is None:
        return {}
    points = float(number(old))
    for w in [weight] if weight is not None else plain:
        n = number(w)
        if n and float(n) <= WEIGHT_MAX and abs(rate / 100 * float(n) - points) <= PROOF_TOLERANCE:
            return {"score": old, "weight": w}
    return None
