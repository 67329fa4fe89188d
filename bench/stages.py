"""Where the time goes, per stage and per format, on one core (cProfile cumulative times).

.venv/bin/python bench/stages.py DIR [-n 30]     # DIR: e.g. a bench corpus folder
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (label, file suffix of the function's module, function name)
STAGES = [
    ("read (whole reader)", "readers/__init__.py", "read_bytes"),
    ("  pdf: open with pdfplumber (errors, page count)", "readers/pdf.py", "_open"),
    ("  pdf: PDFium page load", "pypdfium2/_helpers/document.py", "get_page"),
    ("  pdf: PDFium characters", "readers/pdf_fast.py", "_page_chars"),
    ("  pdf: PDFium rules", "readers/pdf_fast.py", "_edges"),
    ("  pdf: pdfplumber table finder", "readers/pdf_fast.py", "_tables"),
    ("  pdf: lines, paragraphs, cells", "readers/pdf.py", "_read_page"),
    ("normalize (build_document)", "extractor/normalize.py", "build_document"),
    ("extractors (extract_document)", "extract/__init__.py", "extract_document"),
    ("audit", "audit/__init__.py", "audit_report"),
    ("whole task", "extractor/tasks.py", "run_task"),
]


def profile(files: list[Path]) -> dict[str, float]:
    from extractor.tasks import run_task, warm

    warm()
    blobs = [(str(f), f.read_bytes()) for f in files]
    prof = cProfile.Profile()
    prof.enable()
    for path, data in blobs:
        run_task(path, data)
    prof.disable()
    stats = pstats.Stats(prof).stats  # {(file, line, name): (cc, nc, tt, ct, callers)}
    out = {}
    for label, file, name in STAGES:
        out[label] = sum(v[3] for (f, _, n), v in stats.items() if n == name and f.endswith(file))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("-n", type=int, default=30, help="files per format")
    args = ap.parse_args()
    print("| stage | " + " | ".join(f"{s} ms/file" for s in ("txt", "docx", "pdf")) + " |")
    print("|---|---:|---:|---:|")
    per = {}
    for suffix in (".txt", ".docx", ".pdf"):
        files = sorted(p for p in args.folder.iterdir() if p.suffix == suffix)[: args.n]
        per[suffix] = {k: 1000 * v / len(files) for k, v in profile(files).items()}
    for label, _, _ in STAGES:
        cells = " | ".join(f"{per[s][label]:.0f}" if per[s][label] else "" for s in per)
        print(f"| {label} | {cells} |")


if __name__ == "__main__":
    main()
