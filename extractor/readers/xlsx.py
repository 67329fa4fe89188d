"""Excel workbooks (.xlsx via openpyxl, .xls via xlrd): every visible sheet becomes one table.

自评表 forms are often filled in Excel. Each sheet's used range is read as a grid; merged ranges
become one ``RawCell`` with ``rowspan``/``colspan`` (the covered positions ``None``), exactly as
the Word reader gives merged table cells, so the same extractors read both. Numbers are written
the way Excel displays them (``0.3925`` formatted ``0.00%`` is ``39.25%``), because the reports
state values as displayed and extractors parse text.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from importlib.metadata import version

from ..errors import ReadError
from ..model import RawBlock, RawCell
from ..sniff import sniff_format
from . import Reading

MAX_CELLS = 200_000  # per workbook; a form has a few hundred. Beyond this the rest is dropped.
_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF = re.compile(r"^([A-Z]+)(\d+)$")

Merge = tuple[int, int, int, int]  # first row, first col, last row + 1, last col + 1 (0-based)


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _parse_range(ref: str) -> Merge | None:
    parts = ref.upper().replace("$", "").split(":")
    if len(parts) != 2:
        return None
    a, b = _REF.match(parts[0]), _REF.match(parts[1])
    if not a or not b:
        return None
    return int(a[2]) - 1, _col_index(a[1]), int(b[2]), _col_index(b[1]) + 1


def _decimals(fmt: str) -> int | None:
    """Decimals a number format shows (``0.00%`` → 2, ``0`` → 0); None for General."""
    m = re.search(r"0\.(0+)", fmt)
    if m:
        return len(m.group(1))
    return 0 if re.search(r"[0#]", fmt) else None


def display(value: object, fmt: str | None) -> str:
    """A cell value as Excel shows it, as far as a report's numbers need."""
    fmt = fmt or "General"
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        d = value.date() if isinstance(value, datetime) else value
        if isinstance(value, datetime) and value.time() != time(0):
            return value.isoformat(sep=" ")
        return f"{d.year}年{d.month}月{d.day}日" if "年" in fmt else d.isoformat()
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value).strip()
    # Excel shows at most 15 significant digits: 0.1 + 0.2 is 0.3 there.
    number = Decimal(f"{value:.15g}") if isinstance(value, float) else Decimal(value)
    percent = "%" in fmt
    if percent:
        number *= 100
    places = _decimals(fmt)
    if places is not None:
        text = f"{number:,.{places}f}" if "," in fmt else f"{number:.{places}f}"
    else:  # General: shortest exact form, no exponent, no trailing zeros
        text = format(number.normalize(), "f") if number else "0"
    return text + ("%" if percent else "")


def grid_rows(
    values: dict[tuple[int, int], str], merges: list[Merge]
) -> list[list[RawCell | None]]:
    """Cells and merges of one sheet → rows of the used range, fully empty rows dropped."""
    keys = list(values) + [(m[0], m[1]) for m in merges] + [(m[2] - 1, m[3] - 1) for m in merges]
    if not keys:
        return []
    r0, c0 = min(k[0] for k in keys), min(k[1] for k in keys)
    r1, c1 = max(k[0] for k in keys) + 1, max(k[1] for k in keys) + 1
    rows: list[list[RawCell | None]] = [
        [RawCell(values.get((r, c), "")) for c in range(c0, c1)] for r in range(r0, r1)
    ]
    covered: set[int] = set()
    for top, left, bottom, right in merges:
        if bottom - top < 1 or right - left < 1 or (bottom - top) * (right - left) == 1:
            continue
        for r in range(top, bottom):
            covered.add(r - r0)
            for c in range(left, right):
                rows[r - r0][c - c0] = None
        rows[top - r0][left - c0] = RawCell(values.get((top, left), ""), bottom - top, right - left)
    keep = [
        i for i, row in enumerate(rows) if i in covered or any(c and c.text.strip() for c in row)
    ]
    if len(keep) == len(rows):
        return rows
    # Dropping a row inside a merge would break its rowspan; only rows outside merges go.
    return [rows[i] for i in keep]


def _xlsx_merges(archive: zipfile.ZipFile, sheet_path: str | None) -> list[Merge]:
    if not sheet_path:
        return []
    merges: list[Merge] = []
    with archive.open(sheet_path.lstrip("/")) as part:
        for _, el in ET.iterparse(part):
            if el.tag == _SHEET_NS + "mergeCell" and (m := _parse_range(el.get("ref", ""))):
                merges.append(m)
            elif el.tag == _SHEET_NS + "row":
                el.clear()  # keep memory flat on long sheets
    return merges


def _read_xlsx(data: bytes, path: str, warnings: list[str]) -> tuple[list[RawBlock], str]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises KeyError, ValueError, InvalidFileException...
        raise ReadError(path, "corrupt", f"not a readable .xlsx ({e!r})") from e
    archive = zipfile.ZipFile(io.BytesIO(data))
    blocks: list[RawBlock] = []
    budget = MAX_CELLS
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                warnings.append(f"hidden sheet {ws.title!r} not read")
                continue
            ws.reset_dimensions()  # declared dimensions are often wrong; read what is there
            values: dict[tuple[int, int], str] = {}
            for row in ws.iter_rows():
                for cell in row:
                    if getattr(cell, "value", None) is None:
                        continue
                    budget -= 1
                    if budget < 0:
                        break
                    values[(cell.row - 1, cell.column - 1)] = display(
                        cell.value, cell.number_format
                    )
                if budget < 0:
                    warnings.append(f"more than {MAX_CELLS} cells: the rest is not read")
                    break
            merges = _xlsx_merges(archive, getattr(ws, "_worksheet_path", None))
            if rows := grid_rows(values, merges):
                blocks.append(RawBlock("table", None, rows=rows))
            if budget < 0:
                break
    except ReadError:
        raise
    except Exception as e:  # a damaged sheet part: lxml/zlib/KeyError
        raise ReadError(path, "corrupt", f"a sheet of this .xlsx is damaged ({e!r})") from e
    finally:
        wb.close()
    return blocks, f"openpyxl {version('openpyxl')}"


def _read_xls(data: bytes, path: str, warnings: list[str]) -> tuple[list[RawBlock], str]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as e:  # XLRDError, CompDocError, struct.error, AssertionError...
        raise ReadError(path, "corrupt", f"not a readable .xls ({e})") from e
    blocks: list[RawBlock] = []
    budget = MAX_CELLS
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility:
                warnings.append(f"hidden sheet {sheet.name!r} not read")
                continue
            values: dict[tuple[int, int], str] = {}
            for r in range(sheet.nrows):
                if budget < 0:
                    break
                for c in range(sheet.ncols):
                    cell = sheet.cell(r, c)
                    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        continue
                    budget -= 1
                    if budget < 0:
                        break
                    fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
                    value = cell.value
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        value = xlrd.xldate_as_datetime(value, book.datemode)
                    elif cell.ctype == xlrd.XL_CELL_ERROR:
                        value = None
                    values[(r, c)] = display(value, fmt)
            merges = [(r0, c0, r1, c1) for r0, r1, c0, c1 in sheet.merged_cells]
            if rows := grid_rows(values, merges):
                blocks.append(RawBlock("table", None, rows=rows))
            book.unload_sheet(index)
            if budget < 0:
                warnings.append(f"more than {MAX_CELLS} cells: the rest is not read")
                break
    except Exception as e:
        raise ReadError(path, "corrupt", f"a sheet of this .xls is damaged ({e})") from e
    return blocks, f"xlrd {version('xlrd')}"


def read(data: bytes, path: str) -> Reading:
    """Read an .xlsx or .xls workbook: one table block per visible, non-empty sheet."""
    fmt = sniff_format(data)
    warnings: list[str] = []
    if fmt == "xls":
        blocks, parser = _read_xls(data, path, warnings)
    else:
        blocks, parser = _read_xlsx(data, path, warnings)
    if not blocks:
        raise ReadError(path, "empty", "the workbook has no filled cells")
    return Reading(blocks, fmt, parser, None, None, warnings)
