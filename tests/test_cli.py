"""The CLI end to end: JSON for one file, a folder into SQLite, re-runs, errors."""

import json
import shutil
import sqlite3

from click.testing import CliRunner

from extractor.cli import cli

from .conftest import SEED, SEED_STEM


def test_extract_json_prints_the_contract():
    result = CliRunner().invoke(cli, ["extract", str(SEED / f"{SEED_STEM}.pdf"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"source", "report", "personnel", "people", "budget", "indicators"}
    assert {"findings", "text"} <= set(data)
    assert data["source"]["format"] == "pdf" and data["source"]["pages"] >= 2
    assert data["report"]["department"] == "且末县科学技术协会"


def test_folder_into_db_and_rerun_adds_nothing(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEED, folder)
    db = tmp_path / "r.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["extract", str(folder), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "3 extracted" in first.output
    conn = sqlite3.connect(db)
    counts = {t: conn.execute(f"select count(*) from {t}").fetchone()[0]
              for t in ("reports", "documents", "indicators", "budget_items", "people")}  # fmt: skip
    assert counts["reports"] == 3 and counts["documents"] == 3
    assert counts["indicators"] == 39
    second = runner.invoke(cli, ["extract", str(folder), "--db", str(db)])
    assert "0 extracted, 3 skipped" in second.output
    forced = runner.invoke(cli, ["extract", str(folder), "--db", str(db), "--force"])
    assert "3 extracted" in forced.output
    again = {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in counts}
    assert again == counts
    summary = runner.invoke(cli, ["summary", str(db)])
    assert summary.exit_code == 0
    assert "reports 3," in summary.output
    assert "部门整体支出绩效监控报告  2021  3" in summary.output
    # Every child row points to a report, and every span indexes the stored text.
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    rows = conn.execute(
        "select d.text, i.span_start, i.span_end, i.span_text from indicators i"
        " join documents d on d.report_id = i.report_id"
    ).fetchall()
    assert all(text[s:e] == span for text, s, e, span in rows)


def test_missing_path_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope"), "--db", "x.db"])
    assert result.exit_code != 0
    assert "nope" in result.output and "no such file" in result.output


def test_unreadable_file_is_recorded_and_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED / f"{SEED_STEM}.txt", folder / "good.txt")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage, truncated")
    db = tmp_path / "r.db"
    result = CliRunner().invoke(cli, ["extract", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert "broken.pdf" in result.output
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from reports").fetchone()[0] == 1
    (path, kind) = conn.execute("select path, kind from errors").fetchone()
    assert path.endswith("broken.pdf") and kind == "corrupt"


def test_json_needs_exactly_one_file(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(SEED), "--json"])
    assert result.exit_code == 2
