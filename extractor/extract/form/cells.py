"""Cut a stretch of text into a stream of cells, each with its exact offsets.

Pipes (``| a | | b |``) separate cells on a line that has them; elsewhere tabs, runs of spaces
and single spaces do. A label written with a space between every character (``产 出 指 标``)
is one cell. Empty cells are dropped: alignment goes by what a cell holds, not where it sits.
"""

from __future__ import annotations

from functools import lru_cache

import regex

_SPACE = regex.compile(r"\s+")


@lru_cache(maxsize=4096)
def _squash(text: str) -> str:
    return _SPACE.sub("", text)


class Cell:
    """One cell: its text, offsets, text line and whether it opens its line.

    A plain class with ``__slots__``, not a frozen dataclass: ~17k are made for each run over
    the generated forms and a frozen dataclass's ``__init__`` (``object.__setattr__`` per field)
    was the largest single cost of building the stream. Equality, hash and repr are the
    dataclass's (by ``text, start, end, line, first``); cells are never changed after they are
    made.
    """

    __slots__ = ("text", "start", "end", "line", "first", "squashed")

    def __init__(self, text: str, start: int, end: int, line: int, first: bool) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.line = line  # index of the text line the cell sits on
        self.first = first  # the first cell of its line
        # The text without spaces, set once: it is read ~4 times a cell (header search,
        # typing, budget columns). Most cells hold no space at all: no squash then.
        self.squashed = text if " " not in text and text.isprintable() else _squash(text)

    def _key(self) -> tuple[str, int, int, int, bool]:
        return (self.text, self.start, self.end, self.line, self.first)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Cell(text={self.text!r}, start={self.start!r}, end={self.end!r}, "
            f"line={self.line!r}, first={self.first!r})"
        )

    def moved(self, lines: int) -> Cell:
        """The same cell ``lines`` text lines further down."""
        return Cell(self.text, self.start, self.end, self.line + lines, self.first)


_PIPE_CELL = regex.compile(r"[^|\n]+")
_WORD = regex.compile(r"[^\s|]+")
# Single CJK characters separated by single spaces: one spaced-out word.
_SPACED = regex.compile(r"(?<!\S)\p{Han}(?: \p{Han})+(?!\S)")


def _line_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a line with pipes or spaces (``cell_stream`` cuts the others itself)."""
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
        if " " not in line and "|" not in line and line.isprintable():
            # No separator at all (``isprintable`` is false for tabs and every other space):
            # the whole line is one cell. Most lines of prose and run-together rows are.
            if line:
                out.append(Cell(line, pos, pos + len(line), n, True))
        elif " " not in line and line.count("|") < 2:
            # Most lines (prose, run-together rows) hold no space: their words are the cells,
            # made straight from the matches (``_line_cells``' last case, without the spans).
            for k, m in enumerate(_WORD.finditer(line)):
                out.append(Cell(m.group(), pos + m.start(), pos + m.end(), n, k == 0))
        else:
            for k, (s, e) in enumerate(_line_cells(text, pos, pos + len(line))):
                out.append(Cell(text[s:e], s, e, n, k == 0))
        pos += len(line) + 1
    return out
