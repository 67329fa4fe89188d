"""End to end on the generated corpus: extract documents into a database, `jixiao audit` it, and
check the findings against the truth files.

A stratified subset (every template, clean and planted files, every planted kind) keeps the run
short. Unlike tests/test_audit_corpus.py, which audits the truth JSON, this measures what a user
gets: the extractor's output, stored and reloaded, audited.

The one planted error the document cannot show is exempt: a ``total_mismatch`` in a prose report
that states only the 总分 and no item scores (nothing to re-add). It must then not be reported
by any other rule as an error either.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.store import open_db

from .test_audit_corpus import CORPUS, PLANTED, TRUTHS

PER_TEMPLATE_CLEAN = 2
PER_TEMPLATE_PLANTED = 1

pytestmark = pytest.mark.skipif(not TRUTHS, reason=f"no generated corpus in {CORPUS}")


def _template(truth: Path) -> str:
    return truth.name.split(".")[0].split("-", 1)[1]


def _document(truth: Path) -> Path:
    stem = truth.name.removesuffix(".truth.json")
    (doc,) = [p for p in truth.parent.glob(stem + ".*") if not p.name.endswith(".truth.json")]
    return doc


def _subset() -> list[Path]:
    """Per template the first clean files and the first planted one, then the first file of every
    planted kind not yet chosen: deterministic, every template, every kind."""
    chosen: list[Path] = []
    clean, planted = defaultdict(int), defaultdict(int)
    kinds: set[str] = set()
    truths = {t: json.loads(t.read_text(encoding="utf-8")) for t in TRUTHS}
    for t, truth in truths.items():
        tpl, errs = _template(t), truth.get("planted_errors") or []
        if not errs and clean[tpl] < PER_TEMPLATE_CLEAN:
            clean[tpl] += 1
            chosen.append(t)
        elif errs and planted[tpl] < PER_TEMPLATE_PLANTED:
            planted[tpl] += 1
            chosen.append(t)
            kinds |= {e["rule"] for e in errs}
    for t, truth in truths.items():
        new = {e["rule"] for e in truth.get("planted_errors") or []} - kinds
        if new and t not in chosen:
            chosen.append(t)
            kinds |= new
    return chosen


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> list[tuple[dict, list[dict]]]:
    """(truth, findings) of each file of the subset, after extract → DB → jixiao audit."""
    folder = tmp_path_factory.mktemp("e2e")
    docs = folder / "docs"
    docs.mkdir()
    truths = {}
    for t in _subset():
        doc = _document(t)
        shutil.copy(doc, docs / doc.name)
        truths[doc.name] = json.loads(t.read_text(encoding="utf-8"))
    db_path = folder / "x.db"
    res = CliRunner().invoke(cli, ["extract", str(docs), "--db", str(db_path), "-q"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(cli, ["audit", str(db_path)])
    assert res.exit_code in (0, 3), res.output
    db = open_db(db_path)
    out = []
    for rep in db.query("SELECT id, path FROM reports"):
        findings = list(db.query("SELECT * FROM findings WHERE report_id = ?", [rep["id"]]))
        out.append((truths[Path(rep["path"]).name], findings))
    assert len(out) == len(truths)
    return out


def test_subset_covers_every_template_and_planted_kind(audited):
    names = {_template(t) for t in _subset()}
    assert names == {_template(t) for t in TRUTHS}
    kinds = {e["rule"] for t, _ in audited for e in t.get("planted_errors") or []}
    assert kinds == set(PLANTED)
    assert any(not t.get("planted_errors") for t, _ in audited)


def _visible(planted: dict, truth: dict) -> bool:
    if planted["rule"] == "total_mismatch":
        return any(i.get("score") is not None for i in truth.get("indicators") or [])
    return True


def test_every_planted_error_is_found_end_to_end(audited):
    missed, found = [], 0
    for truth, findings in audited:
        for p in truth.get("planted_errors") or []:
            if not _visible(p, truth):
                continue
            rules = PLANTED[p["rule"]]
            if any(f["rule"] in rules and f["severity"] != "info" for f in findings):
                found += 1
            else:
                missed.append((truth.get("source", {}).get("path"), p))
    assert found > 0
    assert missed == []


def test_no_error_on_clean_files_end_to_end(audited):
    wrong = []
    for truth, findings in audited:
        allowed = set().union(
            *(PLANTED[p["rule"]] for p in truth.get("planted_errors") or [] if _visible(p, truth))
        )
        wrong += [(f["subject"], f["rule"], f["message"]) for f in findings
                  if f["severity"] == "error" and f["rule"] not in allowed]  # fmt: skip
    assert wrong == []
