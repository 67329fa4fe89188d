"""Store extracted reports in SQLite with sqlite-utils.

One row per report in ``reports`` keyed by the file's sha256, child tables pointing to it with
``report_id``. A report's rows are replaced all together inside one transaction, so a re-run adds
nothing twice and an interrupted run leaves no half-written report.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path
from typing import Any

from sqlite_utils import Database

SPAN_COLUMNS = {"span_page": int, "span_start": int, "span_end": int, "span_text": str}

# Child tables: contract key → (table, columns). Columns are the contract's keys; spans are
# flattened into span_* columns.
CHILD_TABLES: dict[str, tuple[str, dict[str, type]]] = {
    "budget": (
        "budget_items",
        {
            "scope": str, "item": str, "amount_yuan": float, "rate_pct": float, "unit": str,
            "raw": str, "as_of": str, "label": str, "fund_source": str, "weight": float,
            "score": float,
        },
    ),
    "indicators": (
        "indicators",
        {
            "level1": str, "level2": str, "name": str, "unit": str, "comparator": str,
            "target_raw": str, "target": float, "actual_raw": str, "actual": float,
            "stated_rate_raw": str, "stated_rate_pct": float, "weight": float, "score": float,
            "deviation_reason": str, "project": str, "nature": str,
        },
    ),
    "personnel": ("personnel", {"category": str, "count": float}),
    "people": ("people", {"name": str, "role": str, "phone": str}),
    "projects": (
        "projects",
        {"project_name": str, "self_score": float, "total_weight": float, "grade": str},
    ),
    "findings": (
        "findings",
        {
            "rule": str, "severity": str, "subject": str, "stated": float, "recomputed": float,
            "message": str, "convention": str, "key": str,
        },
    ),
}  # fmt: skip

REPORT_COLUMNS: dict[str, type] = {
    "id": str, "path": str, "format": str, "pages": int, "encoding": str, "parser": str,
    "warnings": str, "extractor_version": str, "extracted_at": str, "title": str,
    "department": str, "region": str, "report_type": str, "fiscal_year": int,
    "filled_date": str, "signed_date": str, "overall_completion_pct": float, "self_score": float,
    "grade": str,
    "supervising_department": str, "implementing_unit": str, "project_name": str,
}  # fmt: skip


def open_db(path: str | Path) -> Database:
    db = Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    ensure_schema(db)
    return db


def ensure_schema(db: Database) -> None:
    db["reports"].create(REPORT_COLUMNS, pk="id", if_not_exists=True)
    db["documents"].create(
        {"report_id": str, "text": str},
        pk="report_id",
        foreign_keys=[("report_id", "reports", "id")],
        if_not_exists=True,
    )
    db["report_fields"].create(
        {"id": int, "report_id": str, "field": str, "value": str, **SPAN_COLUMNS},
        pk="id",
        foreign_keys=[("report_id", "reports", "id")],
        if_not_exists=True,
    )
    for table, columns in CHILD_TABLES.values():
        db[table].create(
            {"id": int, "report_id": str, **columns, **SPAN_COLUMNS, "extra": str},
            pk="id",
            foreign_keys=[("report_id", "reports", "id")],
            if_not_exists=True,
        )
    db["errors"].create(
        {"path": str, "kind": str, "message": str, "sha256": str, "at": str},
        pk="path",
        if_not_exists=True,
    )
    for table in ["report_fields", *(t for t, _ in CHILD_TABLES.values())]:
        db[table].create_index(["report_id"], if_not_exists=True)
    if "key" not in db["findings"].columns_dict:  # a database made before finding keys
        db["findings"].add_column("key", str)
    db["findings"].create_index(["key"], if_not_exists=True)


def finding_key(report_id: str, finding: dict[str, Any]) -> str:
    """A finding's identity across re-extraction and re-audit: what it is about and what it says.

    Row ids change on every audit; the report's sha256, the rule, the subject and a hash of the
    message and both figures do not, so a reviewer's mark (extractor/review.py) keeps its finding.
    """
    figures = [finding.get("stated"), finding.get("recomputed")]
    figures = [float(x) if isinstance(x, int | float) else x for x in figures]  # 50 == 50.0
    said = json.dumps([finding.get("message"), *figures], ensure_ascii=False)
    parts = [report_id, finding.get("rule") or "", finding.get("subject") or "", said]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def _flatten_span(row: dict[str, Any], span: dict | None) -> None:
    span = span or {}
    row["span_page"] = span.get("page")
    row["span_start"] = span.get("start")
    row["span_end"] = span.get("end")
    row["span_text"] = span.get("text")


def child_row(report_id: str, item: dict[str, Any], columns: dict[str, type]) -> dict[str, Any]:
    row: dict[str, Any] = {"report_id": report_id}
    row.update({k: item.get(k) for k in columns})
    _flatten_span(row, item.get("span"))
    # Keys beyond the table's columns (per-field spans, raw scores...) are kept as JSON.
    extra = {k: v for k, v in item.items() if k not in columns and k != "span"}
    row["extra"] = json.dumps(extra, ensure_ascii=False) if extra else None
    if "key" in columns and not row.get("key"):
        row["key"] = finding_key(report_id, item)
    return row


def report_row(result: dict[str, Any]) -> dict[str, Any]:
    src, rep = result["source"], result["report"]
    row = {k: rep.get(k) for k in REPORT_COLUMNS if k in rep}
    row.update(
        id=src["sha256"],
        path=src["path"],
        format=src["format"],
        pages=src.get("pages"),
        encoding=src.get("encoding"),
        parser=src.get("parser"),
        warnings=json.dumps(src.get("warnings") or [], ensure_ascii=False),
        extractor_version=src.get("extractor_version"),
        extracted_at=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    )
    return row


def delete_report(db: Database, report_id: str) -> None:
    for table in ["documents", "report_fields", *(t for t, _ in CHILD_TABLES.values())]:
        db.execute(f"DELETE FROM [{table}] WHERE report_id = ?", [report_id])
    # Passages shared with other reports point at this one: the next `jixiao audit` finds them
    # again from the new extraction.
    if "shared_passages" in db.table_names():
        db.execute(
            "DELETE FROM shared_passages WHERE report_a = ? OR report_b = ?", [report_id, report_id]
        )
    db.execute("DELETE FROM reports WHERE id = ?", [report_id])


def save_report(db: Database, result: dict[str, Any]) -> str:
    """Write one extracted report (replacing an earlier extraction of the same bytes)."""
    report_id = result["source"]["sha256"]
    with db.atomic():
        delete_report(db, report_id)
        # alter=True: a database made by an earlier version gains the columns added since.
        db["reports"].insert(report_row(result), alter=True)
        db["documents"].insert({"report_id": report_id, "text": result["text"]})
        fields = []
        for field, span in result["report"].get("spans", {}).items():
            row = {"report_id": report_id, "field": field, "value": str(result["report"][field])}
            _flatten_span(row, span)
            fields.append(row)
        db["report_fields"].insert_all(fields)
        for key, (table, columns) in CHILD_TABLES.items():
            rows = [child_row(report_id, item, columns) for item in result.get(key, [])]
            if rows:
                db[table].insert_all(rows, alter=True)
        db.execute("DELETE FROM errors WHERE path = ?", [result["source"]["path"]])
    return report_id


def save_error(db: Database, path: str, kind: str, message: str, sha256: str | None = None):
    with db.atomic():
        db["errors"].upsert(
            {
                "path": path,
                "kind": kind,
                "message": message,
                "sha256": sha256,
                "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            },
            pk="path",
        )


def known(db: Database, sha256: str, version: str) -> bool:
    """True when these bytes were already extracted by this extractor version."""
    rows = db.execute(
        "SELECT 1 FROM reports WHERE id = ? AND extractor_version = ?", [sha256, version]
    ).fetchall()
    return bool(rows)
