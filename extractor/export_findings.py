"""The findings as a reviewer reads them: joined with their report, in Chinese, with the passage.

Shared by the 审核发现 sheet of the Excel export and the letters (extractor/letters.py). Dismissed
findings (extractor/review.py) are left out of the default list and listed on their own.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .datasette.passage import passage, plain
from .labels import SEVERITY_ORDER, rule_name, severity_name, status_name, subject_kind
from .review import marks, open_readonly
from .serve import load_packaged_metadata

CONTEXT_MARGIN = 40  # characters of the report around the quoted span

# (key in a finding record, Chinese header, width cap) — the 审核发现 sheet, left to right.
COLUMNS = [
    ("severity_zh", "严重程度", 8), ("rule_zh", "规则", 24), ("department", "单位", 28),
    ("fiscal_year", "年度", 6), ("report_type", "报告类型", 26), ("file", "文件", 30),
    ("subject_zh", "对象", 30), ("message", "说明", 60), ("stated", "报告所述值", 14),
    ("recomputed", "重算值", 14), ("span_page", "页码", 6), ("span_text", "原文", 30),
    ("context", "原文段落", 60), ("status_zh", "审核状态", 8), ("reviewer", "审核人", 10),
    ("note", "审核意见", 30), ("rule", "规则代码", 20), ("subject", "对象代码", 22), ("key", "发现编号", 22),
]  # fmt: skip

SQL = """
SELECT f.id, f.key, f.report_id, f.rule, f.severity, f.subject, f.stated, f.recomputed,
       f.message, f.span_page, f.span_start, f.span_end, f.span_text,
       r.department, r.fiscal_year, r.report_type, r.title, r.path
FROM findings f LEFT JOIN reports r ON r.id = f.report_id
"""


# Tables whose subject index names a record: (table, column that names it).
NAMED_RECORDS = {"indicators": "name", "people": "name", "projects": "project_name"}
SUBJECT = re.compile(r"^(?P<kind>[a-z_]+)(?:\[(?P<inner>[^\]]*)\])?(?:\.(?P<field>\w+))?$")


@dataclass
class FindingSets:
    shown: list[dict[str, Any]]  # not dismissed: the 审核发现 sheet and the letters
    dismissed: list[dict[str, Any]]


def _context(conn: sqlite3.Connection, cache: dict, rec: dict) -> str:
    rid = rec["report_id"]
    if rid not in cache:
        row = conn.execute("SELECT text FROM documents WHERE report_id = ?", [rid]).fetchone()
        cache.clear()  # records come grouped by report: one text is enough
        cache[rid] = row[0] if row else ""
    return plain(passage(cache[rid], rec["span_start"], rec["span_end"], margin=CONTEXT_MARGIN))


def _record_names(conn: sqlite3.Connection, cache: dict, report_id: str) -> dict[str, list]:
    """Each named table's record names of one report, in the order the audit indexes them."""
    if report_id not in cache:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        cache[report_id] = {
            t: [r[0] for r in conn.execute(
                f"SELECT [{col}] FROM [{t}] WHERE report_id = ? ORDER BY id", [report_id])]
            for t, col in NAMED_RECORDS.items() if t in tables
        }  # fmt: skip
    return cache[report_id]


def subject_text(subject: str | None, names: dict[str, list]) -> str:
    """``indicators[3]`` → ``绩效指标：<its name>``; ``report.grade`` → ``报告：等级``."""
    m = SUBJECT.match(subject or "")
    if not m:
        return subject or ""
    kind, inner, field = m["kind"], m["inner"], m["field"]
    label = subject_kind(kind)
    if kind == "text":
        return label  # character offsets: the passage column shows the words
    parts = []
    if inner is not None and inner.isdigit():
        listed = names.get(kind, [])
        i = int(inner)
        parts.append(listed[i] if i < len(listed) and listed[i] else f"第{i + 1}项")
    elif inner:
        parts.append(inner)
    if field:
        table = "reports" if kind == "report" else kind
        cols = load_packaged_metadata()["databases"]["reports"]["tables"].get(table, {})
        parts.append(cols.get("columns", {}).get(field, field).split("：", 1)[0])
    return f"{label}：{'·'.join(parts)}" if parts else label


def load_findings(db_path: str | Path) -> FindingSets:
    """Every finding of the database as a display record, split by whether it was dismissed."""
    conn = open_readonly(db_path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "findings" not in tables:
            return FindingSets([], [])
        cols = {r[1] for r in conn.execute("PRAGMA table_info(findings)")}
        sql = SQL if "key" in cols else SQL.replace("f.key,", "NULL AS key,")
        records = [dict(r) for r in conn.execute(sql)]
        records.sort(
            key=lambda r: (
                SEVERITY_ORDER.get(r["severity"], 9), r["department"] or "",
                r["fiscal_year"] or 0, r["path"] or "", r["report_id"] or "", r["id"],
            )
        )  # fmt: skip
        by_key = marks(db_path)
        cache: dict[str, str] = {}
        names: dict[str, dict] = {}
        sets = FindingSets([], [])
        for rec in records:
            m = by_key.get(rec["key"] or "", {})
            rec.update(
                severity_zh=severity_name(rec["severity"]),
                rule_zh=rule_name(rec["rule"]),
                subject_zh=subject_text(
                    rec["subject"], _record_names(conn, names, rec["report_id"])
                ),
                file=Path(rec["path"]).name if rec["path"] else None,
                context=_context(conn, cache, rec),
                status=m.get("status", "open"),
                status_zh=status_name(m.get("status")),
                reviewer=m.get("reviewer"),
                note=m.get("note"),
                reviewed_at=m.get("at"),
            )
            (sets.dismissed if rec["status"] == "dismissed" else sets.shown).append(rec)
        return sets
    finally:
        conn.close()
