"""What a database holds, in a few lines: counts, reports by type and year, findings, errors."""

from __future__ import annotations

from sqlite_utils import Database

MAIN_TABLES = [
    "reports", "indicators", "budget_items", "personnel", "people", "findings", "errors",
]  # fmt: skip


def summary_lines(db: Database, reports: bool = False) -> list[str]:
    """Lines describing ``db``; with ``reports`` one line per report as well."""
    tables = set(db.table_names())
    lines = [", ".join(f"{t} {db[t].count}" for t in MAIN_TABLES if t in tables)]
    lines.append("")
    lines.append("reports by type and fiscal year:")
    for r in db.query(
        "SELECT coalesce(report_type, '(type not found)') AS t, fiscal_year AS y, count(*) AS n"
        " FROM reports GROUP BY t, y ORDER BY t, y"
    ):
        lines.append(f"  {r['t']}  {r['y'] or '----'}  {r['n']}")
    if "findings" in tables and db["findings"].count:
        lines.append("")
        lines.append("findings by severity and rule:")
        for r in db.query(
            "SELECT severity, rule, count(*) AS n FROM findings GROUP BY severity, rule"
            " ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, n DESC"
        ):
            lines.append(f"  {r['severity']:<8} {r['rule']:<34} {r['n']}")
    if reports:
        lines.append("")
        for r in db.query(
            "SELECT r.department, r.report_type, r.fiscal_year, r.path,"
            " (SELECT count(*) FROM indicators i WHERE i.report_id = r.id) AS n_ind,"
            " (SELECT count(*) FROM budget_items b WHERE b.report_id = r.id) AS n_budget"
            " FROM reports r ORDER BY r.path"
        ):
            lines.append(
                f"{r['fiscal_year'] or '----'}  {r['department'] or '?'}  {r['report_type'] or '?'}"
                f"  indicators {r['n_ind']}, budget {r['n_budget']}  ({r['path']})"
            )
    if "errors" in tables and db["errors"].count:
        lines.append("")
        lines.append(f"{db['errors'].count} file(s) failed: SELECT path, kind, message FROM errors")
    return lines
