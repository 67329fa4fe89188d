"""Review marks: keys that survive re-extraction and re-audit, the `jixiao review` command,
and the Chinese names every rule must have."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.audit import RULES
from extractor.cli import cli
from extractor.labels import rule_name, severity_name, status_name
from extractor.review import ReviewError, findings_with_marks, mark, marks, reviews_path
from extractor.store import finding_key

from .conftest import SEED, SEED_STEM, rows
from .explore_db import write_hostile_report

CROSSCHECK = Path(__file__).resolve().parent.parent / "extractor" / "crosscheck"


def run(*args: str):
    res = CliRunner().invoke(cli, list(args))
    return res


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> Path:
    """Two reports (the seed and another unit's copy of it), extracted and audited."""
    base = tmp_path_factory.mktemp("review")
    inputs = base / "in"
    inputs.mkdir()
    shutil.copy(SEED / f"{SEED_STEM}.txt", inputs)
    write_hostile_report(inputs)
    db = base / "reports.db"
    assert run("extract", str(inputs), "--db", str(db), "--workers", "0", "-q").exit_code == 0
    assert run("audit", str(db)).exit_code in (0, 3)
    return db


@pytest.fixture
def db(audited, tmp_path) -> Path:
    copy = tmp_path / "reports.db"
    src, dst = sqlite3.connect(audited), sqlite3.connect(copy)
    try:
        src.backup(dst)  # the write-ahead log too (extraction runs in WAL mode)
    finally:
        src.close()
        dst.close()
    return copy


def test_every_registered_rule_has_a_chinese_name():
    missing = [r for r in RULES if rule_name(r) == r]
    assert not missing, f"add these to patterns/rules_zh.toml: {missing}"


def test_every_cross_report_rule_has_a_chinese_name():
    names = set()
    for f in CROSSCHECK.glob("*.py"):
        names |= set(re.findall(r"[\"'](cross_[a-z_]+)[\"']", f.read_text("utf-8")))
    assert names
    assert [n for n in names if rule_name(n) == n] == []


def test_an_unknown_rule_shows_its_code_and_severities_are_chinese():
    assert rule_name("some_future_rule") == "some_future_rule"
    assert [severity_name(s) for s in ("error", "warning", "info")] == ["错误", "警告", "提示"]
    assert status_name(None) == "未审核" and status_name("dismissed") == "已排除"


def test_the_key_is_what_the_finding_says_not_where_it_is_stored():
    f = {"rule": "indicator_rate", "subject": "indicators[2]", "message": "完成率 80% 应为 75%",
         "stated": 80, "recomputed": 75.0, "severity": "error"}  # fmt: skip
    assert finding_key("a" * 64, f) == finding_key("a" * 64, {**f, "stated": 80.0, "id": 9})
    assert finding_key("a" * 64, f) != finding_key("b" * 64, f)
    assert finding_key("a" * 64, f) != finding_key("a" * 64, {**f, "recomputed": 70.0})
    assert finding_key("a" * 64, f) != finding_key("a" * 64, {**f, "subject": "indicators[3]"})


def test_every_stored_finding_has_a_key(db):
    assert rows(db, "SELECT count(*) FROM findings WHERE key IS NULL")[0][0] == 0
    assert rows(db, "SELECT count(*) FROM findings")[0][0] > 0


def test_marks_survive_forced_re_extraction_and_re_audit(db):
    warnings = rows(db, "SELECT key, rule FROM findings WHERE severity = 'warning' ORDER BY key")
    assert len(warnings) >= 2
    (gone, _), (kept, _) = warnings[0], warnings[1]
    res = run("review", str(db), "--dismiss", gone[:10], "--note", "编制已批复调整", "--by", "赵审")
    assert res.exit_code == 0, res.output
    assert run("review", str(db), "--confirm", kept, "--by", "赵审").exit_code == 0
    ids_before = dict(rows(db, "SELECT key, id FROM findings"))

    inputs = Path(rows(db, "SELECT path FROM reports LIMIT 1")[0][0]).parent
    assert (
        run("extract", str(inputs), "--db", str(db), "--force", "--workers", "0", "-q").exit_code
        == 0
    )
    assert run("audit", str(db)).exit_code in (0, 3)

    ids_after = dict(rows(db, "SELECT key, id FROM findings"))
    assert set(ids_after) == set(ids_before)  # the same findings, by key
    assert ids_after[gone] != ids_before[gone]  # ... in new rows
    by_key = {r["key"]: r for r in findings_with_marks(db, status=None)}
    assert by_key[gone]["status"] == "dismissed"
    assert (by_key[gone]["reviewer"], by_key[gone]["note"]) == ("赵审", "编制已批复调整")
    assert by_key[kept]["status"] == "confirmed"
    listed = run("review", str(db)).output
    assert gone not in listed and kept not in listed  # the default list: open ones only
    dismissed = run("review", str(db), "--status", "dismissed").output
    assert gone in dismissed and "编制已批复调整" in dismissed and "赵审" in dismissed


def test_the_list_shows_keys_in_chinese(db):
    res = run("review", str(db))
    assert res.exit_code == 0
    key = rows(db, "SELECT key FROM findings WHERE severity = 'warning' LIMIT 1")[0][0]
    assert key in res.output and "警告" in res.output and "未审核" in res.output
    info = rows(db, "SELECT key FROM findings WHERE severity = 'info' LIMIT 1")[0][0]
    assert info not in res.output and info in run("review", str(db), "-a").output


def test_a_dismissal_needs_a_reason_and_a_known_key(db):
    key = rows(db, "SELECT key FROM findings LIMIT 1")[0][0]
    res = run("review", str(db), "--dismiss", key)
    assert res.exit_code == 2 and "--note" in res.output
    res = run("review", str(db), "--dismiss", "ffffffffff", "--note", "x")
    assert res.exit_code == 1 and "no finding" in res.output
    with pytest.raises(ReviewError):
        mark(db, key[:3], "confirmed", "x")
    with pytest.raises(ReviewError):
        mark(db, key, "approved", "x")
    assert not reviews_path(db).exists() or marks(db) == {}


def test_reopening_clears_a_mark_and_the_log_keeps_every_change(db):
    key = rows(db, "SELECT key FROM findings LIMIT 1")[0][0]
    mark(db, key, "dismissed", "甲", "误报")
    mark(db, key, "confirmed", "乙")
    assert marks(db)[key]["status"] == "confirmed"
    mark(db, key, "open", "乙")
    assert key not in marks(db)
    log = rows(
        reviews_path(db), "SELECT status, reviewer FROM review_log WHERE key = ? ORDER BY id", [key]
    )
    assert log == [("dismissed", "甲"), ("confirmed", "乙"), ("open", "乙")]
