"""Speed work must not change what jixiao extracts: dump every report's contract JSON, then diff.

    .venv/bin/python bench/same_output.py dump OUT_DIR DIR [DIR ...]   # before a change
    .venv/bin/python bench/same_output.py check OUT_DIR DIR [DIR ...]  # after it: exit 1 on a diff

The JSON is what ``jixiao extract FILE --json`` prints (``extract_file`` in one process, the
same ``json.dumps`` arguments), one file per report, so a difference shows with ``diff``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SUFFIXES = {".txt", ".docx", ".pdf", ".xlsx", ".html", ".htm"}


def reports(dirs: list[Path]) -> list[Path]:
    return sorted(p for d in dirs for p in d.rglob("*") if p.suffix in SUFFIXES and p.is_file())


def dump_name(path: Path) -> str:
    # Paths from several folders go into one directory: a short hash keeps names unique.
    return f"{path.name}.{hashlib.sha1(str(path).encode()).hexdigest()[:8]}.json"


def render(path: Path) -> str:
    from extractor.errors import ReadError
    from extractor.pipeline import extract_file

    try:
        return json.dumps(extract_file(str(path)), ensure_ascii=False, indent=2)
    except ReadError as e:
        return f"error: {e}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("dump", "check"))
    ap.add_argument("out", type=Path)
    ap.add_argument("dirs", nargs="+", type=Path)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    files = reports(args.dirs)
    differ = []
    for path in files:
        target = args.out / dump_name(path)
        text = render(path)
        if args.mode == "dump":
            target.write_text(text, encoding="utf-8")
        elif not target.exists() or target.read_text(encoding="utf-8") != text:
            differ.append(path)
            (args.out / (target.name + ".new")).write_text(text, encoding="utf-8")
    print(f"{len(files)} reports, {len(differ)} differ")
    for path in differ[:20]:
        print("  differs:", path)
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
