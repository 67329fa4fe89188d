"""The form reader's bench: time and yield of the extractors on text forms, one core.

    .venv/bin/python bench/forms.py DIR [DIR ...] [--repeat 3]

Each DIR's .txt files are read and normalized once (not timed); then ``extract_document`` runs
on every document ``--repeat`` times and the best time is kept. Printed per DIR: documents,
ms per document, indicators and budget rows found. Run it on the generated corpus and on any
folder of real reports, before and after a change to the form reader. ``--forms-only`` times
the form reader alone (``indicator_forms`` + ``budget_forms``).

``--old-tree PATH`` imports ``extractor`` from another checkout of commit 53bd647 (the row/flat/
run-on readers the cell stream replaced) and times its form reader by the same loop: its
``row_groups`` + ``read_indicator_group`` + ``read_budget_group`` for every group. Run the two
trees alternately in the same minutes to compare them (docs/speed-log.md).

Each timed pass runs as ``timeit`` runs code: garbage collected before it, the collector off
during it (``--gc`` leaves it on: a full collection then lands in whichever pass crosses its
threshold, ~45 ms on the generated corpus, which says more about the heap than the reader).
``--instructions`` counts instead (valgrind's callgrind, any load): the instructions of one
warm pass of the form reader (``--forms-only`` implied), as a pass run twice minus a pass run
once, per document.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _form_reader(doc) -> dict[str, list]:
    """Only the form reader: every form's indicators and budget rows."""
    from extractor.extract.form.read import budget_forms, indicator_forms

    forms = indicator_forms(doc)
    return {"indicators": [i for f in forms for i in f["indicators"]], "budget": budget_forms(doc)}


def _old_form_reader(doc) -> dict[str, list]:
    """The 53bd647 form reader (``--old-tree``): every row group read as indicators and budget."""
    from extractor.extract.budget_form import read_budget_group
    from extractor.extract.forms import read_indicator_group
    from extractor.extract.rows import row_groups

    from extractor.extract.labels import project_before

    indicators, budget = [], []
    for g in row_groups(doc):
        project = project_before(doc, g.start + 1)
        indicators += read_indicator_group(doc, g, project)["indicators"]
        budget += read_budget_group(doc, g, project)
    return {"indicators": indicators, "budget": budget}


def bench_dir(
    folder: Path, repeat: int, forms_only: bool = False, old: bool = False, keep_gc: bool = False
) -> dict[str, float]:
    from extractor.extract import extract_document
    from extractor.normalize import build_document
    from extractor.readers import read_file

    run = (_old_form_reader if old else _form_reader) if forms_only else extract_document

    docs = []
    for path in sorted(folder.glob("*.txt")):
        reading = read_file(str(path))
        docs.append(lambda r=reading: build_document(r.blocks, r.pages))
    best = float("inf")
    found = {"indicators": 0, "budget": 0}
    for _ in range(repeat):
        built = [make() for make in docs]  # memo caches live on the document: fresh each run
        if not keep_gc:
            gc.collect()
            gc.disable()
        start = time.process_time()
        results = [run(doc) for doc in built]
        best = min(best, time.process_time() - start)
        gc.enable()
        found = {k: sum(len(r.get(k) or []) for r in results) for k in found}
    n = max(len(docs), 1)
    return {"docs": len(docs), "ms_per_doc": 1000 * best / n, **found}


def _passes(folder: Path, passes: int, old: bool) -> None:
    """The callgrind child: build every document twice, read them with the form reader in the
    first ``passes`` of the two (so the two counts differ by exactly one warm pass)."""
    from extractor.normalize import build_document
    from extractor.readers import read_file

    run = _old_form_reader if old else _form_reader
    readings = [read_file(str(p)) for p in sorted(folder.glob("*.txt"))]
    for k in range(2):
        built = [build_document(r.blocks, r.pages) for r in readings]
        if k < passes:
            for doc in built:
                run(doc)


def _instructions(args: argparse.Namespace) -> None:
    print(f"{'folder':40} {'docs':>5} {'M instr/doc':>12}")
    for d in args.dirs:
        counts = []
        for passes in (1, 2):
            cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                   sys.executable, __file__, str(d), "--passes", str(passes)]  # fmt: skip
            if args.old_tree:
                cmd += ["--old-tree", str(args.old_tree)]
            done = subprocess.run(cmd, env={**os.environ, "PYTHONHASHSEED": "0"},
                                  capture_output=True, text=True, check=True)  # fmt: skip
            counts.append(int(re.search(r"Collected : (\d+)", done.stderr).group(1)))
        docs = len(list(d.glob("*.txt")))
        print(f"{str(d)[-40:]:40} {docs:>5} {(counts[1] - counts[0]) / 1e6 / max(docs, 1):>12.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--forms-only", action="store_true", help="time the form reader alone")
    ap.add_argument("--old-tree", type=Path, help="a checkout of 53bd647: time its reader")
    ap.add_argument("--gc", action="store_true", help="keep the garbage collector on")
    ap.add_argument("--instructions", action="store_true", help="count (callgrind), not time")
    ap.add_argument("--passes", type=int, help=argparse.SUPPRESS)  # the callgrind child
    args = ap.parse_args()
    if args.old_tree:
        sys.path.insert(0, str(args.old_tree.resolve()))
    if args.passes is not None:
        for d in args.dirs:
            _passes(d, args.passes, old=args.old_tree is not None)
        return
    if args.instructions:
        _instructions(args)
        return
    print(f"{'folder':40} {'docs':>5} {'ms/doc':>8} {'indicators':>11} {'budget':>7}")
    for d in args.dirs:
        r = bench_dir(d, args.repeat, args.forms_only, args.old_tree is not None, args.gc)
        print(
            f"{str(d)[-40:]:40} {r['docs']:>5} {r['ms_per_doc']:>8.2f} "
            f"{r['indicators']:>11} {r['budget']:>7}"
        )


if __name__ == "__main__":
    main()
