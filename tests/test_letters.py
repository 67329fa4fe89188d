"""Letters to units: one .docx per report with errors or warnings, read back with python-docx."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from extractor import patterns
from extractor.cli import cli
from extractor.labels import rule_name
from extractor.letters import letter_filename, write_letters
from extractor.review import mark

from .conftest import rows
from .explore_db import build_explore_db


@pytest.fixture
def db(tmp_path_factory, tmp_path) -> Path:
    src = sqlite3.connect(build_explore_db(tmp_path_factory.getbasetemp() / "explore"))
    copy = tmp_path / "reports.db"
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    return copy


def text_of(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def serious(db: Path) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for rid, key, rule, message in rows(
        db,
        "SELECT report_id, key, rule, message FROM findings"
        " WHERE severity IN ('error', 'warning') ORDER BY id",
    ):
        out.setdefault(rid, []).append((key, rule, message))
    return out


def test_one_letter_per_report_with_errors_or_warnings(db, tmp_path):
    res = CliRunner().invoke(cli, ["export", str(db), "--letters", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    expected = serious(db)
    files = sorted((tmp_path / "out").glob("*.docx"))
    assert len(files) == len(expected) > 0
    for rid, findings in expected.items():
        department, year, path, title = rows(
            db, "SELECT department, fiscal_year, path, title FROM reports WHERE id = ?", [rid]
        )[0]
        name = letter_filename({"report_id": rid, "department": department, "fiscal_year": year})
        text = text_of(tmp_path / "out" / name)
        assert f"{department}：" in text and f"{year}年度" in text
        assert Path(path).name in text and title in text
        for _, rule, message in findings:
            assert message in text and rule_name(rule) in text
        assert f"存在以下{len(findings)}处问题" in text
        assert "报告所述" in text  # stated vs recomputed of the over-quota finding
        info = rows(
            db, "SELECT message FROM findings WHERE report_id = ? AND severity = 'info'", [rid]
        )
        assert not any(m in text for (m,) in info if m not in {f[2] for f in findings})


def test_a_letter_quotes_the_passage_and_its_page(db, tmp_path):
    rid, findings = next(iter(serious(db).items()))
    (span_text,) = rows(db, "SELECT span_text FROM findings WHERE key = ?", [findings[0][0]])[0]
    files = write_letters(db, tmp_path)
    text = "\n".join(text_of(f) for f in files)
    assert f"【{' '.join(span_text.split())}】" in text


def test_a_dismissed_finding_is_not_in_the_letter(db, tmp_path):
    expected = serious(db)
    rid, findings = next(iter(expected.items()))
    key, _, message = findings[0]
    mark(db, key, "dismissed", "审核员", "已核实无误")
    files = {f.name: f for f in write_letters(db, tmp_path)}
    assert len(files) == len(expected) - (len(findings) == 1)
    department, year = rows(db, "SELECT department, fiscal_year FROM reports WHERE id = ?", [rid])[
        0
    ]
    name = letter_filename({"report_id": rid, "department": department, "fiscal_year": year})
    if len(findings) == 1:
        assert name not in files  # nothing left to send
        return
    text = text_of(files[name])
    assert f"存在以下{len(findings) - 1}处问题" in text
    assert message not in text or any(m == message for _, _, m in findings[1:])


def test_a_bureau_uses_its_own_wording(db, tmp_path, monkeypatch):
    own = tmp_path / "own"
    own.mkdir()
    (own / "letter.toml").write_text(
        'closing = "请于五日内回复本局第三科。"\nsignature = "某某市财政局"\n', "utf-8"
    )
    monkeypatch.setenv("JIXIAO_PATTERNS", str(own))
    patterns.load.cache_clear()
    try:
        files = write_letters(db, tmp_path / "out")
    finally:
        monkeypatch.delenv("JIXIAO_PATTERNS")
        patterns.load.cache_clear()
    text = text_of(files[0])
    assert "请于五日内回复本局第三科。" in text and "某某市财政局" in text
    assert "的审核意见" in text  # what the bureau did not override stays


def test_file_names_are_safe():
    name = letter_filename(
        {"report_id": "ab" * 32, "department": "某/单位 :x", "fiscal_year": 2020}
    )
    assert name == "某_单位_x-2020-abababab.docx"
