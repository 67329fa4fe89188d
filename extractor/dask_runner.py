"""The same per-file tasks on a Dask distributed cluster (``--scheduler tcp://HOST:8786``).

The driver reads and hashes every file (it must, to skip unchanged ones), so it ships the bytes
with the task: workers need no shared storage and no copy of the folder. Results stream back
through ``as_completed`` to the driver, which stays the single SQLite writer.

Dask cannot kill the thread that runs one task, so the time limit is the driver's: a file with
no result ``timeout`` seconds after it was handed to the cluster is cancelled and recorded as a
``timeout`` failure (the driver keeps at most two tasks per worker thread in flight, so that
waiting in the queue does not eat the limit).
"""

from __future__ import annotations

import time
from typing import Any

from .errors import ReadError
from .tasks import Task, failure, run_task, warm

CONNECT_TIMEOUT = "20s"


class SchedulerError(ReadError):
    """The scheduler cannot be reached: the run stops before any file (the CLI exits with 1,
    which names the address and the reason like any unreadable input)."""


class DaskPool:
    """``submit`` files, ``poll`` for ``(task, outcome)`` pairs, ``close`` at the end."""

    def __init__(self, scheduler: Any, timeout: float | None = None) -> None:
        """``scheduler``: an address (``tcp://host:8786``) or a ``distributed.Client``."""
        try:
            from distributed import Client, as_completed
        except ImportError as e:  # pragma: no cover - depends on the installation
            raise RuntimeError(
                "--scheduler needs Dask distributed: pip install 'jixiao[cluster]'"
            ) from e
        self._own = not isinstance(scheduler, Client)
        try:
            self.client = Client(scheduler, timeout=CONNECT_TIMEOUT) if self._own else scheduler
        except (OSError, TimeoutError, ValueError) as e:
            raise SchedulerError(
                str(scheduler), "scheduler", f"no Dask scheduler there ({e})"
            ) from e
        self.timeout = timeout
        threads = sum(self.client.nthreads().values()) or 1
        self.slots = 2 * threads
        self.client.run(warm)  # each worker loads spaCy, jieba and the patterns once, up front
        self._ac = as_completed()
        self._running: dict[str, tuple[Task, float, Any]] = {}

    def submit(self, task: Task) -> None:
        fut = self.client.submit(run_task, task.path, task.data, pure=False)
        self._running[fut.key] = (task, time.monotonic(), fut)
        self._ac.add(fut)

    def poll(self, wait_s: float) -> list[tuple[Task, dict[str, Any]]]:
        deadline = time.monotonic() + wait_s
        while not self._ac.has_ready() and time.monotonic() < deadline and self._running:
            time.sleep(0.01)
        out: list[tuple[Task, dict[str, Any]]] = []
        for fut in self._ac.next_batch(block=False):
            entry = self._running.pop(fut.key, None)
            if entry is None:
                continue  # cancelled after a timeout: already recorded
            task = entry[0]
            if fut.status == "finished":
                out.append((task, fut.result()))
            else:
                message = f"the Dask task failed: {fut.exception()!r}"
                out.append((task, failure("worker", message, task.sha256)))
            fut.release()
        out.extend(self._expire())
        return out

    def _expire(self) -> list[tuple[Task, dict[str, Any]]]:
        if not self.timeout:
            return []
        out = []
        now = time.monotonic()
        for key, (task, started, fut) in list(self._running.items()):
            if now - started > self.timeout:
                del self._running[key]
                fut.cancel()
                message = f"no result after {self.timeout:g} s on the cluster: cancelled"
                out.append((task, failure("timeout", message, task.sha256)))
        return out

    def close(self, kill: bool = False) -> None:
        for _, _, fut in self._running.values():
            fut.cancel()
        self._running.clear()
        if self._own:
            self.client.close()
