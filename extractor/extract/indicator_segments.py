"""Where prose clauses end and which figure ends each: the cutting the clause reader stands on.

A clause runs to the next punctuation, or past a percentage that runs into the next name
(``合格率100%满意度98%``); its value is the longest tail that is one value (``不低于3.5米``,
``21.5 hm2``, ``727户2884人``).
"""

from __future__ import annotations

import regex

from .. import patterns
from .values import Value, find_values, parse_whole, whole_start

TERMINATORS = ",;。;!?\n"
TRAILING_REMARK = regex.compile(r"\([^()\d]{1,20}\)$")
LATIN_UNIT = regex.compile(r"(\d+(?:\.\d+)?)\s*([A-Za-z]{1,3}[23²³])")
COUNT_UNITS = patterns.alternation(patterns.load("units")["count"]["units"])
# Several figures for one thing ("727户2884人"): the first is the indicator's number.
COMPOUND = regex.compile(rf"(?:\d+(?:\.\d+)?(?:{COUNT_UNITS})){{2,3}}")
RUN_ON_VALUE = regex.compile(rf"[≥≤]\s*\d+(?:\.\d+)?\s*(?:{COUNT_UNITS})(?=\p{{Han}})")
VALUE_MAX = 30
UNIT_MAX = 4  # "3改善办学条件" is a numbered phrase, "8万多株" a value
AFTER = tuple(patterns.load("comparators")["after"])
_TAIL_VALUE = regex.compile(r"\((?P<v>[^()]+)\)$")
_HAN = regex.compile(r"\p{Han}")


def segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause ranges: cut at punctuation, and after a percentage that runs into the next name."""
    out, a = [], start
    for i in range(start, end):
        c = text[i]
        if c in TERMINATORS and not (c == "\n" and text[i + 1 : i + 2].isdigit()):
            # A line break before a figure is a wrapped line ("坡改梯" / "21.5 hm2").
            out.append((a, i))
            a = i + 1
        elif c in "%‰" and i + 1 < end and _HAN.match(text[i + 1]):
            if text.startswith(AFTER + ("左右",), i + 1):  # "95%以上" is one value
                continue
            out.append((a, i + 1))
            a = i + 1
    out.append((a, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


def value_tail(text: str, a: int, b: int) -> Value | None:
    """The value that ends the clause ``text[a:b]``: the longest tail that is one value."""
    seg = text[a:b].rstrip()
    # Both bracket patterns end in ")" at the end, or before a last line break ("$"): the
    # stripped clause has none, but cutting a remark may leave one.
    closed = seg.endswith(")")
    seg = (TRAILING_REMARK.sub("", seg) or seg) if closed else seg  # "…1处(水源地)"
    m = _TAIL_VALUE.search(seg) if seg.endswith((")", ")\n")) else None
    if m:  # "…完成目标值(≥95%)"
        v = parse_whole(m.group("v"), a + m.start("v"))
        if v:
            return v
    # A value is short: only the clause's last characters can start it (and long runs of text
    # without punctuation stay linear).
    # Every test below needs a value's first character at p: only those places are tried.
    powered = seg.endswith(("2", "3", "²", "³"))  # how a Latin unit with a power ends
    for start in whole_start().finditer(seg, max(0, len(seg) - VALUE_MAX)):
        p = start.start()
        if p and seg[p - 1] in "0123456789.":
            continue
        m = LATIN_UNIT.fullmatch(seg, p) if powered else None
        if m:  # "21.5 hm2", "631.6km2": Latin units with a power
            return Value(
                a + p, a + len(seg), seg[p:], parse_whole(m.group(1)).number, m.group(2), None
            )
        v = parse_whole(seg[p:], a + p)
        if v and v.number is not None and len(v.unit or "") <= UNIT_MAX:
            return v
        if seg[p].isdigit() and COMPOUND.fullmatch(seg[p:]):
            first = find_values(seg, p, len(seg))
            v = next(first, None)
            if v:
                return Value(a + p, a + len(seg), seg[p:], v.number, v.unit, None)
    m = RUN_ON_VALUE.search(seg)
    if m:  # "…人口数≥23人改善村基础设施": a compared value, then the sentence runs on
        return parse_whole(m.group(), a + m.start())
    return None
