"""Run the scoring of extractor/evaluate.py over folders and print the results.

Finds each report with a ``<stem>.truth.json`` beside it, extracts it (in a process pool), scores
it, and sums the scores per family, per template and per file (the worst files first).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .evaluate import FAMILIES, REPORT_SUFFIXES, FileScore, Tally, score_report


def truth_path_for(report: Path) -> Path:
    """``x/abc.docx`` → ``x/abc.truth.json`` (the twins of one report share one truth)."""
    return report.with_name(report.name.rsplit(".", 1)[0] + ".truth.json")


def find_pairs(paths: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """Every report under ``paths`` that has a truth file, sorted."""
    out = []
    for p in map(Path, paths):
        files = [p] if p.is_file() else sorted(f for f in p.rglob("*") if f.is_file())
        for f in files:
            if f.suffix.lower() in REPORT_SUFFIXES and not f.name.startswith("."):
                tp = truth_path_for(f)
                if tp.exists():
                    out.append((f, tp))
    return sorted(set(out))


def evaluate_file(report: str | Path, truth_file: str | Path) -> FileScore:
    """Extract one report and score it; an extraction failure scores every truth fact as missed."""
    from .pipeline import extract_file

    truth = json.loads(Path(truth_file).read_text(encoding="utf-8"))
    try:
        got = extract_file(report)
    except Exception as e:  # one bad file must not stop the evaluation
        fs = score_report(truth, {}, str(report))
        fs.error = f"{type(e).__name__}: {e}"
        return fs
    return score_report(truth, got, str(report))


def _evaluate_pair(pair: tuple[str, str]) -> dict:
    fs = evaluate_file(*pair)
    return {"path": fs.path, "template": fs.template, "error": fs.error, "diffs": fs.diffs,
            "tallies": {k: asdict(v) for k, v in fs.tallies.items()}}  # fmt: skip


def _from_dict(d: dict) -> FileScore:
    fs = FileScore(path=d["path"], template=d["template"], diffs=d["diffs"], error=d["error"])
    fs.tallies = {k: Tally(**v) for k, v in d["tallies"].items()}
    return fs


def evaluate(paths: Iterable[str | Path], workers: int = 2) -> list[FileScore]:
    """Score every report with a truth file under ``paths`` (in a process pool when workers > 1)."""
    pairs = [(str(a), str(b)) for a, b in find_pairs(paths)]
    if workers <= 1 or len(pairs) < 4:
        return [_from_dict(_evaluate_pair(p)) for p in pairs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [_from_dict(d) for d in pool.map(_evaluate_pair, pairs, chunksize=4)]


def totals(scores: Iterable[FileScore]) -> dict[str, Tally]:
    out = {f: Tally() for f in FAMILIES}
    for fs in scores:
        for f, t in fs.tallies.items():
            out[f].add(t)
    return out


def by_template(scores: list[FileScore]) -> dict[str, dict[str, Any]]:
    """Per template: files, misses, and the F1 of each family (worst templates first)."""
    groups: dict[str, list[FileScore]] = {}
    for fs in scores:
        groups.setdefault(fs.template or "(none)", []).append(fs)
    rows = {}
    for name, group in groups.items():
        tot = totals(group)
        all_ = Tally()
        for t in tot.values():
            all_.add(t)
        rows[name] = {"files": len(group), "misses": sum(fs.misses for fs in group),
                      "f1": round(all_.f1, 4), "families": {f: round(t.f1, 4) for f, t in tot.items()}}  # fmt: skip
    return dict(sorted(rows.items(), key=lambda kv: kv[1]["f1"]))


def summary(scores: list[FileScore], worst: int = 10) -> dict[str, Any]:
    """Everything ``jixiao evaluate --json`` prints."""
    ranked = sorted(scores, key=lambda fs: (-fs.misses, fs.path))[:worst]
    return {
        "files": len(scores),
        "errors": [{"path": fs.path, "error": fs.error} for fs in scores if fs.error],
        "families": {f: t.as_dict() for f, t in totals(scores).items()},
        "templates": by_template(scores),
        "worst": [
            {
                "path": fs.path,
                "template": fs.template,
                "misses": fs.misses,
                "by_family": {f: t.fp + t.fn for f, t in fs.tallies.items() if t.fp + t.fn},
            }
            for fs in ranked
        ],  # fmt: skip
    }


def format_summary(s: dict[str, Any]) -> str:
    lines = [f"{s['files']} reports with truth files", "",
             f"{'family':<18}{'tp':>7}{'fp':>7}{'fn':>7}{'precision':>11}{'recall':>9}{'F1':>8}"]  # fmt: skip
    for f, t in s["families"].items():
        lines.append(f"{f:<18}{t['tp']:>7}{t['fp']:>7}{t['fn']:>7}{t['precision']:>11.3f}"
                     f"{t['recall']:>9.3f}{t['f1']:>8.3f}")  # fmt: skip
    lines += ["", "templates, worst first (F1 over all families; lowest family):"]
    for name, row in s["templates"].items():
        low = min(row["families"].items(), key=lambda kv: kv[1])
        lines.append(f"  {row['f1']:.3f}  {name:<24} {row['files']:>4} files, {row['misses']:>5} misses;"
                     f" lowest {low[0]} {low[1]:.3f}")  # fmt: skip
    lines += [
        "",
        f"{len(s['worst'])} files with the most misses (false positives + false negatives):",
    ]
    for w in s["worst"]:
        fams = ", ".join(
            f"{k} {v}" for k, v in sorted(w["by_family"].items(), key=lambda kv: -kv[1])
        )
        lines.append(f"  {w['misses']:>4}  {w['path']}  [{fams}]")
    for e in s["errors"]:
        lines.append(f"error: {e['path']}: {e['error']}")
    return "\n".join(lines)


def format_diff(fs: FileScore, only_misses: bool = False) -> str:
    """The field-level diff of one file: one line per fact, misses marked."""
    mark = {"ok": "  ok   ", "missing": "MISSING", "wrong": " WRONG ", "extra": " EXTRA "}
    lines = [f"{fs.path} (template {fs.template}): {fs.misses} misses"]
    if fs.error:
        lines.append(f"extraction failed: {fs.error}")
    for d in fs.diffs:
        if only_misses and d["status"] == "ok":
            continue
        lines.append(f"{mark[d['status']]} {d['family']:<17} {d['key']}: truth={d['truth']!r}"
                     f" extracted={d['extracted']!r}")  # fmt: skip
    return "\n".join(lines)
