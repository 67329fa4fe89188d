"""A traditional-character report read through a simplified view of the same length.

Every phrase in ``patterns/`` is simplified, so a mirror in traditional characters (工程驗收合格率)
is matched on a simplified view (项目验收合格率) converted character for character: offsets in the
view are offsets in the text as written, and the pipeline hands back the characters as written.

The table is OpenCC's traditional→simplified conversion applied to each CJK character alone
(measured in docs/mirrors.md: ~50 ms once per process, built only when a text holds characters
that simplified Chinese does not use). Conversion is traditional→simplified only, so a simplified
character maps to itself; and a document is converted only when traditional characters are a
real share of it, so a simplified report quoting one traditional name is left byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

import regex

# The CJK blocks OpenCC's character table covers (Ext-A, URO, compatibility ideographs).
_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
_HAN = regex.compile(r"\p{Han}")
# A document is traditional when at least this many characters, and this share of its Han
# characters, are traditional-only (measured: mirrors 28-44 %, simplified reports 0-0.5 %).
MIN_CHARS = 5
MIN_SHARE = 0.1


@cache
def table() -> dict[int, str]:
    """Traditional → simplified, one character to one character (``str.translate`` table).

    OpenCC's t2s, plus the Taiwan and Hong Kong variant forms (衞 → 卫) that t2s leaves, taken
    only for characters outside GB 2312 so that no simplified character is ever rewritten.
    """
    import opencc  # imported here: only a text with traditional characters pays for it

    chars = [chr(c) for lo, hi in _BLOCKS for c in range(lo, hi)]
    out: dict[int, str] = {}
    for config in ("t2s", "hk2s", "tw2s"):
        # One character per line: OpenCC's phrase matching never spans a line break, so each
        # character is converted alone and the result has the same length.
        converted = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
        for t, s in zip(chars, converted, strict=True):
            if len(s) == 1 and s != t and ord(t) not in out:
                if config == "t2s" or not _in_gb2312(t):
                    out[ord(t)] = s
    return out


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@cache
def _odd(ch: str) -> bool:
    """A Han character simplified Chinese does not use (cached: asked for every distinct
    character of every document)."""
    return bool(_HAN.match(ch)) and not _in_gb2312(ch)


# Characters already asked about, by answer: a document's characters are sorted with set
# operations, and only the ones never seen before are asked one by one (a report's thousand
# distinct characters were a thousand calls, twice a report: normalize and the audit's view).
_SEEN_ODD: set[str] = set()
_SEEN_PLAIN: set[str] = set()
SEEN_MAX = 20_000  # distinct characters: more than a batch of reports uses


def _odd_chars(text: str) -> set[str]:
    if _in_gb2312(text):  # one codec call: every character is in GB 2312, none is odd
        return set()
    chars = set(text)
    if len(_SEEN_PLAIN) + len(_SEEN_ODD) > SEEN_MAX:  # bounded: a worker's memory stays flat
        _SEEN_PLAIN.clear()
        _SEEN_ODD.clear()
    for ch in chars - _SEEN_PLAIN - _SEEN_ODD:
        (_SEEN_ODD if _odd(ch) else _SEEN_PLAIN).add(ch)
    return chars & _SEEN_ODD


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (not merely quoting a few)."""
    # Cheap gate first: a text whose Han characters all lie in GB 2312 never loads the table.
    odd = _odd_chars(text)
    if not odd:
        return False
    trad = [ch for ch in odd if ord(ch) in table()]
    # str.count per distinct character, not a Python loop over the text; and the Han
    # characters are counted only for a text that has enough traditional ones to ask.
    count = sum(text.count(ch) for ch in trad)
    if count < MIN_CHARS:
        return False
    return count >= MIN_SHARE * len(_HAN.findall(text))


def simplifier(texts: Iterable[str]) -> Callable[[str], str] | None:
    """``str → simplified view`` for a document whose pieces are ``texts``; None if simplified."""
    if not is_traditional("\n".join(texts)):
        return None
    t2s = table()
    return lambda s: s.translate(t2s)
