"""Extraction on real public reports: floors per family, and our scorer agrees with the shared one.

The texts and their hand-made truth live outside the project (``../shared/real``) and are never
copied into it; these tests read them in place and skip when they are not there.
"""

from __future__ import annotations

import importlib.util
import json
import tomllib
from pathlib import Path

import pytest

from extractor.evaluate_real import evaluate_real, find_real_pairs, score_real, summary
from extractor.pipeline import extract_file

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real" / "texts"
FLOORS = tomllib.loads((ROOT / "tests" / "real_floor.toml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"real reports not present ({REAL.name})")


@pytest.fixture(scope="module")
def real_summary() -> dict:
    return summary(evaluate_real([REAL], workers=2))


def test_every_real_report_is_read_without_failure(real_summary):
    assert real_summary["files"] >= 100
    assert real_summary["failed"] == []


@pytest.mark.parametrize("family", sorted(FLOORS["floor"]))
def test_recall_is_not_below_its_floor(real_summary, family):
    found, stated = real_summary["totals"][family]
    pct = 100 * found / stated
    assert pct >= FLOORS["floor"][family], f"{family}: {pct:.1f}% ({found}/{stated})"


def test_error_findings_on_clean_files_stay_under_the_ceiling(real_summary):
    assert real_summary["clean_files_with_errors"] <= FLOORS["ceiling"]["clean_files_with_errors"]


def test_scores_equal_the_shared_scorer():
    """`jixiao evaluate` counts as the scorer shipped with the real reports does."""
    spec = importlib.util.spec_from_file_location("real_score", REAL.parent / "score.py")
    if spec is None or not (REAL.parent / "score.py").exists():
        pytest.skip("the shared scorer is not present")
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    pairs = find_real_pairs([REAL])[::7]
    for path, truth in pairs:
        got = json.loads(json.dumps(extract_file(path), ensure_ascii=False))
        shared.run = lambda _jx, _p, got=got: (got, None)
        theirs = shared.score_file("in-process", path, truth)
        ours = score_real(truth, got)
        for family in ("amounts", "rates", "personnel", "people", "ind", "ind_vals", "meta",
                       "findings"):  # fmt: skip
            assert tuple(ours[family]) == tuple(theirs[family]), (path.name, family)
        assert ours["ind_extra"] == theirs["ind_extra"]
