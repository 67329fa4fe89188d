"""The PDF reader (``read_file``) in instructions per page (callgrind), warm: a measure that load
on a shared machine does not disturb, for the two kinds of PDF ``bench/pdf.py`` times.

    .venv/bin/python bench/pdf_instructions.py [--docx 12] [--forms 10] [--lo DIR] [--tree DIR]
        [--only libreoffice|reportlab]

LibreOffice exports of the corpus's .docx reports are built into a temp dir as ``bench/pdf.py``
builds them (``--lo DIR``: take the PDFs already in DIR instead); the reportlab forms are the
generated corpus's. Runs itself under ``valgrind --tool=callgrind``: each kind's files are read
once to warm, then twice with callgrind's counter dumped after, so start-up is not counted.
``--tree`` imports ``extractor`` from another checkout to compare two trees on one machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSES = 2


def _child(kinds: dict[str, list[str]]) -> None:
    from bench.floor import pdf_text
    from extractor.readers import read_file

    def dump(tag: str) -> None:
        subprocess.run(["callgrind_control", "-d", tag, str(os.getpid())],
                       stdout=subprocess.DEVNULL, check=False)  # fmt: skip

    for paths in kinds.values():
        for p in paths:
            read_file(p)
    dump("warm")
    for kind, paths in kinds.items():
        pages = sum(pdf_text(Path(p).read_bytes())[1] for p in paths)
        dump(f"skip-{kind}")
        for _ in range(PASSES):
            for p in paths:
                read_file(p)
        dump(f"{kind}:{len(paths)}:{pages}")


def _inputs(args: argparse.Namespace, tmp: Path) -> dict[str, list[str]]:
    from bench.pdf import libreoffice_pdfs

    if args.lo is not None:
        lo = sorted(args.lo.glob("*.pdf"))
    else:
        docx = [ROOT / "corpus/seed/qiemo-kexie-2021-monitoring.docx"]
        docx += sorted((ROOT / "corpus/generated").glob("*.docx"))[: max(args.docx - 1, 0)]
        lo = libreoffice_pdfs(docx, tmp)
    forms = sorted((ROOT / "corpus/generated").glob("*.pdf"))[: args.forms]
    return {"libreoffice": [str(p) for p in lo], "reportlab": [str(p) for p in forms]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docx", type=int, default=12, help="how many corpus .docx to export")
    ap.add_argument("--forms", type=int, default=10, help="how many generated PDF forms")
    ap.add_argument("--lo", type=Path, help="a folder of LibreOffice-exported PDFs to use")
    ap.add_argument("--tree", type=Path, default=ROOT, help="checkout whose extractor to import")
    ap.add_argument("--only", choices=("libreoffice", "reportlab"), help="measure one kind")
    ap.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.instructions import summaries  # this checkout's bench, whatever --tree is

    sys.path.insert(0, str(args.tree.resolve()))
    if args.child is not None:
        kinds: dict[str, list[str]] = {}
        for item in args.child:
            kind, _, path = item.partition("=")
            kinds.setdefault(kind, []).append(path)
        _child(kinds)
        return
    with tempfile.TemporaryDirectory() as tmp:
        kinds = {k: v for k, v in _inputs(args, Path(tmp)).items() if v}
        kinds = {k: v for k, v in kinds.items() if args.only in (None, k)}
        out = Path(tmp) / "cg"
        items = [f"{kind}={p}" for kind, paths in kinds.items() for p in paths]
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
               __file__, "--tree", str(args.tree), "--child", *items]  # fmt: skip
        subprocess.run(cmd, env={**os.environ, "PYTHONHASHSEED": "0"}, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        found = summaries(out)
    print(f"tree {args.tree}")
    for tag, total in sorted(found.items()):
        if tag.count(":") == 2:
            kind, files, pages = tag.split(":")
            per_page = total / (PASSES * int(pages)) / 1e6
            print(f"{kind:12} {int(files):>3} files {int(pages):>4} pages "
                  f"{per_page:8.2f} M instructions/page")  # fmt: skip


if __name__ == "__main__":
    main()
