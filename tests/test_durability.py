"""A real `jixiao extract` run killed mid-way (SIGKILL) or interrupted (Ctrl-C / SIGINT):
only whole reports are stored, and a re-run finishes the rest without duplicates."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from extractor.batch import extract_to_db

from .test_batch import check_consistent, dump, make_variants

# Enough files that the run is still going when the signal lands, even when a loaded machine
# starves the test's polling for a while (extraction keeps getting faster: 40 were not).
N_FILES = 120


def _start(folder: Path, db: Path) -> subprocess.Popen:
    # Its own session, so that a signal reaches the driver and its workers like a terminal's
    # Ctrl-C reaches the foreground process group. One report per transaction, so that the
    # signal lands while most files are still to do.
    cmd = [sys.executable, "-m", "extractor.cli", "extract", str(folder), "--db", str(db),
           "--workers", "2", "-q", "--commit-every", "1"]  # fmt: skip
    return subprocess.Popen(
        cmd, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _reports(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return conn.execute("select count(*) from reports").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # the schema is not created yet


def _wait_for_first_reports(proc: subprocess.Popen, db: Path) -> None:
    deadline = time.monotonic() + 180
    while _reports(db) < 1:
        assert proc.poll() is None, proc.stdout.read()
        assert time.monotonic() < deadline, "no report committed within 180 s"
        time.sleep(0.02)


def _group_gone(pgid: int, within: float = 15) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def _reference(folder: Path, tmp_path: Path) -> dict:
    """The database an uninterrupted run gives for the same files."""
    ref = tmp_path / "ref.db"
    summary = extract_to_db([str(folder)], str(ref), workers=0)
    assert summary.extracted == N_FILES
    return dump(ref)


def _check_partial(db: Path, reference: dict) -> int:
    """Every stored report is whole: all its rows, exactly as an uninterrupted run stores them."""
    check_consistent(db)
    partial = dump(db)
    ids = {r[0] for r in partial["reports"]}
    for table, rows in partial.items():
        if table in ("reports", "errors") or not rows:
            continue
        # child tables: report_id comes first after the dropped row id
        want = [r for r in reference[table] if r[0] in ids]
        assert rows == want, table
    return len(ids)


def test_sigkill_mid_run_then_rerun_finishes_without_duplicates(tmp_path):
    folder = tmp_path / "in"
    make_variants(folder, N_FILES)
    reference = _reference(folder, tmp_path)
    db = tmp_path / "r.db"
    proc = _start(folder, db)
    _wait_for_first_reports(proc, db)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert _group_gone(proc.pid)

    done = _check_partial(db, reference)
    assert 1 <= done < N_FILES, "the kill must land mid-run"
    rerun = extract_to_db([str(folder)], str(db), workers=0)
    assert (rerun.extracted, rerun.skipped, rerun.failed) == (N_FILES - done, done, 0)
    check_consistent(db)
    assert dump(db) == reference


def test_ctrl_c_stops_cleanly_keeps_committed_reports_and_rerun_finishes(tmp_path):
    folder = tmp_path / "in"
    make_variants(folder, N_FILES)
    reference = _reference(folder, tmp_path)
    db = tmp_path / "r.db"
    proc = _start(folder, db)
    _wait_for_first_reports(proc, db)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 130, out
    assert "interrupted" in out and "Traceback" not in out
    assert _group_gone(proc.pid), "worker processes left behind"

    done = _check_partial(db, reference)
    assert 1 <= done < N_FILES
    rerun = extract_to_db([str(folder)], str(db), workers=0)
    assert (rerun.extracted, rerun.skipped) == (N_FILES - done, done)
    assert dump(db) == reference
