"""Which cells a row's run-together values are: a scored search over the splits of digit runs.

A run like ``1010`` holds several cells (weight 10, score 10), ``0100%`` two (0 and 100%). Each
run is cut into numbers every way a number can be written (no leading zero but ``0`` and
``0.x``), the pieces are laid into the value columns in header order (a column may stay empty),
and each layout is scored by the rules forms obey: the score is within the weight, equals weight
× 得分系数 when the form has that column, weights are small integers, target and actual are of
one size. The best layouts win; a field on which equally good layouts disagree stays None —
a number is never guessed to make a row fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import product

import regex

VALUE_COLUMNS = ("target", "adjusted", "actual", "coefficient", "weight", "score")
# What leaving a column empty costs: target and actual are what a row is for; an 调整指标值
# column is mostly left blank.
SKIP = {"target": 0.6, "actual": 0.6, "adjusted": 0.1, "coefficient": 0.3}
MAX_LAYOUTS = 4096
CUT = 0.3

_PIECE = regex.compile(r"[≥≤<>=]?(?:0|[1-9]\d*)(?:\.\d+)?")


@dataclass(slots=True, unsafe_hash=True)
class Atom:
    """One cell's text and offsets, cut out of a run.

    Not frozen: the split search makes one per piece it tries, and a frozen dataclass's
    ``__init__`` (``object.__setattr__`` per field) was most of that search's time. Atoms are
    never changed after they are made, so hashing by the fields is safe."""

    text: str
    start: int
    end: int
    worded: bool = False  # 高, 明显促进: a worded value, never a weight or a score
    cut_from_percent: bool = False  # a number cut off the front of a run that ends in %


_DIGITS_SUFFIX = regex.compile(r"^(.*?\d)(\D*)$")


def splits(text: str, start: int, lead: int = 0) -> list[list[Atom]]:
    """Every way to read ``text`` (a run of digits, dots, at most one leading comparator and
    a trailing % or unit) as consecutive numbers; the suffix stays on the last one. The first
    ``lead`` characters are a comparator in words (不低于), kept on the first number."""
    m = _DIGITS_SUFFIX.match(text[lead:])
    if not m:
        return []
    body, suffix = m.group(1), m.group(2)
    out: list[list[Atom]] = []
    if lead:
        return [
            [Atom(text[: lead + len(a.text)], start, a.end, a.worded, a.cut_from_percent)] + rest
            for first, *rest in splits(text[lead:], start + lead)
            for a in [first]
        ]

    def walk(pos: int, acc: list[Atom]) -> None:
        if len(out) >= 512:
            return
        if pos == len(body):
            last = acc[-1]
            acc = [*acc[:-1], Atom(last.text + suffix, last.start, last.end + len(suffix))]
            if suffix.endswith("%"):
                acc = [Atom(a.text, a.start, a.end, cut_from_percent=True) for a in acc[:-1]] + [
                    acc[-1]
                ]
            out.append(acc)
            return
        for end in range(len(body), pos, -1):
            piece = body[pos:end]
            # The whole part (before any dot): a string cut, not a regex, in this inner loop.
            whole = piece.lstrip("≥≤<>=").partition(".")[0]
            if len(whole) > 7:  # no cell of a form holds an eight-digit number run on
                continue
            if (pos == 0 or piece[0] not in "≥≤<>=") and _is_piece(piece):
                walk(end, [*acc, Atom(piece, start + pos, start + end)])

    walk(0, [])
    return out


@lru_cache(maxsize=4096)  # the walk tries the same pieces from many places of a run
def _is_piece(piece: str) -> bool:
    return _PIECE.fullmatch(piece) is not None


_DECIMAL = regex.compile(r"\d+(?:\.\d+)?")


def _num(text: str) -> float | None:
    m = _DECIMAL.search(text)
    return float(m.group()) if m else None


def _plain(a: Atom) -> bool:
    return not a.worded and _DECIMAL.fullmatch(a.text) is not None


def _score(cells: dict[str, Atom], percent: bool = False) -> float | None:
    """How plausible a layout is; None when a column holds what it cannot."""
    total = sum(-cost for col, cost in SKIP.items() if col not in cells)
    w, s, c = cells.get("weight"), cells.get("score"), cells.get("coefficient")
    for a in (w, s):
        if a is not None and not _plain(a):
            return None
    if c is not None and (c.worded or not (c.text.endswith("%") or _plain(c))):
        return None
    wv = _num(w.text) if w else None
    sv = _num(s.text) if s else None
    if wv is not None:
        if not 0 < wv <= 100:
            return None
        total += 2 + (0.3 if wv == int(wv) else 0)
    if sv is not None:
        total += 2
        if wv is not None:
            # A score above its weight is possible (the audit's finding), but unlikely.
            total += -3 if sv > wv else 0.5 if sv == wv else -0.5 if sv == 0 else 0
    if c is not None:
        cv = _num(c.text)
        if cv is None or cv > 100:
            return None
        cv = cv / 100 if c.text.endswith("%") else cv
        if wv is not None and sv is not None:
            total += 1.5 if abs(wv * cv - sv) < 0.051 else -2
    for a in cells.values():
        if a.cut_from_percent and a.text != "0":
            total -= 1.5  # cut off a percent run, it lost its own %: only 0 is written bare
    t, a = cells.get("target"), cells.get("actual")
    total += (t is not None) + (a is not None)
    if percent and t and not t.worded and (_num(t.text) or 0) > 100:
        total -= 1  # a rate's target is at most 100 %
    if t and a and not t.worded and not a.worded:
        tv, av = _num(t.text), _num(a.text)
        if tv and av and max(tv, av) / min(tv, av) > 10:
            total -= 1  # a target and its actual are of one size
    return total


def layout(
    runs: list[list[list[Atom]]], columns: list[str], percent: bool = False
) -> dict[str, Atom | None]:
    """The cells of one row: ``runs`` are the value runs in order, each with its splits (a
    worded value is a run with one split of one atom); ``columns`` the value columns in order.
    A column is absent when no layout fills it, None when the best layouts disagree on it.
    ``percent``: the row's unit is %, so its target is a rate."""
    return resolve(best_layouts(runs, columns, percent))


def best_layouts(
    runs: list[list[list[Atom]]], columns: list[str], percent: bool = False
) -> list[dict[str, Atom]]:
    """Every layout of the best score (see ``layout``)."""
    cols = [c for c in columns if c in VALUE_COLUMNS]
    best: list[dict[str, Atom]] = []
    best_score = float("-inf")
    for n, choice in enumerate(product(*runs)):
        if n >= MAX_LAYOUTS:
            break
        if sum(map(len, choice)) > len(cols):
            continue  # counted before the atoms are gathered: most choices end here
        atoms = [a for split in choice for a in split]
        cuts = len(atoms) - len(choice)  # each cut of a run must earn its place
        for placed in _placements(atoms, cols):
            sc = _score(placed, percent)
            if sc is None:
                continue
            sc -= CUT * cuts
            if sc > best_score + 1e-9:
                best, best_score = [placed], sc
            elif abs(sc - best_score) <= 1e-9:
                best.append(placed)
    return best


def weight_of(best: list[dict[str, Atom]]) -> str | None:
    """The weight all of a row's best layouts agree on, or None."""
    got = {p["weight"].text if "weight" in p else None for p in best}
    return got.pop() if len(got) == 1 else None


def prefer_weights(best: list[dict[str, Atom]], weights: set[str]) -> list[dict[str, Atom]]:
    """Of equally good layouts, those whose weight the form's other rows have: a form's
    weights repeat (every row 10, or 2 and 5), so an unseen weight is the worse reading."""
    kept = [p for p in best if "weight" in p and p["weight"].text in weights]
    return kept or best


def resolve(best: list[dict[str, Atom]]) -> dict[str, Atom | None]:
    """One cell per column the layouts fill; None where they disagree."""
    out: dict[str, Atom | None] = {}
    cols = [c for c in VALUE_COLUMNS if any(c in p for p in best)]
    for col in cols:
        seen = {(p[col].start, p[col].end) if col in p else None for p in best}
        out[col] = next(p[col] for p in best if col in p) if len(seen) == 1 else None
    return out


def _placements(atoms: list[Atom], cols: list[str]):
    """Every order-keeping way to put each atom into its own column."""

    def walk(i: int, j: int, acc: dict[str, Atom]):
        if i == len(atoms):
            yield dict(acc)
            return
        for k in range(j, len(cols) - (len(atoms) - i - 1)):
            if atoms[i].worded and cols[k] not in ("target", "adjusted", "actual"):
                continue
            acc[cols[k]] = atoms[i]
            yield from walk(i + 1, k + 1, acc)
            del acc[cols[k]]

    yield from walk(0, 0, {})
