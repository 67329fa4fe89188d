"""``jixiao export DB --xlsx FILE``: the database as a workbook an auditor can filter.

One sheet per table (findings first), a frozen header row with Chinese headers and filters,
numbers stored as numbers, rates as percentages, findings coloured by severity, and for every row
read from a report the passage it came from (the value in 【】), linked to the source view when a
Datasette address is given. Strings are always written as text, so a report cannot smuggle a
formula (``=HYPERLINK(...)``) into the workbook.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .datasette.passage import passage, plain
from .serve import database_name, load_packaged_metadata

# Sheet order; tables the database lacks are skipped, tables not listed are appended.
SHEETS = [
    "findings", "reports", "budget_items", "indicators", "personnel", "people",
    "shared_passages", "report_fields", "documents", "errors",
]  # fmt: skip
SKIP_TABLES = {"sqlite_sequence"}  # plus every *_fts* table (search index internals)

SEVERITY_FILL = {
    "error": PatternFill("solid", fgColor="FFC7CE"),
    "warning": PatternFill("solid", fgColor="FFEB9C"),
    "info": PatternFill("solid", fgColor="DDEBF7"),
}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00%"
EXCEL_MAX_CHARS = 32767
EXCEL_MAX_ROWS = 1_048_576
PASSAGE_MARGIN = 60
PASSAGE_HEADER = "原文段落"
# Context added from the report to each child row, so a sheet can be filtered by unit and year.
REPORT_CONTEXT = [("department", "单位"), ("fiscal_year", "年度")]


def column_labels(table: str) -> dict[str, str]:
    """Chinese headers: the part of each metadata column description before "："."""
    tables = load_packaged_metadata()["databases"]["reports"]["tables"]
    cols = tables.get(table, {}).get("columns", {})
    return {k: v.split("：", 1)[0] for k, v in cols.items()}


def sheet_title(table: str) -> str:
    tables = load_packaged_metadata()["databases"]["reports"]["tables"]
    title = tables.get(table, {}).get("title", table)
    return title[:31]  # Excel's limit


def _tables(conn: sqlite3.Connection) -> list[str]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    names = [n for n in names if n not in SKIP_TABLES and "_fts" not in n]
    return [t for t in SHEETS if t in names] + sorted(n for n in names if n not in SHEETS)


def _text(value: str) -> str:
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= EXCEL_MAX_CHARS else value[: EXCEL_MAX_CHARS - 1] + "…"


def _cell(ws, value: Any, column: str) -> WriteOnlyCell:
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=_text(value))
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell
    if isinstance(value, bytes):
        return WriteOnlyCell(ws, value=f"<{len(value)} bytes>")
    if column.endswith("_pct") and isinstance(value, int | float):
        cell = WriteOnlyCell(ws, value=value / 100)
        cell.number_format = PERCENT_FORMAT
        return cell
    cell = WriteOnlyCell(ws, value=value)
    if column.endswith("_yuan") and isinstance(value, int | float):
        cell.number_format = MONEY_FORMAT
    return cell


def _query(conn: sqlite3.Connection, table: str, cols: list[str]) -> tuple[str, bool]:
    """SELECT for a sheet; child tables get the report's unit and year and are grouped by it."""
    has_report = "report_id" in cols and table != "reports"
    select = ", ".join(f"t.[{c}]" for c in cols)
    if not has_report:
        return f"SELECT {select} FROM [{table}] t ORDER BY t.rowid", False
    ctx = ", ".join(f"r.[{c}] AS [_r_{c}]" for c, _ in REPORT_CONTEXT)
    return (
        f"SELECT {select}, {ctx} FROM [{table}] t LEFT JOIN reports r ON r.id = t.report_id"
        " ORDER BY r.department, r.fiscal_year, t.report_id, t.rowid",
        True,
    )


class _TextCache:
    """The last report's text: rows come grouped by report, so one entry is enough."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn, self.key, self.text = conn, None, ""

    def get(self, report_id: str) -> str:
        if report_id != self.key:
            row = self.conn.execute(
                "SELECT text FROM documents WHERE report_id = ?", [report_id]
            ).fetchone()
            self.key, self.text = report_id, (row[0] if row else "")
        return self.text


def _write_sheet(wb, conn, table: str, db_name: str, base_url: str | None) -> int:
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
    sql, has_report = _query(conn, table, cols)
    has_span = has_report and {"span_start", "span_end"} <= set(cols)
    labels = column_labels(table)
    headers = [labels.get(c, c) for c in cols]
    if has_report:
        headers += [label for _, label in REPORT_CONTEXT]
    if has_span:
        headers.append(PASSAGE_HEADER)
    ws = wb.create_sheet(sheet_title(table))
    ws.freeze_panes = "A2"
    for i, h in enumerate(headers, 1):
        ws.column_dimensions[get_column_letter(i)].width = 60 if h == PASSAGE_HEADER else 14
    header_cells = []
    for h in headers:
        c = WriteOnlyCell(ws, value=h)
        c.font, c.fill = HEADER_FONT, HEADER_FILL
        header_cells.append(c)
    ws.append(header_cells)
    texts = _TextCache(conn)
    severity_at = cols.index("severity") if "severity" in cols else None
    n = 0
    for row in conn.execute(sql):
        if n + 1 >= EXCEL_MAX_ROWS:
            break  # Excel's limit; the database still holds everything
        record = dict(zip(cols + [f"_r_{c}" for c, _ in REPORT_CONTEXT], row, strict=False))
        cells = [_cell(ws, record[c], c) for c in cols]
        if has_report:
            cells += [_cell(ws, record[f"_r_{c}"], c) for c, _ in REPORT_CONTEXT]
        if has_span:
            cells.append(_passage_cell(ws, record, texts, table, db_name, base_url))
        fill = SEVERITY_FILL.get(row[severity_at]) if severity_at is not None else None
        if fill:
            for c in cells:
                c.fill = fill
        ws.append(cells)
        n += 1
    if n:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{n + 1}"
    return n


def _passage_cell(ws, record, texts: _TextCache, table, db_name, base_url) -> WriteOnlyCell:
    text = texts.get(record["report_id"]) if record["report_id"] else ""
    p = passage(text, record["span_start"], record["span_end"], margin=PASSAGE_MARGIN)
    cell = _cell(ws, plain(p), PASSAGE_HEADER)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if base_url and p.valid and record.get("id") is not None:
        cell.hyperlink = f"{base_url.rstrip('/')}/-/jixiao/source/{db_name}/{table}/{record['id']}"
    return cell


def export_xlsx(db_path: str | Path, xlsx_path: str | Path, base_url: str | None = None) -> dict:
    """Write the workbook; return {sheet title: rows written}."""
    uri = Path(db_path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        wb = Workbook(write_only=True)
        written = {}
        for table in _tables(conn):
            written[sheet_title(table)] = _write_sheet(
                wb, conn, table, database_name(db_path), base_url
            )
        wb.save(str(xlsx_path))
    finally:
        conn.close()
    return written
