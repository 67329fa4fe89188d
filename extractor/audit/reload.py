"""Read a stored report back into the contract's dict shape, so the audit runs on the database
exactly as it runs on ``extract --json`` output."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from ..store import CHILD_TABLES, REPORT_COLUMNS

SOURCE_COLUMNS = ("path", "format", "pages", "encoding", "parser", "extractor_version")


def _span(row: dict[str, Any]) -> dict[str, Any] | None:
    if row.get("span_start") is None and row.get("span_text") is None:
        return None
    return {
        "page": row.get("span_page"),
        "start": row.get("span_start"),
        "end": row.get("span_end"),
        "text": row.get("span_text"),
    }


def _number(v: Any) -> Any:
    """SQLite REAL gives 66.0 back for 66: keep integers integral, as the extractor writes them."""
    return int(v) if isinstance(v, float) and v.is_integer() else v


def _child(row: dict[str, Any], columns: dict[str, type]) -> dict[str, Any]:
    item = {k: _number(row.get(k)) for k in columns}
    if row.get("extra"):
        item.update(json.loads(row["extra"]))
    item["span"] = _span(row)
    return item


def load_result(db: Database, report_id: str) -> dict[str, Any]:
    """The contract dict of one stored report (``findings`` as stored, ``text`` included)."""
    rows = list(db.query("SELECT * FROM reports WHERE id = ?", [report_id]))
    if not rows:
        raise KeyError(f"no report {report_id} in the database")
    rep_row = rows[0]
    report = {
        k: _number(rep_row.get(k))
        for k in REPORT_COLUMNS
        if k not in ("id", *SOURCE_COLUMNS, "warnings", "extracted_at")
    }
    spans = {}
    for f in db.query("SELECT * FROM report_fields WHERE report_id = ? ORDER BY id", [report_id]):
        spans[f["field"]] = _span(f)
        # A field stored only here (no reports column yet, e.g. grade) comes back as its text.
        report.setdefault(f["field"], f["value"])
    report["spans"] = spans
    result: dict[str, Any] = {
        "source": {
            "sha256": report_id,
            **{k: rep_row.get(k) for k in SOURCE_COLUMNS},
            "warnings": json.loads(rep_row.get("warnings") or "[]"),
        },
        "report": report,
    }
    for key, (table, columns) in CHILD_TABLES.items():
        result[key] = [
            _child(r, columns)
            for r in db.query(
                f"SELECT * FROM [{table}] WHERE report_id = ? ORDER BY id", [report_id]
            )
        ]
    doc = list(db.query("SELECT text FROM documents WHERE report_id = ?", [report_id]))
    result["text"] = doc[0]["text"] if doc else ""
    return result
