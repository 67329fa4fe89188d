"""Whole submissions: the same report under two unit names, and the same report submitted twice.

The same bytes under two paths are already one report (the database is keyed by sha256). What is
left: the same text in different bytes (re-saved, re-encoded) from one unit — a warning — and a
near-identical text under two unit names — an error, since one of them did not write its own.
Candidates come from MinHash/LSH over whole documents; the exact Jaccard of the shingles decides.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any

from .folder import Folder, Report, finding, label, norm
from .minhash import candidate_pairs, jaccard, shingle_set, signatures

RULE = "cross_duplicate_submission"


def find_submissions(folder: Folder) -> tuple[list[dict[str, Any]], set[tuple[str, str]]]:
    """(findings, pairs of report ids that are the same submission)."""
    conf = folder.conf["submissions"]
    reps = [r for r in folder.reports if norm(folder.texts.get(r.id))]
    docs = [norm(folder.texts[r.id]) for r in reps]
    pairs: dict[tuple[int, int], float] = {}
    same_text: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        same_text[hashlib.sha256(d.encode()).hexdigest()].append(i)
    for group in same_text.values():
        for x, i in enumerate(group):
            for j in group[x + 1 :]:
                pairs[(i, j)] = 1.0
    sigs = signatures(docs, conf["shingle"], conf["num_perm"], conf["sample"])
    for i, j in candidate_pairs(sigs, conf["threshold"]):
        if (i, j) not in pairs:
            s = jaccard(
                shingle_set(docs[i], conf["shingle"]), shingle_set(docs[j], conf["shingle"])
            )
            if s >= conf["threshold"]:
                pairs[(i, j)] = s
    findings: list[dict[str, Any]] = []
    for (i, j), sim in sorted(pairs.items()):
        a, b = sorted((reps[i], reps[j]), key=lambda r: r.path)
        for f in _findings(a, b, sim, docs[i] == docs[j]):
            f["span"] = f["span"] or first_line_span(folder.texts[f["report_id"]])
            findings.append(f)
    return findings, {(reps[i].id, reps[j].id) for i, j in pairs}


def first_line_span(text: str) -> dict[str, Any] | None:
    """A finding about a whole report points at its first line (the title, as a rule)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if end <= start:
        return None
    return {"page": None, "start": start, "end": end, "text": text[start:end]}


def _findings(a: Report, b: Report, sim: float, identical: bool) -> list[dict[str, Any]]:
    pct = f"{sim:.1%}"
    if a.unit == b.unit:
        if identical:
            msg = f"与{label(a)}文字完全相同，同一报告重复提交 (same report submitted twice)"
            return [finding(RULE, "warning", "same_text", b, [a], "report", msg, recomputed=1.0)]
        msg = (
            f"与本单位的{label(a)}几乎相同（相似度 {pct}） (near-identical report of the same unit)"
        )
        return [finding(RULE, "info", "same_unit", b, [a], "report", msg, recomputed=sim)]
    word = "完全相同" if identical else f"几乎相同（相似度 {pct}）"
    out = []
    for me, other in ((a, b), (b, a)):
        msg = (
            f"与另一单位的{label(other)}{word}，两个单位名下提交了同一份报告 "
            f"(near-identical submission under two unit names)"
        )
        out.append(finding(RULE, "error", "two_units", me, [other], "report", msg,
                           recomputed=round(sim, 4)))  # fmt: skip
    return out
