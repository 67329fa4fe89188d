"""Warm ``extract_file`` in instructions per file (callgrind), a measure load does not disturb.

    .venv/bin/python bench/instructions.py corpus/generated [-n 10] [--tree DIR]

Runs itself under ``valgrind --tool=callgrind`` (~50× slower than native, so few files): after
``tasks.warm()`` and one pass over the files, each format's files are extracted twice and
callgrind's counter is dumped (``callgrind_control -d``) after each format, so start-up is not
counted. Prints instructions per file for .txt and .docx. ``--tree`` imports ``extractor``
from another checkout (a ``git worktree`` of the base commit) to compare two trees on one
machine at any load; both must run with the same Python and libraries.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = (".txt", ".docx")
PASSES = 2


def _child(folder: Path, n: int) -> None:
    from extractor.pipeline import extract_file
    from extractor.tasks import warm

    warm()
    by_suffix = {s: sorted(folder.glob(f"*{s}"))[:n] for s in SUFFIXES}
    for files in by_suffix.values():
        for f in files:
            extract_file(str(f))

    def dump(tag: str) -> None:
        subprocess.run(["callgrind_control", "-d", tag, str(os.getpid())],
                       stdout=subprocess.DEVNULL, check=False)  # fmt: skip

    dump("warm")
    for suffix, files in by_suffix.items():
        for _ in range(PASSES):
            for f in files:
                extract_file(str(f))
        dump(f"{suffix[1:]}:{len(files)}")


def summaries(out: Path) -> dict[str, int]:
    """Trigger tag → instructions, from the dump files callgrind wrote."""
    found: dict[str, int] = {}
    for f in out.parent.glob(out.name + ".*"):
        lines = f.read_text(errors="replace").splitlines()
        tag = next((x.split("dump ", 1)[1] for x in lines if x.startswith("desc: Trigger")), "")
        total = next((int(x.split()[1]) for x in lines if x.startswith("summary:")), 0)
        found[tag] = total
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("-n", type=int, default=10, help="files per format")
    ap.add_argument("--tree", type=Path, default=ROOT, help="checkout whose extractor to import")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    sys.path.insert(0, str(args.tree.resolve()))
    if args.child:
        _child(args.folder, args.n)
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cg"
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
               __file__, str(args.folder), "-n", str(args.n), "--tree", str(args.tree), "--child"]  # fmt: skip
        subprocess.run(cmd, env={**os.environ, "PYTHONHASHSEED": "0"}, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        found = summaries(out)
    print(f"tree {args.tree}")
    for tag, total in sorted(found.items()):
        if ":" in tag:
            fmt, files = tag.split(":")
            print(
                f".{fmt:6} {int(files):>3} files  {total / (PASSES * int(files)) / 1e6:8.2f} M instructions/file"
            )


if __name__ == "__main__":
    main()
