"""One task = one file: bytes in, plain data out, so that any worker (a local process, a Dask
worker, the driver itself) can run it and the single writer in the driver can store the result.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import JixiaoError, ReadError


@dataclass
class Task:
    """A file to extract. ``data`` is shipped when the worker cannot read ``path`` itself."""

    path: str
    sha256: str
    data: bytes | None = None


def failure(kind: str, message: str, sha256: str | None = None) -> dict[str, Any]:
    return {"ok": False, "kind": kind, "message": message, "sha256": sha256}


def run_task(path: str, data: bytes | None = None) -> dict[str, Any]:
    """Extract one file; never raises: the outcome is ``{"ok": True, "result": <contract>}`` or
    ``{"ok": False, "kind", "message", "sha256"}`` (one bad file must never stop a batch)."""
    from .pipeline import extract_file

    sha = None
    try:
        if data is None:
            data = Path(path).read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        if not data.strip():
            raise ReadError(path, "empty", "the file is empty")
        return {"ok": True, "result": extract_file(path, data, sha)}
    except OSError as e:
        return failure("unreadable", e.strerror or str(e), sha)
    except ReadError as e:
        return failure(e.kind, e.message, sha)
    except JixiaoError as e:
        return failure("error", str(e), sha)
    except Exception as e:  # noqa: BLE001 - reported as a failed file, never a stopped batch
        return failure("internal", f"{type(e).__name__}: {e}", sha)


# A small report in memory: running it once loads everything the extractors cache (spaCy
# pipeline, compiled patterns) so that the first real file of each worker is not slower.
_WARM_TEXT = "组 长：李斌\n成 员：张成 李洋\n预算数 41.12 万元，执行数 20 万元。\n"


def warm() -> None:
    """Load the heavy objects once per worker process (they are cached module-wide)."""
    from .extract import jieba_words

    # jieba's words from the cache file (written once, on the first run ever): no dictionary load.
    jieba_words.load()
    run_task("warm-up.txt", _WARM_TEXT.encode())
