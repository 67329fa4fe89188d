"""Every PDF reads the same whatever fonts the machine has: ``jixiao extract --json`` gives
byte-identical output, and the pdfplumber path identical blocks, in a process that sees the
installed fonts and in one that sees none (a private mount namespace with an empty directory
mounted over each font directory; PDFium scans those directories itself, so environment
variables such as FONTCONFIG_FILE would not hide anything from it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .pdf_outputs import FONT_DIRS
from .test_pdf_fastpath import build_embedded_table_pdf, build_embedded_text_pdf
from .test_readers import build_table_pdf, build_text_pdf

ROOT = Path(__file__).resolve().parent.parent


def _can_unshare() -> str | None:
    """None when this process may make a mount namespace, else the reason it may not."""
    if shutil.which("unshare") is None:
        return "no unshare(1) on this machine"
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, text=True)
    if probe.returncode:
        return f"cannot make a mount namespace (root needed): {probe.stderr.strip()}"
    return None


def _outputs(paths: list[str], hide_fonts: bool, empty: Path) -> dict:
    cmd = [sys.executable, "-m", "tests.pdf_outputs", *paths]
    if hide_fonts:
        mounts = "".join(
            f'[ -d {d} ] && {{ mount --bind "$0" {d} || exit 90; }}; ' for d in FONT_DIRS
        )
        cmd = ["unshare", "-m", "sh", "-c", mounts + 'shift; exec "$@"', str(empty), "_", *cmd]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def _committed_pdfs() -> list[str]:
    found = [*ROOT.glob("corpus/**/*.pdf"), *ROOT.glob("tests/fixtures/**/*.pdf")]
    return sorted(str(p.relative_to(ROOT)) for p in found if p.is_file())


@pytest.mark.skipif(_can_unshare() is not None, reason=str(_can_unshare()))
def test_pdfs_read_the_same_without_any_font_installed(tmp_path: Path) -> None:
    built = {
        "cjk-table.pdf": build_table_pdf,
        "cjk-text.pdf": build_text_pdf,
        "embedded-table.pdf": build_embedded_table_pdf,
        "embedded-text.pdf": build_embedded_text_pdf,
    }
    for name, build in built.items():
        (tmp_path / name).write_bytes(build())
    paths = _committed_pdfs()
    assert any(p.startswith("corpus/seed/") for p in paths)
    assert any(p.startswith("corpus/generated/") for p in paths)
    assert any(p.startswith("tests/fixtures/") for p in paths)
    paths += [str(tmp_path / name) for name in built]
    empty = tmp_path / "no-fonts"
    empty.mkdir()

    normal = _outputs(paths, hide_fonts=False, empty=empty)
    bare = _outputs(paths, hide_fonts=True, empty=empty)

    assert bare["fonts"] == []  # the second process really saw no font at all
    assert normal["files"].keys() == bare["files"].keys() == set(paths)
    differ = [p for p in paths if normal["files"][p] != bare["files"][p]]
    assert differ == [], f"read differently without fonts: {differ}"
    # The comparison covered both engines and real extractions, not only errors.
    results = normal["files"].values()
    assert sum(r["exit"] == 0 for r in results) > 50
    assert any("pdfplumber" in r for r in results)  # read by PDFium, pdfplumber compared too
