"""`jixiao extract PATH... --jsonl`: one contract JSON per line, a failed file as its error."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from extractor.cli import cli

from .conftest import SEED, SEED_STEM


def test_one_line_per_file_and_a_failed_file_is_its_error(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEED / f"{SEED_STEM}.txt", folder)
    shutil.copy(SEED / f"{SEED_STEM}.docx", folder / "sub")
    (folder / "empty.txt").write_bytes(b"")
    res = CliRunner().invoke(cli, ["extract", str(folder), "--jsonl", "--workers", "2"])
    assert res.exit_code == 1  # a file failed
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(lines) == 3
    by_name = {line["source"]["path"].rsplit("/", 1)[-1]: line for line in lines}
    assert set(by_name) == {f"{SEED_STEM}.txt", f"{SEED_STEM}.docx", "empty.txt"}
    assert by_name["empty.txt"]["error"]["kind"] == "empty"
    assert "report" not in by_name["empty.txt"]
    for name in (f"{SEED_STEM}.txt", f"{SEED_STEM}.docx"):
        line = by_name[name]
        assert "error" not in line
        assert line["report"]["fiscal_year"] == 2021 and line["indicators"]
        assert line["text"][line["indicators"][0]["span"]["start"] :].startswith(
            line["indicators"][0]["span"]["text"]
        )


def test_all_good_files_exit_0(tmp_path):
    shutil.copy(SEED / f"{SEED_STEM}.txt", tmp_path)
    res = CliRunner().invoke(cli, ["extract", str(tmp_path), "--jsonl", "--workers", "0"])
    assert res.exit_code == 0, res.output
    (line,) = res.stdout.splitlines()
    assert json.loads(line)["source"]["sha256"]
