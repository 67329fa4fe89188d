"""Whether a range of a text holds one of a list of phrases, asked of many ranges at once.

A regex search costs the same few microseconds however short its range, so asking every
paragraph or sentence of a report whether it holds a role word or a money mark was one search
each. For a pattern that is an alternation of literal phrases (``patterns.alternation``: no
anchors, no lookaround), one scan of the whole text says which ranges need asking at all:
whole-text matches do not overlap and the scan skips only what a match covers, so a phrase
inside a range either is a match or overlaps one. A range no match overlaps holds no phrase; a
range one overlaps is searched as before, so the answer is always the range search's.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

import regex


class Occurrences:
    """The whole-text matches of one literal alternation, for range questions."""

    def __init__(self, pattern: regex.Pattern, text: str) -> None:
        self.pattern, self.text = pattern, text
        found = [m.span() for m in pattern.finditer(text)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]  # increasing: the matches do not overlap

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a whole-text match overlaps ``text[start:end]``: false only when the range
        holds no phrase, so that any search, match or scan of the range finds nothing."""
        i = bisect_right(self.ends, start)  # the first match ending after ``start``
        return i < len(self.ends) and self.starts[i] < end

    def within(self, start: int, end: int) -> bool:
        """Whether ``pattern.search(text, start, end)`` finds a match."""
        return self.overlaps(start, end) and self.pattern.search(self.text, start, end) is not None


def in_document(doc: Any, pattern: regex.Pattern) -> Occurrences:
    """``pattern``'s occurrences in ``doc.text``, scanned once per document however many
    extractors ask (kept in ``doc.memo``; equal patterns find the same matches)."""
    memo = doc.memo.setdefault("occurrences", {})
    found = memo.get(pattern)
    if found is None:
        found = memo[pattern] = Occurrences(pattern, doc.text)
    return found
