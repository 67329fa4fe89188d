"""The name of a unit (单位): 且末县科学技术协会, 某县清河乡人民政府, 某新区群众工作部(信访局).

A name is a run of characters ending in a kind of body (局, 中心, 人民政府 …) where the text
moves on: at the end, before a digit or space, or before a word that follows names (关于, 现有,
下属 …). "甲乙镇现有政府工作人员" is 甲乙镇, not 甲乙镇现有政府. Masked characters (**山县, _县)
are part of the name as the text writes it.
"""

from __future__ import annotations

from functools import cache

import regex

from .. import patterns
from .labels import known_labels

NAME_CHARS = r"[\p{Han}*_]"


@cache
def _cfg() -> dict:
    return patterns.load("report")


@cache
def _suffix_end() -> regex.Pattern:
    """Where a suffix ends inside a run of name characters."""
    return regex.compile(rf"(?:{patterns.alternation(_cfg()['unit']['suffixes'])})")


@cache
def _region_end() -> regex.Pattern:
    return regex.compile(rf"(?:{patterns.alternation(_cfg()['region']['suffixes'])})")


@cache
def _not_first() -> tuple[str, ...]:
    return (*_cfg()["department"]["not_first"], *known_labels())


@cache
def _followers() -> tuple[str, ...]:
    return tuple(_cfg()["department"]["followers"])


BRACKET = regex.compile(r"\((?!含|包括|制\)|印制|监制|公章|盖章|签章)[\p{Han}、,]{1,24}\)")
RUN = regex.compile(rf"{NAME_CHARS}{{2,40}}")
RUN_CHAR = regex.compile(NAME_CHARS)


def _bracket_after(text: str, pos: int) -> int:
    """The end of a bracketed part of the name right at ``pos`` ("(信访局)"; not "(含13个站所)")."""
    m = BRACKET.match(text, pos)
    return m.end() if m else pos


def _ends_here(text: str, pos: int, end: int | None = None) -> bool:
    end = len(text) if end is None else end
    if pos >= end:
        return True
    if not RUN_CHAR.match(text, pos):
        return True
    return text.startswith(_followers(), pos)


def unit_at(text: str, pos: int = 0, end: int | None = None, region: bool = False) -> int | None:
    """The end of the unit name that starts at ``pos``, or None if no name starts there.

    The first place a suffix ends and the text moves on wins; ``region`` also accepts a bare
    region (某省, 某某市), for the places where a region stands for the reporting unit.
    """
    end = len(text) if end is None else end
    run = RUN.match(text, pos, end)
    if not run or text.startswith(_not_first(), pos):
        return None  # 我局 is no name; 主管部门XX局 is a label and its value
    stop = run.end()
    found = list(_suffix_end().finditer(text, pos, stop, overlapped=True))
    if region:
        found += _region_end().finditer(text, pos, stop, overlapped=True)
    ends = [(m.end(), m.group()) for m in found]
    for e, suffix in sorted(set(ends)):
        # A kind alone is no name (政府, 中心), unless it is one (政协); a one-character kind
        # needs a name of two before it: 文体局, not 全部.
        if e - pos == len(suffix) and suffix not in _cfg()["unit"]["whole_names"]:
            continue
        if len(suffix) == 1 and e - pos < 3:
            continue
        if "我" in text[pos:e]:
            return None  # "因我镇所属…": a pronoun inside is no name
        with_bracket = _bracket_after(text, e)
        if with_bracket > e and _ends_here(text, with_bracket, end):
            return with_bracket
        if _ends_here(text, e, end):
            return e
    return None


def unit_prefix(value: str, region: bool = False) -> str | None:
    """The unit name a value starts with ("财政局为深入…" → 财政局), else None."""
    e = unit_at(value, 0, region=region)
    return value[:e] if e else None


def is_unit(value: str) -> bool:
    """Whether the whole value is one unit's name."""
    return unit_at(value, 0) == len(value)
