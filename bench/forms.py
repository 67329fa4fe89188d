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
trees alternately in the same minutes to compare them (docs/performance.md).
"""

from __future__ import annotations

import argparse
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
    folder: Path, repeat: int, forms_only: bool = False, old: bool = False
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
        start = time.process_time()
        results = [run(doc) for doc in built]
        best = min(best, time.process_time() - start)
        found = {k: sum(len(r.get(k) or []) for r in results) for k in found}
    n = max(len(docs), 1)
    return {"docs": len(docs), "ms_per_doc": 1000 * best / n, **found}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--forms-only", action="store_true", help="time the form reader alone")
    ap.add_argument("--old-tree", type=Path, help="a checkout of 53bd647: time its reader")
    args = ap.parse_args()
    if args.old_tree:
        sys.path.insert(0, str(args.old_tree.resolve()))
    print(f"{'folder':40} {'docs':>5} {'ms/doc':>8} {'indicators':>11} {'budget':>7}")
    for d in args.dirs:
        r = bench_dir(d, args.repeat, args.forms_only, old=args.old_tree is not None)
        print(
            f"{str(d)[-40:]:40} {r['docs']:>5} {r['ms_per_doc']:>8.2f} "
            f"{r['indicators']:>11} {r['budget']:>7}"
        )


if __name__ == "__main__":
    main()
