"""The real CLI on a folder of malformed and hostile files (``scripts/make_bad_inputs.py``) mixed
with good ones: every bad file gets one ``errors`` row with a sensible kind, every good file is
extracted, the batch exits 1 with no traceback, and memory stays bounded.

Files git cannot keep are made here: a mode-000 file, a symlink loop, a dangling symlink.
"""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "fixtures" / "bad"
JIXIAO = Path(sys.executable).parent / "jixiao"
HAS_SOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
MEMORY_LIMIT = 3 << 30  # address space of the extracting process (and of LibreOffice under it)
CONVERTER = None if HAS_SOFFICE else {"converter_missing"}

# file → the error kinds accepted for it, or None when it must be extracted.
EXPECTED: dict[str, set[str] | None] = {
    "empty.txt": {"empty"},
    "blank-lines.txt": {"empty"},
    "nul-only.txt": {"empty"},
    "truncated.pdf": {"corrupt"},
    "损坏的报告 第2版.pdf": {"corrupt"},
    "header-only.pdf": {"corrupt"},
    "zero-pages.pdf": {"corrupt"},
    "truncated.docx": {"corrupt"},
    "truncated.xlsx": {"corrupt"},
    "not-a-docx.docx": {"corrupt", "unsupported_format"},
    "malformed-xml.docx": {"corrupt"},
    "random-bytes.pdf": {"decode", "unsupported_format"},
    "random-bytes.docx": {"decode", "unsupported_format"},
    "binary.txt": {"decode", "unsupported_format"},
    "picture.pdf": {"unsupported_format"},
    "garbage-ole.doc": {"corrupt"} if HAS_SOFFICE else {"converter_missing"},
    "garbage-ole.xls": {"corrupt"},
    "encrypted.pdf": {"encrypted"},
    "password-protected.docx": {"encrypted"},
    "empty-zip.docx": {"corrupt"},
    "no-content-types.docx": {"corrupt"},
    "missing-sheet.xlsx": {"corrupt", "empty"},
    "garbage-after-header.pdf": {"corrupt"},
    "xref-loop.pdf": {"corrupt"},
    "flate-bomb.pdf": {"too_large"},  # 300 KB whose content stream inflates to 300 MB
    "zip-bomb.docx": {"zip_bomb"},
    # declares 2 KB, inflates to 40 MB: zipfile stops at the declared size and fails the CRC
    "zip-bomb-lying-sizes.docx": {"corrupt", "zip_bomb"},
    "billion-laughs.docx": {"corrupt"},  # refused: declares a DTD
    "xxe-external-entity.docx": {"corrupt"},  # refused: declares a DTD
    "billion-laughs.xlsx": {"corrupt"},  # refused: declares a DTD
    # 300 nested tables exceed libxml2's depth limit (256) without XML_PARSE_HUGE
    "nested-tables-300.docx": {"corrupt"},
    "too-large.txt": {"too_large"},
    "nested-tables-20.docx": None,
    "enormous-paragraph.txt": None,
    "enormous-paragraph.docx": None,
    "thousand-pages.pdf": None,
    "gbk-report.utf8.txt": None,
    "nul-bytes.txt": None,
    "带 空格 的 报告 (副本).txt": None,
    "真的是PDF.docx": None,
    "really-a-docx.pdf": None,
    "html-saved-as.doc": CONVERTER,
    "x.pdf/report-inside-a-folder-named-like-a-file.txt": None,
}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("bad")
    folder = tmp / "in"
    shutil.copytree(BAD, folder)
    expected = {str(folder / name): kinds for name, kinds in EXPECTED.items()}

    locked = folder / "no-permission.txt"
    locked.write_text("且末县科协整体支出绩效监控报告\n预算 41.12 万元", encoding="utf-8")
    locked.chmod(0)
    # root reads any file whatever its mode, so as root the file is simply extracted; as any
    # other user it must be an "unreadable" error row.
    expected[str(locked)] = None if os.geteuid() == 0 else {"unreadable"}
    (folder / "loop").symlink_to(".", target_is_directory=True)  # os.walk must not follow it
    (folder / "loop-a.pdf").symlink_to("loop-b.pdf")
    (folder / "loop-b.pdf").symlink_to("loop-a.pdf")
    (folder / "dangling.docx").symlink_to("nowhere.docx")
    for name in ("loop-a.pdf", "loop-b.pdf", "dangling.docx"):
        expected[str(folder / name)] = {"unreadable", "not_found"}

    db = tmp / "out.db"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run(
        [str(JIXIAO), "extract", str(folder), "--db", str(db)],
        capture_output=True,
        text=True,
        preexec_fn=_limit_memory,
        timeout=900,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )
    locked.chmod(0o644)
    maxrss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    errors = {r["path"]: dict(r) for r in con.execute("SELECT * FROM errors")}
    reports = {r["path"] for r in con.execute("SELECT path FROM reports")}
    return {
        "proc": proc,
        "errors": errors,
        "reports": reports,
        "expected": expected,
        "maxrss_kb": maxrss_kb,
        "rss_grew": maxrss_kb > before,
    }


def test_there_are_at_least_30_bad_files() -> None:
    committed = [p for p in BAD.rglob("*") if p.is_file()]
    assert len(committed) == len(EXPECTED)  # the generator and this table agree
    # at least 30 of them must fail (the others are hard but readable)
    assert sum(kinds is not None for kinds in EXPECTED.values()) >= 30


def test_batch_exits_1_without_a_traceback(batch: dict) -> None:
    proc = batch["proc"]
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    assert "extracted" in proc.stdout and "failed" in proc.stdout


def test_every_bad_file_has_one_error_row_with_a_sensible_kind(batch: dict) -> None:
    for path, kinds in batch["expected"].items():
        if kinds is None:
            continue
        row = batch["errors"].get(path)
        assert row is not None, f"no error row for {path}"
        assert row["kind"] in kinds, (path, row["kind"], row["message"])
        assert row["message"].strip(), path
        assert path not in batch["reports"], path


def test_hostile_containers_are_refused_for_what_they_are(batch: dict) -> None:
    folder = Path(next(iter(batch["expected"]))).parent
    for name in ("billion-laughs.docx", "xxe-external-entity.docx", "billion-laughs.xlsx"):
        assert "declares a DTD" in batch["errors"][str(folder / name)]["message"]
    assert "inflate" in batch["errors"][str(folder / "zip-bomb.docx")]["message"]
    assert "password" in batch["errors"][str(folder / "password-protected.docx")]["message"]


def test_every_good_file_is_extracted_and_nothing_else_fails(batch: dict) -> None:
    good = {p for p, kinds in batch["expected"].items() if kinds is None}
    assert good <= batch["reports"], good - batch["reports"]
    assert not good & set(batch["errors"]), {
        p: batch["errors"][p] for p in good & set(batch["errors"])
    }
    # nothing outside the table: the directory symlink loop was not walked into
    assert set(batch["errors"]) <= set(batch["expected"]), set(batch["errors"]) - set(
        batch["expected"]
    )
    assert batch["reports"] <= set(batch["expected"])


def test_memory_stays_bounded(batch: dict) -> None:
    # The child ran under RLIMIT_AS (a MemoryError would have been an error row or a crash);
    # its peak resident memory (and LibreOffice's) is far below what a bomb would need.
    assert batch["maxrss_kb"] < 1_500_000, batch["maxrss_kb"]


def test_python_docx_does_not_expand_or_fetch_entities() -> None:
    """Behind the guard, python-docx's own parser is safe too: libxml2 stops the amplification
    and external entities stay unresolved references."""
    laughs = zipfile.ZipFile(BAD / "billion-laughs.docx").read("word/document.xml")
    with pytest.raises(etree.XMLSyntaxError, match="amplification"):
        parse_xml(laughs)
    xxe = zipfile.ZipFile(BAD / "xxe-external-entity.docx").read("word/document.xml")
    text = "".join(parse_xml(xxe).itertext())
    assert "root:" not in text and len(text) < 100


def test_overlong_paragraphs_are_split_at_sentence_ends_keeping_every_character() -> None:
    from extractor.model import RawBlock
    from extractor.readers import Reading, limits

    text = "我部门预算41.12万元，到位率39.25%。" * 1000
    reading = limits.bound(Reading([RawBlock("paragraph", 3, text)], "txt", "text"), "x.txt")
    pieces = [b.text for b in reading.blocks]
    assert "".join(pieces) == text and len(pieces) > 1
    assert all(len(p) <= limits.MAX_PARAGRAPH_CHARS and p.endswith("。") for p in pieces)
    assert all(b.page == 3 for b in reading.blocks)
    assert any("split at sentence ends" in w for w in reading.warnings)


def test_workbooks_beyond_the_cell_limit_are_cut_with_a_warning(monkeypatch) -> None:
    from extractor.readers import read_file, xlsx

    monkeypatch.setattr(xlsx, "MAX_CELLS", 10)
    for name in ("selfeval.xlsx", "selfeval.xls"):
        reading = read_file(ROOT / "tests" / "fixtures" / "formats" / name)
        filled = [c for b in reading.blocks for row in b.rows for c in row if c and c.text]
        assert len(filled) <= 11
        assert any("more than 10 cells" in w for w in reading.warnings)
