"""Score the cross-report checks against a folder's planted truth (``truth.json``).

A cross set (corpus/cross: built by corpus/genlib/cross.py) is a folder of reports whose
``truth.json`` lists what was planted across them: copies, duplicate submissions, changed
targets, conflicting roles... The folder is extracted and audited in a temporary database; a
planted case found with its rule, status, report and the other reports it names is a true
positive, a planted case not found a false negative, and a cross warning or error that no plant
explains a false positive (info findings are context, not alarms).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from .evaluate import Tally

TRUTH_NAME = "truth.json"


def find_cross_sets(paths: list[str | Path]) -> list[Path]:
    """Folders under ``paths`` whose truth.json plants cross-report cases."""
    found = []
    for p in map(Path, paths):
        candidates = [p / TRUTH_NAME] if p.is_dir() else []
        candidates += sorted(p.rglob(TRUTH_NAME)) if p.is_dir() else []
        for t in dict.fromkeys(candidates):
            if t.exists() and "planted" in json.loads(t.read_text(encoding="utf-8")):
                found.append(t.parent)
    return found


def _cross_findings(db: Path) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    out = []
    for row in conn.execute(
        "SELECT f.rule, f.severity, f.message, f.extra, r.path FROM findings f"
        " JOIN reports r ON r.id = f.report_id WHERE f.rule LIKE 'cross_%'"
    ):
        f = dict(row)
        f.update(json.loads(f.pop("extra") or "{}"))
        f["file"] = Path(f["path"]).name
        f["files"] = {Path(p).name for p in f.get("paths", [])}
        out.append(f)
    conn.close()
    return out


def _matches(f: dict[str, Any], plant: dict[str, Any]) -> bool:
    return (
        f["rule"] == plant["rule"]
        and f.get("status") == plant["status"]
        and f["file"] == plant["report"]
        and set(plant["others"]) <= f["files"]
    )


def evaluate_cross(folder: str | Path, workers: int = 2) -> dict[str, Any]:
    """Recall and false alarms of the cross-report checks on one cross set."""
    from .audit.command import audit_db
    from .batch import extract_to_db

    folder = Path(folder)
    truth = json.loads((folder / TRUTH_NAME).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="jixiao-cross-") as tmp:
        db = Path(tmp) / "cross.db"
        extract_to_db([str(folder)], str(db), workers=workers)
        audit_db(db)
        found = _cross_findings(db)
    tally = Tally()
    missed = [p for p in truth["planted"] if not any(_matches(f, p) for f in found)]
    stray = [
        f"{f['file']} {f['rule']}/{f.get('status')}: {f['message']}"
        for f in found
        if f["severity"] in ("warning", "error")
        and not any(_matches(f, p) for p in truth["planted"])
    ]
    tally.tp = len(truth["planted"]) - len(missed)
    tally.fn = len(missed)
    tally.fp = len(stray)
    return {
        "folder": str(folder),
        "cross_checks": tally.as_dict(),
        "missed": [f"{p['kind']} in {p['report']}" for p in missed],
        "false_alarms": stray,
    }


def format_cross(result: dict[str, Any]) -> str:
    t = result["cross_checks"]
    lines = [
        f"cross-report checks on {result['folder']} (planted cases vs warnings and errors):",
        f"{'cross_checks':<18} {t['tp']:>8} {t['fp']:>6} {t['fn']:>6}  {t['precision']:>9.3f}"
        f" {t['recall']:>8.3f} {t['f1']:>7.3f}",
    ]
    lines += [f"  missed: {m}" for m in result["missed"]]
    lines += [f"  false alarm: {s}" for s in result["false_alarms"]]
    return "\n".join(lines)
