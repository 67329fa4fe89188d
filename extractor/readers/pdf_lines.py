"""Lines and paragraphs rebuilt from character boxes, whichever engine measured them.

Overprinted (fake bold) characters are already removed by the engines; here gaps from justified
lines never become spaces between two CJK characters, real gaps do, and wrapped lines are joined
back into paragraphs (see ``_continues``). Real space glyphs in the PDF are kept as they are.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import islice
from operator import itemgetter

# A gap wider than this share of the font size between two characters is a word space
# (pdfplumber's x_tolerance_ratio=0.5 measured right on justified Chinese lines).
SPACE_GAP = 0.5
# Lines further apart than this many font sizes never belong to one paragraph.
MAX_LINE_GAP = 2.0
# A paragraph starts on a line that begins with a heading or list marker.
MARKER = re.compile(
    r"(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}(?:[、．]|\.(?!\d))"
    r"|[①-⑳]|指标\s*\d+\s*[：:]|第[一二三四五六七八九十\d]+[章节部分条])"
)
# Sentence-final punctuation: ends a paragraph when the line is not flush with the right edge.
# A number wrapped in a narrow cell ("≤1236" / ".68万元") is joined without a space.
DIGITS_DOT = set("0123456789.")
# Between CJK characters, a gap this much (× font size) wider than the line's usual one is a space.
CJK_SPACE_GAP = 0.3
CLOSERS = set("。！？；：!?;:")
# Characters a line may not start with (kinsoku): they travel with the character before them.
NO_LINE_START = set("。，、；：？！）」』】〕》〉”’%‰,.;:?!)]}")
HANGING = set("，。、；：！？）》」』”’,.;:!?)")
_X0 = itemgetter("x0")
_TOP_X0 = itemgetter("top", "x0")
_TOP = itemgetter("top")
_BOTTOM = itemgetter("bottom")


class Line:
    """One line of characters; its box is computed once in ``_make_line``: every neighbour and
    table cut asks for it (a ``cached_property`` takes a lock per first access on 3.11)."""

    __slots__ = ("chars", "text", "x0", "x1", "top", "bottom", "size")

    def __init__(self, chars: list[dict], text: str, top: float, bottom: float, size: float):
        self.chars = chars
        self.text = text
        self.x0: float = chars[0]["x0"]
        self.x1: float = chars[-1]["x1"]
        self.top = top
        self.bottom = bottom
        self.size = size

    @property
    def core_x1(self) -> float:
        """Right end without trailing punctuation, which Word lets hang into the margin."""
        for ch in reversed(self.chars):
            if ch["text"][-1] not in HANGING:
                return ch["x1"]
        return self.x1


class _WideTable(dict):
    """Character → is it wide: a handful of distinct characters, asked for again and again
    (a dict subscript in ``_make_line``'s comprehensions is cheaper than a cached call)."""

    def __missing__(self, ch: str) -> bool:
        # CJK ideographs and full-width punctuation: written without spaces between them.
        wide = self[ch] = unicodedata.east_asian_width(ch) in ("W", "F")
        return wide


_WIDE = _WideTable()
_wide = _WIDE.__getitem__


def _needs_space(a: str, b: str) -> bool:
    """Joining ``...a`` and ``b...``: only two Latin/digit runs need a space between them."""
    return not (a.isspace() or b.isspace() or _wide(a) or _wide(b))


def _group_lines(chars: list[dict]) -> list[list[dict]]:
    """Cluster characters into lines: a char joins the current line if it overlaps it vertically
    by at least half its own height."""
    groups: list[list[dict]] = []
    top = bottom = 0.0
    for ch in sorted(chars, key=_TOP_X0):
        ch_top, ch_bottom = ch["top"], ch["bottom"]
        # max(height, 0.1), min(bottom, ch_bottom), max(top, ch_top) written out: the builtins'
        # call is most of this loop's cost; these pick the same operand as they would.
        height = ch_bottom - ch_top
        if 0.1 > height:
            height = 0.1
        overlap = (ch_bottom if ch_bottom < bottom else bottom) - (ch_top if ch_top > top else top)
        if groups and overlap >= height / 2:
            groups[-1].append(ch)
            if ch_bottom > bottom:
                bottom = ch_bottom
        else:
            groups.append([ch])
            top, bottom = ch_top, ch_bottom
    return groups


def _make_line(chars: list[dict]) -> Line | None:
    chars = sorted(chars, key=_X0)
    start, end = 0, len(chars)
    while start < end and not chars[start]["text"].strip():
        start += 1
    while end > start and not chars[end - 1]["text"].strip():
        end -= 1
    if start == end:
        return None
    if end - start == 1:  # a table cell's lone figure or mark: nothing to join
        ch = chars[start]
        return Line([ch], ch["text"], ch["top"], ch["bottom"], ch["size"] or 1.0)
    if start or end < len(chars):
        chars = chars[start:end]
    # One pass over the characters for what the pair loop below asks of each neighbour pair
    # (i-1, i): the gap between them, whether both sides are CJK, whether either is blank, the
    # smaller size; and the line's box. Comprehensions, one per quantity, cost more than their
    # work on the short lines of table cells.
    first = chars[0]
    text = first["text"]
    prev_x1, prev_size = first["x1"], first["size"]
    prev_wide = _WIDE[text[-1:] or " "]
    prev_blank = not text.strip()
    top, bottom, size_max = first["top"], first["bottom"], prev_size
    gaps: list[float] = []
    cjk: list[bool] = []
    cjk_gaps: list[float] = []
    smaller: list[float | None] = []  # None: one side blank, never a space
    texts = [text]
    for ch in islice(chars, 1, None):
        text, size = ch["text"], ch["size"]
        gap = ch["x0"] - prev_x1
        both = prev_wide and _WIDE[text[:1] or " "]
        blank = not text.strip()
        gaps.append(gap)
        cjk.append(both)
        if both:
            cjk_gaps.append(gap)
        smaller.append(None if prev_blank or blank else (size if size < prev_size else prev_size))
        texts.append(text)
        # min() and max() written out: the same comparisons, so the same operand on any input.
        if ch["top"] < top:
            top = ch["top"]
        if ch["bottom"] > bottom:
            bottom = ch["bottom"]
        if size > size_max:
            size_max = size
        prev_x1, prev_size, prev_blank = ch["x1"], size, blank
        prev_wide = _WIDE[text[-1:] or " "]
    # Between two CJK characters a gap is justification or autospacing — spread over the whole
    # line — unless it stands out from the line's usual gap: then it is a space the PDF did not
    # draw as a glyph (Word/LibreOffice exports: "成员:张成 李洋").
    cjk_gaps.sort()
    usual = cjk_gaps[len(cjk_gaps) // 2] if cjk_gaps else 0.0
    parts = [texts[0]]
    for gap, both, size, text in zip(gaps, cjk, smaller, islice(texts, 1, None), strict=True):
        if size is not None:
            if both:  # non-blank: the first/last character is the one
                space = gap > usual + CJK_SPACE_GAP * size
            else:
                space = gap > SPACE_GAP * size
            if space:
                parts.append(" ")
        parts.append(text)
    return Line(chars, "".join(parts), top, bottom, size_max or 1.0)


def build_lines(chars: list[dict]) -> list[Line]:
    lines = []
    for group in _group_lines(chars):
        line = _make_line(group)
        if line is not None:
            lines.append(line)
    return lines


def _first_word_width(line: Line) -> float:
    """Width of what the previous line would have had to hold to take this line's start."""
    chars = line.chars
    end = 0
    if not _wide(chars[0]["text"][0]):
        while end + 1 < len(chars) and _needs_space(chars[end + 1]["text"][0], "a"):
            end += 1
    # Line-breaking rules keep closing punctuation off a line's start: "万 / 元。" wraps "元。"
    # together, so the previous line had to hold both.
    while end + 1 < len(chars) and chars[end + 1]["text"][0] in NO_LINE_START:
        end += 1
    return chars[end]["x1"] - chars[0]["x0"]


def _continues(prev: Line, nxt: Line, left: float, right: float, in_cell: bool) -> bool:
    """Is ``nxt`` a wrapped continuation of the paragraph whose line ``prev`` is?"""
    em = prev.size
    if MARKER.match(nxt.text) or nxt.top - prev.bottom > MAX_LINE_GAP * em:
        return False
    if not in_cell and nxt.x0 > left + 0.5 * em:  # first-line indent, centred or right-aligned
        return False
    room = right - prev.x1
    need = _first_word_width(nxt)
    if _needs_space(prev.text[-1], nxt.text[0]) or _wide(prev.text[-1]) != _wide(nxt.text[0]):
        # A space between Latin words, or the autospace word processors put between CJK and
        # Latin/digits ("截至" | "2021"), would have been needed too.
        need += 0.25 * em
    if room + 0.05 * em >= need:  # the next word would have fitted: the line ended early
        return False
    # Mid-paragraph lines of justified text are flush with the edge; a paragraph's last line
    # is not. Punctuation alone is no signal on a flush line (。 and ： end lines mid-paragraph).
    return in_cell or not (prev.text[-1] in CLOSERS and room > 0.25 * em)


def join_lines(
    lines: list[Line], left: float, right: float, in_cell: bool
) -> list[tuple[float, str]]:
    """Join wrapped lines into paragraphs: ``[(top, text)]``."""
    paras: list[tuple[float, str]] = []
    prev: Line | None = None
    for line in lines:
        if prev is not None and _continues(prev, line, left, right, in_cell):
            sep = " " if _needs_space(prev.text[-1], line.text[0]) else ""
            if in_cell and prev.text[-1] in DIGITS_DOT and line.text[0] in DIGITS_DOT:
                sep = ""  # a number wrapped in a narrow cell: 1497.4 / 8 is 1497.48
            paras[-1] = (paras[-1][0], paras[-1][1] + sep + line.text)
        else:
            paras.append((line.top, line.text))
        prev = line
    return paras
