"""Worded values of a run-together row: vocabulary words (有效改善, 高), and dates as written.

Cut out of the stretch of words a row's name runs into, they are atoms of the row's value runs,
always in the target/actual columns (``runon_split``), never a weight or a score.
"""

from __future__ import annotations

from functools import cache

import regex

from ... import patterns
from .runon_split import Atom

NAME_MIN = 3

# Digits alone (no comparator, % or unit) up to the next words: a row's weight and score.
_BARE_RUN = regex.compile(r"\d[\d.]*(?=\p{Han}|$|\n)")


@cache
def _words() -> list[str]:
    forms = patterns.load("forms")
    return sorted({*forms["flat"]["qualitative"], *forms["runon"]["worded"]}, key=len, reverse=True)


@cache
def _date() -> regex.Pattern:
    return regex.compile(patterns.load("forms")["runon"]["date_value"])


def _prefix(text: str, pos: int, end: int) -> int:
    return next((len(w) for w in _words() if text.startswith(w, pos, end)), 0)


def date_at(text: str, pos: int) -> Atom | None:
    """A date written at ``pos`` (2023年12月底前), one worded atom; None if there is none."""
    m = _date().match(text, pos)
    return Atom(m.group(), pos, m.end(), True) if m else None


def before_date(text: str, start: int, end: int) -> int:
    """Where a run of digits stops short of a date whose year it ran into (``102023年``)."""
    for k in range(start + 1, end):
        date = date_at(text, k)
        if date is not None and date.end > end and text[k - 1].isdigit():
            return k
    return end


def vocabulary_words(text: str, start: int, end: int) -> list[Atom]:
    """``text[start:end]`` cut into worded values of the vocabulary, or [] if it is not one."""
    out: list[Atom] = []
    pos = start
    while pos < end:
        n = _prefix(text, pos, end)
        if not n:
            return []
        out.append(Atom(text[pos : pos + n], pos, pos + n, True))
        pos += n
    return out


def _doubled_word(text: str) -> str:
    """A worded value written twice at the end (``高高``): the same target and actual."""
    for w in _words():
        if text.endswith(w + w) and len(text) > 2 * len(w) + 1:
            return w + w
    return ""


def _worded_pair(text: str) -> tuple[int, int] | None:
    """Lengths of two worded values of the vocabulary written at the end of ``text`` (the
    target then the actual), leaving a name of at least NAME_MIN characters; else None."""
    second = next((len(w) for w in _words() if text.endswith(w)), 0)
    rest = text[: len(text) - second]
    first = next((len(w) for w in _words() if second and rest.endswith(w)), 0)
    if not first or len(rest) - first < NAME_MIN:
        return None
    return first, second


_HAN_ONLY = regex.compile(r"\p{Han}+")


def _repeated(text: str) -> int:
    """Length of a phrase of 2–4 characters written twice at the end of ``text``, leaving a
    name of at least NAME_MIN characters; 0 if there is none."""
    for n in (4, 3, 2):
        tail = text[-n:]
        if (
            len(text) - 2 * n >= NAME_MIN
            and text[-2 * n : -n] == tail
            and _HAN_ONLY.fullmatch(tail)
        ):
            return n
    return 0


def worded_at_end(text: str, s: int, e: int, values_at: int) -> list[Atom]:
    """The worded target and actual run onto the end of the name ``text[s:e]``: a word written
    twice (高高), or, when only a bare weight and score follow at ``values_at``, two words of
    the vocabulary (明显改善有效改善|1514) or any short phrase written twice (稳定稳定|1515).
    [] when the name ends in none of these."""
    double = _doubled_word(text[s:e])
    if double:
        first = second = len(double) // 2
    elif _BARE_RUN.match(text, values_at) and (pair := _worded_pair(text[s:e])):
        first, second = pair
    elif _BARE_RUN.match(text, values_at) and (n := _repeated(text[s:e])):
        first = second = n  # 稳定稳定|1515: one phrase as target and actual, not in the vocabulary
    else:
        return []
    return [Atom(text[e - first - second : e - second], e - first - second, e - second, True),
            Atom(text[e - second : e], e - second, e, True)]  # fmt: skip
