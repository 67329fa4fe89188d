"""Extract many files into one database: find them, skip what is known, record every failure.

The driver (this module) lists and hashes the files, skips those whose bytes were already
extracted by this extractor version, hands the rest one file per task to a pool of worker
processes (``parallel.ProcessPool``) or a Dask cluster (``dask_runner.DaskPool``), and is the
single SQLite writer: results are committed in batches, each batch one transaction, each report
all its rows or none. A run killed at any moment leaves only whole reports; re-running it
extracts only what is missing.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .errors import ReadError
from .lean_sqlite import Database
from .store import delete_report, open_db, save_error, save_report
from .tasks import Task

# Inside a folder, files with these endings are taken as reports (a file named on the command
# line is always read, whatever its name: the format is sniffed from the bytes).
REPORT_SUFFIXES = {
    ".txt", ".text", ".doc", ".docx", ".wps", ".rtf", ".pdf", ".xls", ".xlsx", ".htm", ".html",
}  # fmt: skip

# Seconds one file may take before its worker is stopped: generous, since a 300-page scanned
# PDF is slow but legitimate; what it stops is a file that would stall a run for hours.
DEFAULT_TIMEOUT = 600.0
# Reports per transaction, and the longest a received result waits to be committed.
COMMIT_EVERY = 64
COMMIT_SECONDS = 2.0


def find_files(paths: list[str]) -> Iterator[Path]:
    """Files named, and report files below folders named (recursively, sorted, no hidden ones)."""
    for p in map(Path, paths):
        if not p.exists() and not p.is_symlink():
            raise ReadError(str(p), "not_found", "no such file or directory")
        if p.is_dir():
            for root, dirs, files in os.walk(p):  # os.walk does not follow symlinked folders
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    f = Path(root) / name
                    if not name.startswith(".") and f.suffix.lower() in REPORT_SUFFIXES:
                        yield f
        else:
            yield p


@dataclass
class BatchSummary:
    extracted: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    findings: Counter[str] = field(default_factory=Counter)  # findings by severity
    pages: int = 0  # pages of the extracted files that have pages (PDF)
    seconds: float = 0.0
    interrupted: bool = False  # stopped by Ctrl-C: what was received is committed


def extract_to_db(
    paths: list[str],
    db_path: str,
    force: bool = False,
    on_file: Callable[[Path, str], None] | None = None,
    *,
    workers: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    scheduler: Any = None,
    commit_every: int = COMMIT_EVERY,
    on_start: Callable[[int, int], None] | None = None,
) -> BatchSummary:
    """Extract every file under ``paths`` into ``db_path``; failures become ``errors`` rows.

    ``workers``: processes (default one per core; 0 = in this process, no time limit).
    ``timeout``: seconds per file (None or 0 = no limit). ``scheduler``: a Dask scheduler
    address or ``distributed.Client`` to run the files on instead. ``on_start(to_extract,
    skipped)`` is called once the files are hashed; ``on_file(path, status)`` once per file with
    ``extracted``, ``skipped`` or ``failed``. Ctrl-C stops the run; what was already received is
    committed and ``summary.interrupted`` is set.
    """
    started = time.monotonic()
    files = list(find_files(paths))
    db = open_db(db_path)
    _prepare(db)
    summary = BatchSummary()
    writer = _Writer(db, commit_every)
    notify = on_file or (lambda f, s: None)

    pool = None
    try:
        todo = _scan(files, force, db, writer, summary, notify)
        if on_start:
            on_start(len(todo), summary.skipped)
        if todo:
            pool = _make_pool(len(todo), workers, timeout, scheduler)
            _run(pool, todo, writer, summary, notify)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if pool is not None:
            pool.close(kill=summary.interrupted)
        writer.flush()
    summary.seconds = time.monotonic() - started
    return summary


def _scan(files: list[Path], force: bool, db: Database, writer, summary, notify) -> list[Task]:
    """Hash every file; the ones not yet extracted (by this version) become tasks."""
    todo: list[Task] = []
    known = set() if force else _known_ids(db)
    seen: set[str] = set()
    for f in files:
        path = str(f)
        try:
            sha = _sha256(f)
        except OSError as e:
            writer.error(path, "unreadable", e.strerror or str(e), None, summary)
            notify(f, "failed")
            continue
        if sha in known or sha in seen:  # unchanged, or a second copy of the same bytes
            summary.skipped += 1
            notify(f, "skipped")
            continue
        seen.add(sha)
        todo.append(Task(path, sha))
    return todo


def _make_pool(n_files: int, workers: int | None, timeout: float | None, scheduler: Any):
    if scheduler is not None:
        from .dask_runner import DaskPool

        return DaskPool(scheduler, timeout or None)
    from .parallel import InlinePool, ProcessPool

    if workers == 0:
        return InlinePool()
    n = workers or os.cpu_count() or 1
    return ProcessPool(min(n, n_files), timeout or None)


def _run(pool, todo: list[Task], writer: _Writer, summary: BatchSummary, notify) -> None:
    in_flight = 0

    def collect(wait_s: float) -> None:
        nonlocal in_flight
        for task, outcome in pool.poll(wait_s):
            in_flight -= 1
            writer.outcome(task, outcome, summary)
            notify(Path(task.path), "extracted" if outcome["ok"] else "failed")
        writer.flush_if_due()

    for task in todo:
        while in_flight >= pool.slots:
            collect(0.5)
        # Shipping the bytes makes a worker's result match the hash the driver skipped by, and
        # lets a Dask worker run without access to the folder.
        try:
            task.data = Path(task.path).read_bytes()
        except OSError as e:
            writer.error(task.path, "unreadable", e.strerror or str(e), task.sha256, summary)
            notify(Path(task.path), "failed")
            continue
        pool.submit(task)
        task.data = None  # the pool keeps its own reference until the bytes are sent
        in_flight += 1
    while in_flight > 0:
        collect(0.5)


def _prepare(db: Database) -> None:
    # WAL: readers (datasette, a progress query) never block the writer, and a killed run rolls
    # back to the last committed batch.
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    # A changed file at a known path replaces that path's old report: looked up by path.
    db["reports"].create_index(["path"], if_not_exists=True)


def _known_ids(db: Database) -> set[str]:
    """Every report id (sha256) extracted by this extractor version, read once per run."""
    rows = db.execute("SELECT id FROM reports WHERE extractor_version = ?", [__version__])
    return {r[0] for r in rows}


def _sha256(f: Path) -> str:
    h = hashlib.sha256()
    with open(f, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


class _Writer:
    """Buffers results and errors; writes them in one transaction per batch."""

    def __init__(self, db: Database, every: int) -> None:
        self.db = db
        self.every = max(1, every)
        self.pending: list[tuple[str, Any]] = []
        self.last = time.monotonic()

    def outcome(self, task: Task, outcome: dict[str, Any], summary: BatchSummary) -> None:
        if not outcome["ok"]:
            sha = outcome.get("sha256") or task.sha256
            self.error(task.path, outcome["kind"], outcome["message"], sha, summary)
            return
        result = outcome["result"]
        summary.extracted += 1
        summary.pages += result["source"].get("pages") or 0
        summary.findings.update(f.get("severity") or "unknown" for f in result["findings"])
        self._add("report", result)

    def error(self, path: str, kind: str, message: str, sha, summary: BatchSummary) -> None:
        summary.failed += 1
        summary.failures.append((path, kind, message))
        self._add("error", (path, kind, message, sha))

    def _add(self, kind: str, payload: Any) -> None:
        self.pending.append((kind, payload))
        if len(self.pending) >= self.every:
            self.flush()

    def flush_if_due(self) -> None:
        if self.pending and time.monotonic() - self.last >= COMMIT_SECONDS:
            self.flush()

    def flush(self) -> None:
        self.last = time.monotonic()
        if not self.pending:
            return
        with self.db.atomic():
            for kind, payload in self.pending:
                if kind == "report":
                    _replace_report(self.db, payload)
                else:
                    save_error(self.db, *payload)
        self.pending = []


def _replace_report(db: Database, result: dict[str, Any]) -> None:
    """Save one report; an older report of the same path (different bytes) goes away."""
    sha, path = result["source"]["sha256"], result["source"]["path"]
    stale = db.execute("SELECT id FROM reports WHERE path = ? AND id != ?", [path, sha])
    for (old_id,) in stale.fetchall():
        delete_report(db, old_id)
    save_report(db, result)
