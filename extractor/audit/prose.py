"""The report's prose as the audit reads it: amounts with their offsets, sentences, labels.

Rules that check arithmetic written in sentences (a total and its parts, a change and its
percentage) read ``result["text"]`` themselves. They match on a *view* of the text: ruby
annotations after characters ("萬(wàn)元") are blanked and a traditional text is simplified,
one character for one, so an offset in the view is an offset in the text and every
span keeps ``text[start:end] == span.text``. The view and its amounts are built once per
report (``of``) and shared by every rule that reads them.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

import regex

from .. import patterns
from ..traditional import simplifier

if TYPE_CHECKING:
    from .registry import Ctx

NUM = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
# A pinyin annotation right after a Han character: "萬(wàn)".
RUBY = regex.compile(r"(?<=\p{Han})\([a-zA-Z\u00c0-\u024f\u0300-\u036f]{1,8}\)")
SENTENCE_END = regex.compile(r"[。\n]")
BLANKS = regex.compile(r"\s+")
_NUM = regex.compile(NUM)


@cache
def config() -> dict[str, Any]:
    return patterns.load("audit_prose")


@cache
def _money_re() -> regex.Pattern:
    units = sorted(config()["money"], key=len, reverse=True)
    # Characters of a unit may be split by a blanked annotation ("萬(wàn)元" → "萬      元").
    alts = "|".join(r"\s*".join(map(regex.escape, u)) + ("" if u.endswith("元") else r"(?!\s*\p{Han})")
                    for u in units)  # fmt: skip
    return regex.compile(rf"(?P<n>{NUM})\s*(?P<u>{alts})")


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    figure: Decimal
    unit: str
    raw: str

    @property
    def yuan(self) -> Decimal:
        return self.figure * config()["money"][self.unit]

    @property
    def half_digit(self) -> Decimal:
        """Half the last written digit, in yuan: 41.12 万元 → 50. A whole figure counts as
        exact (0): lists of whole amounts add up exactly, and 0.5 万 per part would hide a
        slip of a few 万 in a long list."""
        s = self.raw_number
        if "." not in s:
            return Decimal(0)
        d = len(s.split(".")[1])
        return Decimal(5).scaleb(-(d + 1)) * config()["money"][self.unit]

    @property
    def raw_number(self) -> str:
        m = _NUM.match(self.raw)
        return m.group() if m else self.raw


@dataclass(frozen=True)
class Prose:
    """A report's text, its view, and every money amount in the view, in order."""

    text: str
    view: str
    amounts: list[Amount]

    def within(self, start: int, end: int) -> list[Amount]:
        """The amounts lying wholly in ``view[start:end]`` (a sentence), in order."""
        i = bisect_left(self.amounts, start, key=lambda a: a.start)
        out = []
        for a in self.amounts[i:]:
            if a.start >= end:
                break
            if a.end <= end:
                out.append(a)
        return out


def of(ctx: Ctx) -> Prose:
    """The report's prose, built on the first rule's asking and shared by the others."""
    return ctx.shared(_prose)


def _prose(ctx: Ctx) -> Prose:
    text = ctx.result.get("text") or ""
    v = view(text)
    return Prose(text, v, amounts(v))


def view(text: str) -> str:
    """The text with ruby blanked and a traditional text simplified (same length).

    Extraction cuts glosses and audits the simplified view already; a report re-audited from
    the database comes back in its own characters, so both are undone here too."""
    # An annotation opens with "(": a text without one is left as it is, unscanned.
    out = RUBY.sub(lambda m: " " * len(m.group()), text) if "(" in text else text
    simplify = simplifier([out])
    return simplify(out) if simplify else out


def amounts(v: str, start: int = 0, end: int | None = None) -> list[Amount]:
    """Money amounts in ``v[start:end]`` (``v`` a view), in order."""
    out = []
    for m in _money_re().finditer(v, start, len(v) if end is None else end):
        figure, unit = _figure_unit(*m.group("n", "u"))
        out.append(Amount(m.start(), m.end(), figure, unit, m.group()))
    return out


@lru_cache(maxsize=4096)  # ~45 range scans a report meet the same figures again and again
def _figure_unit(n: str, u: str) -> tuple[Decimal, str]:
    return Decimal(n.replace(",", "")), BLANKS.sub("", u)


def sentence_bounds(v: str, pos: int) -> tuple[int, int]:
    """The sentence (up to 。 or a line end) holding offset ``pos``."""
    before = v.rfind("。", 0, pos)
    line = v.rfind("\n", 0, pos)
    s0 = max(before, line) + 1
    m = SENTENCE_END.search(v, pos)
    return s0, (m.start() if m else len(v))


@cache
def _label_re(limit: int) -> regex.Pattern:
    # Matched backwards from ``pos`` ((?r)): a forward search tried every start in the window
    # and backtracked through up to ``limit`` letters at each, the audit's costliest search.
    return regex.compile(r"(?r)(?:[\p{Han}A-Za-z][ \t]*){1,%s}$".replace("%s", str(limit)))


def label_start(v: str, pos: int, limit: int = 16) -> int:
    """Where the words naming the amount at ``pos`` start: Han characters back to a punctuation
    mark or a figure, at most ``limit`` of them."""
    m = _label_re(limit).search(v, max(0, pos - 4 * limit), pos)
    # From the match's length, not its start: before a line end ``$`` matches one character
    # early, and labels have always been measured back from ``pos``.
    return pos - len(m.group()) if m else pos


def loose(word: str) -> str:
    """A pattern for ``word`` in a view, where a blanked annotation may split its characters."""
    return r"\s*".join(map(regex.escape, word))


def clean(part: str) -> str:
    """A piece of the text for a message: ruby dropped, blanks squeezed."""
    return BLANKS.sub("", RUBY.sub("", part) if "(" in part else part)


def span(text: str, start: int, end: int) -> dict[str, Any]:
    """A span into the report's text (the page is not known from the text alone)."""
    return {"page": None, "start": start, "end": end, "text": text[start:end]}


def fmt(x: Decimal, decimals: int) -> str:
    q = x.quantize(Decimal(1).scaleb(-decimals)) if decimals else x.quantize(Decimal(1))
    return format(q.normalize() if decimals else q, "f")


def decimals(*amts: Amount) -> int:
    return max((len(a.raw_number.split(".")[1]) if "." in a.raw_number else 0) for a in amts)
