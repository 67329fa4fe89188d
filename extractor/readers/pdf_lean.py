"""Characters of a page drawn with fonts the PDF does not embed: pdfminer's own boxes, without
pdfplumber's page objects.

Such pages cannot take PDFium's characters (their boxes depend on the fonts installed, see
pdf_fast.py), but pdfplumber spends most of its time there on things this reader never uses:
a layout object for every path segment and image, a dict of some 20 attributes per character,
and a duplicate check that sorts by ``list.index`` (quadratic). Here pdfminer interprets the
content stream as before and makes each ``LTChar`` exactly as before, so the characters' text
and boxes are the very numbers pdfplumber would report; paths are skipped (PDFium gives the
rules) and the duplicate check is pdfplumber's, with the final ordering by position instead of
by equality search. The content stream is tokenized by pdf_content.py where it can be.
"""

from __future__ import annotations

import itertools
import logging
from operator import itemgetter
from typing import Any

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter

from .pdf_content import FastInterpreter, Unsupported

# pdfplumber's ``dedupe_chars`` defaults: characters with the same text, font and size whose
# positions are within this many points are one overprinted character.
TOLERANCE = 1
log = logging.getLogger(__name__)
_KEY = itemgetter("upright", "text", "fontname", "size")
_POS = itemgetter("doctop", "x0")
_DOCTOP = itemgetter("doctop")
_X0 = itemgetter("x0")


class _CharDevice(PDFLayoutAnalyzer):
    """pdfminer's layout device with the characters only: paths and images are not built, and
    each character is kept as the numbers ``LTChar`` would compute (its own arithmetic, in its
    order), in drawing order, which is the order pdfplumber walks the layout in."""

    chars: list[tuple] | None = None
    _glyphs: dict  # font -> {cid: (text, width)}, for one page

    def paint_path(self, *args: Any, **kwargs: Any) -> None:
        pass

    def render_image(self, *args: Any, **kwargs: Any) -> None:
        pass

    def receive_layout(self, ltpage: Any) -> None:
        pass

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
        # Horizontal strings never come here (``render_string_horizontal`` below draws their
        # characters itself); only a vertical font's, which pdfplumber reads instead.
        raise _Vertical

    def render_string_horizontal(
        self, seq, matrix, pos, font, fontsize, scaling, charspace, wordspace, rise, dxscale,
        ncs, graphicstate,
    ) -> tuple[float, float]:  # fmt: skip
        """pdfminer's own loop with ``render_char`` inlined, term for term in its order (so
        every box is the same float): the per-string values (descent, upright, the matrix) are
        computed once per string, each glyph's text and width once per page."""
        (x, y) = pos
        (a, b, c, d, e, f) = matrix
        upright = a * d * scaling > 0 and b * c <= 0
        descent = font.get_descent() * fontsize
        low, high = descent + rise, descent + rise + fontsize
        glyphs = self._glyphs.get(font)
        if glyphs is None:
            glyphs = self._glyphs[font] = {}
        fontname, append = font.fontname, self.chars.append
        needcharspace = False
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                needcharspace = True
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if needcharspace:
                        x += charspace
                    glyph = glyphs.get(cid)
                    if glyph is None:
                        glyph = glyphs[cid] = self._glyph(font, cid)
                    text, width = glyph
                    # translate_matrix, then LTChar's box: apply_matrix_rect's four corners.
                    e1, f1 = x * a + y * c + e, x * b + y * d + f
                    adv = width * fontsize * scaling
                    left1, bottom1 = a * 0 + c * low + e1, b * 0 + d * low + f1
                    right1, bottom2 = a * adv + c * low + e1, b * adv + d * low + f1
                    right2, top1 = a * adv + c * high + e1, b * adv + d * high + f1
                    left2, top2 = a * 0 + c * high + e1, b * 0 + d * high + f1
                    y0 = min(bottom1, bottom2, top1, top2)
                    y1 = max(bottom1, bottom2, top1, top2)
                    append((text, min(left1, left2, right1, right2), y0,
                            max(left1, left2, right1, right2), y1, y1 - y0, upright, fontname))  # fmt: skip
                    x += adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
            else:
                log.warning(
                    "Cannot render horizontal string: %r is not an int, float or bytes", obj
                )
        return (x, y)

    def _glyph(self, font, cid: int) -> tuple[str, float]:
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        return text, font.char_width(cid)


class _Vertical(Exception):
    pass


def page_chars(pdf: Any, page: Any) -> list[dict[str, Any]]:
    """The deduplicated characters of pdfplumber page ``page`` of ``pdf``, as pdfplumber's
    ``page.dedupe_chars().chars`` gives them (the keys this reader uses)."""
    device = _CharDevice(pdf.rsrcmgr, pageno=page.page_number, laparams=None)
    device.chars = []
    device._glyphs = {}
    try:
        FastInterpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    except Unsupported:  # a construct only pdfminer's own parser reads: the page again with it
        device.chars = []
        PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    mb_x0, mb_top = page.mediabox[:2]
    height, doctop = page.height, page.initial_doctop
    chars = []
    for text, x0, y0, x1, y1, size, upright, fontname in device.chars:
        # pdfplumber's coordinates (Page.process_object): top-down, relative to the MediaBox.
        top = (height - y1) + mb_top
        if mb_x0 != 0:
            x0, x1 = x0 + mb_x0, x1 + mb_x0
        if isinstance(fontname, bytes):  # rare byte-encoded names, as pdfplumber decodes them
            from pdfplumber.page import fix_fontname_bytes

            fontname = fix_fontname_bytes(fontname)
        chars.append(
            {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": (height - y0) + mb_top,
             "doctop": doctop + top, "size": size, "upright": upright, "fontname": fontname}
        )  # fmt: skip
    return _dedupe(chars)


def _dedupe(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """pdfplumber's ``utils.dedupe_chars`` (default settings), in the characters' order."""
    kept = []
    for _, grouped in itertools.groupby(sorted(chars, key=_KEY), key=_KEY):
        group = list(grouped)
        if len(group) == 1:  # most characters: nothing to cluster
            kept.append(group[0])
            continue
        for y_cluster in _clusters(group, _DOCTOP):
            if len(y_cluster) == 1:  # alone on its line: its own cluster, nothing to compare
                kept.append(y_cluster[0])
                continue
            for x_cluster in _clusters(y_cluster, _X0):
                kept.append(min(x_cluster, key=_POS))
    # pdfplumber orders by ``chars.index`` (an equality search per character); the first equal
    # character is the one kept, so its own position gives the same order.
    order = {id(c): i for i, c in enumerate(chars)}
    kept.sort(key=lambda c: order[id(c)])
    return kept


def _clusters(items: list[dict[str, Any]], key) -> list[list[dict[str, Any]]]:
    """pdfplumber's ``cluster_objects(items, key, TOLERANCE)``: distinct values chained while
    each is within the tolerance of the one before; items by cluster, stable within one."""
    ids: dict[float, int] = {}
    cluster, last = -1, None
    for value in sorted(set(map(key, items))):
        if last is None or value > last + TOLERANCE:
            cluster += 1
        ids[value] = cluster
        last = value
    if cluster == 0:
        return [items]
    ordered = sorted(items, key=lambda item: ids[key(item)])
    return [list(g) for _, g in itertools.groupby(ordered, key=lambda item: ids[key(item)])]
