"""Warm, one process, one core: ``extract_file`` in a loop, ms of CPU per file by format.

    .venv/bin/python bench/warm.py corpus/generated [-n 40] [--repeat 3]

After ``tasks.warm()`` and one pass over other reports (so the first file pays no start-up),
two figures per format:

- **loop**: the files extracted again and again, best of ``--repeat`` passes (the issue's
  "extract_file in a loop"); caches keyed by a cell's text are then all hit;
- **once**: each file extracted once, the first time this process sees it (what a worker in a
  batch of new reports pays; template words still repeat between reports, as in a real batch).

CPU time (``time.process_time``), not wall time, so other processes on a shared machine do
not count; a loaded machine still slows every figure (shared caches and cores). To compare
with an older commit, run this script from a checkout of it (``git archive REV | tar -x``):
it imports ``extractor`` from the tree it sits in.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SUFFIXES = (".txt", ".docx")


def _cpu_ms(files: list[Path], run) -> float:
    start = time.process_time()
    for f in files:
        run(str(f))
    return 1000 * (time.process_time() - start) / max(len(files), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("-n", type=int, default=40, help="files per format")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from extractor.pipeline import extract_file
    from extractor.tasks import warm

    warm()
    by_suffix = {s: sorted(args.folder.glob(f"*{s}")) for s in SUFFIXES}
    # Warm on the files this run does not measure, so "once" meets unseen files.
    for files in by_suffix.values():
        for f in files[args.n : args.n + 10]:
            extract_file(str(f))
    print(f"{'format':8} {'files':>5} {'once ms':>8} {'loop ms':>8}")
    for suffix, files in by_suffix.items():
        files = files[: args.n]
        if not files:
            continue
        once = _cpu_ms(files, extract_file)
        loop = min(_cpu_ms(files, extract_file) for _ in range(args.repeat))
        print(f"{suffix:8} {len(files):>5} {once:>8.2f} {loop:>8.2f}")


if __name__ == "__main__":
    main()
