"""``jixiao export DB --letters DIR``: one .docx letter (审核意见) per report to send to its unit.

Each letter names the unit, the report and its year, then lists every error and warning not
dismissed by a reviewer (extractor/review.py) with the quoted passage, its page, what the report
states and what it recomputes to, and ends with a closing line. All wording is in
patterns/letter.toml, so a bureau can use its own (JIXIAO_PATTERNS).
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from docx import Document

from .export_findings import load_findings
from .patterns import load

LETTER_SEVERITIES = ("error", "warning")  # info findings are notes for the reviewer only
UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


def _number(x: Any, unknown: str) -> str:
    if x is None:
        return unknown
    if isinstance(x, float):
        return f"{x:,.2f}".rstrip("0").rstrip(".")
    return str(x)


def letter_filename(report: dict[str, Any]) -> str:
    """``单位-年度-编号.docx``: readable, and unique by the report's sha256 prefix."""
    unit = report.get("department") or Path(report.get("path") or "report").stem
    parts = [
        unit,
        str(report["fiscal_year"]) if report.get("fiscal_year") else "",
        report["report_id"][:8],
    ]
    name = "-".join(p for p in parts if p)
    return UNSAFE_FILENAME.sub("_", name)[:120] + ".docx"


def _fields(first: dict[str, Any], count: int, words: dict[str, str]) -> dict[str, Any]:
    today = datetime.date.today()
    unknown = words.get("unknown", "")
    return {
        "department": first.get("department") or unknown,
        "fiscal_year": first.get("fiscal_year") or unknown,
        "report_type": first.get("report_type") or unknown,
        "title": first.get("title") or first.get("file") or unknown,
        "file": first.get("file") or unknown,
        "count": count,
        "date": f"{today.year}年{today.month}月{today.day}日",
    }


def write_letter(findings: list[dict[str, Any]], path: Path) -> None:
    """One report's letter from its display records (extractor/export_findings.py)."""
    words = load("letter")
    fields = _fields(findings[0], len(findings), words)
    doc = Document()
    doc.add_heading(words["title"].format(**fields), level=1)
    doc.add_paragraph(words["salutation"].format(**fields))
    doc.add_paragraph(words["intro"].format(**fields))
    unknown = words.get("unknown", "")
    for n, f in enumerate(findings, 1):
        doc.add_paragraph(
            words["item"].format(
                n=n,
                severity=f["severity_zh"],
                rule=f["rule_zh"],
                subject=f["subject_zh"],
                message=f["message"] or "",
            )
        )
        if f.get("context"):
            page = words["page"].format(page=f["span_page"]) if f.get("span_page") else ""
            doc.add_paragraph(words["quote"].format(page=page, passage=f["context"]))
        if f.get("stated") is not None:  # a recomputation alone (a similarity) says little
            doc.add_paragraph(
                words["figures"].format(
                    stated=_number(f.get("stated"), unknown),
                    recomputed=_number(f.get("recomputed"), unknown),
                )
            )
    doc.add_paragraph(words["closing"].format(**fields))
    doc.add_paragraph(words["signature"].format(**fields))
    doc.add_paragraph(words["date_line"].format(**fields))
    doc.save(str(path))


def write_letters(db_path: str | Path, out_dir: str | Path) -> list[Path]:
    """A letter for every report with an error or warning not dismissed; returns the files."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    by_report: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in load_findings(db_path).shown:
        if f["severity"] in LETTER_SEVERITIES:
            by_report[f["report_id"]].append(f)
    written = []
    for findings in by_report.values():
        path = out / letter_filename(findings[0])
        write_letter(findings, path)
        written.append(path)
    return written
