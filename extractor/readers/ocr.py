"""OCR of PDF pages that have no usable text layer (scans, or fonts without a Unicode map).

Optional: needs the extra ``jixiao[ocr]`` (rapidocr + onnxruntime + opencv-python-headless; the
PP-OCR models ship inside the rapidocr wheel, nothing is downloaded). Without it the pages are
only flagged in ``source.warnings``.

A page needs OCR when the PDF reader got no text from it, or when more than a fifth of its
characters are undecodable (``(cid:123)``, U+FFFD). Its text-layer blocks are replaced by lines
rebuilt from the OCR boxes: boxes that overlap vertically form a line, read left to right;
wrapped lines of one paragraph (the previous line reaches the right edge of the text column,
the next starts at its left edge) are joined back. Spans then index this OCR text, and the
parser and warnings say that OCR was used and on which pages.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version

from ..model import RawBlock
from . import Reading

MAX_OCR_PAGES = 30  # per file: OCR takes 5–45 s a page on 2 cores
RENDER_SCALE = 2.0  # 144 dpi: ~99 % of characters on a clean page
BLANK_INK_SHARE = 0.0005  # a page with fewer dark pixels than this is blank
UNDECODABLE = re.compile(r"\(cid:\d+\)|\ufffd")
UNDECODABLE_SHARE = 0.2
MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.]|[①-⑳])"
)


@dataclass
class Box:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


def available() -> bool:
    return all(importlib.util.find_spec(m) for m in ("rapidocr", "onnxruntime", "cv2"))


@lru_cache(maxsize=1)
def _engine():
    from rapidocr import RapidOCR

    # It logs every model load at INFO on stderr; a batch's stderr is for errors.
    return RapidOCR(params={"Global.log_level": "warning"})


def unreadable_pages(reading: Reading) -> list[int]:
    """Pages (1-based) with no text from the PDF reader, or mostly undecodable text."""
    if not reading.pages:
        return []
    chars = {n: 0 for n in range(1, reading.pages + 1)}
    bad = dict(chars)
    for block in reading.blocks:
        if block.page not in chars:
            continue
        texts = [block.text] if block.kind == "paragraph" else [
            c.text for row in block.rows or [] for c in row if c is not None
        ]  # fmt: skip
        for text in texts:
            if "(cid:" not in text and "\ufffd" not in text:  # nearly every text: no regex
                chars[block.page] += len("".join(text.split()))
                continue
            # a "(cid:123)" is one glyph: count glyphs, not characters of the placeholder
            chars[block.page] += len("".join(UNDECODABLE.sub("?", text).split()))
            bad[block.page] += len(UNDECODABLE.findall(text))
    return [n for n in chars if chars[n] == 0 or bad[n] > UNDECODABLE_SHARE * chars[n]]


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _join_boxes(boxes: list[Box]) -> str:
    out = boxes[0].text
    for prev, box in zip(boxes, boxes[1:], strict=False):
        gap = box.x0 - prev.x1
        far = gap > 1.0 * min(prev.height, box.height)  # a table column or a label gap
        both_wide = _wide(out[-1]) and _wide(box.text[0])
        out += " " if far or not both_wide else ""
        out += box.text
    return out


def lines_from_boxes(boxes: list[Box]) -> list[tuple[Box, str]]:
    """Group boxes into lines (vertical overlap of at least half the smaller height)."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.top, b.x0)):
        if lines:
            top = min(b.top for b in lines[-1])
            bottom = max(b.bottom for b in lines[-1])
            overlap = min(bottom, box.bottom) - max(top, box.top)
            if overlap >= 0.5 * min(box.height, bottom - top):
                lines[-1].append(box)
                continue
        lines.append([box])
    out = []
    for group in lines:
        group.sort(key=lambda b: b.x0)
        bounds = Box("", group[0].x0, max(b.x1 for b in group),
                     min(b.top for b in group), max(b.bottom for b in group))  # fmt: skip
        out.append((bounds, _join_boxes(group)))
    return out


def paragraphs_from_lines(lines: list[tuple[Box, str]]) -> list[str]:
    """Join wrapped lines: a line that reaches the column's right edge continues on the next
    line when that one starts at the left edge and is not a heading or list item."""
    if not lines:
        return []
    left = min(b.x0 for b, _ in lines)
    right = max(b.x1 for b, _ in lines)
    paras: list[str] = []
    prev: Box | None = None
    for box, text in lines:
        em = box.height
        joins = (
            prev is not None
            and prev.x1 >= right - 1.5 * em
            and box.x0 <= left + 0.5 * em
            and box.top - prev.bottom < 1.5 * em
            and not MARKER.match(text)
        )
        if joins:
            sep = "" if _wide(paras[-1][-1]) or _wide(text[0]) else " "
            paras[-1] += sep + text
        else:
            paras.append(text)
        prev = box
    return paras


def ocr_page(pdf, number: int) -> tuple[list[str], float]:
    """OCR one page (1-based) of an open pypdfium2 document: paragraphs and mean confidence."""
    image = pdf[number - 1].render(scale=RENDER_SCALE).to_numpy()
    if (image.min(axis=-1) < 128).mean() < BLANK_INK_SHARE:
        return [], 1.0  # a blank page: nothing to recognise, and OCR would cost seconds
    result = _engine()(image)
    boxes = []
    scores = []
    found = [x if x is not None else [] for x in (result.boxes, result.txts, result.scores)]
    for quad, text, score in zip(*found, strict=False):
        if not text.strip():
            continue
        xs = [p[0] for p in quad]
        ys = [p[1] for p in quad]
        boxes.append(Box(text.strip(), min(xs), max(xs), min(ys), max(ys)))
        scores.append(float(score))
    mean = sum(scores) / len(scores) if scores else 0.0
    return paragraphs_from_lines(lines_from_boxes(boxes)), mean


def ocr_unreadable_pages(data: bytes, path: str, reading: Reading) -> Reading:
    """Replace the blocks of unreadable pages by OCR text, or flag them if OCR is missing."""
    pages = unreadable_pages(reading)
    if not pages:
        return reading
    listed = ", ".join(map(str, pages))
    if not available():
        reading.warnings.append(
            f"no usable text on page(s) {listed}: not OCR'd (install the extra jixiao[ocr] to "
            "OCR scanned pages)"
        )
        return reading
    import pypdfium2

    done: dict[int, list[str]] = {}
    pdf = pypdfium2.PdfDocument(data)
    try:
        for number in pages[:MAX_OCR_PAGES]:
            try:
                paras, confidence = ocr_page(pdf, number)
            except Exception as e:  # noqa: BLE001 - a failed page keeps its warning, not the file
                reading.warnings.append(f"page {number}: OCR failed ({e!r})")
                continue
            if not paras:  # blank or no recognisable text: the reader's warning stays as is
                continue
            done[number] = paras
            reading.warnings.append(
                f"page {number}: text from OCR (RapidOCR, mean confidence {confidence:.2f})"
            )
    finally:
        pdf.close()
    if len(pages) > MAX_OCR_PAGES:
        reading.warnings.append(f"only the first {MAX_OCR_PAGES} unreadable pages were OCR'd")
    blocks = [b for b in reading.blocks if b.page not in done]
    for number, paras in done.items():
        blocks.extend(RawBlock("paragraph", number, text) for text in paras)
    blocks.sort(key=lambda b: b.page or 0)  # stable: text-layer order within a page is kept
    reading.blocks = blocks
    if not done:
        return reading
    reading.parser += f" + RapidOCR {version('rapidocr')} (pages {', '.join(map(str, done))})"
    return reading
