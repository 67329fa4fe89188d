"""Everything the cross-report checks read, loaded from the database in a few bulk queries (one
query per table, not one per report, so 100,000 reports load in seconds)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from ..patterns import load as load_patterns

SPACE = re.compile(r"\s+")


@dataclass
class Report:
    id: str
    path: str
    department: str | None
    region: str | None
    fiscal_year: int | None
    report_type: str | None
    title: str | None
    project_name: str | None
    unit: str  # the unit the report speaks for (department, else implementing unit, else its id)


@dataclass
class Folder:
    reports: list[Report]
    texts: dict[str, str] = field(default_factory=dict)
    indicators: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    budget: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    people: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    conf: dict[str, Any] = field(default_factory=dict)

    def by_id(self) -> dict[str, Report]:
        return {r.id: r for r in self.reports}


def norm(s: str | None) -> str:
    return SPACE.sub("", s or "")


def span_of(row: dict[str, Any]) -> dict[str, Any] | None:
    if row.get("span_start") is None:
        return None
    return {
        "page": row.get("span_page"),
        "start": row["span_start"],
        "end": row["span_end"],
        "text": row.get("span_text"),
    }


def _rows(db: Database, table: str, cols: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not db[table].exists():
        return out
    for row in db.query(f"SELECT report_id, id, {cols} FROM [{table}] ORDER BY report_id, id"):
        row["index"] = len(out[row["report_id"]])  # position in the report: indicators[3]
        row["span"] = span_of(row)
        out[row["report_id"]].append(row)
    return out


SPAN_COLS = "span_page, span_start, span_end, span_text"


def load_folder(db: Database, with_text: bool = True) -> Folder:
    reports = []
    cols = "id, path, department, region, fiscal_year, report_type, title, project_name"
    cols += ", implementing_unit, supervising_department"
    for r in db.query(f"SELECT {cols} FROM reports ORDER BY path"):
        unit = norm(r["department"] or r["implementing_unit"] or r["supervising_department"])
        reports.append(
            Report(
                id=r["id"],
                path=r["path"],
                department=r["department"],
                region=r["region"],
                fiscal_year=r["fiscal_year"],
                report_type=r["report_type"],
                title=r["title"],
                project_name=r["project_name"],
                unit=unit or f"report:{r['id']}",
            )
        )
    folder = Folder(reports, conf=load_patterns("crosscheck"))
    if with_text:
        folder.texts = {
            r["report_id"]: r["text"] or "" for r in db.query("SELECT * FROM documents")
        }
    folder.indicators = _rows(db, "indicators", f"name, target, target_raw, unit, {SPAN_COLS}")
    folder.budget = _rows(db, "budget_items", f"scope, item, amount_yuan, raw, {SPAN_COLS}")
    folder.people = _rows(db, "people", f"name, role, {SPAN_COLS}")
    return folder


def finding(
    rule: str,
    severity: str,
    status: str,
    owner: Report,
    others: list[Report],
    subject: str,
    message: str,
    span: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One cross-report finding: it belongs to ``owner`` and names every report involved."""
    involved = [owner, *others]
    f: dict[str, Any] = {
        "report_id": owner.id,
        "rule": rule,
        "severity": severity,
        "status": status,
        "subject": subject,
        "stated": extra.pop("stated", None),
        "recomputed": extra.pop("recomputed", None),
        "message": message,
        "convention": None,
        "span": span,
        "reports": [r.id for r in involved],
        "paths": [r.path for r in involved],
    }
    f.update({k: v for k, v in extra.items() if v is not None})
    return f


def label(r: Report) -> str:
    """How a message names a report: its unit and file name."""
    name = r.path.replace("\\", "/").rsplit("/", 1)[-1]
    unit = r.department or r.unit
    return f"{unit}（{name}）"
