"""Batch runs: the worker pool gives the same database as one process, skips what is known,
replaces changed files, and stops a file that takes too long without stopping the run."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from extractor.batch import extract_to_db

from .conftest import SEED, SEED_STEM

COUNTIES = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def make_variants(folder: Path, n: int) -> list[Path]:
    """``n`` distinct reports from the seed: another department and other numbers each."""
    folder.mkdir(parents=True, exist_ok=True)
    seed = (SEED / f"{SEED_STEM}.txt").read_text("utf-8")
    out = []
    for i in range(n):
        county = COUNTIES[i % len(COUNTIES)] + COUNTIES[i // len(COUNTIES)]
        text = (
            seed.replace("且末县科学技术协会", f"{county}县科学技术协会")
            .replace("实有人数 3 人", f"实有人数 {3 + i} 人")
            .replace("41.12 万元", f"{41 + i}.12 万元")
        )
        path = folder / f"report-{i:03d}.txt"
        # GB18030 for half of them, as county offices still send.
        path.write_bytes(text.encode("gb18030" if i % 2 else "utf-8"))
        out.append(path)
    return out


def huge_report() -> bytes:
    return (SEED / f"{SEED_STEM}.txt").read_bytes() * 120


def dump(db_path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, without what legitimately differs between runs (row ids, times)."""
    conn = sqlite3.connect(db_path)
    tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
    out = {}
    for table in tables:
        cols = [r[1] for r in conn.execute(f"pragma table_info([{table}])")]
        keep = [
            c
            for c in cols
            if not (c in ("extracted_at", "at") or (c == "id" and table != "reports"))
        ]
        rows = conn.execute(f"select {', '.join(f'[{c}]' for c in keep)} from [{table}]")
        out[table] = sorted(rows, key=repr)
    conn.close()
    return out


def check_consistent(db_path: Path) -> None:
    """No partial report: every report has its text, every row its report, one report a path."""
    conn = sqlite3.connect(db_path)
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    assert conn.execute(
        "select count(*) from reports r left join documents d on d.report_id = r.id"
        " where d.report_id is null"
    ).fetchone() == (0,)
    assert conn.execute(
        "select count(*) from (select path from reports group by path having count(*) > 1)"
    ).fetchone() == (0,)
    conn.close()


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    make_variants(folder, 6)
    shutil.copy(SEED / f"{SEED_STEM}.docx", folder / "seed.docx")
    shutil.copy(SEED / f"{SEED_STEM}.pdf", folder / "seed.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage, truncated")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_worker_pool_gives_the_same_database_as_one_process(tmp_path):
    folder = _corpus(tmp_path)
    pooled = extract_to_db([str(folder)], str(tmp_path / "pool.db"), workers=2)
    inline = extract_to_db([str(folder)], str(tmp_path / "inline.db"), workers=0)
    assert (pooled.extracted, pooled.skipped, pooled.failed) == (8, 0, 2)
    assert (inline.extracted, inline.failed) == (8, 2)
    assert sorted(pooled.failures) == sorted(inline.failures)
    assert {kind for _, kind, _ in pooled.failures} == {"corrupt", "empty"}
    assert pooled.findings == inline.findings and sum(pooled.findings.values()) > 0
    assert pooled.pages >= 2  # the seed PDF
    a, b = dump(tmp_path / "pool.db"), dump(tmp_path / "inline.db")
    assert a == b
    assert len(a["reports"]) == 8 and len(a["errors"]) == 2
    check_consistent(tmp_path / "pool.db")


def test_rerun_skips_known_bytes_and_a_changed_file_replaces_its_rows(tmp_path):
    folder = tmp_path / "in"
    files = make_variants(folder, 4)
    db = tmp_path / "r.db"
    first = extract_to_db([str(folder)], str(db), workers=0)
    assert first.extracted == 4
    conn = sqlite3.connect(db)
    old_id = conn.execute("select id from reports where path = ?", [str(files[0])]).fetchone()[0]
    old_rows = conn.execute("select count(*) from indicators").fetchone()[0]

    files[0].write_text(files[1].read_text("gb18030").replace("实有人数 4 人", "实有人数 99 人"))
    second = extract_to_db([str(folder)], str(db), workers=0)
    assert (second.extracted, second.skipped, second.failed) == (1, 3, 0)
    ids = [r[0] for r in conn.execute("select id from reports where path = ?", [str(files[0])])]
    assert len(ids) == 1 and ids[0] != old_id
    for table in ("documents", "indicators", "budget_items", "people", "findings"):
        assert conn.execute(
            f"select count(*) from {table} where report_id = ?", [old_id]
        ).fetchone() == (0,)
    assert conn.execute("select count(*) from indicators").fetchone()[0] == old_rows
    assert conn.execute(
        "select count(*) from personnel where report_id = ? and count = 99", [ids[0]]
    ).fetchone() == (1,)
    forced = extract_to_db([str(folder)], str(db), workers=0, force=True)
    assert forced.extracted == 4 and conn.execute("select count(*) from reports").fetchone() == (4,)
    check_consistent(db)


def test_same_bytes_at_two_paths_are_extracted_once(tmp_path):
    folder = tmp_path / "in"
    (a,) = make_variants(folder, 1)
    shutil.copy(a, folder / "copy.txt")
    summary = extract_to_db([str(folder)], str(tmp_path / "r.db"), workers=0)
    assert (summary.extracted, summary.skipped) == (1, 1)


def test_a_file_over_the_time_limit_is_stopped_and_the_run_goes_on(tmp_path):
    folder = tmp_path / "in"
    make_variants(folder, 2)
    # A real report repeated 120 times (~900 KB, under the reader's size limit) takes several
    # seconds to extract: far more than the 1 s allowed here.
    (folder / "huge.txt").write_bytes(huge_report())
    db = tmp_path / "r.db"
    summary = extract_to_db([str(folder)], str(db), workers=1, timeout=1)
    assert summary.extracted == 2 and summary.failed == 1
    (path, kind, message) = summary.failures[0]
    assert path.endswith("huge.txt") and kind == "timeout" and "1 s" in message
    conn = sqlite3.connect(db)
    assert conn.execute("select kind from errors where path like '%huge.txt'").fetchone() == (
        "timeout",
    )
    assert conn.execute("select count(*) from reports").fetchone() == (2,)


def test_progress_lines_and_final_summary(tmp_path):
    import io

    from extractor.progress import Progress, summary_text

    folder = tmp_path / "in"
    make_variants(folder, 2)
    (folder / "empty.txt").write_bytes(b"")
    log = io.StringIO()  # not a terminal: plain lines, no bar
    progress = Progress(verbose=True, stream=log)
    db = str(tmp_path / "r.db")
    summary = extract_to_db(
        [str(folder)], db, workers=0, on_file=progress.file, on_start=progress.start
    )
    progress.close()
    lines = log.getvalue().splitlines()
    assert sum(line.startswith("extracted") for line in map(str.strip, lines)) == 2
    assert any(line.strip().startswith("failed") and "empty.txt" in line for line in lines)
    text = summary_text(summary, db)
    assert text.startswith(f"2 extracted, 0 skipped (unchanged), 1 failed → {db}")
    severities = ", ".join(f"{n} {s}" for s, n in summary.findings.items())
    assert summary.findings and all(f"{n} {s}" in text for s, n in summary.findings.items()), (
        severities
    )
    assert "3 files in" in text

    quiet = io.StringIO()
    again = Progress(quiet=True, stream=quiet)
    summary = extract_to_db([str(folder)], db, workers=0, on_file=again.file, on_start=again.start)
    assert quiet.getvalue() == "" and summary.skipped == 2
