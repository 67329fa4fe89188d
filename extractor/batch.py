"""Extract many files into one database: find them, skip what is known, record every failure."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .errors import JixiaoError, ReadError
from .pipeline import extract_file
from .store import known, open_db, save_error, save_report

# Inside a folder, files with these endings are taken as reports (a file named on the command
# line is always read, whatever its name: the format is sniffed from the bytes).
REPORT_SUFFIXES = {
    ".txt", ".text", ".doc", ".docx", ".wps", ".rtf", ".pdf", ".xls", ".xlsx", ".htm", ".html",
}  # fmt: skip


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


def extract_to_db(
    paths: list[str],
    db_path: str,
    force: bool = False,
    on_file: Callable[[Path, str], None] | None = None,
) -> BatchSummary:
    """Extract every file under ``paths`` into ``db_path``; failures become ``errors`` rows."""
    db = open_db(db_path)
    summary = BatchSummary()
    for f in find_files(paths):
        status = _one(db, f, force, summary)
        if on_file:
            on_file(f, status)
    return summary


def _one(db, f: Path, force: bool, summary: BatchSummary) -> str:
    path = str(f)
    try:
        data = f.read_bytes()
    except OSError as e:
        return _fail(db, summary, path, "unreadable", e.strerror or str(e))
    sha = hashlib.sha256(data).hexdigest()
    if not force and known(db, sha, __version__):
        summary.skipped += 1
        return "skipped"
    try:
        if not data.strip():
            raise ReadError(path, "empty", "the file is empty")
        result = extract_file(path, data)
    except ReadError as e:
        return _fail(db, summary, path, e.kind, e.message, sha)
    except JixiaoError as e:
        return _fail(db, summary, path, "error", str(e), sha)
    except Exception as e:  # noqa: BLE001 - one bad file must never stop a batch
        return _fail(db, summary, path, "internal", f"{type(e).__name__}: {e}", sha)
    save_report(db, result)
    summary.extracted += 1
    return "extracted"


def _fail(db, summary: BatchSummary, path: str, kind: str, message: str, sha=None) -> str:
    save_error(db, path, kind, message, sha)
    summary.failed += 1
    summary.failures.append((path, kind, message))
    return "failed"
