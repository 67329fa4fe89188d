"""``jixiao extract PATH... --jsonl``: one contract JSON per line, for jq, pandas and other tools.

The files run on the same pools as a database batch (extractor/batch.py: worker processes, a
time limit per file, a Dask scheduler); a file that fails is a line too, with its error, so a
consumer sees every input exactly once. Lines come in the order the files finish.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from .batch import _make_pool, find_files
from .tasks import Task


def error_line(path: str, kind: str, message: str, sha256: str | None) -> dict[str, Any]:
    """The line of a file that could not be extracted: its source and its error, no facts."""
    return {
        "source": {"path": path, "sha256": sha256},
        "error": {"kind": kind, "message": message},
    }


def iter_results(
    paths: list[str], *, workers: int | None = None, timeout: float | None = None,
    scheduler: Any = None,
) -> Iterator[dict[str, Any]]:  # fmt: skip
    """Extract every file under ``paths``; yield a contract dict or an error line per file."""
    files = list(find_files(paths))
    if not files:
        return
    pool = _make_pool(len(files), workers, timeout, scheduler)
    try:
        pending = iter(files)
        in_flight = 0
        for f in pending:
            while in_flight >= pool.slots:
                for out in _collect(pool):
                    in_flight -= 1
                    yield out
            try:
                data = f.read_bytes()
            except OSError as e:
                yield error_line(str(f), "unreadable", e.strerror or str(e), None)
                continue
            pool.submit(Task(str(f), "", data))
            in_flight += 1
        while in_flight > 0:
            for out in _collect(pool):
                in_flight -= 1
                yield out
    finally:
        pool.close()


def _collect(pool) -> Iterator[dict[str, Any]]:
    for task, outcome in pool.poll(0.5):
        if outcome["ok"]:
            yield outcome["result"]
        else:
            yield error_line(task.path, outcome["kind"], outcome["message"], outcome.get("sha256"))


def write_jsonl(paths: list[str], echo: Callable[[str], None], **pool_options) -> int:
    """Print one line per file; return the number of files that failed."""
    failed = 0
    for result in iter_results(paths, **pool_options):
        failed += "error" in result and "report" not in result
        echo(json.dumps(result, ensure_ascii=False))
    return failed
