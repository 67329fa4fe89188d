"""Score extraction against truth files: precision, recall and F1 per field family.

A report ``<stem>.<ext>`` is scored against ``<stem>.truth.json`` in the same folder (so the .txt,
.docx and .pdf twins of one report share one truth). Every family is a set of facts, each a key and
a value; a fact is a true positive when the extraction has the truth's value for the key, a false
negative when it does not, and a false positive for every value extracted where the truth has a
different value or says null (or has no such key). docs/corpus.md lists the keys of each family.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

FAMILIES = ["metadata", "budget_amounts", "budget_rates", "personnel", "people", "indicators",
            "indicator_values"]  # fmt: skip
REPORT_FIELDS = [
    "title", "report_type", "department", "region", "fiscal_year", "filled_date", "signed_date",
    "overall_completion_pct", "self_score", "grade", "supervising_department", "implementing_unit",
    "project_name",
]  # fmt: skip
PROJECT_FIELDS = ["self_score", "grade"]
# Compared for a matched indicator when the truth indicator has the key.
INDICATOR_FIELDS = ["level1", "level2", "comparator", "target", "actual", "stated_rate_pct",
                    "weight", "score", "scope", "expected", "likelihood"]  # fmt: skip
# An indicator's project may come back as ``scope`` or ``project``.
FIELD_ALIASES = {"scope": ("scope", "project")}
REPORT_SUFFIXES = {".txt", ".docx", ".pdf", ".doc"}
ABS_TOL = 0.011  # a fen, or a hundredth of a percent / point
REL_TOL = 1e-6


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}  # fmt: skip


@dataclass
class FileScore:
    path: str
    template: str | None
    tallies: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FAMILIES})
    diffs: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None

    @property
    def misses(self) -> int:
        return sum(t.fp + t.fn for t in self.tallies.values())


# ---- normalization and equality ---------------------------------------------------------------

_PAREN_TAIL = re.compile(r"[(（][^()（）]{1,6}[)）]$")


def norm(value: Any) -> str:
    """Full-width → ASCII (NFKC), no whitespace; ≧ and ═ are ≥ and =."""
    s = unicodedata.normalize("NFKC", str(value))
    s = s.replace("≧", "≥").replace("≦", "≤").replace("═", "=")
    return re.sub(r"\s+", "", s)


def norm_name(name: Any) -> str:
    """An indicator name without a trailing unit in brackets ('…次数（次）') or punctuation."""
    s = norm(name).rstrip(",.;:，。；：")
    return _PAREN_TAIL.sub("", s)


def same(truth: Any, got: Any) -> bool:
    if isinstance(truth, bool) or isinstance(got, bool):
        return truth == got
    if isinstance(truth, int | float):
        try:
            g = float(got)
        except (TypeError, ValueError):
            return False
        return abs(g - truth) <= max(ABS_TOL, REL_TOL * abs(truth))
    return norm(truth) == norm(got)


# ---- one family = a set of keyed facts ----------------------------------------------------------


def score_slots(family: str, truth: dict, got: dict[Any, list], tally: Tally, diffs: list) -> None:
    """Truth key → value (None = not stated); extraction key → values found."""
    for key in list(truth) + [k for k in got if k not in truth]:
        tv = truth.get(key)
        values = []  # distinct non-null extracted values
        for v in got.get(key, []):
            if v is not None and not any(same(v, w) for w in values):
                values.append(v)
        hit = tv is not None and any(same(tv, v) for v in values)
        extra = [v for v in values if tv is None or not same(tv, v)]
        if tv is not None:
            tally.tp += hit
            tally.fn += not hit
        tally.fp += len(extra)
        if tv is not None or extra:
            status = (
                "ok"
                if hit and not extra
                else "missing"
                if not values
                else "wrong"
                if tv is not None
                else "extra"
            )
            diffs.append({"family": family, "key": _key_text(key), "truth": tv,
                          "extracted": values[0] if len(values) == 1 else values or None,
                          "status": status})  # fmt: skip


def _key_text(key: Any) -> str:
    return (
        "/".join(str(k) for k in key if k not in (None, "")) if isinstance(key, tuple) else str(key)
    )


def _multi(pairs: Iterable[tuple[Any, Any]]) -> dict[Any, list]:
    out: dict[Any, list] = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out


def _budget_key(row: dict) -> tuple:
    return (
        norm(row.get("scope") or ""),
        norm(row.get("fund_source") or ""),
        norm(row.get("item") or ""),
    )


def score_report(truth: dict, got: dict, path: str = "") -> FileScore:
    """Compare one extraction (contract JSON) with its truth."""
    fs = FileScore(path=path, template=truth.get("template"))
    t, d = fs.tallies, fs.diffs
    rep_t, rep_g = truth.get("report") or {}, got.get("report") or {}
    meta_t = {f: rep_t[f] for f in REPORT_FIELDS if f in rep_t}
    meta_g = {f: [rep_g.get(f)] for f in meta_t}
    got_projects = {
        norm(p.get("project_name") or p.get("name") or ""): p for p in got.get("projects") or []
    }
    for p in truth.get("projects") or []:
        gp = got_projects.get(norm(p["project_name"]), {})
        for f in PROJECT_FIELDS:
            meta_t[("project", p["project_name"], f)] = p.get(f)
            meta_g[("project", p["project_name"], f)] = [gp.get(f)]
    score_slots("metadata", meta_t, meta_g, t["metadata"], d)

    for fam, fields in (
        ("budget_amounts", ("amount_yuan",)),
        ("budget_rates", ("rate_pct", "weight", "score")),
    ):
        truth_slots: dict = {}
        for row in truth.get("budget") or []:
            for f in fields:
                if row.get(f) is not None or f == fields[0]:
                    truth_slots.setdefault((*_budget_key(row), f), row.get(f))
        got_slots = _multi(
            ((*_budget_key(r), f), r.get(f)) for r in got.get("budget") or [] for f in fields
        )
        score_slots(fam, {k: v for k, v in truth_slots.items()}, got_slots, t[fam], d)

    pers_t = {norm(p["category"]): p["count"] for p in truth.get("personnel") or []}
    pers_g = _multi(
        (norm(p.get("category") or ""), p.get("count")) for p in got.get("personnel") or []
    )
    score_slots("personnel", pers_t, pers_g, t["personnel"], d)

    ppl_t = {(norm(p["role"]), norm(p["name"])) for p in truth.get("people") or [] if p.get("name")}
    ppl_g = {
        (norm(p.get("role") or ""), norm(p["name"]))
        for p in got.get("people") or []
        if p.get("name")
    }
    score_slots("people", {k: True for k in ppl_t}, {k: [True] for k in ppl_g}, t["people"], d)

    _score_indicators(truth.get("indicators") or [], got.get("indicators") or [], t, d)
    return fs


def _field(ind: dict, f: str) -> Any:
    return next((ind[a] for a in FIELD_ALIASES.get(f, (f,)) if ind.get(a) is not None), None)


def _score_indicators(truth: list[dict], got: list[dict], t: dict[str, Tally], d: list) -> None:
    free = list(range(len(got)))
    for ti in truth:
        name = norm_name(ti["name"])
        cands = [j for j in free if norm_name(got[j].get("name") or "") == name]
        if "scope" in ti:  # several projects: prefer the indicator of the same project
            cands.sort(key=lambda j: norm(_field(got[j], "scope") or "") != norm(ti["scope"] or ""))
        if not cands:
            t["indicators"].fn += 1
            d.append({"family": "indicators", "key": ti["name"], "truth": ti["name"], "extracted": None,
                      "status": "missing"})  # fmt: skip
            continue
        j = cands[0]
        free.remove(j)
        t["indicators"].tp += 1
        gi = got[j]
        slots_t = {(ti["name"], f): ti[f] for f in INDICATOR_FIELDS if f in ti}
        slots_g = {(n, f): [_field(gi, f)] for n, f in slots_t}
        for which in ("target", "actual"):  # qualitative values are compared as words
            if ti.get(which) is None and ti.get(f"{which}_raw") and f"{which}_raw" in ti:
                slots_t[(ti["name"], f"{which}_words")] = ti[f"{which}_raw"]
                slots_g[(ti["name"], f"{which}_words")] = [gi.get(f"{which}_raw")]
        score_slots("indicator_values", slots_t, slots_g, t["indicator_values"], d)
    for j in free:
        t["indicators"].fp += 1
        d.append({"family": "indicators", "key": got[j].get("name"), "truth": None,
                  "extracted": got[j].get("name"), "status": "extra"})  # fmt: skip
