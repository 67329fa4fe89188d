"""A report with roles imports spaCy without its command line, and finds the same people."""

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "corpus" / "generated" / "000-monitor_prose.txt"
CLI_MODULES = ("spacy.cli", "weasel", "typer", "httpx")

PROBE = """
import json, sys
from extractor.pipeline import extract_file
people = [{"name": p["name"], "role": p["role"]} for p in extract_file(sys.argv[1])["people"]]
loaded = sorted(m for m in ["spacy", *sys.argv[2].split(",")] if m in sys.modules)
import os
threads = len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else 1
blas_env = os.environ.get("OPENBLAS_NUM_THREADS")
import spacy.cli  # the real command line, imported on demand
print(json.dumps({
    "people": people,
    "loaded": loaded,
    "threads": threads,
    "blas_env": blas_env,
    "cli": spacy.cli.info is not None and "typer" in sys.modules,
    "info_is_lazy": spacy.info.__module__,
    "info": spacy.info(silent=True)["spacy_version"] == spacy.__version__,
}))
"""


def probe_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}


@cache  # one fresh process for both tests: it is what they look at
def probe() -> dict:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(REPORT), ",".join(CLI_MODULES)],
        cwd=ROOT, capture_output=True, text=True, check=True, env=probe_env(),
    ).stdout  # fmt: skip
    return json.loads(out)


def test_roles_report_loads_spacy_without_its_cli_and_finds_its_people():
    got = probe()
    assert got["loaded"] == ["spacy"]
    truth = json.loads(REPORT.with_suffix(".truth.json").read_text(encoding="utf-8"))["people"]
    assert got["people"] == [{"name": p["name"], "role": p["role"]} for p in truth]


def test_spacy_cli_and_info_still_work_afterwards():
    got = probe()
    assert got["cli"] is True
    assert got["info_is_lazy"] == "extractor.lean_spacy"
    assert got["info"] is True


def test_numpy_came_with_one_blas_thread_and_the_variable_is_gone():
    got = probe()
    assert got["threads"] == 1  # OpenBLAS started no thread of its own for the people pipeline
    assert got["blas_env"] is None  # child processes do not inherit it
