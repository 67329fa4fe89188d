"""`jixiao summary` (the end of `make demo`) fits on one screen however big the database is."""

from __future__ import annotations

from sqlite_utils import Database

from extractor.summary import summary_lines


def _db(n_reports: int, n_rules: int) -> Database:
    db = Database(memory=True)
    types = ["项目支出绩效自评报告", "部门整体支出绩效监控报告", None]
    db["reports"].insert_all(
        {"id": f"r{i}", "path": f"in/{i:03}.pdf", "report_type": types[i % 3],
         "fiscal_year": 2030 + i % 4}
        for i in range(n_reports)
    )  # fmt: skip
    findings = []
    for i in range(n_reports):
        for k in range(i % 7):  # report i has i % 7 errors and one warning
            findings.append({"report_id": f"r{i}", "severity": "error", "rule": f"rule_{k}"})
        findings.append({"report_id": f"r{i}", "severity": "warning", "rule": "late"})
    findings += [
        {"report_id": "r0", "severity": "info", "rule": f"note_{k}"} for k in range(n_rules)
    ]
    db["findings"].insert_all(findings)
    db["errors"].insert({"path": "in/broken.pdf", "kind": "corrupt", "message": "truncated"})
    return db


def test_summary_fits_a_screen() -> None:
    lines = summary_lines(_db(400, 30), db_path="x.db", program="jixiao")
    assert len(lines) <= 40 and max(len(line) for line in lines) <= 100
    assert lines[0] == "reports 400, findings 1627, errors 1"
    assert "  项目支出绩效自评报告  2030–2033  134" in lines
    assert "  (type not found)  2030–2033  133" in lines
    assert "findings: 1197 error, 400 warning, 30 info" in lines
    assert "  info     note_0 1, note_1 1, note_10 1, +27 more rules" in lines
    assert "1 file(s) failed: SELECT path, kind, message FROM errors" in lines


def test_summary_names_the_worst_reports_and_the_next_commands() -> None:
    lines = summary_lines(_db(20, 0), db_path="x.db", program=".venv/bin/jixiao")
    worst = lines.index("reports with the most errors:")
    # Reports 6 and 13 have 6 errors each, then 5, 12, 19 with 5: ties by path.
    assert lines[worst + 1 : worst + 6] == [
        "  6 error, 1 warning  in/006.pdf",
        "  6 error, 1 warning  in/013.pdf",
        "  5 error, 1 warning  in/005.pdf",
        "  5 error, 1 warning  in/012.pdf",
        "  5 error, 1 warning  in/019.pdf",
    ]
    assert any(line.startswith("  .venv/bin/jixiao audit -v x.db ") for line in lines)


def test_summary_without_findings() -> None:
    db = Database(memory=True)
    db["reports"].insert({"id": "a", "path": "a.txt", "report_type": None, "fiscal_year": None})
    lines = summary_lines(db)
    assert "  (type not found)  ----  1" in lines
    assert not any(line.startswith("findings:") for line in lines)
    assert any("jixiao audit -v reports.db" in line for line in lines)
