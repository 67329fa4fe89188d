"""`jixiao audit DB`: reload stored reports, replace their findings, exit 3 on errors."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from extractor.audit import conventions
from extractor.audit.reload import load_result
from extractor.cli import cli
from extractor.store import open_db, save_report

from .test_audit_seed import key


@pytest.fixture
def seed_db(tmp_path, seed_results):
    path = tmp_path / "r.db"
    db = open_db(path)
    save_report(db, seed_results["txt"])
    return path, seed_results["txt"]["source"]["sha256"]


def test_audit_of_the_stored_seed_matches_the_json_findings(seed_db, seed_results):
    path, rid = seed_db
    res = CliRunner().invoke(cli, ["audit", str(path)])
    assert res.exit_code == 0, res.output
    first = res.output.splitlines()[0]
    assert first.startswith("0 error, 1 warning, 18 info  ")
    assert first.endswith("qiemo-kexie-2021-monitoring.txt")
    assert "personnel_over_quota" in res.output
    db = open_db(path)
    stored = [dict(r) for r in db.query("SELECT * FROM findings WHERE report_id = ?", [rid])]
    assert len(stored) == len(seed_results["txt"]["findings"])
    reloaded = load_result(db, rid)
    assert [key(f) for f in reloaded["findings"]] == [
        key(f) for f in seed_results["txt"]["findings"]
    ]
    # A second run replaces the rows instead of adding to them.
    CliRunner().invoke(cli, ["audit", str(path)])
    assert db["findings"].count == len(stored)


def test_reloaded_report_audits_like_the_extracted_one(seed_db, seed_results):
    from extractor.audit import audit_report

    path, rid = seed_db
    reloaded = load_result(open_db(path), rid)
    assert [key(f) for f in audit_report(reloaded)] == [
        key(f) for f in seed_results["txt"]["findings"]]  # fmt: skip


def test_an_error_in_the_database_exits_3(seed_db):
    path, rid = seed_db
    db = open_db(path)
    db.execute("UPDATE indicators SET stated_rate_pct = 95 WHERE name = '参加科技培训人次'")
    db.conn.commit()
    res = CliRunner().invoke(cli, ["audit", str(path)])
    assert res.exit_code == 3, res.output
    assert (
        "1 error" in res.output and "完成率填报 95%，按 3000/5000 重算为 60%，不一致" in res.output
    )
    rows = list(open_db(path).query("SELECT * FROM findings WHERE severity = 'error'"))
    assert [(r["rule"], r["subject"], r["span_text"]) for r in rows] == [
        ("indicator_rate", "indicators[1]", "60%")]  # fmt: skip


def test_convention_is_recorded_and_unknown_one_is_a_usage_error(seed_db):
    path, _ = seed_db
    res = CliRunner().invoke(cli, ["audit", str(path), "--convention", "strict"])
    assert res.exit_code == 0, res.output
    db = open_db(path)
    assert {r["convention"] for r in db.query("SELECT convention FROM findings")} == {"strict"}
    res = CliRunner().invoke(cli, ["audit", str(path), "--convention", "nowhere"])
    assert res.exit_code == 2 and "unknown convention 'nowhere'" in res.output


def test_a_province_file_overrides_only_what_it_names(tmp_path, monkeypatch):
    from extractor import patterns

    (tmp_path / "conventions").mkdir()
    (tmp_path / "conventions" / "xinjiang-test.toml").write_text(
        '[score]\nreverse = "linear"\n[grades]\nbands = [{grade = "好", min = 0}]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("JIXIAO_PATTERNS", str(tmp_path))
    patterns.load.cache_clear()
    conventions._load.cache_clear()
    try:
        conv = conventions.load("xinjiang-test")
        assert conv["score"]["reverse"] == "linear"
        assert conv["rate"]["reverse"] == "target_over_actual"  # from default
        assert conv["grades"]["bands"] == [{"grade": "好", "min": 0}]  # a list is replaced
        assert "xinjiang-test" in conventions.available()
    finally:
        monkeypatch.delenv("JIXIAO_PATTERNS")
        patterns.load.cache_clear()
        conventions._load.cache_clear()
