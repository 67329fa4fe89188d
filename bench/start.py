"""The first file in a fresh process: what a `jixiao extract FILE --json` or a new worker pays.

For each file, N fresh interpreters each import the pipeline and extract the file twice; the
table gives the median CPU time (``time.process_time``, which the other processes on a shared
machine disturb far less than wall time) of the import, of the first file and of the second
(warm) one, which heavy modules the first file loaded, and the median wall time of the whole
``jixiao extract FILE --json`` command.

    .venv/bin/python bench/start.py                 # a few committed reports, N = 5
    .venv/bin/python bench/start.py -n 9 my.txt     # your own files

The children get bytecode caches as an installed package has them (``PYTHONPYCACHEPREFIX`` in a
temporary folder, written by a first unmeasured run), even where ``PYTHONDONTWRITEBYTECODE`` is
set; otherwise every start would also compile the project's sources.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILES = [
    "corpus/generated/001-dept_selfeval_prose.txt",  # no role in it: no spaCy, no jieba
    "corpus/generated/000-monitor_prose.txt",  # roles: the spaCy pipeline is built
    "corpus/seed/qiemo-kexie-2021-monitoring.txt",  # roles and names from form cells: jieba too
    "corpus/generated/003-selfeval_table_docx.docx",
    "corpus/generated/004-selfeval_table_pdf.pdf",
]
HEAVY = ("spacy", "jieba", "pdfplumber", "pypdfium2", "docx")

CHILD = """
import json, sys, time
c0 = time.process_time()
from extractor.pipeline import extract_file
c1 = time.process_time()
extract_file(sys.argv[1])
c2 = time.process_time()
extract_file(sys.argv[1])
c3 = time.process_time()
heavy = [m for m in sys.argv[2].split(",") if m in sys.modules]
print(json.dumps({"import": c1 - c0, "first": c2 - c1, "second": c3 - c2, "loaded": heavy}))
"""


def child_env(pycache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def measure(path: str, n: int, env: dict[str, str]) -> dict:
    runs = []
    for _ in range(n):
        out = subprocess.run(
            [sys.executable, "-c", CHILD, path, ",".join(HEAVY)],
            env=env, cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        runs.append(json.loads(out))
    # The console script's own code, run from ROOT so that this tree's package is the one timed.
    cli = [sys.executable, "-c", "from extractor.cli import cli; cli()", "extract", path, "--json"]
    walls, cpus = [], []
    for _ in range(n):
        t, r0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cli, env=env, cwd=ROOT, capture_output=True, check=True)
        walls.append(time.perf_counter() - t)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    med = {k: statistics.median(r[k] for r in runs) for k in ("import", "first", "second")}
    return {
        "file": path,
        **med,
        "loaded": runs[0]["loaded"],
        "cli_wall": statistics.median(walls),
        "cli_cpu": statistics.median(cpus),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", default=DEFAULT_FILES)
    ap.add_argument("-n", type=int, default=5, help="fresh processes per file (median)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="jixiao-start-") as pycache:
        env = child_env(pycache)
        for f in args.files:  # writes the bytecode caches of every module the files need
            measure(f, 1, env)
        rows = [measure(f, args.n, env) for f in args.files]
    print(f"median of {args.n} fresh processes, CPU ms (process_time); the CLI: CPU and wall ms")
    print("| file | import | first file | warm file | loaded by the first file | "
          "`jixiao extract FILE --json` CPU / wall |")  # fmt: skip
    print("|---|---:|---:|---:|---|---:|")
    for r in rows:
        print(f"| {Path(r['file']).name} | {r['import'] * 1e3:.0f} | {r['first'] * 1e3:.0f} "
              f"| {r['second'] * 1e3:.0f} | {', '.join(r['loaded']) or '–'} "
              f"| {r['cli_cpu'] * 1e3:.0f} / {r['cli_wall'] * 1e3:.0f} |")  # fmt: skip
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
