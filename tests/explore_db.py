"""The database the explore tests (serve, export, notebook, browser) share.

Built once per test session by the real pipeline: the seed report in its three formats plus a
hostile copy (another unit) whose title and an indicator name carry a ``<script>`` element.
"""

from __future__ import annotations

from pathlib import Path

from .conftest import SEED, SEED_STEM

# If any page executed this, the body would gain the attribute: the browser test looks for it.
SCRIPT = "<script>document.body.setAttribute('data-pwned','1')</script>"
HOSTILE_UNIT = "且末县测试局"
HOSTILE_NAME = f"全年开展{SCRIPT}科普工作次数"


def write_hostile_report(folder: Path) -> Path:
    text = (SEED / f"{SEED_STEM}.txt").read_text("utf-8")
    text = text.replace("且末县科学技术协会", HOSTILE_UNIT)
    text = text.replace("全年开展科普工作次数", HOSTILE_NAME, 1)
    lines = text.split("\n")
    lines[0] = lines[0].replace("整体支出", f"{SCRIPT}整体支出", 1)
    path = folder / "hostile-report.txt"
    path.write_text("\n".join(lines), "utf-8")
    return path


def build_explore_db(base: Path) -> Path:
    """Extract the seed formats and the hostile report into ``base/reports.db`` (once)."""
    from extractor.batch import extract_to_db
    from extractor.serve import prepare

    db = base / "reports.db"
    if db.exists():
        return db
    base.mkdir(parents=True, exist_ok=True)
    inputs = base / "inputs"
    inputs.mkdir(exist_ok=True)
    hostile = write_hostile_report(inputs)
    building = base / "building.db"  # renamed when complete: a failed build is never reused
    for stale in base.glob("building.db*"):
        stale.unlink()
    summary = extract_to_db([str(SEED), str(hostile)], str(building))
    assert summary.failed == 0, summary.failures
    prepare(building)  # what `jixiao serve` does: search index, WAL folded into the file
    building.rename(db)
    return db


def without_cross_report_tables(db_path: Path, dest: Path) -> Path:
    """A copy of the test database as a run without the audit leaves it: no findings, no
    shared_passages table."""
    import shutil
    import sqlite3

    shutil.copy(db_path, dest)
    conn = sqlite3.connect(dest)
    conn.execute("DELETE FROM findings")
    conn.execute("DROP TABLE IF EXISTS shared_passages")
    conn.commit()
    conn.close()
    return dest
