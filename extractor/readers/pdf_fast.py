"""The fast PDF text path: characters and their boxes from pypdfium2 (PDFium, C) instead of
pdfminer, for pages that hold no ruled table.

pdfplumber spends ~50–100 ms a page interpreting the content stream in Python; PDFium gives the
same characters in a few milliseconds. ``pdf.py`` rebuilds lines and paragraphs from character
boxes whichever engine produced them, so the text (and every span into it) does not depend on
the engine. Pages with vector paths (table rules) still go to pdfplumber, whose table finder
needs them; so do rotated pages and anything PDFium cannot open.
"""

from __future__ import annotations

import ctypes
from importlib.metadata import version
from typing import Any

# Two equal characters closer than this (points) are one overprinted ("fake bold") character,
# as pdfplumber's ``dedupe_chars`` tolerance.
DEDUPE_TOLERANCE = 1.0


def engine() -> str:
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

    def page(self, index: int) -> tuple[list[dict[str, Any]], list[Any]] | None:
        """Page ``index``'s characters and ruled tables, or None: pdfplumber must read it."""
        import pypdfium2.raw as raw

        page = self._doc[index]
        try:
            if page.get_rotation():
                return None
            edges = _edges(page, raw)
            if edges is None:
                return None
            chars = _page_chars(page, raw)
            size = page.get_width(), page.get_height()
        finally:
            page.close()
        self.used += 1
        return chars, _tables(edges, *size)

    def close(self) -> None:
        self._doc.close()


def open_fast(data: bytes) -> FastPdf | None:
    try:
        return FastPdf(data)
    except Exception:  # noqa: BLE001 - pdfplumber reads it, or names the reason it cannot
        return None


def _edges(page, raw) -> list[dict[str, Any]] | None:
    """Horizontal and vertical segments of the page's painted paths, as pdfplumber's edges
    (top-down coordinates); None when a path sits in a form XObject (its matrix is relative)."""
    height = page.get_height()
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    edges: list[dict[str, Any]] = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=2):
        if obj.level > 0:
            return None
        handle = obj.raw
        raw.FPDFPath_GetDrawMode(handle, ctypes.byref(fill), ctypes.byref(stroke))
        if not fill.value and not stroke.value:
            continue  # neither filled nor stroked: invisible, as pdfminer ignores it
        raw.FPDFPageObj_GetMatrix(handle, matrix)
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        points: list[tuple[float, float]] = []
        start = None
        for i in range(raw.FPDFPath_CountSegments(handle)):
            seg = raw.FPDFPath_GetPathSegment(handle, i)
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            pt = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
            if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_MOVETO or not points:
                start = pt
            else:
                _add_edge(edges, points[-1], pt)
            points.append(pt)
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                _add_edge(edges, pt, start)
    return edges


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


def _tables(edges: list[dict[str, Any]], width: float, height: float) -> list[Any]:
    """pdfplumber's own table finder (default settings, "lines" strategy) run on these edges."""
    if not edges:
        return []
    from types import SimpleNamespace

    from pdfplumber.table import TableFinder

    # TableFinder reads only ``edges`` and ``bbox`` from the page for the "lines" strategy.
    page = SimpleNamespace(edges=edges, bbox=(0, 0, width, height))
    return TableFinder(page).tables


def _page_chars(page, raw) -> list[dict[str, Any]]:
    """pdfplumber-shaped character dicts (text, x0, x1, top, bottom, size), deduplicated."""
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        rect = raw.FS_RECTF()
        out: list[dict[str, Any]] = []
        seen: dict[tuple[str, int, int], list[float]] = {}
        for i in range(raw.FPDFText_CountChars(handle)):
            if raw.FPDFText_IsGenerated(handle, i):  # spaces/newlines PDFium made up
                continue
            code = raw.FPDFText_GetUnicode(handle, i)
            if code in (0, 0xFFFE, 0xFFFF) or code == 0x0D or code == 0x0A:
                continue
            text = chr(code) if not raw.FPDFText_HasUnicodeMapError(handle, i) else "\ufffd"
            raw.FPDFText_GetLooseCharBox(handle, i, rect)
            size = raw.FPDFText_GetFontSize(handle, i)
            # Lines are grouped by vertical overlap: the loose box's bottom is the same for every
            # character of a line (descent-based), its top varies with the glyph, so the top is
            # set from the font size as pdfminer does.
            bottom = height - rect.bottom
            x0 = rect.left
            key = (text, round(bottom), round(x0))
            if _duplicate(seen, key, x0):
                continue
            seen.setdefault(key, []).append(x0)
            out.append(
                {"text": text, "x0": x0, "x1": rect.right, "top": bottom - size,
                 "bottom": bottom, "size": size}
            )  # fmt: skip
        return out
    finally:
        textpage.close()


def _duplicate(seen: dict[tuple[str, int, int], list[float]], key, x0: float) -> bool:
    text, b, x = key
    for dx in (0, -1, 1):
        for other in seen.get((text, b, x + dx), ()):
            if abs(other - x0) <= DEDUPE_TOLERANCE:
                return True
    return False
