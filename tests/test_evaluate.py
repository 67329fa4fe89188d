"""The scored corpus: its shape, its truth, the matcher, and the F1 floor on the real extractor."""

from __future__ import annotations

import copy
import json
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import evaluate as ev
from extractor import evaluate_run as run
from extractor.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GENERATED = CORPUS / "generated"
SEED_TRUTH = CORPUS / "seed" / "qiemo-kexie-2021-monitoring.truth.json"
FLOORS = tomllib.loads((ROOT / "tests" / "f1_floor.toml").read_text(encoding="utf-8"))
FLOOR, TEMPLATE_FLOOR = FLOORS["floor"], FLOORS["template_floor"]


def _truths() -> list[tuple[Path, dict]]:
    return [
        (p, json.loads(p.read_text(encoding="utf-8")))
        for p in sorted(GENERATED.glob("*.truth.json"))
    ]


def _generator():
    sys.path.insert(0, str(CORPUS))
    try:
        import generate
    finally:
        sys.path.remove(str(CORPUS))
    return generate


# ---- the committed corpus ---------------------------------------------------------------------


def test_corpus_has_300_reports_in_12_templates_each_with_truth():
    pairs = run.find_pairs([GENERATED])
    reports = [f for f in GENERATED.iterdir() if f.suffix in ev.REPORT_SUFFIXES]
    assert len(reports) >= 300 and len(pairs) == len(reports)
    per_template = Counter(json.loads(t.read_text(encoding="utf-8"))["template"] for _, t in pairs)
    assert len(per_template) >= 12
    assert min(per_template.values()) >= 20, per_template
    formats = Counter(f.suffix for f in reports)
    assert formats[".txt"] and formats[".docx"] and formats[".pdf"]
    assert any(json.loads(t.read_text(encoding="utf-8"))["encoding"] == "gb18030" for _, t in pairs)


def test_about_15_percent_of_files_carry_planted_errors_with_rule_and_subject():
    truths = _truths()
    planted = [t for _, t in truths if t["planted_errors"]]
    assert 0.10 <= len(planted) / len(truths) <= 0.22
    rules = Counter(e["rule"] for t in planted for e in t["planted_errors"])
    assert set(rules) == {"indicator_rate_mismatch", "execution_rate_mismatch", "parts_not_summing",
                          "score_above_weight", "total_mismatch", "grade_mismatch"}  # fmt: skip
    assert all(e["subject"] for t in planted for e in t["planted_errors"])


def test_generator_reproduces_the_committed_files(tmp_path):
    """One file per template, regenerated with the committed seed, is byte-identical."""
    gen = _generator()
    files = gen.generate(tmp_path, n=len(gen.TEMPLATES), seed=2024)
    for f in files:
        assert f.read_bytes() == (GENERATED / f.name).read_bytes(), f.name
        truth = f.name.rsplit(".", 1)[0] + ".truth.json"
        assert (tmp_path / truth).read_text(encoding="utf-8") == (GENERATED / truth).read_text(
            encoding="utf-8"
        )


def test_generator_rejects_unknown_template(tmp_path):
    with pytest.raises(ValueError, match="unknown templates"):
        _generator().generate(tmp_path, 1, 1, ["no_such_template"])


def _text_of(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _docx_text(path: Path) -> str:
    """Every paragraph and table cell of a .docx, read with python-docx directly."""
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_truth_only_states_what_the_document_says():
    """Names, budget figures and numeric targets in the truth are all in the document (.txt, .docx)."""
    checked = 0
    for _, t in _truths():
        report = GENERATED / t["file"]
        if report.suffix == ".pdf":
            continue
        text = ev.norm(_docx_text(report) if report.suffix == ".docx" else _text_of(report))
        wanted = [t["report"]["department"] or "", t["report"]["project_name"] or ""]
        wanted += [p["name"] for p in t["people"] if p["name"]]
        wanted += [b["raw"] for b in t["budget"] if b["raw"] and b["rate_pct"] is None]
        for ind in t["indicators"]:
            wanted.append(ind["name"])
            wanted += [
                f"{v:g}" for v in (ind["target"], ind["actual"], ind["weight"]) if v is not None
            ]
            wanted += [
                ind[k] for k in ("target_raw", "actual_raw") if ind[k] and ind[k[:-4]] is None
            ]
        missing = [w for w in wanted if ev.norm(w) not in text]
        assert not missing, f"{report.name}: truth values not in the text: {missing}"
        checked += 1
    assert checked >= 250


def test_truth_leaves_unstated_values_null():
    for _, t in _truths():
        if t["template"].startswith(("selfeval_table", "flat_", "table_column", "multi_project")):
            assert all(i["stated_rate_pct"] is None for i in t["indicators"])  # no rate column
        if t["template"] == "monitor_prose":
            assert all(i["weight"] is None and i["score"] is None for i in t["indicators"])
            assert t["report"]["self_score"] is None
        if t["template"] == "multi_project":
            assert t["report"]["project_name"] is None and len(t["projects"]) >= 2
            assert {i["scope"] for i in t["indicators"]} == {
                p["project_name"] for p in t["projects"]
            }
        for p in t["people"]:
            assert p["name"] is None or not any(c.isdigit() for c in p["name"])


# ---- the matcher ------------------------------------------------------------------------------


@pytest.fixture
def seed_truth() -> dict:
    return json.loads(SEED_TRUTH.read_text(encoding="utf-8"))


def test_truth_against_itself_is_perfect(seed_truth):
    for _, t in _truths()[:60] + [(SEED_TRUTH, seed_truth)]:
        fs = ev.score_report(t, copy.deepcopy(t))
        assert fs.misses == 0, (t.get("file"), [d for d in fs.diffs if d["status"] != "ok"])


def test_a_wrong_value_lowers_precision_and_recall(seed_truth):
    got = copy.deepcopy(seed_truth)
    got["budget"][0]["amount_yuan"] = 999.0  # 部门整体 预算数
    got["indicators"][0]["target"] = 13
    fs = ev.score_report(seed_truth, got)
    assert (fs.tallies["budget_amounts"].fp, fs.tallies["budget_amounts"].fn) == (1, 1)
    assert fs.tallies["budget_amounts"].precision < 1 and fs.tallies["budget_amounts"].recall < 1
    assert (fs.tallies["indicator_values"].fp, fs.tallies["indicator_values"].fn) == (1, 1)
    wrong = [d for d in fs.diffs if d["status"] == "wrong"]
    assert {d["key"] for d in wrong} == {
        "部门整体/预算数/amount_yuan",
        "全年开展科普工作次数/target",
    }


def test_a_missing_value_lowers_recall_only(seed_truth):
    got = copy.deepcopy(seed_truth)
    del got["personnel"][0]
    got["indicators"].pop()  # the satisfaction indicator
    got["report"]["signed_date"] = None
    fs = ev.score_report(seed_truth, got)
    for fam, fn in (("personnel", 1), ("indicators", 1), ("metadata", 1)):
        t = fs.tallies[fam]
        assert (t.fp, t.fn) == (0, fn) and t.precision == 1 and t.recall < 1


def test_a_value_where_truth_says_null_is_a_false_positive(seed_truth):
    got = copy.deepcopy(seed_truth)
    got["report"]["self_score"] = 60
    got["indicators"][-1]["actual"] = 95  # 未达监控节点 has no number
    got["people"].append({"name": "13912345678", "role": "联系人"})
    got["budget"].append({"scope": "部门整体", "item": "结余", "amount_yuan": 5.0})
    fs = ev.score_report(seed_truth, got)
    for fam in ("metadata", "indicator_values", "people", "budget_amounts"):
        assert (fs.tallies[fam].fp, fs.tallies[fam].fn) == (1, 0), fam


def test_strings_are_compared_normalized_and_numbers_with_tolerance(seed_truth):
    got = copy.deepcopy(seed_truth)
    got["indicators"][2]["name"] = "全县范围内,大力培养科普带头人"  # ASCII comma
    got["indicators"][0]["name"] = "全年开展科普工作次数（次）"  # unit kept in brackets
    got["people"][0]["role"] = "组 长"
    got["report"]["department"] = "且末县科学技术协会 "
    got["budget"][0]["amount_yuan"] = 411200.004
    got["indicators"][4]["comparator"] = "≧"
    assert ev.score_report(seed_truth, got).misses == 0
    got["budget"][0]["amount_yuan"] = 411200.5
    assert ev.score_report(seed_truth, got).misses == 2


def test_indicators_of_several_projects_match_their_own_project():
    t = next(t for _, t in _truths() if t["template"] == "multi_project")
    got = copy.deepcopy(t)
    for ind in got["indicators"]:  # the extractor may call it project
        ind["project"] = ind.pop("scope")
    assert ev.score_report(t, got).misses == 0
    first = got["indicators"][0]
    first["project"] = next(
        p["project_name"] for p in t["projects"] if p["project_name"] != first["project"]
    )
    fs = ev.score_report(t, got)
    assert fs.tallies["indicator_values"].fn >= 1


def test_twins_share_one_truth_file():
    pairs = run.find_pairs([CORPUS / "seed"])
    assert [p.suffix for p, _ in pairs] == [".docx", ".pdf", ".txt"]
    assert {t for _, t in pairs} == {SEED_TRUTH}


# ---- the real extractor on the corpus ---------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_summary() -> dict:
    result = CliRunner().invoke(cli, ["evaluate", str(CORPUS), "--json", "--workers", "2"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_f1_per_family_is_not_below_the_floor(corpus_summary):
    assert corpus_summary["files"] >= 303  # the generated reports and the seed's three formats
    assert not corpus_summary["errors"]
    low = {f: (corpus_summary["families"][f]["f1"], floor) for f, floor in FLOOR.items()
           if corpus_summary["families"][f]["f1"] < floor}  # fmt: skip
    assert not low, f"F1 below the floor in tests/f1_floor.toml: {low}"
    assert set(FLOOR) == set(ev.FAMILIES)


def test_f1_per_template_is_not_below_its_floor(corpus_summary):
    templates = corpus_summary["templates"]
    assert set(templates) == set(TEMPLATE_FLOOR), "every template needs a floor in f1_floor.toml"
    low = {t: (templates[t]["f1"], f) for t, f in TEMPLATE_FLOOR.items() if templates[t]["f1"] < f}
    assert not low, f"template F1 below the floor in tests/f1_floor.toml: {low}"


def test_summary_names_the_worst_files_and_templates(corpus_summary):
    assert len(corpus_summary["worst"]) == 10
    misses = [w["misses"] for w in corpus_summary["worst"]]
    assert misses == sorted(misses, reverse=True)
    assert len(corpus_summary["templates"]) >= 13  # 15 generated templates and the seed


def test_verbose_prints_the_diff_of_one_file(tmp_path, seed_truth):
    report = tmp_path / "r.txt"
    report.write_bytes((CORPUS / "seed" / "qiemo-kexie-2021-monitoring.txt").read_bytes())
    wrong = copy.deepcopy(seed_truth)
    wrong["report"]["fiscal_year"] = 2020  # the truth disagrees with the document
    (tmp_path / "r.truth.json").write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
    out = CliRunner().invoke(cli, ["evaluate", "--verbose", str(report)]).output
    assert "WRONG" in out and "fiscal_year: truth=2020 extracted=2021" in out
    text = CliRunner().invoke(cli, ["evaluate", str(tmp_path)]).output
    assert "1 reports with truth files" in text and "metadata" in text


def test_evaluate_errors_clearly():
    runner = CliRunner()
    assert "no such file" in runner.invoke(cli, ["evaluate", "no/such/dir"]).output
    result = runner.invoke(cli, ["evaluate", "--verbose", str(ROOT / "pyproject.toml")])
    assert result.exit_code != 0 and "no truth file" in result.output
