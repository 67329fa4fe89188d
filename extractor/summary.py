"""What a database holds, on one screen: counts, reports by type, findings by severity, the
reports with the most errors, and the commands that show the rest."""

from __future__ import annotations

from sqlite_utils import Database

MAIN_TABLES = [
    "reports", "indicators", "budget_items", "personnel", "people", "findings", "errors",
]  # fmt: skip
SEVERITIES = ("error", "warning", "info")
RULES_SHOWN = 3  # per severity; the rest are counted
WORST_SHOWN = 5  # reports with the most errors


def summary_lines(
    db: Database, reports: bool = False, db_path: str = "reports.db", program: str = "jixiao"
) -> list[str]:
    """Lines describing ``db`` (about 30); with ``reports`` one line per report as well."""
    tables = set(db.table_names())
    lines = [", ".join(f"{t} {db[t].count}" for t in MAIN_TABLES if t in tables)]
    lines += ["", "reports by type (fiscal years, count):"]
    for r in db.query(
        "SELECT coalesce(report_type, '(type not found)') AS t, min(fiscal_year) AS y0,"
        " max(fiscal_year) AS y1, count(*) AS n FROM reports GROUP BY t ORDER BY n DESC, t"
    ):
        lines.append(f"  {r['t']}  {_years(r['y0'], r['y1'])}  {r['n']}")
    if "findings" in tables and db["findings"].count:
        lines += ["", *_findings(db)]
    if reports:
        lines += ["", *_report_lines(db)]
    if "errors" in tables and db["errors"].count:
        lines += [
            "",
            f"{db['errors'].count} file(s) failed: SELECT path, kind, message FROM errors",
        ]
    lines += [
        "",
        "next:",
        f"  {program} audit -v {db_path}    every finding of every report, one per line",
        f"  {program} serve {db_path}       browse the reports, findings and source text",
        f"  {program} export {db_path} --xlsx reports.xlsx --letters letters/",
        f"  {program} review {db_path}      confirm or dismiss findings (marks survive re-runs)",
    ]
    return lines


def _years(first: int | None, last: int | None) -> str:
    if first is None:
        return "----"
    return str(first) if first == last else f"{first}–{last}"


def _findings(db: Database) -> list[str]:
    """Counts by severity with the commonest rules, then the reports with the most errors."""
    by_rule: dict[str, list[tuple[str, int]]] = {s: [] for s in SEVERITIES}
    for r in db.query(
        "SELECT severity, rule, count(*) AS n FROM findings GROUP BY severity, rule"
        " ORDER BY n DESC, rule"
    ):
        by_rule.setdefault(r["severity"], []).append((r["rule"], r["n"]))
    totals = {s: sum(n for _, n in rules) for s, rules in by_rule.items()}
    lines = ["findings: " + ", ".join(f"{totals[s]} {s}" for s in by_rule)]
    for severity, rules in by_rule.items():
        if not rules:
            continue
        shown = ", ".join(f"{rule} {n}" for rule, n in rules[:RULES_SHOWN])
        more = f", +{len(rules) - RULES_SHOWN} more rules" if len(rules) > RULES_SHOWN else ""
        lines.append(f"  {severity:<8} {shown}{more}")
    worst = list(
        db.query(
            "SELECT r.path, sum(f.severity = 'error') AS errors,"
            " sum(f.severity = 'warning') AS warnings FROM findings f"
            " JOIN reports r ON r.id = f.report_id GROUP BY r.id HAVING errors > 0"
            f" ORDER BY errors DESC, warnings DESC, r.path LIMIT {WORST_SHOWN}"
        )
    )
    if worst:
        lines += ["", "reports with the most errors:"]
        lines += [f"  {w['errors']} error, {w['warnings']} warning  {w['path']}" for w in worst]
    return lines


def _report_lines(db: Database) -> list[str]:
    return [
        f"{r['fiscal_year'] or '----'}  {r['department'] or '?'}  {r['report_type'] or '?'}"
        f"  indicators {r['n_ind']}, budget {r['n_budget']}  ({r['path']})"
        for r in db.query(
            "SELECT r.department, r.report_type, r.fiscal_year, r.path,"
            " (SELECT count(*) FROM indicators i WHERE i.report_id = r.id) AS n_ind,"
            " (SELECT count(*) FROM budget_items b WHERE b.report_id = r.id) AS n_budget"
            " FROM reports r ORDER BY r.path"
        )
    ]
