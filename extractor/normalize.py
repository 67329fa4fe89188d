"""Normalize what readers give into one text that every extractor indexes into.

Each rewrite keeps a map from normalized offsets back to the reader's raw text, so a span in the
normalized text can always be traced to the characters the report really holds.

What is normalized (the spellings live in ``patterns/normalize.toml``):
- full-width digits, letters and punctuation → ASCII; ideographic and no-break spaces → space;
- comparators as converters write them (``$\\geq 85\\%$``, ``≧``, ``═``, ``>=``) → ``≥ ≤ =``;
- spaces that justify CJK labels (``组 长``, ``周 敏``) are removed, spaces between words kept;
  a run of spaces or a tab (a flattened table's cell separator) becomes one tab;
- a value broken over paragraphs (``实际完成值`` / ``40%，…``) is joined into one paragraph;
- a mirror copy's pinyin glosses and spam are cut, and a traditional document is read through a
  simplified view of the same length (``mirror``, ``traditional``; ``Document.surface`` keeps
  the characters as written).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import regex

from . import mirror, page_lines, patterns, traditional
from .model import Block, Cell, Document, RawBlock

# Full-width ASCII (U+FF01–FF5E) to ASCII, and the spaces Word and PDFs use to plain space.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20})
_WIDTH.update({0x200B: None, 0xFEFF: None, 0x00AD: None})  # zero-width: dropped

_MATH = regex.compile(r"\$([^$\n]{1,80}?)\$")
# A run of spaces or tabs is a cell separator in tables flattened to text: it becomes one tab.
_SPACES = regex.compile(r"(?: {2,}|[ \t]*\t[ \t]*)")
_HAN = regex.compile(r"\p{Han}")
_LINE_ENDS = regex.compile(r"(?m)^[ \t]+|[ \t]+$")
_CJK_GAP = regex.compile(r"(?<=\p{Han})[ \t]+(?=\p{Han})")
_CLAUSE_MARK = regex.compile(r"[,:;]")

Piece = list[tuple[str, int | None]]  # output strings and the raw offset each starts at


def _rewrite(
    text: str, offsets: list[int], pattern: regex.Pattern, fn: Callable[[regex.Match], Piece]
) -> tuple[str, list[int]]:
    """Replace every match of ``pattern`` by ``fn(match)``, carrying the offset map along.

    ``fn`` returns pieces ``(string, source_index)``: a piece with an index maps char by char
    from that index of ``text``; ``None`` maps the whole piece to the match start.
    """
    matches = list(pattern.finditer(text))
    if not matches:  # most passes change nothing: no copy of the text and its map
        return text, offsets
    out: list[str] = []
    out_map: list[int] = []
    pos = 0
    for m in matches:
        out.append(text[pos : m.start()])
        out_map.extend(offsets[pos : m.start()])
        for piece, src in fn(m):
            out.append(piece)
            if src is None:
                out_map.extend([offsets[m.start()]] * len(piece))
            else:
                out_map.extend(offsets[src : src + len(piece)])
        pos = m.end()
    out.append(text[pos:])
    out_map.extend(offsets[pos:])
    return "".join(out), out_map


def _is_han(ch: str) -> bool:
    return bool(ch) and _HAN.match(ch) is not None


def _cjk_gap(m: regex.Match) -> Piece:
    """Drop a space between two CJK chars when either stands alone (``组 长``, ``自 评 质 量``).

    Two multi-character words (``张成 李洋``) keep their space: it separates names.
    """
    s, a, b = m.string, m.start() - 1, m.end()
    left_alone = a == 0 or not _is_han(s[a - 1])
    right_alone = b + 1 >= len(s) or not _is_han(s[b + 1])
    return [] if left_alone or right_alone else [(m.group(), m.start())]


def _replacements() -> tuple[regex.Pattern, dict[str, str]]:
    table = patterns.load("normalize")["replace"]
    return patterns.compiled(patterns.alternation(table)), table


def normalize_text(raw: str) -> tuple[str, list[int]]:
    """Normalize one piece of text; return it with the raw offset of each char (and one past)."""
    text = raw.translate(_WIDTH)
    # translate() may drop zero-width chars: rebuild the map by walking both strings.
    if len(text) == len(raw):
        offsets = list(range(len(raw)))
    else:
        offsets = [i for i, ch in enumerate(raw) if _WIDTH.get(ord(ch), 0) is not None]
    offsets.append(len(raw))
    # A pass whose pattern needs a character the text lacks is skipped without a scan: most
    # paragraphs hold no "$", no tab and no space.
    if "$" in text:
        text, offsets = _rewrite(text, offsets, _MATH, lambda m: [(m.group(1), m.start(1))])
    pat, table = _replacements()
    text, offsets = _rewrite(text, offsets, pat, lambda m: [(table[m.group()], None)])
    if " " in text or "\t" in text:
        text, offsets = _rewrite(text, offsets, _SPACES, lambda m: [("\t", m.start())])
        text, offsets = _rewrite(text, offsets, _CJK_GAP, _cjk_gap)
        # Strip each line's ends.
        text, offsets = _rewrite(text, offsets, _LINE_ENDS, lambda m: [])
    return text, offsets


def _dangling(text: str) -> bool:
    """A paragraph that stops where its value should follow (``…,实际完成值``).

    A lone short line ending in a label word (``项目按期完成率``, a name in a table flattened one
    cell per line) is not dangling: only a statement with several clauses is.
    """
    if text.endswith((":", ",", "、", "≥", "≤", "=", ">", "<")):
        return True
    labels = patterns.load("normalize")["join"]["value_labels"]
    return text.endswith(tuple(labels)) and _CLAUSE_MARK.search(text) is not None


_VALUE_START = regex.compile(r"^[\d.≥≤=<>+\-]")


def _cut_by_page(prev: str, nxt: str) -> bool:
    """A sentence the page break cut ("…到位率80.84%。截至" / "2021年6月底资金执行数…")."""
    cfg = patterns.load("normalize")["page_join"]
    if len(prev) < cfg["min_length"] or len(nxt) < 2 or prev.endswith(tuple(cfg["closing"])):
        return False
    return not any(patterns.compiled(m).match(nxt) for m in cfg["markers"])


def _unit_cut_off(prev: str, nxt: str) -> bool:
    """A number at the end of one line whose unit starts the next ("其他资金0" / "万元。")."""
    if not prev[-1:].isdigit():
        return False
    units = patterns.load("units")
    words = patterns.alternation(list(units["money"]) + units["count"]["units"])
    return patterns.compiled(rf"^(?:{words})(?=[,.;:)、。;\s]|$)").match(nxt) is not None


Simplify = Callable[[str], str] | None


def _clean(raw: str, simplify: Simplify) -> tuple[str, list[int], str]:
    """Normalize one piece, cut a mirror's glosses and spam strings; give (view, map, surface).

    The view is what extractors match (simplified); the surface is the same characters as written.
    """
    # Glosses go first, so that the spaces and joins below see the text without them.
    inserted = mirror.inserted(raw)
    if inserted:
        bare, bare_map = mirror.cut(raw, list(range(len(raw) + 1)), inserted)
        surface, offsets = normalize_text(bare)
        offsets = [bare_map[i] for i in offsets]
    else:
        surface, offsets = normalize_text(raw)
    view = simplify(surface) if simplify else surface
    spam = mirror.spam_runs(view)
    if spam:
        surface = mirror.cut(surface, offsets, spam)[0]
        view, offsets = mirror.cut(view, offsets, spam)
    return view, offsets, surface


# Short cells and paragraphs (labels, headings, header words, figures) recur in every form and
# report of a template: their cleaning is cached by text. Read-only results: ``_Builder.add``
# only reads the map.
SHORT_CELL = 40


@lru_cache(maxsize=4096)  # a file's cells repeat; a batch's new files hardly do
def _clean_cell(raw: str) -> tuple[str, list[int] | None, str]:
    """``_clean``, but the map is None where it is the identity (nearly every cell: nothing
    dropped or joined), so the builder extends by a range, not a list made per cell."""
    view, offsets, surface = _clean(raw, None)
    return view, None if offsets[:-1] == list(range(len(view))) else offsets, surface


def _simplifier(raw_blocks: list[RawBlock]) -> Simplify:
    texts = [c.text for rb in raw_blocks for row in (rb.rows or []) for c in row if c is not None]
    return traditional.simplifier([rb.text for rb in raw_blocks] + texts)


class _Builder:
    """Accumulates normalized text, raw text and the map between them."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.surface_parts: list[str] = []
        self.raw_parts: list[str] = []
        self.offsets: list[int] = []
        self.length = 0
        self.raw_length = 0

    def add(
        self, norm: str, norm_map: Sequence[int] | None, raw: str, surface: str | None = None
    ) -> tuple[int, int]:
        """Append a piece; ``norm_map`` None is the identity map (``_clean_cell``)."""
        start = self.length
        self.parts.append(norm)
        self.surface_parts.append(norm if surface is None else surface)
        base = self.raw_length
        if norm_map is None:
            self.offsets.extend(range(base, base + len(norm)))
        else:
            self.offsets.extend([base + o for o in norm_map[:-1]])  # a list: beats a generator
        self.raw_parts.append(raw)
        self.length += len(norm)
        self.raw_length += len(raw)
        return start, self.length

    def sep(self, norm: str, raw: str) -> None:
        """``add`` of a separator (" | ", "\n" between every cell and row): each of its
        characters maps to where the raw separator starts."""
        self.parts.append(norm)
        self.surface_parts.append(norm)
        self.offsets.extend([self.raw_length] * len(norm))
        self.raw_parts.append(raw)
        self.length += len(norm)
        self.raw_length += len(raw)


def _clean_block(text: str, simplify) -> tuple[str, list[int] | None, str | None]:
    if simplify is None and len(text) <= SHORT_CELL:  # headings, labels: as cells (cached)
        return _clean_cell(text)
    return _clean(text, simplify)


def build_document(raw_blocks: list[RawBlock], pages: int | None = None) -> Document:
    """Normalize the reader's blocks into one ``Document`` with exact offsets."""
    b = _Builder()
    blocks: list[Block] = []
    simplify = _simplifier(raw_blocks)
    cleaned = [
        None if raw.kind == "table" else _clean_block(raw.text, simplify) for raw in raw_blocks
    ]
    lines = [c[0] for c in cleaned if c is not None and c[0].strip()]
    width = page_lines.wrap_width(lines)
    footer = page_lines.footer_start(lines)
    line_no = -1  # index of the paragraph in ``lines``
    # Asked once per line: the header search and the walk below both need it.
    numbered = [page_lines.is_page_number(x) for x in lines]
    first_number = next((i for i, x in enumerate(numbered) if x), len(lines))
    heads = set(lines[: min(first_number, page_lines.header_lines())])
    after_page_number = False
    for raw, clean in zip(raw_blocks, cleaned, strict=True):
        if clean is None:
            table = _add_table(b, raw, bool(blocks), simplify)
            if table:
                blocks.append(table)
            continue
        norm, nmap, surface = clean
        if not norm.strip():
            continue
        line_no += 1
        if mirror.is_spam_line(norm) or (footer is not None and line_no >= footer):
            continue  # spam, or the site's footer: the document ended above it
        # Page numbers and the running header after one are the page's, not the document's.
        if numbered[line_no] or (after_page_number and norm in heads):
            after_page_number = numbered[line_no]  # one header line at most
            continue
        after_page_number = False
        prev = blocks[-1] if blocks else None
        joined = (
            prev is not None
            and prev.kind == "paragraph"
            and (
                (_dangling(b.parts[-1]) and _VALUE_START.match(norm) is not None)
                or _unit_cut_off(b.parts[-1], norm)
                or (prev.page != raw.page and _cut_by_page(b.parts[-1], norm))
                or (width is not None and page_lines.wrapped(b.parts[-1], norm, width))
            )
        )
        if prev is not None:
            b.sep("" if joined else "\n", "\n")
        start, end = b.add(norm, nmap, raw.text, surface)
        if joined:
            prev.end = end
        else:
            blocks.append(Block("paragraph", start, end, raw.page))
    b.offsets.append(b.raw_length)
    text = "".join(b.parts)
    surface = "".join(b.surface_parts) if simplify else text
    return Document(text, blocks, b.offsets, "".join(b.raw_parts), pages, surface=surface)


def _add_table(b: _Builder, raw: RawBlock, needs_sep: bool, simplify: Simplify) -> Block | None:
    rows = raw.rows or []
    if not any(c is not None and c.text.strip() for row in rows for c in row):
        return None
    if needs_sep:
        b.sep("\n", "\n")
    start = b.length
    grid: list[list[Cell | None]] = [[None] * len(row) for row in rows]
    # ``b.sep`` and ``b.add`` inlined: two method calls per cell were a third of the table's
    # cost. The same appends in the same order; the lengths are written back below.
    parts, surface_parts, raw_parts, offsets = b.parts, b.surface_parts, b.raw_parts, b.offsets
    length, raw_length = b.length, b.raw_length
    for r, row in enumerate(rows):
        if r:
            parts.append("\n")
            surface_parts.append("\n")
            offsets.append(raw_length)
            raw_parts.append("\n")
            length += 1
            raw_length += 1
        first = True
        for c, rc in enumerate(row):
            if rc is None:
                continue
            if not first:
                parts.append(" | ")
                surface_parts.append(" | ")
                offsets.extend((raw_length, raw_length, raw_length))
                raw_parts.append(" | ")
                length += 3
                raw_length += 3
            first = False
            # A cell is one line of the rendered table: its own line breaks become spaces.
            cell_text = rc.text.replace("\n", " ")
            if simplify is None and len(cell_text) <= SHORT_CELL:
                norm, nmap, surface = _clean_cell(cell_text)
            else:
                norm, nmap, surface = _clean(cell_text, simplify)
            s = length
            parts.append(norm)
            surface_parts.append(norm if surface is None else surface)
            if nmap is None:  # the identity (``_clean_cell``)
                offsets.extend(range(raw_length, raw_length + len(norm)))
            else:
                offsets.extend([raw_length + o for o in nmap[:-1]])
            raw_parts.append(rc.text)
            length += len(norm)
            raw_length += len(rc.text)
            cell = Cell(norm, s, length, r, c, rc.rowspan, rc.colspan)
            if rc.rowspan == 1 and rc.colspan == 1:  # most cells: the loops below, unrolled
                grid[r][c] = cell  # c < len(row) == len(grid[r])
                continue
            for rr in range(r, min(r + rc.rowspan, len(rows))):
                for cc in range(c, min(c + rc.colspan, len(grid[rr]))):
                    grid[rr][cc] = cell
    b.length, b.raw_length = length, raw_length
    # A position no cell covers (a reader's ragged row) becomes an empty cell.
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is None:
                row[c] = Cell("", b.length, b.length, r, c)
    return Block("table", start, b.length, raw.page, grid)  # type: ignore[arg-type]
