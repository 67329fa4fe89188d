"""Cross-report checks on the generated cross set (corpus/cross, truth.json): every planted kind is
found, nothing else is reported at warning or error, templates are not copies, and the stored
passages point into both reports' texts."""

from __future__ import annotations

import json
import random
import sqlite3
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from extractor.cli import cli
from extractor.crosscheck import run_crosschecks
from extractor.crosscheck.minhash import candidate_pairs, jaccard, shingle_set, signatures

ROOT = Path(__file__).resolve().parent.parent
CROSS = ROOT / "corpus" / "cross"
TRUTH = json.loads((CROSS / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cross_db(tmp_path_factory) -> Path:
    """corpus/cross extracted and audited (per-report and cross-report) into a fresh database."""
    db = tmp_path_factory.mktemp("cross") / "cross.db"
    r = CliRunner().invoke(cli, ["extract", str(CROSS), "--db", str(db), "-q", "--workers", "0"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["audit", str(db)])
    assert r.exit_code == 3, r.output  # the duplicate submission under two unit names is an error
    return db


def cross_findings(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = conn.execute(
        "SELECT f.*, r.path FROM findings f JOIN reports r ON r.id = f.report_id"
        " WHERE f.rule LIKE 'cross_%'"
    ).fetchall()
    out = []
    for row in rows:
        f = dict(row)
        f.update(json.loads(f.pop("extra") or "{}"))
        f["file"] = Path(f["path"]).name
        f["files"] = [Path(p).name for p in f["paths"]]
        out.append(f)
    return out


def matches(f: dict, plant: dict) -> bool:
    return (
        f["rule"] == plant["rule"]
        and f["status"] == plant["status"]
        and f["file"] == plant["report"]
        and set(plant["others"]) <= set(f["files"])
    )


def test_every_planted_kind_is_found_with_its_severity(cross_db):
    found = cross_findings(cross_db)
    kinds = Counter(p["kind"] for p in TRUTH["planted"])
    assert len(kinds) >= 10, kinds  # the truth covers every check
    for plant in TRUTH["planted"]:
        hits = [f for f in found if matches(f, plant)]
        assert hits, f"not found: {plant['kind']} in {plant['report']}"
        assert {f["severity"] for f in hits} == {plant["severity"]}, plant
        assert all(len(f["reports"]) == len(f["paths"]) >= 2 for f in hits)


def test_nothing_unplanted_is_reported_as_warning_or_error(cross_db):
    found = cross_findings(cross_db)
    loud = [f for f in found if f["severity"] in ("warning", "error")]
    assert loud
    stray = [f"{f['file']} {f['rule']} {f['message']}" for f in loud
             if not any(matches(f, p) for p in TRUTH["planted"])]  # fmt: skip
    assert stray == []


def test_template_paragraph_in_most_reports_is_not_a_copy(cross_db):
    template = TRUTH["template_passage"].replace(" ", "")
    db = Database(cross_db)
    texts = [r["text"].replace(" ", "") for r in db.query("SELECT text FROM documents")]
    assert sum(template[:30] in t for t in texts) >= 0.7 * len(texts)
    passages = [r["passage"] for r in db.query("SELECT passage FROM shared_passages")]
    assert passages and not any(template[:30] in p.replace(" ", "") for p in passages)
    assert not any(template[:30] in (f["span_text"] or "").replace(" ", "")
                   for f in cross_findings(cross_db))  # fmt: skip


def test_passage_naming_another_unit_is_stronger_than_generic_shared_text(cross_db):
    found = [f for f in cross_findings(cross_db) if f["rule"] == "cross_copied_passage"]
    seed_copy = [f for f in found if "县委办公室资金使用按照财政拨款执行" in f["span_text"]]
    generic = [f for f in found if "逐项建立整改台账" in f["span_text"]]
    assert {f["severity"] for f in seed_copy} == {"warning"} and len(seed_copy) == 2
    assert all("县委办公室" in f["units_named"] for f in seed_copy)
    assert {f["severity"] for f in generic} == {"info"}


def test_shared_passage_spans_point_into_both_reports(cross_db):
    db = Database(cross_db)
    text = {r["report_id"]: r["text"] for r in db.query("SELECT * FROM documents")}
    rows = list(db.query("SELECT * FROM shared_passages"))
    assert len(rows) >= 4
    for r in rows:
        assert text[r["report_a"]][r["a_start"] : r["a_end"]] == r["a_text"]
        assert text[r["report_b"]][r["b_start"] : r["b_end"]] == r["b_text"]
        assert r["report_a"] != r["report_b"] and 0.65 <= r["similarity"] <= 1
    for f in cross_findings(cross_db):
        if f["span_start"] is not None:
            assert text[f["report_id"]][f["span_start"] : f["span_end"]] == f["span_text"]


def test_rerun_replaces_cross_findings_and_keeps_the_others(cross_db, tmp_path):
    copy = tmp_path / "again.db"
    with sqlite3.connect(cross_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    db = Database(copy)
    count = "SELECT count(*) AS n FROM findings WHERE rule {} 'cross_%'"
    before = [next(db.query(count.format(op)))["n"] for op in ("LIKE", "NOT LIKE")]
    res = run_crosschecks(db)
    after = [next(db.query(count.format(op)))["n"] for op in ("LIKE", "NOT LIKE")]
    assert before == after and after[0] == len(res.findings) > 0
    assert next(db.query("SELECT count(*) AS n FROM shared_passages"))["n"] == len(res.passages)


def test_cross_set_is_reproducible(tmp_path):
    sys.path.insert(0, str(ROOT / "corpus"))
    try:
        from genlib import cross
    finally:
        sys.path.remove(str(ROOT / "corpus"))
    cross.build(tmp_path, TRUTH["seed"])
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(p.name for p in CROSS.iterdir())
    for n in names:
        assert (tmp_path / n).read_bytes() == (CROSS / n).read_bytes(), n


def test_minhash_estimates_jaccard_and_lsh_finds_the_near_copy():
    rng = random.Random(3)
    alphabet = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"  # noqa: E501
    texts = ["".join(rng.choice(alphabet) for _ in range(80)) for _ in range(300)]
    base = texts[0]
    texts.append(base[:40] + "认真" + base[42:70] + "确保" + base[72:])  # two small edits
    sigs = signatures(texts, 3, 64)
    exact = jaccard(shingle_set(base, 3), shingle_set(texts[-1], 3))
    estimate = float((sigs[0] == sigs[-1]).mean())
    assert 0.7 < exact < 0.95 and abs(estimate - exact) < 0.15
    pairs = set(candidate_pairs(sigs, 0.65))
    assert (0, len(texts) - 1) in pairs
    assert len(pairs) < 50  # random texts are not candidates of each other


def test_empty_database_gets_empty_tables(tmp_path):
    from extractor.store import open_db

    db = open_db(tmp_path / "empty.db")
    res = run_crosschecks(db)
    assert res.findings == [] and res.passages == []
    assert db["shared_passages"].exists() and db["shared_passages"].count == 0


def test_datasette_links_both_passage_spans_to_their_reports(cross_db):
    from datasette.app import Datasette

    from extractor.datasette.plugin import render_cell

    ds = Datasette(immutables=[str(cross_db)])
    row = next(Database(cross_db).query("SELECT * FROM shared_passages LIMIT 1"))
    for side in ("a", "b"):
        cell = str(render_cell(row, row[f"{side}_text"], f"{side}_text", "shared_passages",
                               "cross", ds))  # fmt: skip
        assert "/-/jixiao/source/cross?" in cell
        assert f"report={row['report_' + side]}" in cell
        assert f"start={row[side + '_start']}&amp;end={row[side + '_end']}" in cell


def test_evaluate_scores_the_cross_checks_against_the_planted_truth():
    from extractor.evaluate_cross import evaluate_cross, find_cross_sets

    assert find_cross_sets([ROOT / "corpus"]) == [CROSS]
    result = evaluate_cross(CROSS, workers=0)
    scores = result["cross_checks"]
    assert scores["tp"] == len(TRUTH["planted"])
    assert (scores["fn"], scores["fp"]) == (0, 0), result
