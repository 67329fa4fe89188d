"""The fast PDF text path: characters and their boxes from pypdfium2 (PDFium, C) instead of
pdfminer, for pages that hold no ruled table.

pdfplumber spends ~50–100 ms a page interpreting the content stream in Python; PDFium gives the
same characters in a few milliseconds. ``pdf.py`` rebuilds lines and paragraphs from character
boxes whichever engine produced them, so the text (and every span into it) does not depend on
the engine. Pages with vector paths (table rules) still go to pdfplumber, whose table finder
needs them; so do rotated pages and anything PDFium cannot open.

Pages drawn with a font the PDF does not embed go to pdfplumber as well: PDFium lays out such
text with whatever font the machine substitutes (zero-height boxes for CJK glyphs when no CJK
font is installed, other widths, characters dropped as "duplicates"), so its result would
depend on the installed fonts. pdfminer measures characters from the PDF's own widths and font
descriptor, which read the same on every machine.
"""

from __future__ import annotations

import ctypes
from functools import cache
from importlib.metadata import version
from typing import Any

from .pdf_grid import find_tables

# Two equal characters closer than this (points) are one overprinted ("fake bold") character,
# as pdfplumber's ``dedupe_chars`` tolerance.
DEDUPE_TOLERANCE = 1.0


@cache
def engine() -> str:
    # importlib.metadata reads the package's METADATA file: once per process, not per file.
    return f"pypdfium2 {version('pypdfium2')}"


class FastPdf:
    """One PDF opened with PDFium: ``chars(i)`` gives page ``i``'s characters, or None when the
    page must go through pdfplumber."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2 as pdfium

        self._doc = pdfium.PdfDocument(data)
        self.used = 0  # pages read here

    def __len__(self) -> int:
        return len(self._doc)

    def page(self, index: int) -> tuple[list[dict[str, Any]] | None, list[Any]] | None:
        """Page ``index``'s characters and ruled tables, or None: pdfplumber must read it.
        The characters are None where a font is not embedded: pdfminer measures them
        (pdf_lean.py), the rules still come from here."""
        import pypdfium2.raw as raw

        page = self._doc[index]
        try:
            if page.get_rotation():
                return None
            found = _edges(page.raw, raw, page.get_height())
            if found is None:
                return None
            edges, embedded = found
            chars = _page_chars(page, raw) if embedded else None
            size = page.get_width(), page.get_height()
        finally:
            page.close()
        self.used += chars is not None
        return chars, find_tables(edges, *size)

    def close(self) -> None:
        self._doc.close()


def open_fast(data: bytes) -> FastPdf | None:
    try:
        return FastPdf(data)
    except Exception:  # noqa: BLE001 - pdfplumber reads it, or names the reason it cannot
        return None


def _edges(page_handle, raw, height: float) -> tuple[list[dict[str, Any]], bool] | None:
    """Horizontal and vertical segments of the page's painted paths, as pdfplumber's edges
    (top-down coordinates), and whether every text object (form XObjects included) uses a font
    the PDF embeds. None when a path sits in a form XObject (its matrix is relative).

    One walk over the raw object handles: pypdfium2's ``get_objects`` wraps every object, text
    ones included, in a Python object first.
    """
    edges: list[dict[str, Any]] = []
    embedded = True
    page = ctypes.cast(page_handle, ctypes.c_void_p)
    get_object, get_type = _bare("FPDFPage_GetObject", _Handle), _bare("FPDFPageObj_GetType")
    get_font, is_embedded = _bare("FPDFTextObj_GetFont", _Handle), _bare("FPDFFont_GetIsEmbedded")
    form_count, form_object = (
        _bare("FPDFFormObj_CountObjects"),
        _bare("FPDFFormObj_GetObject", _Handle),
    )
    text, path, form = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
    count = _bare("FPDFPage_CountObjects")(page)
    stack = [(get_object(page, i), 0) for i in reversed(range(count))]
    while stack:  # depth first, in the page's drawing order
        obj, level = stack.pop()
        kind = get_type(obj)
        if kind == text:
            if embedded and not is_embedded(get_font(obj)):
                embedded = False
        elif kind == path and level < 2:
            if level > 0:
                return None
            _path_edges(obj, raw, height, edges)
        elif kind == form:
            count = form_count(obj)
            stack.extend((form_object(obj, i), level + 1) for i in reversed(range(count)))
    return edges, embedded


def _path_edges(handle, raw, height: float, edges: list[dict[str, Any]]) -> None:
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    _bare("FPDFPath_GetDrawMode")(handle, ctypes.byref(fill), ctypes.byref(stroke))
    if not fill.value and not stroke.value:
        return  # neither filled nor stroked: invisible, as pdfminer ignores it
    _bare("FPDFPageObj_GetMatrix")(handle, ctypes.byref(matrix))
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    get_segment, get_point = (
        _bare("FPDFPath_GetPathSegment", _Handle),
        _bare("FPDFPathSegment_GetPoint"),
    )
    segment_type, segment_close = (
        _bare("FPDFPathSegment_GetType"),
        _bare("FPDFPathSegment_GetClose"),
    )
    x_arg, y_arg = ctypes.byref(x), ctypes.byref(y)
    moveto = raw.FPDF_SEGMENT_MOVETO
    points: list[tuple[float, float]] = []
    start = None
    for i in range(_bare("FPDFPath_CountSegments")(handle)):
        seg = get_segment(handle, i)
        get_point(seg, x_arg, y_arg)
        pt = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
        if segment_type(seg) == moveto or not points:
            start = pt
        else:
            _add_edge(edges, points[-1], pt)
        points.append(pt)
        if segment_close(seg) and start is not None:
            _add_edge(edges, pt, start)


def _add_edge(edges: list[dict[str, Any]], p0: tuple[float, float], p1) -> None:
    (xa, ya), (xb, yb) = p0, p1
    if abs(ya - yb) < 0.01:
        orientation = "h"
    elif abs(xa - xb) < 0.01:
        orientation = "v"
    else:
        return  # diagonals and curves never bound a table cell
    x0, x1, top, bottom = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
    edges.append(
        {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
         "height": bottom - top, "orientation": orientation, "object_type": "line"}
    )  # fmt: skip


def _page_chars(page, raw) -> list[dict[str, Any]]:
    """pdfplumber-shaped character dicts (text, x0, x1, top, bottom, size), deduplicated.

    Per character this costs Python-to-C calls, the bulk of the fast path's time: the text comes
    in one call for the whole page, "made-up" checks are only asked of spaces, and the calls go
    through prototypes without argument types (``_bare``).
    """
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        n = raw.FPDFText_CountChars(handle)
        codes = _page_codes(handle, n, raw)
        rect = raw.FS_RECTF()
        generated, map_error = _bare("FPDFText_IsGenerated"), _bare("FPDFText_HasUnicodeMapError")
        loose_box = _bare("FPDFText_GetLooseCharBox")
        font_size = _bare("FPDFText_GetFontSize", ctypes.c_double)
        page_arg, rect_arg = ctypes.cast(handle, ctypes.c_void_p), ctypes.byref(rect)
        out: list[dict[str, Any]] = []
        seen: dict[tuple[str, int], list[float]] = {}
        for i, code in enumerate(codes):
            if code in SKIP_CODES:
                continue
            if code == 0x20 and generated(page_arg, i):
                continue  # a space PDFium inserted between words: not in the PDF
            text = "\ufffd" if map_error(page_arg, i) else chr(code)
            loose_box(page_arg, i, rect_arg)
            size = font_size(page_arg, i)
            # Lines are grouped by vertical overlap: the loose box's bottom is the same for every
            # character of a line (descent-based), its top varies with the glyph, so the top is
            # set from the font size as pdfminer does.
            bottom = height - rect.bottom
            x0 = rect.left
            # Overprinted "fake bold": the same character again within the tolerance.
            key = (text, round(bottom))
            same_line = seen.get(key)
            if same_line is None:
                seen[key] = [x0]
            elif _near(same_line, x0):
                continue
            else:
                same_line.append(x0)
            out.append(
                {"text": text, "x0": x0, "x1": rect.right, "top": bottom - size,
                 "bottom": bottom, "size": size}
            )  # fmt: skip
        return out
    finally:
        textpage.close()


class _Handle(ctypes.c_void_p):
    """A pointer result of a bare call, kept a ctypes object: a plain ``c_void_p`` result
    becomes a Python int, which a later bare call would pass cut to 32 bits."""


@cache
def _bare(name: str, restype: Any = ctypes.c_int) -> Any:
    """PDFium function ``name`` through a prototype that declares no argument types: ctypes then
    converts nothing but passes each argument as it is (a pointer as a ``c_void_p``, an index
    as a C int, an out-parameter by reference), about half of a call's cost; at three calls
    per character most of the fast path's time. Only the return type is declared. Every
    pointer passed must be a ctypes object (a Python int would be cut to 32 bits)."""
    import pypdfium2.raw as raw

    return ctypes.CFUNCTYPE(restype)(ctypes.cast(getattr(raw, name), ctypes.c_void_p).value)


def _near(xs: list[float], x0: float) -> bool:
    for other in xs:
        if abs(other - x0) <= DEDUPE_TOLERANCE:
            return True
    return False


# NUL, the line breaks PDFium puts between lines, and non-characters.
SKIP_CODES = frozenset((0, 0x0A, 0x0D, 0xFFFE, 0xFFFF))


def _page_codes(handle, n: int, raw) -> list[int]:
    """Each character's code point, in one call when every character is one UTF-16 unit."""
    buf = (ctypes.c_ushort * (n + 1))()
    raw.FPDFText_GetText(handle, 0, n, buf)
    codes = list(buf[:n])
    if any(0xD800 <= c <= 0xDFFF for c in codes):  # surrogates: indices would shift
        return [raw.FPDFText_GetUnicode(handle, i) for i in range(n)]
    return codes
