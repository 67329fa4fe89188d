"""Score jixiao on the shared real reports, in one process (no 1.5 s start per file).

Uses the shared scorer's own matching rules (``../shared/real/score.py``), replacing only how it
runs jixiao: ``extract_file`` in-process instead of a subprocess per file. Prints what the shared
scorer prints; ``--verbose`` adds what each file missed.

    .venv/bin/python scripts/score_real.py [--verbose] [--by kind] [--only 050,051] [DIR]
"""

from __future__ import annotations

import importlib.util
import json
import sys
import traceback
from pathlib import Path

from extractor.pipeline import extract_file

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "real" / "texts"


def load_scorer(texts: Path):
    spec = importlib.util.spec_from_file_location("real_score", texts.parent / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)

    def run(_jx: str, path: Path):
        try:
            return json.loads(json.dumps(extract_file(path), ensure_ascii=False)), None
        except Exception:  # noqa: BLE001 - a crash is a scored failure, as the subprocess gives
            return None, traceback.format_exc()[-400:]

    mod.run = run
    return mod


def main(argv: list[str]) -> None:
    only = None
    args = []
    for a in argv:
        if a.startswith("--only="):
            only = {x.strip() for x in a.split("=", 1)[1].split(",")}
        else:
            args.append(a)
    dirs = [a for a in args if not a.startswith("--") and Path(a).is_dir()]
    texts = Path(dirs[0]) if dirs else DEFAULT
    mod = load_scorer(texts)
    if only:
        # Score a subset: copy nothing, point the scorer at the chosen truth files only.
        real_glob = Path.glob

        def glob(self, pattern):
            for p in real_glob(self, pattern):
                if self != texts or p.name.split(".")[0] in only:
                    yield p

        Path.glob = glob
    sys.argv = ["score.py", "--jixiao", "in-process", "--jobs", "1"]
    sys.argv += [a for a in args if a not in dirs] + [str(texts)]
    mod.main()


if __name__ == "__main__":
    main(sys.argv[1:])
