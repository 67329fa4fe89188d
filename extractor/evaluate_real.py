"""Score extraction against hand-made truth of real reports (the shared truth format).

A real-report truth file ``NNN.truth.json`` names its text (``"file": "NNN.txt"``) and says what a
careful auditor reads from it: ``budget`` (label, amount, unit or rate), ``personnel``, ``people``,
``indicators``, ``department``/``fiscal_year``, ``expected_findings``, and the text's ``kind``,
``shape`` and ``artifacts``. Recall is counted per fact the truth states; indicator precision counts
extracted indicators that match no truth indicator. A fact is found when an extracted number equals
the truth's (money in yuan, either unit reading when the text states none; rates to 0.01) — the same
rules as the scorer that comes with the real reports, so both print the same numbers.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

UNIT = {"元": 1, "千元": 1e3, "万元": 1e4, "亿元": 1e8}
FAMILIES = ("amounts", "rates", "personnel", "people", "ind", "ind_vals", "ind_levels", "meta",
            "findings")  # fmt: skip
# What each family is called where a person reads the table.
LABELS = {"amounts": "预算金额", "rates": "预算比率", "personnel": "人员数", "people": "人员姓名",
          "ind": "指标召回", "ind_prec": "指标精确", "ind_vals": "指标取值", "ind_levels": "指标层级",
          "meta": "单位+年度", "findings": "预期发现"}  # fmt: skip
_PUNCT = re.compile(r"[\s“”\"'‘’（）()【】\[\]、，,。:：·;；]")


def is_real_truth(truth: dict) -> bool:
    """The shared real-report format names its text file; the generated corpus's does not."""
    return isinstance(truth.get("file"), str) and (
        "kind" in truth or "shape" in truth or truth.get("exclude") is True
    )


def find_real_pairs(paths: Iterable[str | Path]) -> list[tuple[Path, dict]]:
    out = []
    for p in map(Path, paths):
        truths = [p] if p.name.endswith(".truth.json") else sorted(p.glob("*.truth.json"))
        for tf in truths:
            truth = json.loads(tf.read_text(encoding="utf-8"))
            if is_real_truth(truth) and not truth.get("exclude"):
                out.append((tf.parent / truth["file"], truth))
    return out


def _norm(s: Any) -> str:
    return _PUNCT.sub("", s or "")


def _nums(x: Any) -> list[float]:
    if x is None:
        return []
    if isinstance(x, (int, float)):
        return [float(x)]
    return [float(v.replace(",", "")) for v in re.findall(r"\d[\d,]*\.?\d*", str(x))
            if v.replace(",", "").replace(".", "", 1).isdigit()]  # fmt: skip


def _close(a: Any, b: Any, abs_: float = 0.011, rel: float = 1e-6) -> bool:
    return a is not None and b is not None and (abs(a - b) <= abs_ or abs(a - b) <= rel * max(abs(a), abs(b)))  # fmt: skip


def _truth_amounts(t: dict) -> list[tuple[str, set[float]]]:
    out = [(str(y), {float(y)}) for y in t.get("budget_amounts_yuan", [])]
    for b in t.get("budget", []):
        if b.get("amount") is None or re.search(r"分值|得分", b.get("label", "")):
            continue
        unit = b.get("unit")
        for a in b["amount"] if isinstance(b["amount"], list) else [b["amount"]]:
            if isinstance(a, (int, float)):
                opts = {float(a) * UNIT[unit]} if unit in UNIT else {float(a), float(a) * 1e4}
                out.append((f"{b.get('label')} {a}{unit or ''}", opts))
    return out


def _truth_rates(t: dict) -> list[tuple[str, float]]:
    out = [(str(r), float(r)) for r in t.get("budget_rates_pct", [])]
    return out + [(f"{b.get('label')} {b['rate']}%", float(b["rate"])) for b in t.get("budget", [])
                  if isinstance(b.get("rate"), (int, float))]  # fmt: skip


def score_real(truth: dict, got: dict) -> dict[str, Any]:
    """Per family ``(found, stated)``, what was missed, and the unmatched extracted indicators."""
    r: dict[str, Any] = {"kind": truth.get("kind"), "shape": truth.get("shape"),
                         "artifacts": truth.get("artifacts") or []}  # fmt: skip
    miss: dict[str, Any] = {}
    budget = got.get("budget") or []
    amounts = [b.get("amount_yuan") for b in budget if b.get("amount_yuan") is not None]
    ta = _truth_amounts(truth)
    ok = [lab for lab, opts in ta if any(_close(g, o) for g in amounts for o in opts)]
    r["amounts"], miss["amounts"] = (len(ok), len(ta)), [lab for lab, _ in ta if lab not in ok]

    rates = [b.get("rate_pct") for b in budget if b.get("rate_pct") is not None]
    tr = _truth_rates(truth)
    hit = [lab for lab, x in tr if any(_close(g, x, abs_=0.006) for g in rates)]
    r["rates"], miss["rates"] = (len(hit), len(tr)), [lab for lab, _ in tr if lab not in hit]

    tp = [(k, v) for k, v in (truth.get("personnel") or {}).items() if isinstance(v, (int, float))]
    counts = [p.get("count") for p in got.get("personnel") or []]
    hit = [k for k, v in tp if any(_close(c, v) for c in counts)]
    r["personnel"], miss["personnel"] = (len(hit), len(tp)), [f"{k} {v}" for k, v in tp if k not in hit]  # fmt: skip

    tpeople = [p for p in truth.get("people", []) if _norm(p.get("name"))]
    gpeople = [(_norm(p.get("name")), _norm(p.get("role"))) for p in got.get("people") or []]
    found = 0
    for p in tpeople:
        n, role = _norm(p["name"]), _norm(p.get("role"))
        if any(n == gn and (role in gr or gr in role) for gn, gr in gpeople):
            found += 1
        else:
            miss.setdefault("people", []).append(f"{p['name']}/{p.get('role')}")
    r["people"] = (found, len(tpeople))

    _score_indicators(truth, got.get("indicators") or [], r, miss)
    _score_meta(truth, got.get("report") or {}, r, miss)
    _score_findings(truth, got, r, miss)
    r["missed"] = {k: v for k, v in miss.items() if v}
    return r


def _score_indicators(truth: dict, gi: list[dict], r: dict, miss: dict) -> None:
    used: set[int] = set()
    vals_ok = vals_n = lev_ok = lev_n = 0
    for ti in truth.get("indicators", []):
        tn = _norm(ti.get("name"))
        best = next((k for k, g in enumerate(gi) if k not in used and (gn := _norm(g.get("name")))
                     and (gn == tn or (len(gn) >= 4 and len(tn) >= 4 and (gn in tn or tn in gn)))),
                    None)  # fmt: skip
        if best is None:
            miss.setdefault("indicators", []).append(ti.get("name"))
            continue
        used.add(best)
        g = gi[best]
        for tk, gk in (("target", "target"), ("actual", "actual"), ("stated_rate", "stated_rate_pct"),
                       ("score", "score"), ("weight", "weight"), ("score_weight", "weight")):  # fmt: skip
            if tk in ti:
                tv = _nums(ti[tk])
                vals_n += 1
                good = g.get(gk) is None if not tv else any(_close(g.get(gk), v, abs_=0.006) for v in tv)  # fmt: skip
                vals_ok += good
                if not good:
                    miss.setdefault("ind_vals", []).append(f"{ti.get('name')}.{tk}={ti[tk]!r} got {g.get(gk)!r}")  # fmt: skip
        for lk in ("level1", "level2"):
            if ti.get(lk):
                lev_n += 1
                gl, tl = _norm(g.get(lk)), _norm(ti[lk])
                good = bool(gl) and (gl in tl or tl in gl)
                lev_ok += good
                if not good:
                    miss.setdefault("ind_levels", []).append(f"{ti.get('name')}.{lk}={ti[lk]} got {g.get(lk)}")  # fmt: skip
    r["ind"] = (len(used), len(truth.get("indicators", [])))
    r["ind_vals"], r["ind_levels"] = (vals_ok, vals_n), (lev_ok, lev_n)
    r["ind_extra"] = [g.get("name") for k, g in enumerate(gi) if k not in used]
    r["ind_n"] = len(gi)


def _score_meta(truth: dict, rep: dict, r: dict, miss: dict) -> None:
    ok = n = 0
    if truth.get("department"):
        n += 1
        td, gd = _norm(truth["department"]), _norm(rep.get("department"))
        if gd and (td in gd or gd in td):
            ok += 1
        else:
            miss["department"] = f"{truth['department']} got {rep.get('department')}"
    if truth.get("fiscal_year"):
        n += 1
        if rep.get("fiscal_year") == truth["fiscal_year"]:
            ok += 1
        else:
            miss["fiscal_year"] = f"{truth['fiscal_year']} got {rep.get('fiscal_year')}"
    r["meta"] = (ok, n)


def _score_findings(truth: dict, got: dict, r: dict, miss: dict) -> None:
    findings = got.get("findings") or []
    serious = [x for x in findings if x.get("severity") in ("error", "warning")]
    resolved = []
    for x in serious:
        m = re.match(r"(\w+)\[(\d+)\]", str(x.get("subject") or ""))
        if m and isinstance(got.get(m.group(1)), list) and int(m.group(2)) < len(got[m.group(1)]):
            resolved.append(got[m.group(1)][int(m.group(2))])
    text = json.dumps(serious, ensure_ascii=False) + json.dumps(resolved, ensure_ascii=False)
    expected = [e for e in truth.get("expected_findings", []) if e.get("any_of")]
    hit = [e for e in expected if any(k in text for k in e["any_of"])]
    r["findings"], miss["findings"] = (len(hit), len(expected)), [e.get("what") for e in expected if e not in hit]  # fmt: skip
    r["errors"] = sum(1 for x in findings if x.get("severity") == "error")
    r["clean"] = not expected


def _score_pair(pair: tuple[str, dict]) -> dict[str, Any]:
    from .pipeline import extract_file

    path, truth = pair
    try:
        got, error = extract_file(path), None
    except Exception as e:  # one bad file must not stop the evaluation
        got, error = {}, f"{type(e).__name__}: {e}"
    row = score_real(truth, got)
    row.update(file=Path(path).name, error=error)
    return row


def evaluate_real(paths: Iterable[str | Path], workers: int = 2) -> list[dict[str, Any]]:
    pairs = [(str(p), t) for p, t in find_real_pairs(paths)]
    if workers <= 1 or len(pairs) < 8:
        return [_score_pair(p) for p in pairs]
    with ProcessPoolExecutor(workers) as ex:
        return list(ex.map(_score_pair, pairs, chunksize=4))


def totals(rows: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    t = {k: (sum(r[k][0] for r in rows), sum(r[k][1] for r in rows)) for k in FAMILIES}
    extracted = sum(r["ind_n"] for r in rows)
    t["ind_prec"] = (extracted - sum(len(r["ind_extra"]) for r in rows), extracted)
    return t


def summary(rows: list[dict[str, Any]], by: str = "shape") -> dict[str, Any]:
    groups: dict[str, list[dict]] = {}
    for r in rows:
        keys = (r["artifacts"] or ["none"]) if by == "artifacts" else [r.get(by) or "?"]
        for k in keys:
            groups.setdefault(k, []).append(r)
    clean = [r for r in rows if r["clean"]]
    return {
        "files": len(rows),
        "failed": [r["file"] for r in rows if r["error"]],
        "totals": totals(rows),
        "by": by,
        "groups": {
            k: {"files": len(g), **totals(g)}
            for k, g in sorted(groups.items(), key=lambda kv: -len(kv[1]))
        },  # fmt: skip
        "clean_files": len(clean),
        "clean_files_with_errors": sum(1 for r in clean if r["errors"]),
    }


def _pct(pair: tuple[int, int]) -> str:
    h, n = pair
    return f"{100 * h / n:.0f}% ({h}/{n})" if n else "–"


def _rjust(text: str, width: int) -> str:
    """Right-justify by display width: a CJK character takes two columns of a terminal."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return " " * max(0, width - len(text) - wide) + text


def format_real(s: dict[str, Any]) -> str:
    cols = ("amounts", "rates", "personnel", "people", "ind", "ind_prec", "ind_vals", "meta")
    lines = [f"{s['by']:<20}" + _rjust("文件", 6) + "".join(_rjust(LABELS[c], 15) for c in cols)]
    for k, g in s["groups"].items():
        lines.append(f"{k:<20}{g['files']:>6}" + "".join(_rjust(_pct(g[c]), 15) for c in cols))
    t = s["totals"]
    lines.append("")
    lines.append(f"{s['files']} 份真实报告（失败 {len(s['failed'])}）: " + "  ".join(
        f"{LABELS[c]} {_pct(t[c])}" for c in (*cols, "ind_levels", "findings")))  # fmt: skip
    lines.append(
        f"无预期发现的文件中出现错误级发现: {s['clean_files_with_errors']}/{s['clean_files']}"
    )
    return "\n".join(lines)
