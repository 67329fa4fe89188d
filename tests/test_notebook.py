"""notebooks/analysis.ipynb runs top to bottom (nbclient, a kernel from this environment)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT
from .explore_db import build_explore_db, without_cross_report_tables

NOTEBOOK = ROOT / "notebooks" / "analysis.ipynb"


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    return build_explore_db(tmp_path_factory.getbasetemp() / "explore")


def run_notebook(db: Path | None, workdir: Path, monkeypatch) -> list[str]:
    """Execute the notebook; return each code cell's text output and image count."""
    if db is None:
        monkeypatch.delenv("JIXIAO_DB", raising=False)
    else:
        monkeypatch.setenv("JIXIAO_DB", str(db))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # Raises CellExecutionError (with the traceback) if any cell fails.
    NotebookClient(
        nb, kernel_name="python3", timeout=180, resources={"metadata": {"path": str(workdir)}}
    ).execute()
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        text, images = [], 0
        for o in cell.outputs:
            assert o.output_type != "error", o
            if o.output_type == "stream":
                text.append(o.text)
            elif "data" in o:
                text.append(o["data"].get("text/plain", ""))
                images += "image/png" in o["data"]
        out.append(("".join(text), images))
    return out


def test_notebook_runs_on_the_pipeline_database(db_path, tmp_path, monkeypatch):
    conn = sqlite3.connect(db_path)
    n_reports = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    n_findings = conn.execute("SELECT count(*) FROM findings").fetchone()[0]
    conn.close()
    setup, overview, execution, completion, findings, copies, review = run_notebook(
        db_path, tmp_path, monkeypatch
    )
    assert str(db_path) in setup[0]
    assert f"共 {n_reports} 份报告" in overview[0]
    assert execution[1] == 1 and f"{n_reports} 份报告有预算执行率" in execution[0]
    assert "中位数 34.39%" in execution[0]
    assert completion[1] == 1 and "个指标可重算" in completion[0]
    if n_findings:
        assert findings[1] == 1 and f"共 {n_findings} 条发现" in findings[0]
    else:
        assert "findings 表是空的" in findings[0]
    assert copies[1] == 0 and "shared_passages" in copies[0]  # not built by extract alone
    serious = rows(db_path, "SELECT count(*) FROM findings WHERE severity IN ('error', 'warning')")
    if serious:
        assert review[1] == 1 and f"错误和警告共 {serious} 条" in review[0]


def rows(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_the_review_plot_counts_the_marks(db_path, tmp_path, monkeypatch):
    from extractor.review import mark

    copy = tmp_path / "reviewed.db"
    shutil.copy(db_path, copy)
    conn = sqlite3.connect(copy)
    keys = [r[0] for r in conn.execute(
        "SELECT key FROM findings WHERE severity IN ('error', 'warning') ORDER BY id")]  # fmt: skip
    conn.close()
    assert len(keys) >= 2
    mark(copy, keys[0], "confirmed", "审核员")
    mark(copy, keys[1], "dismissed", "审核员", "误报")
    *_, review = run_notebook(copy, tmp_path, monkeypatch)
    assert review[1] == 1
    assert f"错误和警告共 {len(keys)} 条：已确认 1，已排除 1，未审核 {len(keys) - 2}" in review[0]


def test_the_committed_notebook_shows_its_outputs():
    """Browsed on a forge or opened without a kernel, the notebook shows its tables and plots."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs for c in code)
    assert not any(o.output_type == "error" for c in code for o in c.outputs)
    images = sum("image/png" in o.get("data", {}) for c in code for o in c.outputs)
    assert images >= 5  # execution rates, completion, findings, copy map, review state
    text = "".join(o.get("text", "") for c in code for o in c.outputs)
    assert "审核进度" in "".join(c.source for c in nb.cells) and "已排除" in text
    assert "/tmp" not in text and "/work" not in text  # no machine paths


def test_notebook_says_so_when_tables_are_empty_or_missing(db_path, tmp_path, monkeypatch):
    copy = without_cross_report_tables(db_path, tmp_path / "partial.db")
    *_, findings, copies, _review = run_notebook(copy, tmp_path, monkeypatch)
    assert "findings 表是空的，跳过这一节" in findings[0] and findings[1] == 0
    assert "数据库中没有 shared_passages 表" in copies[0] and copies[1] == 0


def test_notebook_draws_the_copy_map_when_passages_exist(db_path, tmp_path, monkeypatch):
    copy = tmp_path / "copies.db"
    shutil.copy(db_path, copy)
    conn = sqlite3.connect(copy)
    ids = [r[0] for r in conn.execute("SELECT id FROM reports ORDER BY department")]
    conn.execute("DROP TABLE IF EXISTS shared_passages")
    conn.execute("CREATE TABLE shared_passages (report_a TEXT, report_b TEXT, similarity REAL)")
    conn.execute("INSERT INTO shared_passages VALUES (?, ?, 0.95)", [ids[0], ids[-1]])
    conn.commit()
    conn.close()
    *_, copies, _review = run_notebook(copy, tmp_path, monkeypatch)
    assert copies[1] == 1 and "1 处雷同段落，涉及 2 个单位" in copies[0]


def test_notebook_without_a_database_explains_what_to_do(tmp_path, monkeypatch):
    outputs = run_notebook(None, tmp_path, monkeypatch)
    assert "没有找到数据库" in outputs[0][0]
    assert all(images == 0 for _, images in outputs)
