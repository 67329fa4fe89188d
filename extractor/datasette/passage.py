"""Cut the passage around a span out of a report's normalized text.

Used by the source view and by the Excel export: both show the words a value was read from,
with enough of the surrounding lines to judge it.
"""

from __future__ import annotations

from dataclasses import dataclass

# Characters of context shown on each side of a span; the window then widens to whole lines
# unless a line is very long (PDF text without line breaks).
MARGIN = 160


@dataclass
class Passage:
    before: str
    hit: str
    after: str
    start: int  # offset of ``before`` in the text
    valid: bool  # the span lies inside the text (offsets were checked)
    matches: bool | None  # text[start:end] equals the stored span text (None: nothing to check)


def passage(
    text: str, start: int | None, end: int | None, span_text: str | None = None, margin=MARGIN
) -> Passage:
    """The span ``text[start:end]`` with ``margin`` characters (widened to line ends) around it."""
    if start is None or end is None or not (0 <= start <= end <= len(text)):
        return Passage("", "", "", 0, False, None)
    lo = max(0, start - margin)
    line_start = text.rfind("\n", 0, lo) + 1
    lo = line_start if lo - line_start <= margin else lo
    hi = min(len(text), end + margin)
    line_end = text.find("\n", hi)
    hi = line_end if 0 <= line_end - hi <= margin else hi
    hit = text[start:end]
    matches = None if span_text is None else hit == span_text
    return Passage(text[lo:start], hit, text[end:hi], lo, True, matches)


def plain(p: Passage, mark: tuple[str, str] = ("【", "】")) -> str:
    """The passage as one line of text with the hit bracketed (for spreadsheets)."""
    if not p.valid:
        return ""
    body = f"{p.before}{mark[0]}{p.hit}{mark[1]}{p.after}"
    return " ".join(body.split())
