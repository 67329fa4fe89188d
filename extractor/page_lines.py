"""Lines around a document's own lines: page numbers, running headers, hard wraps, site footers.

A PDF's text layer, or a page that prints one, adds a page number (``- 3 -``, ``第 3 页 共 12 页``)
and a running header (the title again) at every page break, and breaks every line at the page
width, mid-sentence and even mid-number (``968.1`` / ``9``). A web page adds a footer after the
document (版权所有, 相关链接, ICP备 …). ``normalize.build_document`` drops the first two and the
footer, and joins a hard-wrapped paragraph back; the rules' words are in ``patterns/normalize.toml``.
"""

from __future__ import annotations

from functools import cache

import regex

from . import patterns

_CELLS = regex.compile(r"\t|\s\|(?:\s|$)|^\|")


def _has_cells(line: str) -> bool:
    """``_CELLS.search(line)``: each of its alternatives holds a tab or a pipe, which most lines
    (running text) lack, so those need no regex call."""
    return ("\t" in line or "|" in line) and _CELLS.search(line) is not None


@cache
def _cfg(section: str) -> dict:
    return patterns.load("normalize")[section]


@cache
def _markers() -> regex.Pattern:
    return regex.compile("|".join(f"(?:{m})" for m in _cfg("page_lines")["markers"]))


def is_page_number(line: str) -> bool:
    return _markers().match(line.strip()) is not None


def header_lines() -> int:
    return int(_cfg("page_lines")["header_lines"])


def _opener_sources() -> list[str]:
    return [*patterns.load("normalize")["page_join"]["markers"], *_cfg("wrap")["opens"]]


@cache
def _openers() -> regex.Pattern:
    """The openers as one alternation: one match call, not one per pattern (~10 a line). Some
    pattern matches at the line's start iff the alternation does (they hold no groups or
    inline flags)."""
    return regex.compile("|".join(f"(?:{m})" for m in _opener_sources()))


def _opens_item(line: str) -> bool:
    """A line that starts a new item or a ``label:`` pair: never the rest of a sentence."""
    return _openers().match(line) is not None


def wrapped(prev: str, nxt: str, width: int) -> bool:
    """Whether ``prev`` is a line the page width cut and ``nxt`` its rest: ``prev`` long
    enough, no sentence closed, no table cells; ``nxt`` opens no item."""
    cfg = _cfg("wrap")
    return (
        len(prev) >= cfg["share"] * width
        and not prev.endswith(tuple(cfg["closing"]))
        and not _has_cells(prev)
        and not _opens_item(nxt)
    )


def wrap_width(lines: list[str]) -> int | None:
    """The page width a hard-wrapped text breaks its lines at, or None if it is not wrapped.

    Lines of a table's cells (tab, `` | ``) do not count: only running text is wrapped.
    """
    cfg = _cfg("wrap")
    prose = [x for x in lines if len(x) >= cfg["min_length"] and not _has_cells(x)]
    if len(prose) < cfg["min_lines"]:
        return None
    width = sorted(map(len, prose))[int(cfg["width_percentile"] * (len(prose) - 1))]
    if not cfg["min_width"] <= width <= cfg["max_width"]:
        return None
    if sum(len(x) > cfg["longer"] * width for x in prose) > cfg["max_longer"] * len(prose):
        return None
    # A form's rows run together look wrapped too; running text has its clauses' commas.
    clause = patterns.compiled(cfg["clause_marks"])
    cut = sum(
        wrapped(a, b, width) and bool(clause.search(a))
        for a, b in zip(lines, lines[1:], strict=False)
    )
    # Most of the text is running text: a form flattened one cell per line is mostly short cells.
    enough = cut >= cfg["min_lines"] and cut >= cfg["min_share"] * len(prose)
    return width if enough and cut >= cfg["min_share_all"] * len(lines) else None


def footer_start(lines: list[str]) -> int | None:
    """Index of the first line of a site footer at the end of ``lines``, or None."""
    cfg = _cfg("footer")
    first = max(0, len(lines) - cfg["lines"])
    starts, also = tuple(cfg["starts"]), tuple(cfg["also"])
    for i in range(first, len(lines)):
        if lines[i].startswith(starts) and all(
            x.startswith(starts) or any(w in x for w in also) for x in lines[i + 1 :]
        ):
            return i
    return None
