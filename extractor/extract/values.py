"""The value grammar shared by every extractor: [comparator] number [unit] [comparator-after].

``≥ 12 次`` · ``不低于95%`` · ``41.12 万元`` · ``500 户`` · ``20万元以上`` · ``十二人``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

import regex

from .. import patterns
from ..numbers import ARABIC, CN_NUMERAL, money_units, parse_decimal


@dataclass
class Value:
    start: int
    end: int
    raw: str
    number: Decimal | None
    unit: str | None
    comparator: str | None

    @property
    def is_money(self) -> bool:
        return self.unit in money_units()

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"


@cache
def value_regex(chinese_numerals: bool = False) -> regex.Pattern:
    cmp = patterns.load("comparators")
    units = patterns.load("units")
    unit_words = list(units["money"]) + units["count"]["units"]
    number = f"(?:{ARABIC})" + (f"|{CN_NUMERAL}" if chinese_numerals else "")
    return regex.compile(
        rf"(?P<before>{patterns.alternation(list(cmp['before']) + list(cmp['symbols']))})?\s*"
        rf"(?P<num>{number})(?![\d.])\s*"
        rf"(?P<unit>{patterns.alternation(unit_words)})?"
        rf"(?P<after>{patterns.alternation(cmp['after'])})?"
    )


def comparator_of(before: str | None, after: str | None) -> str | None:
    cmp = patterns.load("comparators")
    if before:
        return cmp["symbols"].get(before) or cmp["before"].get(before)
    if after:
        return cmp["after"].get(after)
    return None


def find_values(text: str, start: int = 0, end: int | None = None, chinese: bool = False):
    """Every value in ``text[start:end]``, with absolute offsets."""
    end = len(text) if end is None else end
    for m in value_regex(chinese).finditer(text, start, end):
        yield _value(m)


def parse_value(text: str, offset: int = 0) -> Value | None:
    """The first value at the start of ``text`` (leading spaces allowed), offsets + ``offset``."""
    m = value_regex(False).match(text.lstrip())
    if not m:
        return None
    shift = offset + len(text) - len(text.lstrip())
    v = _value(m)
    v.start += shift
    v.end += shift
    return v


REMARK_AT_END = regex.compile(r"\s*\([^()\d]{1,8}\)$")


@cache
def _whole_regex() -> regex.Pattern:
    cmp = patterns.load("comparators")
    return regex.compile(
        rf"(?P<before>{patterns.alternation(list(cmp['before']) + list(cmp['symbols']))})?\s*"
        rf"(?P<num>{ARABIC})\s*"
        # Any short unit, known or not (宗, 批次, 人·次): the cell holds nothing else.
        rf"(?P<unit>[^\d\s,;。;:()]{{1,6}}?)?\s*"
        rf"(?P<after>{patterns.alternation(cmp['after'])})?"
    )


@cache
def whole_start() -> regex.Pattern:
    """A character ``parse_whole`` text can start with and be one value: a digit, a sign, a
    comparator's first character, or a space it strips (``str.strip``'s are \\s and \\x1c-\\x1f)."""
    cmp = patterns.load("comparators")
    firsts = sorted({w[0] for w in (*cmp["before"], *cmp["symbols"])} | set("+-"))
    return regex.compile(rf"[\d\s\x1c-\x1f{regex.escape(''.join(firsts))}]")


def parse_whole(text: str, offset: int = 0) -> Value | None:
    """The value that is all of ``text`` (a table cell, a field after its label), or None."""
    whole = _whole(text)
    if whole is None:
        return None
    at, stripped, number, unit, comparator = whole
    start = offset + at
    return Value(start, start + len(stripped), stripped, number, unit, comparator)


@lru_cache(maxsize=4096)
def _whole(text: str) -> tuple[int, str, Decimal | None, str | None, str | None] | None:
    """``parse_whole`` without the offset: the same cell texts are parsed again and again."""
    stripped = text.strip()
    # A short bracketed remark after the value ("≥95%(含)", "12次(累计)") qualifies it.
    core = REMARK_AT_END.sub("", stripped) or stripped
    m = _whole_regex().fullmatch(core)
    if not m:
        return None
    aliases = patterns.load("units").get("aliases", {})
    unit = m.group("unit")
    number = parse_decimal(m.group("num"))
    comparator = comparator_of(m.group("before"), m.group("after"))
    return text.index(stripped), stripped, number, aliases.get(unit, unit), comparator


def _value(m: regex.Match) -> Value:
    # Called for every figure every reader finds (~140 a report): the match's own text and a
    # cache of the parsed parts, not a search of the whole string and a parse per figure.
    whole = m.group()
    raw = whole.strip()
    start = m.start() + len(whole) - len(whole.lstrip())
    before, num, unit, after = m.group("before", "num", "unit", "after")
    number, comparator = _parsed(num, before, after)
    return Value(start, start + len(raw), raw, number, unit, comparator)


@lru_cache(maxsize=4096)
def _parsed(num: str, before: str | None, after: str | None) -> tuple[Decimal | None, str | None]:
    return parse_decimal(num), comparator_of(before, after)
