"""Re-extracting with --force after a cross-report audit: the passages shared with a replaced
report go with it, and the next audit finds them again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import cli

CROSS = Path(__file__).resolve().parent.parent / "corpus" / "cross"


def _count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_force_after_audit_replaces_reports_that_share_passages(tmp_path):
    db = tmp_path / "r.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["extract", str(CROSS), "--db", str(db), "-q"]).exit_code == 0
    assert runner.invoke(cli, ["audit", str(db)]).exit_code in (0, 3)
    shared = _count(db, "SELECT count(*) FROM shared_passages")
    assert shared > 0, "the planted copies share passages"

    res = runner.invoke(cli, ["extract", str(CROSS), "--db", str(db), "--force", "-q"])
    assert res.exit_code == 0, res.output
    assert _count(db, "SELECT count(*) FROM reports") == len(
        [p for p in CROSS.iterdir() if p.suffix in (".txt", ".docx", ".pdf")]
    )
    assert runner.invoke(cli, ["audit", str(db)]).exit_code in (0, 3)
    assert _count(db, "SELECT count(*) FROM shared_passages") == shared
