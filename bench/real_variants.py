"""How jixiao does on real reports it was not tuned on: shape variants of the real set, scored.

    .venv/bin/python bench/real_variants.py [--real ../shared/real/texts] [--out DIR]
                                           [--only wrap,sep_tab] [--show wrap] [--shared-scorer]

Every transformation (``bench/variant_shapes.py``, plus traditional conversions here) rewrites each
real text the way another publisher would, copies its truth (converted when the characters change),
and checks the variant still states every truth value: each truth name and number occurs in the
variant's canonical text (NFKC, glosses, commas in numbers, spaces and punctuation removed) at
least as often as in the original's. A file that cannot keep its truth, or that a transformation
leaves unchanged, is skipped. Variants go to DIR (default: a new temporary directory; never inside
the project). Each folder is scored with ``jixiao evaluate``'s real-report scorer (or the shared
``score.py`` with ``--shared-scorer``), and one table shows every family beside the originals' score
on the same files: ``h/n`` and, when it differs, ``(original h)``.
``--show NAME`` prints, per file, what the variant missed that the original found.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.variant_shapes import SHAPES, pinyin_glosses  # noqa: E402
from extractor.evaluate_real import evaluate_real  # noqa: E402

FAMILIES = ("amounts", "rates", "personnel", "people", "ind", "ind_vals", "ind_prec", "ind_levels",
            "meta", "findings")  # fmt: skip
_GLOSS = re.compile(r"\([a-zü\u00e0-\u01dc\u0144\u0148\u01f9\u1e3f]{1,12}\)")
_COMMA = re.compile(r"(?<=\d),(?=\d{3})")
_DROP = re.compile(r"[\s|“”\"'‘’（）()【】\[\]、，,。:：·;；\-—]")


def canonical(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\ufeff", "")
    return _DROP.sub("", _COMMA.sub("", _GLOSS.sub("", text)))


def _num(x: object) -> str:
    return str(int(x)) if isinstance(x, (int, float)) and float(x).is_integer() else str(x)


def truth_tokens(t: dict) -> list[str]:
    """The names and numbers the truth says the text states (numbers as the text may write them)."""
    toks = [t.get("department") or ""]
    toks += [p.get("name") or "" for p in t.get("people", [])]
    for i in t.get("indicators", []):
        toks += [i.get("name") or "", i.get("level1") or "", i.get("level2") or ""]
        toks += [
            m for k in ("target", "actual") for m in re.findall(r"\d+(?:\.\d+)?", str(i.get(k, "")))
        ]
    for b in t.get("budget", []):
        amounts = b.get("amount") if isinstance(b.get("amount"), list) else [b.get("amount")]
        toks += [_num(a) for a in amounts if isinstance(a, (int, float))]
        if isinstance(b.get("rate"), (int, float)):
            toks.append(_num(b["rate"]))
    toks += [_num(v) for v in (t.get("personnel") or {}).values() if isinstance(v, (int, float))]
    return [canonical(x) for x in toks]


def keeps_truth(orig: str, var: str, truth: dict, var_truth: dict) -> bool:
    co, cv = canonical(orig), canonical(var)
    pairs = zip(truth_tokens(truth), truth_tokens(var_truth), strict=True)
    return all(cv.count(b) >= co.count(a) for a, b in pairs if a)


def _convert_truth(t: dict, conv) -> dict:
    """The truth of a converted text: its names in the text's new characters."""
    t = json.loads(json.dumps(t))
    for k in ("department", "project", "report_type"):
        if isinstance(t.get(k), str):
            t[k] = conv(t[k])
    for i in t.get("indicators", []):
        for k in ("name", "level1", "level2", "target", "actual"):
            if isinstance(i.get(k), str):
                i[k] = conv(i[k])
    for p in t.get("people", []):
        for k in ("name", "role", "title"):
            if isinstance(p.get(k), str):
                p[k] = conv(p[k])
    for e in t.get("expected_findings", []):
        e["any_of"] = [conv(x) for x in e.get("any_of", [])]
    return t


def _traditional(config: str, gloss: bool = False):
    import opencc

    conv = opencc.OpenCC(config).convert

    def make(text: str, rng: random.Random, truth: dict) -> tuple[str, dict] | None:
        new = conv(text)
        if gloss:
            new = pinyin_glosses(new, rng, truth) or new
        return (new, _convert_truth(truth, conv)) if new != text else None

    return make


def _same_truth(fn):
    """A shape transformation keeps the truth as it is (only the characters' layout changes)."""

    def make(text: str, rng: random.Random, truth: dict) -> tuple[str, dict] | None:
        var = fn(text, rng, truth)
        return (var, truth) if var is not None else None

    return make


def variants() -> dict:
    out = {name: _same_truth(fn) for name, fn in SHAPES.items()}
    out["s2t"] = _traditional("s2t")
    out["s2tw"] = _traditional("s2tw")
    out["s2t_pinyin"] = _traditional("s2t", gloss=True)
    return out


def build(real: Path, out: Path, names: list[str]) -> dict[str, dict]:
    """Write every variant folder; return per variant the files written and skipped."""
    made: dict[str, dict] = {}
    pairs = []
    for tf in sorted(real.glob("*.truth.json")):
        t = json.loads(tf.read_text(encoding="utf-8"))
        if not t.get("exclude"):
            pairs.append((t, (real / t["file"]).read_text(encoding="utf-8")))
    table = variants()
    for name in names:
        d = out / name
        d.mkdir(parents=True, exist_ok=True)
        files, skipped = [], []
        for truth, text in pairs:
            rng = random.Random(f"{name}:{truth['file']}")  # the same variant on every run
            res = table[name](text, rng, truth)
            if res is None:
                continue
            var, vt = res
            if not keeps_truth(text, var, truth, vt):
                skipped.append(truth["file"])
                continue
            (d / truth["file"]).write_bytes(var.encode("utf-8"))
            (d / truth["file"].replace(".txt", ".truth.json")).write_text(
                json.dumps(vt, ensure_ascii=False), encoding="utf-8")  # fmt: skip
            files.append(truth["file"])
        made[name] = {"files": files, "skipped": skipped}
    return made


def score(d: Path, shared: Path | None) -> dict[str, dict]:
    if shared is None:
        return {r["file"]: r for r in evaluate_real([d])}
    js = d / "score.json"
    subprocess.run([sys.executable, str(shared), "--jixiao", str(ROOT / ".venv/bin/jixiao"),
                    "--verbose", "--json", str(js), str(d)], check=True, capture_output=True)  # fmt: skip
    return {Path(r["file"]).name: r for r in json.loads(js.read_text(encoding="utf-8"))["rows"]}


def sums(rows: list[dict]) -> dict[str, tuple[int, int]]:
    t = {
        k: (sum(r[k][0] for r in rows), sum(r[k][1] for r in rows))
        for k in FAMILIES
        if k != "ind_prec"
    }
    n = sum(r["ind_n"] for r in rows)
    t["ind_prec"] = (n - sum(len(r["ind_extra"]) for r in rows), n)
    t["false_err"] = (
        sum(1 for r in rows if r["clean"] and r["errors"]),
        sum(1 for r in rows if r["clean"]),
    )
    return t


def cell(v: tuple[int, int], o: tuple[int, int]) -> str:
    s = f"{v[0]}/{v[1]}"
    return s if v == o else f"{s}({o[0]})"


def lost(v: dict, o: dict) -> dict:
    """What the variant missed (or extracted extra) that the original did not."""
    out = {}
    for k, miss in v.get("missed", {}).items():
        new = [m for m in (miss if isinstance(miss, list) else [miss]) if m not in (o.get("missed", {}).get(k) or [])]  # fmt: skip
        if new:
            out[k] = new
    extra = [x for x in v.get("ind_extra", []) if x not in o.get("ind_extra", [])]
    if extra:
        out["ind_extra"] = extra
    if v.get("errors", 0) > o.get("errors", 0):
        out["errors"] = v["errors"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--real", type=Path, default=ROOT.parent / "shared/real/texts")
    ap.add_argument("--out", type=Path, help="where the variants go (default: a new temp dir)")
    ap.add_argument("--only", help="comma-separated transformation names")
    ap.add_argument("--show", help="comma-separated names whose losses to print per file")
    ap.add_argument(
        "--shared-scorer", action="store_true", help="score with the real set's score.py"
    )
    a = ap.parse_args()
    out = (a.out or Path(tempfile.mkdtemp(prefix="jixiao-variants-"))).resolve()
    if out.is_relative_to(ROOT):
        sys.exit("variants hold copies of the real texts: write them outside the project")
    names = a.only.split(",") if a.only else list(variants())
    made = build(a.real, out, names)
    shared = a.real.parent / "score.py" if a.shared_scorer else None
    orig = score(a.real, shared)
    cols = (*FAMILIES, "false_err")
    print(f"{'variant':<20}{'files':>6}{'skip':>5} " + " ".join(f"{c:>14}" for c in cols))
    t = sums(list(orig.values()))
    print(
        f"{'original':<20}{len(orig):>6}{0:>5} " + " ".join(f"{cell(t[c], t[c]):>14}" for c in cols)
    )
    show = set((a.show or "").split(","))
    for name in names:
        files = made[name]["files"]
        rows = score(out / name, shared) if files else {}
        v, o = sums(list(rows.values())), sums([orig[f] for f in rows])
        print(f"{name:<20}{len(files):>6}{len(made[name]['skipped']):>5} "
              + " ".join(f"{cell(v[c], o[c]):>14}" for c in cols))  # fmt: skip
        losses = {f: d for f in rows if (d := lost(rows[f], orig[f]))}
        (out / name / "losses.json").write_text(json.dumps(losses, ensure_ascii=False, indent=1), encoding="utf-8")  # fmt: skip
        if name in show:
            for f, d in losses.items():
                print(f"    {f} {json.dumps(d, ensure_ascii=False)}")
    print(f"\nvariants and per-variant losses.json in {out}")


if __name__ == "__main__":
    main()
