"""Copied passages: paragraphs shared (near-identically) by reports of different units.

Each paragraph of prose (headings, figure lines and short labels are left out) gets a MinHash
signature of its character shingles; datasketch's LSH proposes candidate pairs, and the exact
Jaccard of the shingles decides. Near-identical paragraphs are joined into clusters. A cluster
shared by many units (or by most reports of its report types) is the template everyone fills in,
not a copy. In a cluster shared by a few units, each pair of reports of different units is a
shared passage; a passage that names a unit other than the report's own (the seed's 科协 report:
"县委办公室资金使用按照财政拨款执行") is a warning, generic shared wording an info.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from .folder import Folder, Report, finding, label, norm
from .minhash import candidate_pairs, jaccard, shingle_set, signatures

CJK = regex.compile(r"\p{Han}")
DIGIT = re.compile(r"\d")
RULE = "cross_copied_passage"


@dataclass
class Occurrence:
    report: int  # index into folder.reports
    start: int
    end: int
    key: int  # index of the normalized paragraph text


def paragraphs(
    text: str, conf: dict[str, Any], figures: list[int] | None = None, own: tuple[str, ...] = ()
) -> Iterator[tuple[int, int, str]]:
    """(start, end, normalized text) of each prose paragraph (one line of the document text).

    Lines where the extractor read an indicator (``figures``: span starts) are data, compared as
    numbers by the indicator and mid-year checks, not passages; a line that is short once the
    report's ``own`` unit names are taken out is a label (部门单位名称（公章）：<unit>)."""
    starts = sorted(figures or [])
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        body = line.strip()
        if len(body) < conf["min_chars"]:
            continue
        k = bisect_left(starts, start)
        if k < len(starts) and starts[k] < end:
            continue
        key = norm(body)
        if len(DIGIT.findall(key)) > conf["max_digit_share"] * len(key):
            continue
        bare = key
        for name in own:
            bare = bare.replace(name, "")
        if len(CJK.findall(bare)) < conf["min_chars"]:
            continue
        lead = len(line) - len(line.lstrip())
        yield start + lead, start + lead + len(body), key


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def unit_names(folder: Folder) -> list[str]:
    """Unit names a passage may mention: every report's unit, its form without the region
    (若羌县水利局 → 水利局), and the known units of patterns/crosscheck.toml."""
    conf = folder.conf["passages"]
    names = set(conf["known_units"])
    for r in folder.reports:
        if r.unit.startswith("report:"):
            continue
        names.add(r.unit)
        if r.region and r.unit.startswith(r.region):
            names.add(r.unit[len(r.region) :])
    return sorted((n for n in names if len(n) >= conf["unit_suffix_min_chars"]), key=len)


def foreign_units(passage: str, r: Report, names: list[str]) -> list[str]:
    """Units the passage names that are not ``r``'s own (longest names first, no repeats)."""
    own = r.unit
    found: list[str] = []
    for n in reversed(names):  # longest first, so 若羌县水利局 hides 水利局
        if n in passage and not any(n in f for f in found) and n not in own and own not in n:
            found.append(n)
    return found


def find_passages(
    folder: Folder, skip_pairs: set[tuple[str, str]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(shared_passages rows, findings). ``skip_pairs`` (report ids) are pairs already reported as
    duplicate submissions: their shared text is one finding there, not one per paragraph."""
    conf = folder.conf["passages"]
    keys: dict[str, int] = {}
    occ: list[Occurrence] = []
    for i, r in enumerate(folder.reports):
        figures = [ind["span_start"] for ind in folder.indicators.get(r.id, [])
                   if ind.get("span_start") is not None]  # fmt: skip
        own = tuple(n for n in (r.unit, r.unit[len(r.region or "") :]) if n)
        for start, end, key in paragraphs(folder.texts.get(r.id, ""), conf, figures, own):
            occ.append(Occurrence(i, start, end, keys.setdefault(key, len(keys))))
    texts = list(keys)
    sigs = signatures(texts, conf["shingle"], conf["num_perm"])
    uf = UnionFind(len(texts))
    sims: dict[tuple[int, int], float] = {}
    shingles: dict[int, set[str]] = {}

    def sh(k: int) -> set[str]:
        if k not in shingles:
            shingles[k] = shingle_set(texts[k], conf["shingle"])
        return shingles[k]

    for a, b in candidate_pairs(sigs, conf["threshold"]):
        s = jaccard(sh(a), sh(b))
        if s >= conf["min_similarity"]:
            uf.union(a, b)
            sims[(a, b)] = s
    clusters: dict[int, list[Occurrence]] = defaultdict(list)
    for o in occ:
        clusters[uf.find(o.key)].append(o)
    type_counts = Counter(r.report_type for r in folder.reports)
    names = unit_names(folder)
    rows: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    for members in clusters.values():
        reps = {o.report for o in members}
        units = {folder.reports[i].unit for i in reps}
        if len(units) < 2 or _is_template(folder, reps, units, type_counts, conf):
            continue
        for oa, ob in _pairs(folder, members, skip_pairs):
            ra, rb = folder.reports[oa.report], folder.reports[ob.report]
            ka, kb = sorted((oa.key, ob.key))
            sim = 1.0 if ka == kb else sims.get((ka, kb)) or jaccard(sh(ka), sh(kb))
            if sim < conf["min_similarity"]:  # in one cluster through a third paragraph only
                continue
            ta = folder.texts[ra.id][oa.start : oa.end]
            tb = folder.texts[rb.id][ob.start : ob.end]
            rows.append({"report_a": ra.id, "report_b": rb.id, "passage": ta,
                         "similarity": round(sim, 4), "a_start": oa.start, "a_end": oa.end,
                         "a_text": ta, "b_start": ob.start, "b_end": ob.end, "b_text": tb,
                         "units": len(units)})  # fmt: skip
            findings += _pair_findings(ra, rb, oa, ob, ta, tb, sim, names)
    return rows, findings


def _is_template(folder: Folder, reps: set[int], units: set[str], type_counts: Counter,
                 conf: dict[str, Any]) -> bool:  # fmt: skip
    if len(units) >= conf["template_min_units"]:
        return True
    types = {folder.reports[i].report_type for i in reps}
    of_type = sum(type_counts[t] for t in types)
    return len(reps) >= 3 and len(reps) >= conf["template_share"] * of_type


def _pairs(
    folder: Folder, members: list[Occurrence], skip: set[tuple[str, str]]
) -> Iterator[tuple[Occurrence, Occurrence]]:
    """One occurrence per report, each pair of reports of different units, A before B by path."""
    first: dict[int, Occurrence] = {}
    for o in members:
        first.setdefault(o.report, o)
    reps = sorted(first, key=lambda i: folder.reports[i].path)
    for x, i in enumerate(reps):
        for j in reps[x + 1 :]:
            ri, rj = folder.reports[i], folder.reports[j]
            if ri.unit != rj.unit and (ri.id, rj.id) not in skip and (rj.id, ri.id) not in skip:
                yield first[i], first[j]


def _pair_findings(ra: Report, rb: Report, oa: Occurrence, ob: Occurrence, ta: str, tb: str,
                   sim: float, names: list[str]) -> list[dict[str, Any]]:  # fmt: skip
    out = []
    pct = f"{sim:.0%}"
    for me, other, o, t, ot in ((ra, rb, oa, ta, ob), (rb, ra, ob, tb, oa)):
        foreign = foreign_units(norm(t), me, names)
        if foreign:
            out.append(finding(
                RULE, "warning", "names_other_unit", me, [other], f"text[{o.start}:{o.end}]",
                f"段落提及非本单位的“{'、'.join(foreign)}”，与{label(other)}的段落雷同（相似度 {pct}）"
                f" (copied passage naming another unit)",
                span={"page": None, "start": o.start, "end": o.end, "text": t},
                recomputed=round(sim, 4), units_named=foreign,
                other_span={"start": ot.start, "end": ot.end},
            ))  # fmt: skip
    if not out:
        out.append(finding(
            RULE, "info", "generic", rb, [ra], f"text[{ob.start}:{ob.end}]",
            f"段落与{label(ra)}的段落雷同（相似度 {pct}） (shared passage)",
            span={"page": None, "start": ob.start, "end": ob.end, "text": tb},
            recomputed=round(sim, 4), other_span={"start": oa.start, "end": oa.end},
        ))  # fmt: skip
    return out
