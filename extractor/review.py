"""Review marks: a reviewer confirms or dismisses a finding, with a note and a name.

Marks live in their own SQLite file beside the reports database (``reports.db`` →
``reports-reviews.db``), keyed by the finding's stable key (``store.finding_key``): re-extraction
and re-audit rewrite every finding row but not the keys, so the marks keep their findings, and
the reports database can still be served immutable while the reviews file is written (in the
browser too, extractor/serve.py). Every mark is also appended to ``review_log`` by a trigger, so
a changed mind stays on record whoever made the change.
"""

from __future__ import annotations

import datetime
import sqlite3
from pathlib import Path
from typing import Any

STATUSES = ("confirmed", "dismissed", "open")  # "open" clears a mark
ALIAS = "reviews"  # the name the reviews file is attached under (export, Datasette)

SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    key TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'dismissed', 'open')),
    note TEXT CHECK (status <> 'dismissed' OR trim(ifnull(note, '')) <> ''),
    reviewer TEXT,
    at TEXT,
    report_id TEXT,
    rule TEXT,
    subject TEXT,
    message TEXT
);
CREATE TABLE IF NOT EXISTS review_log (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    status TEXT,
    note TEXT,
    reviewer TEXT,
    at TEXT
);
CREATE TRIGGER IF NOT EXISTS review_logged_insert AFTER INSERT ON reviews BEGIN
    INSERT INTO review_log (key, status, note, reviewer, at)
    VALUES (new.key, new.status, new.note, new.reviewer, new.at);
END;
CREATE TRIGGER IF NOT EXISTS review_logged_update AFTER UPDATE ON reviews BEGIN
    INSERT INTO review_log (key, status, note, reviewer, at)
    VALUES (new.key, new.status, new.note, new.reviewer, new.at);
END;
"""


class ReviewError(ValueError):
    """A mark that cannot be made: unknown or ambiguous key, unknown status."""


def reviews_path(db_path: str | Path) -> Path:
    """The reviews file of a reports database: ``<stem>-reviews.db`` beside it."""
    p = Path(db_path)
    return p.with_name(f"{p.stem}-reviews.db")


def open_reviews(db_path: str | Path) -> sqlite3.Connection:
    """The reviews file of ``db_path`` (created with its schema when missing)."""
    conn = sqlite3.connect(reviews_path(db_path))
    conn.row_factory = sqlite3.Row
    conn.executescript(SCHEMA)
    return conn


def marks(db_path: str | Path) -> dict[str, dict[str, Any]]:
    """Every current mark by finding key (an empty dict when nothing was marked)."""
    if not reviews_path(db_path).exists():
        return {}
    conn = open_reviews(db_path)
    try:
        rows = conn.execute("SELECT * FROM reviews WHERE status <> 'open'").fetchall()
        return {r["key"]: dict(r) for r in rows}
    finally:
        conn.close()


def open_readonly(db_path: str | Path) -> sqlite3.Connection:
    """The reports database opened read-only (exports and review never write to it)."""
    conn = sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def resolve_key(db_path: str | Path, key: str) -> dict[str, Any]:
    """The finding a key (or a unique prefix of at least 6 characters) names."""
    if len(key) < 6:
        raise ReviewError(f"{key}: give at least 6 characters of the key")
    conn = open_readonly(db_path)
    try:
        rows = conn.execute(
            "SELECT key, report_id, rule, subject, message FROM findings"
            " WHERE key LIKE ? || '%' GROUP BY key LIMIT 2",
            [key],
        ).fetchall()
    finally:
        conn.close()
    if not rows:
        raise ReviewError(f"{key}: no finding has this key (run jixiao audit first?)")
    if len(rows) > 1:
        raise ReviewError(f"{key}: more than one finding starts with this key; give more of it")
    return dict(rows[0])


def mark(db_path: str | Path, key: str, status: str, reviewer: str, note: str = "") -> dict:
    """Record a reviewer's judgement of one finding; returns the mark as stored."""
    if status not in STATUSES:
        raise ReviewError(f"{status}: a mark is one of {', '.join(STATUSES)}")
    finding = resolve_key(db_path, key)
    row = {
        **finding,
        "status": status,
        "note": note or None,
        "reviewer": reviewer or None,
        "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    conn = open_reviews(db_path)
    try:
        with conn:
            conn.execute(
                "INSERT INTO reviews (key, status, note, reviewer, at, report_id, rule, subject,"
                " message) VALUES (:key, :status, :note, :reviewer, :at, :report_id, :rule,"
                " :subject, :message) ON CONFLICT (key) DO UPDATE SET status = excluded.status,"
                " note = excluded.note, reviewer = excluded.reviewer, at = excluded.at,"
                " report_id = excluded.report_id, rule = excluded.rule,"
                " subject = excluded.subject, message = excluded.message",
                row,
            )
    finally:
        conn.close()
    return row


def findings_with_marks(
    db_path: str | Path, status: str | None = None, severities: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """Findings joined with their report and their mark; ``status`` filters on the mark."""
    conn = open_readonly(db_path)
    try:
        rows = [
            dict(r)
            for r in conn.execute(
                "SELECT f.key, f.severity, f.rule, f.subject, f.message, f.stated, f.recomputed,"
                " f.span_page, f.span_text, r.department, r.fiscal_year, r.path"
                " FROM findings f JOIN reports r ON r.id = f.report_id"
                " ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,"
                " r.department, r.fiscal_year, r.path, f.id"
            )
        ]
    finally:
        conn.close()
    by_key = marks(db_path)
    out = []
    for r in rows:
        m = by_key.get(r["key"], {})
        r.update(status=m.get("status", "open"), note=m.get("note"), reviewer=m.get("reviewer"))
        if (status is None or r["status"] == status) and (
            not severities or r["severity"] in severities
        ):
            out.append(r)
    return out
