"""``jixiao audit DB``: recompute the findings of every stored report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..crosscheck import run_crosschecks
from ..store import CHILD_TABLES, child_row, open_db
from . import audit_report, conventions
from .reload import load_result

EXIT_ERRORS_FOUND = 3  # some report has error-level findings


@dataclass
class ReportAudit:
    report_id: str
    path: str
    counts: Counter = field(default_factory=Counter)
    findings: list[dict[str, Any]] = field(default_factory=list)


def audit_db(db_path: str | Path, convention: str | None = None) -> list[ReportAudit]:
    """Re-audit every report in the database; each report's findings are replaced in one
    transaction, so an interrupted run leaves every report with a complete set."""
    conventions.load(convention)  # fail early on an unknown name
    db = open_db(db_path)
    table, columns = CHILD_TABLES["findings"]
    out = []
    ids = [(r["id"], r["path"]) for r in db.query("SELECT id, path FROM reports ORDER BY path")]
    for report_id, path in ids:
        result = load_result(db, report_id)
        findings = audit_report(result, convention)
        with db.atomic():
            db.execute(f"DELETE FROM [{table}] WHERE report_id = ?", [report_id])
            rows = [child_row(report_id, f, columns) for f in findings]
            if rows:
                db[table].insert_all(rows)
        out.append(ReportAudit(report_id, path, Counter(f["severity"] for f in findings), findings))
    # Checks across reports (docs/crosscheck.md): stored as cross_* findings of the reports involved.
    by_id = {a.report_id: a for a in out}
    for f in run_crosschecks(db).findings:
        a = by_id[f["report_id"]]
        a.findings.append(f)
        a.counts[f["severity"]] += 1
    return out
