"""The PDF reader's bench: pages/s of jixiao against the floor (PDFium's text alone), warm, in one
process, on the two kinds of PDF the project meets.

    .venv/bin/python bench/pdf.py [--docx 12] [--forms 30] [--repeat 5]

- **LibreOffice**: PDFs exported by ``soffice --headless --convert-to pdf`` from the corpus's .docx
  reports, the way units submit them (embedded CJK font, ruled tables). They are built into a temp
  dir here, since CI and users may lack LibreOffice; without it that row is skipped.
- **reportlab**: the generated corpus's PDF forms (STSong-Light, a font the PDF does not embed).

Per kind: files, pages, and pages/s of the floor (``bench/floor.py``), of the reader alone
(``read_file``) and of the whole ``extract_file``. Times are CPU time of this process (best of
``--repeat``), so other load on a shared machine disturbs them less than wall time.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.floor import pdf_text  # noqa: E402


def libreoffice_pdfs(docx: list[Path], out: Path) -> list[Path]:
    """Export ``docx`` to PDF with LibreOffice into ``out``; [] when LibreOffice is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or not docx:
        return []
    profile = (out / "profile").as_uri()  # an own profile: a shared one fails silently
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
           "--outdir", str(out), *map(str, docx)]  # fmt: skip
    subprocess.run(cmd, capture_output=True, timeout=600, check=False)
    return sorted(out.glob("*.pdf"))


def best_time(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def bench_kind(paths: list[Path], repeat: int) -> dict[str, float]:
    from extractor.pipeline import extract_file
    from extractor.readers import read_file

    datas = [p.read_bytes() for p in paths]
    pages = sum(pdf_text(d)[1] for d in datas)
    for p in paths:  # warm: imports, patterns, caches
        extract_file(p)
    runs = {
        "floor": lambda: [pdf_text(d) for d in datas],
        "read": lambda: [read_file(p) for p in paths],
        "extract": lambda: [extract_file(p) for p in paths],
    }
    out = {"files": len(paths), "pages": pages}
    for name, run in runs.items():
        out[name] = pages / best_time(run, repeat)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docx", type=int, default=12, help="how many corpus .docx to export")
    ap.add_argument("--forms", type=int, default=30, help="how many generated PDF forms")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    docx = [ROOT / "corpus/seed/qiemo-kexie-2021-monitoring.docx"]
    docx += sorted((ROOT / "corpus/generated").glob("*.docx"))[: max(args.docx - 1, 0)]
    forms = sorted((ROOT / "corpus/generated").glob("*.pdf"))[: args.forms]
    print(f"{'kind':12} {'files':>5} {'pages':>5} {'floor p/s':>10} {'read p/s':>9} "
          f"{'extract p/s':>11}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        kinds = {"libreoffice": libreoffice_pdfs(docx, Path(tmp)), "reportlab": forms}
        for kind, paths in kinds.items():
            if not paths:
                print(f"{kind:12} skipped (no LibreOffice)")
                continue
            r = bench_kind(paths, args.repeat)
            print(f"{kind:12} {r['files']:>5} {r['pages']:>5} {r['floor']:>10.0f} "
                  f"{r['read']:>9.0f} {r['extract']:>11.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
