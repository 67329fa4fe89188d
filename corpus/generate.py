"""Generate realistic budget-performance reports with their truth JSON (corpus/generated/).

    python corpus/generate.py                 # rewrite corpus/generated/ (330 files, seed 2024)
    python corpus/generate.py OUT -n 60 --seed 7 --templates flat_runon,monitor_table

From Python (the benchmark): ``generate(out_dir, n, seed, templates=None) -> list[Path]``.

Each report ``NNN-<template>.<ext>`` gets ``NNN-<template>.truth.json`` beside it, in the contract
shape (docs/corpus.md), saying what the document states — null where it states nothing — plus
``planted_errors`` for the deliberate arithmetic errors. Output is deterministic: the same n, seed
and templates give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from genlib import flat, monitor_form, prose, prose2, tables  # noqa: E402
from genlib.common import pick  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "generated"
REPORT_EXTS = {".txt", ".docx", ".pdf"}


def _fmt(rng: random.Random, weights: dict[str, float]) -> str:
    return pick(rng, weights)


def _gb18030(rng: random.Random) -> tuple:
    make = rng.choice((prose.monitor, prose.dept_selfeval, prose.project_prose))
    return make(rng, "txt", "gb18030")


# template name → function(rng) → (extension, bytes, truth dict)
TEMPLATES: dict[str, Callable[[random.Random], tuple]] = {
    "monitor_prose": lambda r: prose.monitor(r, _fmt(r, {"txt": 3, "docx": 1, "pdf": 1})),
    "dept_selfeval_prose": lambda r: prose.dept_selfeval(r, _fmt(r, {"txt": 2, "docx": 1, "pdf": 1})),
    "project_prose_variants": lambda r: prose.project_prose(r, _fmt(r, {"txt": 3, "docx": 1})),
    "selfeval_table_docx": lambda r: tables.selfeval_form(r, "docx"),
    "selfeval_table_pdf": lambda r: tables.selfeval_form(r, "pdf"),
    "table_column_variants": lambda r: tables.selfeval_form(r, _fmt(r, {"docx": 1, "pdf": 1}), True),
    "flat_lines": lambda r: flat.flat_form(r, "lines"),
    "flat_pipes": lambda r: flat.flat_form(r, "pipes"),
    "flat_spaces": lambda r: flat.flat_form(r, "spaces"),
    "flat_runon": lambda r: flat.flat_form(r, "runon"),
    "monitor_table": lambda r: monitor_form.monitor_form(r, _fmt(r, {"docx": 1, "pdf": 1})),
    "multi_project": lambda r: tables.multi_project(r, _fmt(r, {"docx": 3, "pdf": 2})),
    "prose_gb18030": _gb18030,
    "eval_firm_report": lambda r: prose2.eval_firm(r, _fmt(r, {"txt": 2, "docx": 1, "pdf": 1})),
    "people_numbers": lambda r: prose2.people_variants(
        r, "txt", "gb18030" if r.random() < 0.3 else "utf-8"),
}  # fmt: skip


def generate(out_dir: str | Path, n: int = 330, seed: int = 2024,
             templates: list[str] | None = None) -> list[Path]:  # fmt: skip
    """Write ``n`` reports (round-robin over ``templates``) and their truth files; return the reports."""
    names = list(templates or TEMPLATES)
    unknown = set(names) - set(TEMPLATES)
    if unknown:
        raise ValueError(f"unknown templates: {', '.join(sorted(unknown))}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(n):
        name = names[i % len(names)]
        rng = random.Random(f"{seed}-{i}-{name}")
        ext, data, truth = TEMPLATES[name](rng)
        stem = f"{i:03d}-{name}"
        path = out / f"{stem}.{ext}"
        path.write_bytes(data)
        encoding = (
            "gb18030" if ext == "txt" and _is_gb(data) else ("utf-8" if ext == "txt" else None)
        )
        doc = {"template": name, "file": path.name, "format": ext, "encoding": encoding, **truth}
        text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False)
        (out / f"{stem}.truth.json").write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written


def _is_gb(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return False
    except UnicodeDecodeError:
        return True


def clean(out_dir: Path) -> None:
    """Remove earlier generated reports and truth files (only those, nothing else)."""
    for f in out_dir.glob("[0-9][0-9][0-9]-*"):
        if f.suffix in REPORT_EXTS or f.name.endswith(".truth.json"):
            f.unlink()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", default=str(DEFAULT_OUT))
    ap.add_argument("-n", type=int, default=330)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--templates", help="comma-separated subset of: " + ", ".join(TEMPLATES))
    args = ap.parse_args(argv)
    out = Path(args.out)
    if out.exists():
        clean(out)
    files = generate(out, args.n, args.seed, args.templates.split(",") if args.templates else None)
    print(f"{len(files)} reports → {out}")


if __name__ == "__main__":
    main()
