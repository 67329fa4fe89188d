"""Ties a run-together form leaves, broken by the sums the form itself states.

A row whose digit runs split two equally good ways (``8201200``: weight 12 or 2) keeps both
readings after ``runon_split``. Forms obey sums across rows: a level-1 group's weights add up to
the ``(30分)`` in its label, all weights to the 总分 row's weight (100, or 100 less the budget
block's share, which is read elsewhere), and — once the weights are the whole form — the scores
to the 总分 row's score. Every combination of the tied rows' readings is tried against those
sums; a sum that no combination meets is not the form's (a row was not read) and is ignored. A
tied row is settled only when every combination left agrees on it: a sum that two readings
meet decides nothing, and the row stays as ``resolve`` leaves it (its fields None).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import product

from ... import patterns
from . import types as t
from .cells import Cell
from .runon_split import Atom

MAX_COMBINATIONS = 4096

Layout = dict[str, Atom]
Option = tuple[str | None, str | None]  # (weight text, score text) of one reading


@cache
def _budget_shares() -> list[Decimal]:
    return [Decimal(str(x)) for x in patterns.load("forms")["runon_sums"]["budget_weights"]]


def _option(p: Layout) -> Option:
    return (p["weight"].text if "weight" in p else None, p["score"].text if "score" in p else None)


def _dec(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text is not None else None
    except InvalidOperation:
        return None


def level1_groups(cells: Sequence[dict[str, list[Cell]]]) -> list[tuple[list[int], Decimal]]:
    """(rows, label weight) of each level-1 group whose label states its weight: a group runs
    from its label to the next one, or to a level-2 label of another family."""
    out: list[tuple[list[int], Decimal | None]] = []
    family = None
    for i, row in enumerate(cells):
        if row.get("level1"):
            hit = t.level_label(row["level1"][0].squashed)
            family = hit[1] if hit else None
            weight = hit[2] if hit else None
            out.append(([], Decimal(str(weight)) if weight is not None else None))
        elif row.get("level2") and out:
            known = t.level_label(row["level2"][0].squashed)
            parent = t.parent_of(known[1] if known else row["level2"][0].squashed)
            if parent and family and parent != family:
                family = parent
                out.append(([], None))  # another family whose label was not written
        if out:
            out[-1][0].append(i)
    return [(rows, w) for rows, w in out if w is not None and rows]


def settle(
    cells: Sequence[dict[str, list[Cell]]],
    best: list[list[Layout]],
    closing: tuple[str | None, str | None] = (None, None),
) -> list[list[Layout]]:
    """``best`` with each tied row cut to the readings the form's sums leave, where they leave
    one (weight, score); ``closing`` is the 总分 row's (weight, score) as written."""
    options = [list(dict.fromkeys(_option(p) for p in b)) for b in best]
    tied = [i for i, o in enumerate(options) if len(o) > 1]
    if not tied:
        return best
    n = 1
    for i in tied:
        n *= len(options[i])
    if n > MAX_COMBINATIONS:
        return best  # too many to try all: a sum over a part proves nothing
    combos = [dict(zip(tied, c, strict=True)) for c in product(*(options[i] for i in tied))]

    def value(combo: dict[int, Option], i: int, field: int) -> Decimal | None:
        opt = combo.get(i) or (options[i][0] if options[i] else (None, None))
        return _dec(opt[field])

    def keep(rows: list[int], field: int, ok: Callable[[Decimal], bool]) -> None:
        nonlocal combos
        if not set(rows) & set(tied):
            return  # only settled rows: nothing to choose
        met = []
        for combo in combos:
            vals = [value(combo, i, field) for i in rows]
            if None not in vals and ok(sum(vals, Decimal(0))):
                met.append(combo)
        combos = met or combos  # a sum no reading meets is not this form's

    w_total, s_total = _dec(closing[0]), _dec(closing[1])
    full = w_total if w_total is not None else Decimal(100)
    for rows, label_weight in level1_groups(cells):
        keep(rows, 0, lambda s, lw=label_weight: s == lw)
    everyone = list(range(len(best)))
    keep(everyone, 0, lambda s: any(s == full - b for b in _budget_shares()))
    # The scores add up to the 总分 only when the rows are the whole form: weights agreed on
    # and adding up to the full total, not less a budget block's share.
    if (
        s_total is not None
        and w_total is not None
        and all(len({value(c, i, 0) for c in combos}) == 1 for i in everyone)
    ):
        if sum((value(combos[0], i, 0) or Decimal(0) for i in everyone), Decimal(0)) == full:
            keep(everyone, 1, lambda s: s == s_total)
    out = list(best)
    for i in tied:
        chosen = {c[i] for c in combos}
        if len(chosen) == 1:  # a tied row had several: a sum cut them to one
            pick = chosen.pop()
            out[i] = [p for p in best[i] if _option(p) == pick]
    return out
