"""The Dask path: the same per-file tasks on a (local) distributed cluster, through the CLI's
``--scheduler``, give the same database as the local worker pool."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from extractor.batch import extract_to_db
from extractor.cli import cli

from .test_batch import _corpus, check_consistent, dump

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    # Small: one worker process with one thread, plain TCP on localhost like a real scheduler.
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, protocol="tcp://",
        host="127.0.0.1", dashboard_address=None,
    ) as c:  # fmt: skip
        yield c


def test_scheduler_gives_the_same_database_as_the_local_path(tmp_path, cluster):
    folder = _corpus(tmp_path)
    result = CliRunner().invoke(
        cli,
        ["extract", str(folder), "--db", str(tmp_path / "dask.db"), "-q",
         "--scheduler", cluster.scheduler_address],
    )  # fmt: skip
    assert result.exit_code == 1, result.output  # the broken and the empty file
    assert "8 extracted, 0 skipped (unchanged), 2 failed" in result.output
    local = extract_to_db([str(folder)], str(tmp_path / "local.db"), workers=0)
    assert local.extracted == 8
    assert dump(tmp_path / "dask.db") == dump(tmp_path / "local.db")
    check_consistent(tmp_path / "dask.db")

    again = CliRunner().invoke(
        cli,
        ["extract", str(folder), "--db", str(tmp_path / "dask.db"), "-q",
         "--scheduler", cluster.scheduler_address],
    )  # fmt: skip
    assert "0 extracted, 8 skipped" in again.output


def test_a_file_over_the_time_limit_on_the_cluster_is_recorded(tmp_path, cluster):
    from .test_batch import huge_report

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "huge.txt").write_bytes(huge_report())
    with distributed.Client(cluster) as client:
        summary = extract_to_db([str(folder)], str(tmp_path / "r.db"), scheduler=client, timeout=1)
    assert summary.failed == 1 and summary.failures[0][1] == "timeout"


def test_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    from extractor import dask_runner

    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT", "1s")
    folder = _corpus(tmp_path)
    result = CliRunner().invoke(
        cli,
        [
            "extract",
            str(folder),
            "--db",
            str(tmp_path / "r.db"),
            "--scheduler",
            "tcp://127.0.0.1:9",
        ],
    )
    assert result.exit_code == 1
    assert "tcp://127.0.0.1:9" in result.output and "no Dask scheduler" in result.output
    assert "Traceback" not in result.output
