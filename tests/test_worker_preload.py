"""What the forkserver loads for its workers, and what a report loads only when it needs it."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def _run(code: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_forkserver_preload_holds_readers_and_gb_maps_frozen():
    got = _run(
        "import gc, json, sys\n"
        "import extractor.worker_preload\n"
        "from pdfminer.cmapdb import CMapDB\n"
        "print(json.dumps({'frozen': gc.get_freeze_count(),\n"
        "  'mods': [m for m in ('spacy', 'pdfplumber', 'pypdfium2', 'docx') if m in sys.modules],\n"
        "  'cmaps': sorted(CMapDB._cmap_cache), 'umaps': sorted(CMapDB._umap_cache)}))"
    )
    assert got["frozen"] > 10_000
    assert got["mods"] == ["spacy", "pdfplumber", "pypdfium2", "docx"]
    assert got["cmaps"] == ["UniGB-UCS2-H"] and got["umaps"] == ["Adobe-GB1"]


def test_a_report_without_roles_loads_neither_spacy_nor_jieba(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("某县某局2023年度部门整体支出绩效自评报告\n年初预算数 12.5 万元。\n", "utf-8")
    people = tmp_path / "p.txt"
    people.write_text("项目负责人：王小明\n", "utf-8")
    code = (
        "import json, sys\n"
        "from extractor.pipeline import extract_file\n"
        "r = extract_file(sys.argv[1])\n"
        "print(json.dumps({'spacy': 'spacy' in sys.modules, 'people': len(r['people'])}))"
    )
    plain = _run(code.replace("sys.argv[1]", repr(str(report))))
    assert plain == {"spacy": False, "people": 0}
    named = _run(code.replace("sys.argv[1]", repr(str(people))))
    assert named == {"spacy": True, "people": 1}
