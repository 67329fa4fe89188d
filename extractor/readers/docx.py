"""Word (.docx) reports via python-docx, read from the XML so that no text Word shows is lost.

python-docx's ``.text`` and ``iter_inner_content()`` skip content controls (``w:sdt``), text boxes
and rows or cells wrapped in custom XML, and ``row.cells`` repeats merged cells. So the body is
walked here element by element: paragraphs and tables in body order, merged cells resolved on the
table grid, nested tables emitted as their own blocks right after their parent table, text boxes
right after the paragraph that anchors them.
"""

from __future__ import annotations

import io
import posixpath
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib.metadata import version

from ..errors import ReadError
from ..model import RawBlock, RawCell
from ..zip_open import read_part
from . import Reading

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# Wrappers whose children are block content (paragraphs, tables, rows or cells) of the parent.
_WRAPPERS = {W + "sdt", W + "customXml", W + "sdtContent"}
# Subtrees of a paragraph whose text is not paragraph text: properties (their w:tab are tab
# stops), ruby annotations, the fallback copy of a drawing, and text boxes (read separately).
_NOT_TEXT = {W + "pPr", W + "rPr", W + "rt", MC + "Fallback", W + "txbxContent"}
_BREAKS = {W + "br", W + "cr"}
_FALLBACK = MC + "Fallback"


def _children(el, tags: tuple[str, ...], out: list) -> list[tuple[str, object]]:
    """``out`` with ``(tag, child)`` appended for the children of ``el`` with one of ``tags``,
    looking through content controls and custom XML.

    Every lookup here walks the children and reads each tag once: lxml's ``iterchildren(tag)``
    builds a tag matcher on each call, and ``.tag`` builds a new string on each access, both
    dearer than the walk itself for the few children a cell, row or paragraph has. A list, not
    a generator: resuming a generator frame for every row and cell costs more than the list."""
    for child in el:
        tag = child.tag
        if tag in tags:
            out.append((tag, child))
        elif tag in _WRAPPERS:
            _children(child, tags, out)
    return out


_T, _TAB, _TYPE, _NB_HYPHEN = W + "t", W + "tab", W + "type", W + "noBreakHyphen"


def _texts(el, out: list[str]) -> None:
    """Append the text pieces under ``el`` to ``out`` (a list, not nested generators: every
    run of every cell passes through here)."""
    for child in el.iterchildren():
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == _TAB:
            out.append("\t")
        elif tag in _BREAKS:
            # Page and column breaks are layout, not text; a line break is a newline.
            if child.get(_TYPE) in (None, "textWrapping"):
                out.append("\n")
        elif tag == _NB_HYPHEN:
            out.append("-")
        elif tag not in _NOT_TEXT:
            _texts(child, out)


def paragraph_text(p) -> str:
    """All text of a ``w:p`` in document order, including runs inside content controls,
    hyperlinks, fields and tracked insertions (deleted text is ``w:delText`` and stays out)."""
    out: list[str] = []
    _texts(p, out)
    return "".join(out)


def _text_boxes(el) -> Iterator:
    """Text box contents anchored in ``el``, once each (not the compatibility fallback copy)."""
    for child in el:
        tag = child.tag
        if tag == _TXBX:
            yield child
        elif tag != _FALLBACK:
            yield from _text_boxes(child)


def _int_val(found, default: int) -> int:
    if found is None:
        return default
    try:
        return max(int(found.get(_VAL, default)), 0)
    except ValueError:
        return default


_TC_PR, _GRID_SPAN, _V_MERGE = W + "tcPr", W + "gridSpan", W + "vMerge"
_TR_PR, _GRID_BEFORE, _GRID_AFTER = W + "trPr", W + "gridBefore", W + "gridAfter"
_TBL_GRID, _GRID_COL, _TXBX = W + "tblGrid", W + "gridCol", W + "txbxContent"
_P, _TBL = W + "p", W + "tbl"
_TC, _VAL = W + "tc", W + "val"
_ROWS, _CELLS = (W + "tr",), (_TC,)
_CELL_CONTENT, _BODY_CONTENT = (_P, _TBL), (_P, _TBL, W + "altChunk")


def _cell_parts(tc) -> tuple[int, bool, list]:
    """A cell's grid span, whether it continues the vertical merge of the cell above it, and
    its ``(tag, w:p or w:tbl)`` content, from one walk of its children."""
    span = vmerge = None
    content: list[tuple[str, object]] = []
    for child in tc:
        tag = child.tag
        if tag == _TC_PR:  # the first of each under any w:tcPr, as find() gives it
            span, vmerge = _first_of(child, _GRID_SPAN, _V_MERGE, span, vmerge)
        elif tag in _CELL_CONTENT:
            content.append((tag, child))
        elif tag in _WRAPPERS:
            _children(child, _CELL_CONTENT, content)
    continues = vmerge is not None and vmerge.get(_VAL, "continue") == "continue"
    return max(_int_val(span, 1), 1), continues, content


def _first_of(pr, a: str, b: str, first_a, first_b) -> tuple:
    """``first_a`` and ``first_b`` (the first ``a`` and ``b`` found so far), or else the first
    ``a`` and ``b`` among the children of property element ``pr``."""
    for child in pr:
        tag = child.tag
        if tag == a:
            if first_a is None:
                first_a = child
        elif tag == b and first_b is None:
            first_b = child
    return first_a, first_b


def _cell_text(content: list) -> tuple[str, list]:
    """A cell's text (its non-empty paragraphs joined by newlines) and its nested tables."""
    paras, nested = [], []
    for tag, el in content:
        if tag == _TBL:
            nested.append(el)
        elif (text := paragraph_text(el)).strip():
            paras.append(text)
    return "\n".join(paras), nested


Entry = tuple[int, int, list | None, bool]


def _row_entries(tr) -> list[Entry]:
    """``(grid column, span, the cell's content or None, continues a vertical merge)`` for one
    row; None marks a skipped grid column. One walk of the row's children finds its properties
    (direct w:trPr children only) and its cells (through content controls)."""
    before = after = None
    cells: list[tuple[str, object]] = []
    for child in tr:
        tag = child.tag
        if tag == _TC:
            cells.append((tag, child))
        elif tag == _TR_PR:
            before, after = _first_of(child, _GRID_BEFORE, _GRID_AFTER, before, after)
        elif tag in _WRAPPERS:
            _children(child, _CELLS, cells)
    col = _int_val(before, 0)
    entries: list[Entry] = [(c, 1, None, False) for c in range(col)]
    for _, tc in cells:
        span, continues, content = _cell_parts(tc)
        entries.append((col, span, content, continues))
        col += span
    entries.extend((c, 1, None, False) for c in range(col, col + _int_val(after, 0)))
    return entries


def _table(tbl) -> tuple[list[list[RawCell | None]], list]:
    """Resolve a ``w:tbl`` into grid rows (merges as spans, covered positions None) and the
    nested tables found in its cells, in reading order."""
    entries = [_row_entries(tr) for _, tr in _children(tbl, _ROWS, [])]
    grid = sum(1 for g in tbl if g.tag == _TBL_GRID for c in g if c.tag == _GRID_COL)
    n_cols = max([grid] + [e[-1][0] + e[-1][1] for e in entries if e])
    rows: list[list[RawCell | None]] = [[None] * n_cols for _ in entries]
    # owner[r][c]: (top-left cell, its row, its column) covering grid position (r, c). A row's
    # entries never overlap, so only a new cell's own position is ever set in ``rows``.
    owner: list[list[tuple[RawCell, int, int] | None]] = [[None] * n_cols for _ in entries]
    nested_tables: list = []
    above_owner = None
    for r, row in enumerate(entries):
        row_owner = owner[r]
        for col, span, content, continues in row:
            if content is None:
                continue
            above = above_owner[col] if above_owner is not None else None
            if continues and above and above[2] == col and above[0].colspan == span:
                cell, top, _ = above
                cell.rowspan = r - top + 1
            else:
                text, nested = _cell_text(content)
                nested_tables.extend(nested)
                cell, top = RawCell(text, 1, span), r
                rows[r][col] = cell
            own = (cell, top, col)
            for c in range(col, col + span):
                row_owner[c] = own
        above_owner = row_owner
    # Grid positions no cell covers (gridBefore/After, short rows) read as empty cells.
    for row_cells, row_owner in zip(rows, owner, strict=True):
        for c, own in enumerate(row_owner):
            if own is None:
                row_cells[c] = RawCell("")
    return rows, nested_tables


def _add_table(tbl, blocks: list[RawBlock]) -> None:
    rows, nested = _table(tbl)
    blocks.append(RawBlock("table", None, rows=rows))
    for child in nested:
        _add_table(child, blocks)


def _walk(container, blocks: list[RawBlock], warnings: list[str]) -> None:
    """Append the blocks of a body (or text box) in document order."""
    # Most documents have no text box: then no paragraph's runs are walked to look for one.
    boxes = next(container.iterdescendants(_TXBX), None) is not None
    for tag, el in _children(container, _BODY_CONTENT, []):
        if tag == _P:
            text = paragraph_text(el)
            if text.strip():
                blocks.append(RawBlock("paragraph", None, text))
            for box in _text_boxes(el) if boxes else ():
                _walk(box, blocks, warnings)
        elif tag == _TBL:
            _add_table(el, blocks)
        else:
            warnings.append("an embedded document (w:altChunk) was not read")


_PACKAGE_RELS = "_rels/.rels"
_CONTENT_TYPES = "[Content_Types].xml"
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _main_part_xml(data: bytes) -> bytes | None:
    """The main document part of a plain .docx package, or None for anything unusual.

    python-docx's ``Document()`` parses every XML part (styles, numbering, settings, theme…) into
    its element classes: ~7 ms of a 1-page report, though only the body is read here. The main
    part is found the way python-docx finds it (the package's officeDocument relationship, its
    content type overridden as a Word main part); any other shape goes through python-docx."""
    try:
        partname = _main_part_name(read_part(data, _PACKAGE_RELS), read_part(data, _CONTENT_TYPES))
        return None if partname is None else read_part(data, partname[1:])
    except Exception:  # noqa: BLE001 - python-docx then reads it or says why it cannot
        return None


# Files of one batch mostly come from a few writers, whose relationships and content types
# repeat byte for byte: parsed once per distinct pair (two small parses, ~1 % of a 1-page file).
@lru_cache(maxsize=64)
def _main_part_name(rels_xml: bytes, types_xml: bytes) -> str | None:
    """The main part's name ("/word/document.xml") from the package's two small parts, or None.

    They are parsed with the body's plain parser: the same options as python-docx's, and only
    ``iter()`` and ``get()`` are used, which its element classes keep."""
    from lxml import etree

    try:
        rels = etree.fromstring(rels_xml, _body_parser())
        targets = [
            r.get("Target")
            for r in rels.iter(_PR + "Relationship")
            if r.get("Type") == _OFFICE_DOCUMENT and r.get("TargetMode") in (None, "Internal")
        ]
        if len(targets) != 1 or not targets[0]:
            return None
        partname = posixpath.normpath(posixpath.join("/", targets[0]))
        types = etree.fromstring(types_xml, _body_parser())
        overrides = [
            o.get("ContentType")
            for o in types.iter(_CT + "Override")
            if (o.get("PartName") or "").lower() == partname.lower()
        ]
        return partname if overrides == [_WORD_MAIN] else None
    except Exception:  # noqa: BLE001 - python-docx then reads it or says why it cannot
        return None


@cache
def _body_parser():
    """python-docx's parser settings (blank text removed, no entities) without its element
    classes: a cell's properties are read for every cell, and plain elements are cheaper."""
    from lxml import etree

    return etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def _body(data: bytes, path: str):
    """The ``w:body`` element, parsed by python-docx's own XML parser."""
    xml = _main_part_xml(data)
    if xml is not None:
        from lxml import etree

        try:
            body = etree.fromstring(xml, _body_parser()).find(W + "body")
        except Exception:  # noqa: BLE001 - python-docx below gives the error as before
            body = None
        if body is not None:
            return body
    return _open(data, path).element.body


def _open(data: bytes, path: str):
    import docx

    # python-docx parses with resolve_entities=False (and lxml never fetches from the network),
    # so a crafted DOCTYPE cannot pull in local files.
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as e:  # zipfile, lxml, KeyError, ValueError, PackageNotFoundError...
        reason = str(e) or type(e).__name__
        raise ReadError(path, "corrupt", f"not a readable .docx ({reason})") from e


@cache
def _parser_name() -> str:
    return f"python-docx {version('python-docx')}"  # a metadata scan: ~1 ms a call


def read(data: bytes, path: str) -> Reading:
    """Read a .docx into paragraphs and tables in body order."""
    body = _body(data, path)
    blocks: list[RawBlock] = []
    warnings: list[str] = []
    _walk(body, blocks, warnings)
    return Reading(blocks, "docx", _parser_name(), None, None, warnings)
