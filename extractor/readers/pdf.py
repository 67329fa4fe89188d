"""PDF reports: ruled tables become grids, the rest paragraphs rebuilt from lines, page by page.

Each page's characters and table rules come from the cheapest engine that gives the same numbers
on every machine — PDFium where every font is embedded (pdf_fast.py), pdfminer's own character
boxes where one is not (pdf_lean.py), pdfplumber for the rest — and lines, paragraphs
(pdf_lines.py) and cells (pdf_grid.py) are rebuilt from them the same way whichever engine it was.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version

from ..errors import ReadError
from ..model import RawBlock, RawCell
from . import Reading, pdf_fast, pdf_lean
from .pdf_grid import find_tables
from .pdf_lines import Line, build_lines, join_lines

UNDECODABLE = re.compile(r"\(cid:\d+\)|\ufffd")


@cache
def _pdfplumber_engine() -> str:
    return f"pdfplumber {version('pdfplumber')}"


def _undecodable(chars: list[dict]) -> int:
    """How many characters are undecodable; one search over the page's text first, since on
    almost every page none is (a regex search per character was a tenth of a page's reading)."""
    if not UNDECODABLE.search("".join(c["text"] for c in chars)):
        return 0
    return sum(bool(UNDECODABLE.search(c["text"])) for c in chars)


def _mids(chars: list[dict]) -> list[tuple[float, float]]:
    """The characters' centres: a character belongs to the cell (or table) its centre is in."""
    return [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2) for c in chars]


def _inside(mids: list[tuple[float, float]], bbox: tuple[float, float, float, float]) -> list[int]:
    """Indices of the centres within ``bbox`` (borders included), in order."""
    x0, top, x1, bottom = bbox
    return [i for i, (x, y) in enumerate(mids) if x0 <= x <= x1 and top <= y <= bottom]


def _boundaries(values: list[float], tol: float = 1.0) -> list[float]:
    """Distinct grid lines: values closer than ``tol`` are one line."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    """The grid line nearest ``v`` (the lower one on a tie); ``bounds`` ascending."""
    i = bisect_left(bounds, v)
    if i == len(bounds) or (i > 0 and abs(bounds[i - 1] - v) <= abs(bounds[i] - v)):
        return i - 1
    return i


def _placed(memo: dict[float, int], bounds: list[float], v: float) -> int:
    """``_index(bounds, v)``, remembered in ``memo`` (a pure function of ``v`` for one table;
    a NaN is never found again and is simply placed anew)."""
    i = memo.get(v)
    if i is None:
        i = memo[v] = _index(bounds, v)
    return i


def _cell_text(chars: list[dict], bbox: tuple[float, float, float, float]) -> str:
    lines = build_lines(chars)
    if not lines:
        return ""
    if len(lines) == 1:  # most cells: one line, nothing to join (join_lines gives its text)
        return lines[0].text
    left = min(line.x0 for line in lines)
    # Assume symmetric padding: the cell's text column ends as far from its right border as the
    # text starts from its left one.
    right = max(bbox[2] - (left - bbox[0]), max(line.core_x1 for line in lines))
    return "\n".join(text for _, text in join_lines(lines, left, right, in_cell=True))


def _table_rows(
    table, chars: list[dict], mids: list[tuple[float, float]]
) -> list[list[RawCell | None]]:
    """Place pdfplumber's cell boxes on the grid of distinct row/column lines; ``mids``: the
    characters' centres."""
    cells = table.cells
    xs = _boundaries([c[0] for c in cells] + [c[2] for c in cells])
    ys = _boundaries([c[1] for c in cells] + [c[3] for c in cells])
    # By centre height, ties in reading order (i): a stable sort, as the cells' text expects.
    centred = sorted((y, i, x) for i, (x, y) in enumerate(mids))
    mids = [y for y, _, _ in centred]
    # A grid position no cell box covers (a missing rule) is an empty cell, not a merge.
    rows: list[list[RawCell | None]] = [
        [RawCell("") for _ in range(len(xs) - 1)] for _ in range(len(ys) - 1)
    ]
    # Cells share their rows' and columns' coordinates: each distinct one is placed once.
    row_at: dict[float, int] = {}
    col_at: dict[float, int] = {}
    for bbox in sorted(cells, key=lambda c: (c[1], c[0])):
        r0, r1 = _placed(row_at, ys, bbox[1]), _placed(row_at, ys, bbox[3])
        c0, c1 = _placed(col_at, xs, bbox[0]), _placed(col_at, xs, bbox[2])
        if r1 <= r0 or c1 <= c0:
            continue
        for r in range(r0, r1):
            for c in range(c0, c1):
                rows[r][c] = None
        # Only the characters of the cell's band of rows are tested (found by bisection):
        # testing every character of the table for every cell is quadratic on big forms.
        band = centred[bisect_left(mids, bbox[1]) : bisect_right(mids, bbox[3])]
        x0, x1 = bbox[0], bbox[2]
        text = _cell_text([chars[i] for _, i, x in band if x0 <= x <= x1], bbox)
        rows[r0][c0] = RawCell(text, r1 - r0, c1 - c0)
    return rows


@dataclass
class _Page:
    number: int
    lines: list[Line]
    tables: list[tuple[float, RawBlock]]


def _read_page(page, number: int, warnings: list[str], fast: tuple | None = None) -> _Page:
    """``fast``: the page's characters and tables from PDFium (pdf_fast.py), else pdfplumber's."""
    if fast is None:
        page = page.dedupe_chars()  # overprinted "fake bold" doubles every character otherwise
        chars = [c for c in page.chars if c.get("text")]
    else:
        chars = fast[0]
    if not any(c["text"].strip() for c in chars):
        warnings.append(f"page {number} has no text layer (scanned?)")
        return _Page(number, [], [])
    visible = [c for c in chars if c["text"].strip()]
    if _undecodable(visible) > 0.2 * len(visible):
        warnings.append(f"page {number}: text not decodable (no Unicode map)")
    tables = find_tables(page.edges, page.width, page.height) if fast is None else fast[1]
    tabled = []
    boxes = [table.bbox for table in tables]  # a property that walks every cell: compute once
    mids = _mids(chars)
    tabled_char = [False] * len(chars)
    for table, bbox in zip(tables, boxes, strict=True):
        inside = _inside(mids, bbox)
        rows = _table_rows(table, [chars[i] for i in inside], [mids[i] for i in inside])
        block = RawBlock("table", number, rows=rows)
        tabled.append((bbox[1], block))
        for i in inside:  # marked in place: a new list per table was a page's length each time
            tabled_char[i] = True
    free = [c for c, t in zip(chars, tabled_char, strict=True) if not t]
    return _Page(number, build_lines(free), tabled)


def _page_blocks(page: _Page, left: float, right: float) -> list[RawBlock]:
    """Paragraphs and tables of one page by their top; no paragraph runs across a table."""
    items: list[tuple[float, RawBlock]] = list(page.tables)
    cuts = sorted(top for top, _ in page.tables)
    run: list[Line] = []

    def flush() -> None:
        for top, text in join_lines(run, left, right, in_cell=False):
            items.append((top, RawBlock("paragraph", page.number, text)))
        run.clear()

    for line in page.lines:
        if run and any(run[-1].top < cut <= line.top for cut in cuts):
            flush()
        run.append(line)
    flush()
    items.sort(key=lambda item: item[0])
    return [block for _, block in items]


def _open(data: bytes, path: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        n_pages = len(pdf.pages)
    except Exception as e:  # pdfplumber wraps every pdfminer failure in PdfminerException
        cause = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise ReadError(path, "encrypted", "the PDF is password-protected") from e
        raise ReadError(path, "corrupt", f"not a readable PDF ({cause!r})") from e
    if n_pages == 0:
        pdf.close()
        raise ReadError(path, "corrupt", "the PDF has no pages")
    return pdf, n_pages


def read(data: bytes, path: str) -> Reading:
    """Read a PDF into paragraphs and tables, page by page in top-to-bottom order."""
    # PDFium gives characters and table rules in milliseconds (pdf_fast.py); pdfplumber reads a
    # page only where PDFium cannot, and is opened (pdfminer parses the whole file) only then.
    # Lines, paragraphs and cells are rebuilt here either way.
    fast = pdf_fast.open_fast(data)
    try:
        read_pages = _read_fast if fast is not None and len(fast) else _read_slow
        pages, warnings, n_pages, parser = read_pages(data, path, fast)
    finally:
        if fast is not None:
            fast.close()
    if not pages:
        raise ReadError(path, "corrupt", "no page of the PDF could be parsed")
    # The text column is the same on every page; measuring it over the whole document keeps a
    # short last page from looking like a narrow column.
    body = [line for page in pages for line in page.lines]
    right = max((line.core_x1 for line in body), default=0.0)
    # The left margin is where full lines start (wrapped lines continue there), so that a
    # stray header further left does not make every body line look indented.
    full = [line.x0 for line in body if line.core_x1 >= right - line.size]
    left = min(full or [line.x0 for line in body] or [0.0])
    blocks = [block for page in pages for block in _page_blocks(page, left, right)]
    return Reading(blocks, "pdf", parser, n_pages, None, warnings)


def _read_slow(data: bytes, path: str, fast=None) -> tuple[list[_Page], list[str], int, str]:
    """Every page through pdfplumber."""
    pdf, n_pages = _open(data, path)
    warnings: list[str] = []
    with pdf:
        pages = [_read_one(pdf.pages[i], i + 1, warnings, None) for i in range(n_pages)]
    return [p for p in pages if p is not None], warnings, n_pages, _pdfplumber_engine()


def _read_fast(data: bytes, path: str, fast) -> tuple[list[_Page], list[str], int, str]:
    """Pages from PDFium; pdfplumber opened at the first page PDFium cannot read. When pdfminer
    counts other pages than PDFium, pdfplumber reads the whole file, as it always did."""
    n_pages = len(fast)
    warnings: list[str] = []
    pages: list[_Page | None] = []
    pdf = None
    try:
        for i in range(n_pages):
            try:
                content = fast.page(i)
            except Exception as e:  # one broken content stream should not lose the other pages
                warnings.append(f"page {i + 1} could not be parsed ({e!r})")
                continue
            if (content is None or content[0] is None) and pdf is None:
                pdf, plumber_pages = _open(data, path)
                if plumber_pages != n_pages:
                    pdf.close()
                    pdf = None
                    return _read_slow(data, path)
            if content is not None and content[0] is None:
                content = _lean(pdf, i, content[1])
            page = pdf.pages[i] if content is None else None
            pages.append(_read_one(page, i + 1, warnings, content))
    finally:
        if pdf is not None:
            pdf.close()
    if not any(pages) and pdf is None:  # nothing PDFium could read: pdfplumber says why
        return _read_slow(data, path)
    engines = [pdf_fast.engine()] if fast.used else []
    engines += [] if pdf is None else [_pdfplumber_engine()]
    parser = " + ".join(engines) or pdf_fast.engine()
    return [p for p in pages if p is not None], warnings, n_pages, parser


def _lean(pdf, index: int, tables: list) -> tuple | None:
    """Page ``index``'s characters from pdfminer (fonts not embedded) and PDFium's tables; None
    when pdfminer fails there: pdfplumber then reads the page and words the warning."""
    page = pdf.pages[index]
    try:
        return pdf_lean.page_chars(pdf, page), tables
    except Exception:  # noqa: BLE001 - the pdfplumber path reports it as it always did
        return None
    finally:
        page.close()


def _read_one(page, number: int, warnings: list[str], content: tuple | None) -> _Page | None:
    try:
        return _read_page(page, number, warnings, content)
    except Exception as e:  # one broken content stream should not lose the other pages
        warnings.append(f"page {number} could not be parsed ({e!r})")
        return None
    finally:
        if page is not None:
            page.close()  # drop the page's parsed layout: memory stays flat on long reports
