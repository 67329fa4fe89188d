"""``jixiao export DB --xlsx FILE``: the database as a workbook an auditor can filter.

The 审核发现 sheet comes first and reads without a manual: each finding with its unit, year,
report type and file, severity and rule in Chinese (patterns/rules_zh.toml), what the report
states and what it recomputes to, the quoted passage with its page (linked to the Datasette
source view when an address is given) and the reviewer's mark; dismissed findings move to a
sheet of their own (extractor/review.py). Then one sheet per table with Chinese headers, reports
named by their file rather than their sha256. Every sheet has a frozen header, filters and
column widths fitted to its content; numbers are numbers, rates percentages. Strings are always
written as text, so a report cannot smuggle a formula (``=HYPERLINK(...)``) into the workbook.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .datasette.passage import passage, plain
from .export_findings import COLUMNS as FINDING_COLUMNS
from .export_findings import load_findings
from .review import open_readonly
from .serve import database_name, load_packaged_metadata

# Sheet order; tables the database lacks are skipped, tables not listed are appended.
SHEETS = [
    "findings", "reports", "budget_items", "indicators", "personnel", "people",
    "shared_passages", "report_fields", "documents", "errors",
]  # fmt: skip
SKIP_TABLES = {"sqlite_sequence"}  # plus every *_fts* table (search index internals)
DISMISSED_SHEET = "已排除的发现"
DISMISSED_COLUMNS = [("reviewed_at", "排除时间", 20)]

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
# Columns holding a report's sha256: shown as the report's file name where a person reads.
REPORT_REF_COLUMNS = {"report_id", "report_a", "report_b"}
REPORTS_FIRST = ["department", "fiscal_year", "report_type", "title", "path"]
# Column widths are fitted to the first rows (write-only sheets fix widths before any row).
FIT_ROWS = 500
MIN_WIDTH, MAX_WIDTH = 6, 60


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


def display_width(value: Any) -> int:
    """Columns a value takes in Excel: wide (CJK) characters count two."""
    if value is None:
        return 0
    text = f"{value:,.2f}" if isinstance(value, float) else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class _Sheet:
    """A write-only sheet whose column widths are fitted to its header and first rows."""

    def __init__(self, wb, title: str, headers: list[str], caps: list[int] | None = None):
        self.ws = wb.create_sheet(title[:31])
        self.ws.freeze_panes = "A2"
        self.headers = headers
        self.caps = caps or [MAX_WIDTH] * len(headers)
        self.widths = [display_width(h) + 2 for h in headers]  # + room for the filter button
        self.buffer: list[list[WriteOnlyCell]] = []
        self.rows = 0

    def cell(self, value: Any, column: str = "") -> WriteOnlyCell:
        return _cell(self.ws, value, column)

    def append(self, cells: list[WriteOnlyCell], fill: PatternFill | None = None) -> bool:
        if self.rows + 1 >= EXCEL_MAX_ROWS:
            return False  # Excel's limit; the database still holds everything
        if fill:
            for c in cells:
                c.fill = fill
        if self.buffer is not None and len(self.buffer) < FIT_ROWS:
            for i, c in enumerate(cells):
                self.widths[i] = max(self.widths[i], display_width(c.value) + 1)
            self.buffer.append(cells)
        else:
            self._flush()
            self.ws.append(cells)
        self.rows += 1
        return True

    def _flush(self) -> None:
        if self.buffer is None:
            return
        for i, w in enumerate(self.widths, 1):
            cap = self.caps[i - 1] if i - 1 < len(self.caps) else MAX_WIDTH
            self.ws.column_dimensions[get_column_letter(i)].width = max(MIN_WIDTH, min(w, cap))
        header_cells = []
        for h in self.headers:
            c = WriteOnlyCell(self.ws, value=h)
            c.font, c.fill = HEADER_FONT, HEADER_FILL
            header_cells.append(c)
        self.ws.append(header_cells)
        for row in self.buffer:
            self.ws.append(row)
        self.buffer = None

    def close(self) -> int:
        self._flush()
        if self.rows:
            self.ws.auto_filter.ref = f"A1:{get_column_letter(len(self.headers))}{self.rows + 1}"
        return self.rows


def reports_columns(cols: list[str]) -> list[str]:
    """The 报告 sheet's columns: what a reader looks for first, the sha256 last."""
    first = [c for c in REPORTS_FIRST if c in cols]
    return (
        first + [c for c in cols if c not in first and c != "id"] + (["id"] if "id" in cols else [])
    )


def _report_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Report sha256 → its file name (what a person recognises)."""
    try:
        rows = conn.execute("SELECT id, path FROM reports").fetchall()
    except sqlite3.OperationalError:
        return {}
    return {rid: Path(path).name if path else rid for rid, path in rows}


def _write_sheet(wb, conn, table: str, db_name: str, base_url: str | None, names) -> int:
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
    if table == "reports":
        cols = reports_columns(cols)
    sql, has_report = _query(conn, table, cols)
    has_span = has_report and {"span_start", "span_end"} <= set(cols)
    labels = column_labels(table)
    headers = [labels.get(c, c) for c in cols]
    if has_report:
        headers += [label for _, label in REPORT_CONTEXT]
    if has_span:
        headers.append(PASSAGE_HEADER)
    sheet = _Sheet(wb, sheet_title(table), headers)
    texts = _TextCache(conn)
    severity_at = cols.index("severity") if "severity" in cols else None
    for row in conn.execute(sql):
        record = dict(zip(cols + [f"_r_{c}" for c, _ in REPORT_CONTEXT], row, strict=False))
        cells = [
            sheet.cell(names.get(record[c], record[c]) if c in REPORT_REF_COLUMNS else record[c], c)
            for c in cols
        ]
        if has_report:
            cells += [sheet.cell(record[f"_r_{c}"], c) for c, _ in REPORT_CONTEXT]
        if has_span:
            cells.append(_passage_cell(sheet.ws, record, texts, table, db_name, base_url))
        fill = SEVERITY_FILL.get(row[severity_at]) if severity_at is not None else None
        if not sheet.append(cells, fill):
            break
    return sheet.close()


def _passage_cell(ws, record, texts: _TextCache, table, db_name, base_url) -> WriteOnlyCell:
    text = texts.get(record["report_id"]) if record["report_id"] else ""
    p = passage(text, record["span_start"], record["span_end"], margin=PASSAGE_MARGIN)
    cell = _cell(ws, plain(p), PASSAGE_HEADER)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if base_url and p.valid and record.get("id") is not None:
        cell.hyperlink = source_link(base_url, db_name, table, record["id"])
    return cell


def source_link(base_url: str, db_name: str, table: str, row_id: Any) -> str:
    """The Datasette source view of one row (extractor/datasette/plugin.py)."""
    return f"{base_url.rstrip('/')}/-/jixiao/source/{db_name}/{table}/{row_id}"


def _write_findings(wb, title: str, records, columns, db_name, base_url) -> int:
    sheet = _Sheet(wb, title, [h for _, h, _ in columns], [cap for _, _, cap in columns])
    for rec in records:
        cells = []
        for key, _, _ in columns:
            cell = sheet.cell(rec.get(key), key)
            if key == "context":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if base_url and rec["span_start"] is not None:
                    cell.hyperlink = source_link(base_url, db_name, "findings", rec["id"])
            cells.append(cell)
        if not sheet.append(cells, SEVERITY_FILL.get(rec["severity"])):
            break
    return sheet.close()


def export_xlsx(db_path: str | Path, xlsx_path: str | Path, base_url: str | None = None) -> dict:
    """Write the workbook; return {sheet title: rows written}."""
    conn = open_readonly(db_path)
    conn.row_factory = None  # the sheets are written from plain tuples
    db_name = database_name(db_path)
    try:
        wb = Workbook(write_only=True)
        written = {}
        names = _report_names(conn)
        for table in _tables(conn):
            if table == "findings":
                sets = load_findings(db_path)
                title = sheet_title("findings")
                written[title] = _write_findings(
                    wb, title, sets.shown, FINDING_COLUMNS, db_name, base_url
                )
                if sets.dismissed:
                    written[DISMISSED_SHEET] = _write_findings(
                        wb, DISMISSED_SHEET, sets.dismissed,
                        FINDING_COLUMNS + DISMISSED_COLUMNS, db_name, base_url,
                    )  # fmt: skip
                continue
            written[sheet_title(table)] = _write_sheet(wb, conn, table, db_name, base_url, names)
        wb.save(str(xlsx_path))
    finally:
        conn.close()
    return written
