"""Years written inside budget and indicator statements, against the fiscal year.

"我部门 2020 年预算 41.12 万元" in a report on 2021 says the figure is of another year. Only the
sentences holding a budget figure or an indicator are read (a year elsewhere in the prose, such
as a history of the unit, is not a statement about this year's figures). A comparison with the
year before (与去年相比, 2020年度结转) and a target year ahead (力争到 2025 年) are allowed by
words from the convention.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import regex

from .. import patterns
from .registry import Ctx, rule

# A year followed by a month is the date of an event (收文时间为 2020 年 10 月 22 日, 2020 年 12 月
# 印发…), not the year of a figure: dates have their own rules.
YEAR = regex.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?=\s*年)(?!\s*年\s*\d{1,2}\s*月)")
BREAK_CHARS = "。;；\n"
SENTENCE_BREAK = regex.compile(f"[{BREAK_CHARS}]")
_LAST_BREAK = regex.compile(f"(?r)[{BREAK_CHARS}]")  # searched backwards from a statement
# A document's title (《关于下达 2020 年…资金的通知》) names the year it was about when it was issued.
TITLE = regex.compile(r"《[^《》]{0,120}》")


@cache
def _as_of_patterns() -> list[regex.Pattern]:
    """The extractor's cut-off patterns (截至 2021 年 6 月底): their years are checked by
    ``date_fiscal_year`` already, so they are not reported twice."""
    return [regex.compile(p) for p in patterns.load("budget")["as_of"]["patterns"]]


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    # The last break before ``start`` found backwards: a scan from the text's start for every
    # statement was quadratic in the report's length. One reverse search, not one per break
    # character.
    before = _LAST_BREAK.search(text, 0, start)
    after = SENTENCE_BREAK.search(text, end)
    return (before.end() if before else 0, after.start() if after else len(text))


def _cut(text: str, s0: int, s1: int) -> list[tuple[int, int]]:
    """Spans of the sentence whose years are not the year of a figure: cut-off dates, titles."""
    cut = [(m.start(), m.end()) for p in _as_of_patterns() for m in p.finditer(text, s0, s1)]
    return cut + [(m.start(), m.end()) for m in TITLE.finditer(text, s0, s1)]


def _statements(ctx: Ctx) -> Iterator[tuple[str, dict[str, Any]]]:
    for row in ctx.result.get("budget") or []:
        yield f"budget[{row.get('scope') or '部门整体'}/{row.get('item')}]", row.get("span") or {}
    for i, ind in enumerate(ctx.result.get("indicators") or []):
        yield f"indicators[{i}]", ind.get("span") or {}


def _allowed(year: int, fy: int, sentence: str, cfg: dict[str, Any]) -> bool:
    if year == fy - 1:
        return any(w in sentence for w in cfg["previous_year_words"])
    if year > fy:
        return any(w in sentence for w in cfg["forward_year_words"])
    return False


@rule(
    "year_in_statement",
    "dates",
    {"other_year": "warning"},
    """A year written in the sentence of a budget figure or an indicator that is not the fiscal
    year ("我部门 2020 年预算 41.12 万元" in a 2021 report). The year before is allowed in a
    sentence that says 上年/去年/结转/相比…, a later year in one that says 到/力争/规划…
    (``previous_year_words``, ``forward_year_words``). Cut-off dates (截至…) are left to
    ``date_fiscal_year``. Both spans (the year, the fiscal year) are given.""",
)
def year_in_statement(ctx: Ctx) -> Iterator[dict[str, Any]]:
    fy, text = ctx.report.get("fiscal_year"), ctx.result.get("text") or ""
    if not fy or not text:
        return
    fy, cfg = int(fy), ctx.conv["dates"]
    seen: set[int] = set()
    # The rows of one table share a sentence: once scanned, its every year is the fiscal year,
    # seen, or cut, so a second scan finds nothing to report.
    scanned: set[tuple[int, int]] = set()
    for subject, span in _statements(ctx):
        start, end = span.get("start"), span.get("end")
        if start is None or end is None or text[start:end] != span.get("text"):
            continue  # no offsets into this text: nothing to read around
        s0, s1 = _sentence(text, start, end)
        if (s0, s1) in scanned:
            continue
        scanned.add((s0, s1))
        sentence = text[s0:s1]
        cut: list[tuple[int, int]] | None = None  # read only for a year that may be reported
        # A year is read only before 年, which the sentence must hold (its end is the text's
        # end to the lookahead): most statements' sentences hold none and are not scanned.
        for m in YEAR.finditer(text, s0, s1) if "年" in sentence else ():
            year = int(m.group("y"))
            if year == fy or m.start() in seen:
                continue
            cut = _cut(text, s0, s1) if cut is None else cut
            if any(a <= m.start() < b for a, b in cut):
                continue
            seen.add(m.start())
            if _allowed(year, fy, sentence, cfg):
                continue
            yield ctx.emit(
                "other_year", subject,
                f"{'预算' if subject.startswith('budget') else '指标'}表述“{sentence.strip()[:60]}”"
                f"中的年份 {year} 年与预算年度 {fy} 年不符",
                stated=year, recomputed=fy,
                span={"page": span.get("page"), "start": m.start(), "end": m.end(),
                      "text": m.group()},
                related_spans={"statement": span,
                               "fiscal_year": (ctx.report.get("spans") or {}).get("fiscal_year")},
                fiscal_year=fy,
            )  # fmt: skip
