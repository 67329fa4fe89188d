"""A process pool that can stop one hung file: one worker process per core, one file at a time.

``concurrent.futures.ProcessPoolExecutor`` cannot kill the worker running one task without
breaking the whole pool, so this pool keeps a pipe per worker: the driver knows which file each
worker holds and since when, kills a worker that exceeds the time limit, records the file as a
``timeout`` failure and starts a fresh worker in its place. Each worker loads the heavy objects
once (``tasks.warm``) before it takes its first file, and ignores SIGINT so that Ctrl-C is the
driver's to handle.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from .tasks import Task, failure, run_task, warm

# A worker is replaced after this many files, so that memory kept by a reader library between
# files cannot grow without bound over a 10k-file run (a fresh worker costs one warm-up).
MAX_TASKS_PER_WORKER = 500


def release_memory() -> Callable[[], object]:
    """glibc's ``malloc_trim``: gives back to the system the heap a file's reading freed.

    Without it a worker keeps the high-water mark of its largest PDF so far (~35 MB more per
    worker, measured on the mixed benchmark); elsewhere (no glibc) it does nothing.
    """
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return lambda: None
    return lambda: trim(0)


def _worker_main(conn: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the driver decides and stops us
    release = release_memory()
    try:
        warm()
        conn.send(("ready", os.getpid()))
        while True:
            msg = conn.recv()
            if msg is None:
                return
            outcome = run_task(*msg)
            conn.send(outcome)
            del outcome
            release()  # after sending: the driver is not kept waiting for it
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        return  # the driver is gone or stopping: nothing left to report to


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    ready: bool = False
    task: Task | None = None
    started: float = 0.0
    done: int = 0


@dataclass
class ProcessPool:
    """``submit`` files, ``poll`` for ``(task, outcome)`` pairs, ``close`` at the end."""

    workers: int
    timeout: float | None = None
    max_tasks: int = MAX_TASKS_PER_WORKER
    _pool: list[_Worker] = field(default_factory=list)
    _queue: deque[tuple[Task, bytes | None]] = field(default_factory=deque)

    def __post_init__(self) -> None:
        methods = mp.get_all_start_methods()
        # Not fork: the driver may hold threads (progress bar) and an open SQLite connection.
        self._ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            # Takes effect when this process starts its forkserver (the first pool does).
            self._ctx.set_forkserver_preload(["extractor.worker_preload"])
        self._pool = [self._start() for _ in range(max(1, self.workers))]

    @property
    def slots(self) -> int:
        """Tasks to keep in flight: one running per worker and one waiting for each."""
        return 2 * len(self._pool)

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, args=(child,), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def submit(self, task: Task) -> None:
        self._queue.append((task, task.data))  # the bytes stay with the task until it is sent
        self._dispatch()

    def _dispatch(self) -> None:
        for w in self._pool:
            if not self._queue:
                return
            if w.ready and w.task is None:
                w.task, data = self._queue.popleft()
                w.started = time.monotonic()
                w.conn.send((w.task.path, data))

    def _replace(self, w: _Worker, kill: bool) -> None:
        if kill:
            w.proc.kill()
        else:
            try:
                w.conn.send(None)
            except OSError:
                pass
        w.proc.join(timeout=5)
        w.conn.close()
        self._pool[self._pool.index(w)] = self._start()

    def poll(self, wait_s: float) -> list[tuple[Task, dict[str, Any]]]:
        """Wait up to ``wait_s`` seconds; return the files finished (or failed) meanwhile."""
        out: list[tuple[Task, dict[str, Any]]] = []
        waitables = {w.conn: w for w in self._pool} | {w.proc.sentinel: w for w in self._pool}
        for ready in wait(list(waitables), timeout=self._wait_time(wait_s)):
            w = waitables[ready]
            if w not in self._pool:
                continue  # already replaced via its other waitable
            try:
                msg = w.conn.recv() if w.conn.poll() else None
            except (EOFError, OSError):
                msg = None
            if msg is None:  # the process died: a crash in a C library, or the OOM killer
                code = w.proc.exitcode
                if not w.ready:
                    # Dying before its first file is a broken installation, not a bad file.
                    w.proc.join(timeout=5)
                    raise RuntimeError(f"a worker process failed to start (exit code {code})")
                if w.task is not None:
                    detail = f"the worker process died (exit code {code}) reading this file"
                    out.append((w.task, failure("crashed", detail, w.task.sha256)))
                self._replace(w, kill=True)
            elif isinstance(msg, tuple) and msg[0] == "ready":
                w.ready = True
            else:
                out.append((w.task, msg))
                w.task, w.done = None, w.done + 1
                if w.done >= self.max_tasks:
                    self._replace(w, kill=False)
        out.extend(self._expire())
        self._dispatch()
        return out

    def _wait_time(self, wait_s: float) -> float:
        if not self.timeout:
            return wait_s
        busy = [w.started + self.timeout for w in self._pool if w.task is not None]
        if not busy:
            return wait_s
        return max(0.0, min(wait_s, min(busy) - time.monotonic()))

    def _expire(self) -> list[tuple[Task, dict[str, Any]]]:
        if not self.timeout:
            return []
        out = []
        now = time.monotonic()
        for w in list(self._pool):
            if w.task is not None and now - w.started > self.timeout:
                message = f"no result after {self.timeout:g} s: the worker was stopped"
                out.append((w.task, failure("timeout", message, w.task.sha256)))
                self._replace(w, kill=True)
        return out

    def close(self, kill: bool = False) -> None:
        """Stop the workers: politely when the run is done, at once when it is interrupted."""
        for w in self._pool:
            if kill:
                w.proc.kill()
            else:
                try:
                    w.conn.send(None)
                except OSError:
                    w.proc.kill()
        for w in self._pool:
            w.proc.join(timeout=5)
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join()
            w.conn.close()
        self._pool = []


class InlinePool:
    """``--workers 0``: extract in the driver process itself (debugging; no time limit)."""

    slots = 1

    def __init__(self) -> None:
        self._done: list[tuple[Task, dict[str, Any]]] = []

    def submit(self, task: Task) -> None:
        self._done.append((task, run_task(task.path, task.data)))

    def poll(self, wait_s: float) -> list[tuple[Task, dict[str, Any]]]:
        done, self._done = self._done, []
        return done

    def close(self, kill: bool = False) -> None:
        pass
