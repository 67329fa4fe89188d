"""Indicator sets copied across units where they make no sense.

Two signals, both from the domain vocabulary in patterns/crosscheck.toml:
- an indicator of one department's domain in another department's report (科普 in a 水利局
  report) — out of domain; the reports of that domain with the same indicator and target are named
  as the likely source;
- the same (name, target) pairs — generic names such as 资金拨付及时率 left out — in reports of
  units of different domains.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import combinations
from typing import Any

from .folder import Folder, Report, finding, label, norm

RULE = "cross_indicators"
MAX_BUCKET = 50  # a (name, target) pair in more reports than this is a standard, not a copy
MAX_SOURCES = 3


def domain_matcher(domains: dict[str, Any]) -> Callable[[str | None, str], set[str]]:
    """``match(text, key)``: the domains whose ``key`` words (units or indicators) occur in
    ``text``, memoized (the same names recur in thousands of reports)."""
    memo: dict[tuple[str, str], set[str]] = {}

    def match(text: str | None, key: str) -> set[str]:
        t = norm(text)
        if (t, key) not in memo:
            memo[(t, key)] = {d for d, v in domains.items() if any(w in t for w in v[key])}
        return memo[(t, key)] if t else set()

    return match


def _key(ind: dict[str, Any]) -> tuple[str, str] | None:
    name = norm(ind.get("name"))
    target = norm(ind.get("target_raw")) or (str(ind["target"]) if ind.get("target") else "")
    return (name, target) if name and target else None


def find_indicator_copies(folder: Folder, skip_pairs: set[tuple[str, str]]) -> list[dict[str, Any]]:
    conf, domains = folder.conf["indicators"], folder.conf["domains"]
    reps = folder.by_id()
    domain_of = domain_matcher(domains)
    unit_domain = {r.id: domain_of(r.unit, "units") for r in folder.reports}
    units_of_name: dict[str, set[str]] = defaultdict(set)
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rid, inds in folder.indicators.items():
        if rid not in reps:
            continue
        for ind in inds:
            units_of_name[norm(ind.get("name"))].add(reps[rid].unit)
            k = _key(ind)
            if k:
                by_key[k].append(rid)
    generic = {n for n, u in units_of_name.items() if len(u) >= conf["generic_min_units"]}
    out: list[dict[str, Any]] = []
    covered: set[tuple[str, str]] = set()
    for r in folder.reports:
        mine = unit_domain[r.id]
        if not mine:
            continue
        stray = []
        for ind in folder.indicators.get(r.id, []):
            d = domain_of(ind.get("name"), "indicators")
            if d and not (d & mine):
                stray.append((ind, d))
        if stray:
            f = _out_of_domain(folder, r, stray, by_key, unit_domain, covered, skip_pairs)
            if f:
                out.append(f)
    out += _copied_sets(folder, by_key, generic, unit_domain, skip_pairs | covered, conf)
    return out


def _out_of_domain(folder: Folder, r: Report, stray: list, by_key: dict, unit_domain: dict,
                   covered: set, twins: set) -> dict[str, Any] | None:  # fmt: skip
    """One warning for the report; none when its source is its twin (one submission under two
    unit names is reported once, as that)."""
    reps = folder.by_id()
    sources: Counter[str] = Counter()
    for ind, d in stray:
        k = _key(ind)
        for rid in by_key.get(k, []) if k else []:
            if rid != r.id and unit_domain[rid] & d:
                sources[rid] += 1
    if sources and all((r.id, t) in twins or (t, r.id) in twins for t in sources):
        return None
    others = [reps[rid] for rid, _ in sources.most_common(MAX_SOURCES)]
    covered.update((r.id, o.id) for o in others)
    names = "、".join(f"“{ind['name']}”" for ind, _ in stray[:4])
    doms = "、".join(sorted(set().union(*(d for _, d in stray))))
    msg = f"{r.department or r.unit}的报告含有{doms}领域的指标 {names}，与本单位职能不符"
    if others:
        msg += f"，与{'、'.join(label(o) for o in others)}的指标及目标值相同"
    msg += " (indicators of another department's domain)"
    first = stray[0][0]
    return finding(RULE, "warning", "out_of_domain", r, others, f"indicators[{first['index']}]",
                   msg, span=first["span"], indicators=[ind["name"] for ind, _ in stray])  # fmt: skip


def _copied_sets(folder: Folder, by_key: dict, generic: set[str], unit_domain: dict,
                 skip: set[tuple[str, str]], conf: dict) -> list[dict[str, Any]]:  # fmt: skip
    reps = folder.by_id()
    size: Counter[str] = Counter()
    shared: Counter[tuple[str, str]] = Counter()
    for (name, _), rids in by_key.items():
        if name in generic:
            continue
        for rid in set(rids):
            size[rid] += 1
        if len(rids) <= MAX_BUCKET:
            for a, b in combinations(sorted(set(rids)), 2):
                shared[(a, b)] += 1
    out = []
    for (a, b), n in sorted(shared.items()):
        ra, rb = sorted((reps[a], reps[b]), key=lambda r: r.path)
        da, db = unit_domain[ra.id], unit_domain[rb.id]
        if ra.unit == rb.unit or (a, b) in skip or (b, a) in skip or (da & db) or not (da or db):
            continue
        if n < conf["min_shared"] or n < conf["min_share"] * min(size[a], size[b]):
            continue
        msg = (f"与{label(ra)}有 {n} 项指标名称和目标值完全相同，两单位职能不同 "
               f"(indicator set copied from another unit)")  # fmt: skip
        out.append(finding(RULE, "warning", "copied_set", rb, [ra], "indicators", msg, stated=n))
    return out
