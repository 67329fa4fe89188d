"""Imported once by the forkserver that forks the batch workers (``parallel.ProcessPool``): the
spaCy pipeline, jieba's dictionary and the compiled patterns are loaded there once, and every
worker forked from it starts with them already in memory (shared, copy-on-write) instead of
loading them itself. That makes a replacement worker (after a time-out or a crash) start at
once."""

from .tasks import warm

try:
    warm()
except Exception:  # noqa: BLE001, S110 - a worker that finds nothing loaded warms itself
    pass
