"""Cut a stretch of text into a stream of cells, each with its exact offsets.

Pipes (``| a | | b |``) separate cells on a line that has them; elsewhere tabs, runs of spaces
and single spaces do. A label written with a space between every character (``产 出 指 标``)
is one cell. Empty cells are dropped: alignment goes by what a cell holds, not where it sits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

_SPACE = regex.compile(r"\s+")


@lru_cache(maxsize=4096)
def _squash(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int
    line: int  # index of the text line the cell sits on
    first: bool  # the first cell of its line
    # The text without spaces, set once when the cell is made: it is read ~4 times a cell (header
    # search, typing, budget columns), and a property's call each time was 4 % of the reader.
    squashed: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "squashed", _squash(self.text))


_PIPE_CELL = regex.compile(r"[^|\n]+")
_WORD = regex.compile(r"[^\s|]+")
# Single CJK characters separated by single spaces: one spaced-out word.
_SPACED = regex.compile(r"(?<!\S)\p{Han}(?: \p{Han})+(?!\S)")


def _line_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    line = text[start:end]
    if line.count("|") >= 2:
        spans = []
        for m in _PIPE_CELL.finditer(line):
            s, e = m.span()
            while s < e and line[s].isspace():
                s += 1
            while e > s and line[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((start + s, start + e))
        return spans
    if " " not in line:  # no spaced-out word, no run of spaces: words split at tabs alone
        return [(start + m.start(), start + m.end()) for m in _WORD.finditer(line)]
    spaced = [m.span() for m in _SPACED.finditer(line) if len(m.group()) >= 5]
    spans: list[tuple[int, int]] = []
    pos = 0
    for s, e in spaced:
        spans += [
            (start + pos + m.start(), start + pos + m.end()) for m in _WORD.finditer(line[pos:s])
        ]
        spans.append((start + s, start + e))
        pos = e
    spans += [(start + pos + m.start(), start + pos + m.end()) for m in _WORD.finditer(line[pos:])]
    return spans


def split_tail(cells: list[Cell], tail_at) -> list[Cell]:
    """Cells with a value run onto their end (``足额保障率=100%``), split where ``tail_at`` says."""
    out: list[Cell] = []
    for c in cells:
        n = tail_at(c.text)
        if n <= 0:
            out.append(c)
            continue
        head = c.text[:n].rstrip()
        out.append(Cell(head, c.start, c.start + len(head), c.line, c.first))
        out.append(Cell(c.text[n:], c.start + n, c.end, c.line, False))
    return out


def split_front(cells: list[Cell], prefix_len) -> list[Cell]:
    """Cells whose text starts with a label run into more text (``产出指标数量指标``), split.

    ``prefix_len(text)`` says how long the label in front is (0: none); it is applied again to
    the rest, so two labels run together come apart too.
    """
    out: list[Cell] = []
    for c in cells:
        first = c.first
        while (n := prefix_len(c.text)) > 0:
            out.append(Cell(c.text[:n], c.start, c.start + n, c.line, first))
            rest = c.text[n:]
            lead = len(rest) - len(rest.lstrip())
            c = Cell(rest.strip(), c.start + n + lead, c.end, c.line, False)
            first = False
        out.append(c)  # its own ``first`` is ``first`` here: no copy needed
    return out


def cell_stream(text: str, start: int = 0, end: int | None = None) -> list[Cell]:
    """Every non-empty cell of ``text[start:end]``, in reading order."""
    end = len(text) if end is None else end
    out: list[Cell] = []
    pos = start
    for n, line in enumerate(text[start:end].split("\n")):
        for k, (s, e) in enumerate(_line_cells(text, pos, pos + len(line))):
            out.append(Cell(text[s:e], s, e, n, k == 0))
        pos += len(line) + 1
    return out
