"""The paragraphs and figures budget prose is read from.

A paragraph wrapped over several lines is one flow; "5万" and the bare first number of
"4125.49, 4143.91 万元" are amounts too.
"""

from __future__ import annotations

from functools import cache

import regex

from .. import patterns
from ..literal_scan import in_document
from ..model import Document
from .values import Value, find_values

HEADING_MAX = 40
# A line that starts like a heading starts a paragraph, whatever the line before it.
HEADING_START = regex.compile(
    r"\s*(?:[一二三四五六七八九十]+[、.．]|[((][一二三四五六七八九十\d]{1,3}[))]|\d{1,2}[、.．](?!\d)"
    r"|第[一二三四五六七八九十]+(?:部分|章|节))"
)
SENTENCE_MARKS = "。;;::!!??"
# What ``\s`` matches in ``regex``: ``str.isspace`` but for the separators U+001C-U+001F.
REGEX_SPACES = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    map(chr, range(0x2000, 0x200B))
)
# Figures that share one label and unit: "收、支总计各是 4125.49, 4143.91 万元".
SHARED_SEP = regex.compile(r"\s*[,,、和及与]\s*")


def flows(doc: Document) -> list[tuple[int, int]]:
    """The paragraphs as (start, end) ranges, a paragraph wrapped over several lines joined
    into one ("…其中本年收" + "入 390.55 万元"): a line that ends without a sentence mark and
    holds a figure or is longer than a heading runs on into the next one, unless that one
    starts like a heading ("三、", "(二)", "2.")."""
    out: list[tuple[int, int]] = []
    joinable = False
    for b in doc.blocks:
        if b.kind != "paragraph":
            joinable = False
            continue
        text = doc.text[b.start : b.end]
        if joinable and out and not HEADING_START.match(text):
            out[-1] = (out[-1][0], b.end)
        else:
            out.append((b.start, b.end))
        joinable = not ends_sentence(text) and (
            len(text) > HEADING_MAX
            or (
                may_hold_money(doc, b.start, b.end)
                and any(v.is_money or v.is_rate for v in find_values(doc.text, b.start, b.end))
            )
        )
    return out


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends in a sentence mark, blanks aside: a search of
    ``[marks]\\s*$`` without the regex call (a mark that only blanks follow is the last one)."""
    last = text.rstrip(REGEX_SPACES)[-1:]
    return bool(last) and last in SENTENCE_MARKS


@cache
def _money_mark() -> regex.Pattern:
    """The words an amount or rate cannot be written without: a money unit, %, a bare
    magnitude (万, 亿); only the shortest kept where one holds another (元 in 万元)."""
    units = patterns.load("units")
    words = [*units["money"], "%", *units["bare_money"]]
    return regex.compile(
        patterns.alternation([w for w in words if not any(o != w and o in w for o in words)])
    )


def may_hold_money(doc: Document, start: int, end: int) -> bool:
    """Whether ``doc.text[start:end]`` holds a mark of money or a rate: most paragraphs hold
    none, and one literal search is cheaper than the value grammar's scan. The marks are
    found in one scan per document (``in_document``): ranges are asked ~100 times a report."""
    return in_document(doc, _money_mark()).within(start, end)


_HAN = regex.compile(r"\p{Han}")


def money_values(doc: Document, start: int, end: int) -> list[Value]:
    """The amounts and rates of a range; "5万" (万 with no word after it) is money too, and a
    bare number right before an amount takes its unit ("4125.49, 4143.91 万元")."""
    # The character after the range counts too: a bare 万 may follow the last number.
    if not may_hold_money(doc, start, end + 1):
        return []
    bare = patterns.load("units")["bare_money"]
    values = list(find_values(doc.text, start, end))
    for v in values:
        nxt = doc.text[v.end : v.end + 1]
        if v.unit is None and nxt in bare and not _HAN.match(doc.text[v.end + 1 : v.end + 2]):
            v.end += 1
            v.raw, v.unit = doc.text[v.start : v.end], nxt
    for i in range(len(values) - 2, -1, -1):
        v, after = values[i], values[i + 1]
        if (
            v.unit is None
            and SHARED_SEP.fullmatch(doc.text[v.end : after.start])
            and (after.unit in bare or after.is_money or after.is_rate)
        ):
            v.unit = after.unit
    return [v for v in values if v.is_money or v.is_rate or v.unit in bare]
