"""Formats people submit besides .txt/.docx/.pdf, on fixtures from scripts/make_format_fixtures.py:
a .doc, a 自评表 as .xlsx and .xls, and a scanned (image-only) PDF. Each must give the same
values as its .docx twin, or be flagged/OCR'd."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractor.errors import ReadError
from extractor.pipeline import extract_file
from extractor.readers import convert, ocr, read_file
from extractor.readers.xlsx import display

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "formats"
SEED_DOCX = ROOT / "corpus" / "seed" / "qiemo-kexie-2021-monitoring.docx"
needs_soffice = pytest.mark.skipif(
    convert.find_soffice() is None,
    reason="LibreOffice (soffice) is not installed; .ci/run installs it",
)


def values(result: dict[str, Any]) -> dict[str, Any]:
    """Everything extracted except where it came from (spans are compared via the text)."""

    def strip(x: Any) -> Any:
        if isinstance(x, dict):
            return {
                k: strip(v) for k, v in x.items() if k not in ("span", "spans", "related_spans")
            }
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x

    return {k: strip(v) for k, v in result.items() if k not in ("source", "text")}


def grid(path: Path) -> list[list[tuple[str, int, int] | None]]:
    tables = [b for b in read_file(path).blocks if b.kind == "table"]
    assert len(tables) == 1
    return [[(c.text, c.rowspan, c.colspan) if c else None for c in row] for row in tables[0].rows]


# --- .doc through LibreOffice ------------------------------------------------------------------


@needs_soffice
def test_doc_extracts_exactly_like_its_docx_twin() -> None:
    doc = extract_file(FIX / "seed.doc")
    twin = extract_file(SEED_DOCX)
    assert doc["source"]["format"] == "doc"
    assert doc["source"]["parser"].startswith("LibreOffice ")
    assert doc["text"] == twin["text"]  # so every span is the same too
    assert values(doc) == values(twin)
    assert doc["report"]["department"] == "且末县科学技术协会" and len(doc["indicators"]) >= 10


def test_doc_without_libreoffice_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_SOFFICE", str(FIX / "no-such-soffice"))
    with pytest.raises(ReadError) as err:
        read_file(FIX / "seed.doc")
    assert err.value.kind == "converter_missing"
    assert "apt-get install libreoffice-writer-nogui" in err.value.message
    assert err.value.path.endswith("seed.doc")


@needs_soffice
def test_rtf_and_html_go_through_libreoffice_too(tmp_path: Path) -> None:
    def escaped(text: str) -> str:
        return "".join(ch if ord(ch) < 128 else f"\\u{ord(ch)}?" for ch in text)

    rtf = tmp_path / "报告.rtf"
    rtf.write_text(
        "{\\rtf1\\ansi{\\fonttbl\\f0 SimSun;}\\f0 "
        + escaped("我部门 2021 年预算 41.12 万元，到位率 39.25%。")
        + "\\par}",
        encoding="ascii",
    )
    result = extract_file(rtf)
    assert result["source"]["format"] == "rtf"
    assert "我部门 2021 年预算 41.12 万元,到位率 39.25%。" in result["text"]
    assert any(b["amount_yuan"] == 411200.0 for b in result["budget"])


@needs_soffice
def test_html_resources_are_not_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("<p>TOPSECRET</p>", encoding="utf-8")
    page = tmp_path / "report.doc"  # HTML saved with a .doc name, as Word users do
    page.write_text(
        f'<html><head><meta charset="utf-8"><link rel="stylesheet" href="{secret.as_uri()}">'
        f'</head><body><p>我部门 2021 年预算 41.12 万元。</p><iframe src="{secret.as_uri()}">'
        f'</iframe><img src="{secret.as_uri()}"></body></html>',
        encoding="utf-8",
    )
    sent: list[bytes] = []
    real = convert.to_docx
    monkeypatch.setattr(convert, "to_docx", lambda data, *a: sent.append(data) or real(data, *a))
    result = extract_file(page)
    assert result["source"]["format"] == "html"
    assert "41.12 万元" in result["text"] and "TOPSECRET" not in result["text"]
    # LibreOffice never saw a reference it could load
    assert secret.as_uri().encode() not in sent[0] and b"41.12" in sent[0]


@needs_soffice
def test_a_converter_that_hangs_is_killed_and_reported(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as err:
        convert.to_docx((FIX / "seed.doc").read_bytes(), "x.doc", "doc", timeout=0.01)
    assert err.value.kind == "timeout"


# --- .xlsx and .xls 自评表 -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["selfeval.xlsx", "selfeval.xls"])
def test_workbook_has_the_same_grid_and_merges_as_the_word_table(name: str) -> None:
    assert grid(FIX / name) == grid(FIX / "selfeval.docx")


@pytest.mark.parametrize("name", ["selfeval.xlsx", "selfeval.xls"])
def test_workbook_extracts_exactly_like_its_docx_twin(name: str) -> None:
    book = extract_file(FIX / name)
    twin = extract_file(FIX / "selfeval.docx")
    assert book["source"]["format"] == name.split(".")[1]
    assert book["text"] == twin["text"]
    assert values(book) == values(twin)
    # not vacuous: the form's values are there, read from cells stored as numbers
    assert book["report"]["self_score"] == 98.05
    assert len(book["indicators"]) == 8
    assert any(b["rate_pct"] == 80.53 for b in book["budget"])


def test_xlsx_merged_cells_become_spans() -> None:
    rows = grid(FIX / "selfeval.xlsx")
    cells = {c[0]: c for row in rows for c in row if c}
    assert cells["项目资金（万元）"][1:] == (5, 1)
    assert cells["产出指标(50分)"][1:] == (5, 1)
    assert rows[0][0][2] == len(rows[0]) and rows[0][1:] == [None] * (len(rows[0]) - 1)


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.8053, "0.00%", "80.53%"),
        (0.5, "0%", "50%"),
        (4657.06, "0.00", "4657.06"),
        (1234567.5, "#,##0.00", "1,234,567.50"),
        (0.1 + 0.2, "General", "0.3"),
        (10.0, "General", "10"),
        (12, "0", "12"),
        ("≥1190户", "General", "≥1190户"),
        (None, "General", ""),
    ],
)
def test_cells_are_shown_as_excel_shows_them(value: object, fmt: str, shown: str) -> None:
    assert display(value, fmt) == shown


def test_dates_in_cells() -> None:
    from datetime import datetime

    assert display(datetime(2023, 1, 10), "yyyy-mm-dd") == "2023-01-10"
    assert display(datetime(2023, 1, 10), 'yyyy"年"m"月"d"日"') == "2023年1月10日"


# --- scanned PDFs --------------------------------------------------------------------------------


def test_scanned_pdf_is_flagged_without_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    result = extract_file(FIX / "scanned.pdf")
    assert any("jixiao[ocr]" in w and "1" in w for w in result["source"]["warnings"])
    assert "RapidOCR" not in result["source"]["parser"]
    assert result["text"] == "" and result["report"]["department"] is None


@pytest.fixture(scope="module")
def ocr_result() -> dict[str, Any]:
    if not ocr.available():
        pytest.skip("the optional extra jixiao[ocr] is not installed (pip install -e '.[ocr]')")
    return extract_file(FIX / "scanned.pdf")


def test_scanned_pdf_is_ocrd_with_the_extra(ocr_result: dict[str, Any]) -> None:
    src = ocr_result["source"]
    assert "RapidOCR" in src["parser"] and any("OCR" in w for w in src["warnings"])
    report = ocr_result["report"]
    assert report["title"] == "且末县科协整体支出绩效监控报告"
    assert report["department"] == "且末县科学技术协会"
    assert report["filled_date"] == "2021-07-02"
    counts = {p["category"]: p["count"] for p in ocr_result["personnel"]}
    assert counts["编制数"] == 1 and counts["实有人数"] == 3
    # wrapped lines were joined back into the paragraph the seed has
    assert "与去年相比增加在职人员1人。" in ocr_result["text"]
    for p in ocr_result["personnel"]:
        span = p["span"]
        assert ocr_result["text"][span["start"] : span["end"]] == span["text"] and span["page"] == 1


def test_ocr_rebuilds_lines_from_boxes() -> None:
    B = ocr.Box
    boxes = [
        B("且末县科学技术协会编制数1人，与去年相比增", 100, 900, 100, 120),
        B("组长：", 100, 150, 200, 220),
        B("李斌", 152, 190, 201, 221),
        B("加在职人员1人。", 100, 300, 130, 150),
        B("项目名称", 100, 180, 300, 320),
        B("优抚对象", 400, 480, 302, 322),  # a separate table column: kept apart by a space
    ]
    paras = ocr.paragraphs_from_lines(ocr.lines_from_boxes(boxes))
    assert paras == [
        "且末县科学技术协会编制数1人，与去年相比增加在职人员1人。",
        "组长：李斌",
        "项目名称 优抚对象",
    ]


def test_no_ocr_for_pages_with_text() -> None:
    reading = read_file(SEED_DOCX.with_suffix(".pdf"))
    assert ocr.unreadable_pages(reading) == []
    assert "RapidOCR" not in reading.parser


def test_pages_of_cid_garbage_or_without_text_need_ocr() -> None:
    from extractor.model import RawBlock, RawCell
    from extractor.readers import Reading

    garbage = "(cid:12)(cid:7)(cid:99)" * 5 + "第"
    blocks = [
        RawBlock("paragraph", 1, "且末县科协整体支出绩效监控报告"),
        RawBlock("paragraph", 2, garbage),
        RawBlock("table", 4, rows=[[RawCell("\ufffd\ufffd\ufffd"), None]]),
        RawBlock("paragraph", 5, "预算 41.12 万元 (cid:3)"),  # one bad glyph is not a bad page
    ]
    reading = Reading(blocks, "pdf", "pdfplumber", pages=5)
    assert ocr.unreadable_pages(reading) == [2, 3, 4]
