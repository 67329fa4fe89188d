"""Indicators stated as name-value clauses in running prose, read by the section they sit in.

Real reports rarely write ``指标1:…目标值…实际完成值…``. They write clauses: ``验收合格率100%``,
``完成了道路养护12公里``, ``数量指标:布防车辆≥3辆,实际布防3辆``, or a numbered heading that names
the indicator above the paragraph that gives its result. A clause is an indicator only inside a
section that is about indicators, which a heading opens:

- a level heading (``1.产出指标完成情况分析``, ``(一)数量指标``, or one leading the paragraph,
  ``(1)产出指标。建设…``): every name-value clause under it;
- a goals heading (``(二)项目绩效目标``, ``…绩效目标设定情况``): clauses are targets, money
  flows excepted (``安排资金50万元`` is the budget);
- a results list (``2.完成的绩效目标``, ``…绩效指标完成情况``): clauses are actual values;
- a results narrative (``…绩效目标完成情况分析``): only rate-like indicators (``…合格率100%``).

A heading of the same or an outer rank closes the section. Patterns: ``[prose]`` in
``patterns/indicators.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from ..model import Document
from ..numbers import as_number
from .indicator_clauses import GOALS, YEAR, prose_grammar, scan
from .indicator_fields import blank
from .indicator_segments import TERMINATORS
from .values import find_values, parse_whole


@dataclass
class Section:
    rank: int
    mode: str  # level | target | result_list | result_rate
    level1: str | None = None
    level2: str | None = None


def names_a_level(name: str) -> bool:
    """A statement "named" ``数量指标。…`` is a level heading leading clauses, misread."""
    m = prose_grammar()["lead"].match(name)
    return bool(m) and m.end() < len(name)


def heading_rank(text: str, pg: dict) -> tuple[int, int]:
    """(rank, length of the numbering) of a paragraph's numbering; unnumbered ranks last."""
    m = pg["rank_any"].match(text)  # one match call, not one per rank
    if m:
        return int(m.lastgroup[1:]), m.end()
    return len(pg["rank_res"]), 0


_NOT_HEADING = regex.compile(r"[\d,;;。]")


def is_heading(text: str, numbering: int) -> bool:
    """A short line with no clause breaks and no figures (a year aside) is a heading.

    ``numbering``: the length of its numbering (``heading_rank``, found once by the caller)."""
    body = text[numbering:]
    if "年" in body:  # a year is written with 年: without one there is none to drop
        body = YEAR.sub("", body)
    body = body.rstrip("。.: ")
    return 0 < len(body) <= 30 and not _NOT_HEADING.search(body)


def classify(text: str, pg: dict) -> str | None:
    if any(w in text for w in pg["result_list_headings"]):
        return "result_list"
    if any(w in text for w in pg["result_rate_headings"]):
        return "result_rate"
    if any(w in text for w in pg["target_headings"]) and not any(
        w in text for w in pg["result_words"]
    ):
        return "target"
    return None


class ProseReader:
    """Walks a document's paragraphs in order, keeping the sections that headings open."""

    def __init__(self, doc: Document, g: dict, heading_levels) -> None:
        self.doc, self.g, self.pg = doc, g, prose_grammar()
        self.heading_levels = heading_levels
        self.stack: list[Section] = []
        self.pending: tuple[str, int, Section] | None = None
        self.carry: int | None = None
        self.seen: list[dict[str, Any]] = []

    def levels(self) -> tuple[str | None, str | None]:
        l1 = next((s.level1 for s in reversed(self.stack) if s.level1), None)
        l2 = next((s.level2 for s in reversed(self.stack) if s.level2), None)
        return l1, l2

    def feed(self, start: int, end: int, taken: bool) -> list[dict[str, Any]]:
        """Indicators of one paragraph (none if ``taken``: a statement reader already read it).

        A result stated later for an indicator whose target came first ("一、目标任务 … 合格率
        达到95%以上" then "三、完成情况 … 合格率为97%") completes that indicator.
        """
        new = []
        for ind in self._read(start, end, taken):
            earlier = self._target_only(ind)
            if earlier is None:
                new.append(ind)
                self.seen.append(ind)
            else:
                earlier["actual_raw"], earlier["actual"] = ind["actual_raw"], ind["actual"]
                earlier["field_spans"]["actual"] = ind["field_spans"]["actual"]
        return new

    def _target_only(self, ind: dict[str, Any]) -> dict[str, Any] | None:
        """The earlier target-only indicator that ``ind`` (a result alone) gives the result of."""
        if ind["target_raw"] is not None or ind["actual_raw"] is None:
            return None
        open_ = [e for e in self.seen if e["actual_raw"] is None and e["target_raw"] is not None]
        name = ind["name"]
        for e in open_:
            if e["name"] == name:
                return e
        if len(name) >= 3:
            for e in open_:
                if name in e["name"] or (len(e["name"]) >= 3 and e["name"] in name):
                    return e
        return None

    def _read(self, start: int, end: int, taken: bool) -> list[dict[str, Any]]:
        text = self.doc.text
        while start < end and text[start] in " \t\n":
            start += 1
        para = text[start:end].rstrip()
        if not para or "|" in para or para.count("\t") >= 2:
            return []  # a table row (cells between pipes or runs of spaces): the form reader's
        rank, n = heading_rank(para, self.pg)
        if is_heading(para, n) and (n > 0 or not self.pending):
            self._heading(para, start, rank, n)
            self.carry = None
            return []
        pending, self.pending = self.pending, None
        carry, self.carry = self.carry, _open_tail(text, start, start + len(para))
        if taken:
            return []
        if carry is not None and para[0].isdigit() and not YEAR.match(para):
            # "…建设内容包括坡改梯" / "21.5 hm2,…": one clause wrapped over two lines.
            para = text[carry : start + len(para)]
            start = carry
        if pending:
            ind = heading_named(self.doc, pending, start, end, self.pg)
            return [ind] if ind else []
        lead = self.pg["lead"].match(para)
        if lead:
            l1, l2 = self.levels()
            word = lead.group("w")
            if word in self.g["level2"]:
                l2, l1 = self.g["level2"][word]
            else:
                l1, l2 = self.g["level1"].get(word, l1), None
            mode = "level_target" if any(s.mode == "target" for s in self.stack) else "level"
            return scan(self.doc, start + lead.end(), start + len(para), mode, l1, l2)
        if not self.stack or self.stack[-1].mode == "none":
            goals = self._goal_sentences(start, start + len(para))
            return goals or scan(self.doc, start, start + len(para), "result_rate", None, None)
        l1, l2 = self.levels()
        return scan(self.doc, start, start + len(para), self.mode(), l1, l2)

    def _goal_sentences(self, start: int, end: int) -> list[dict[str, Any]]:
        """Targets listed after a goals lead inside a paragraph, to the end of its sentence."""
        out: list[dict[str, Any]] = []
        text = self.doc.text
        for m in self.pg["goal_lead"].finditer(text, start, end):
            stop = text.find("。", m.end(), end)
            out.extend(scan(self.doc, m.end(), end if stop < 0 else stop, "target", None, None))
        return out

    def mode(self) -> str:
        """The innermost section's mode; a level section inside a goals section states targets."""
        mode = self.stack[-1].mode
        if mode == "level" and any(s.mode == "target" for s in self.stack):
            return "level_target"
        return mode

    def _heading(self, para: str, start: int, rank: int, n: int) -> None:
        levels = self.heading_levels(para, self.g)
        # An unnumbered "产出指标" under an unnumbered "年度绩效指标" is inside it.
        outer = [s for s in self.stack if s.rank < rank or (levels and s.mode in GOALS)]
        inside_level = (
            bool(self.stack) and self.stack[-1].mode == "level" and rank > self.stack[-1].rank
        )
        mode = "level" if levels else classify(para, self.pg)
        if mode is None and inside_level and rank < len(self.pg["rank_res"]):
            # "(1)项目完成质量。" under a level heading names the indicator of the next paragraph.
            name = para[n:].strip().rstrip("。.:")
            self.pending = (name, start + n, self.stack[-1])
            return
        self.pending = None
        self.stack = outer
        l1, l2 = levels if levels else (None, None)
        # A heading about something else ("(一)资金下达情况") closes its parent's clauses too.
        self.stack.append(Section(rank, mode or "none", l1, l2))


def _open_tail(text: str, start: int, end: int) -> int | None:
    """Where the last clause of a paragraph starts, if the paragraph ends mid-clause."""
    if text[end - 1] in TERMINATORS + ":%":
        return None
    i = end
    while i > start and text[i - 1] not in TERMINATORS:
        i -= 1
    return i


def heading_named(doc: Document, pending, start: int, end: int, pg: dict) -> dict | None:
    """The indicator a heading names, its result the first clause of the paragraph below."""
    name, name_start, section = pending
    text = doc.text
    stop = start
    while stop < end and text[stop] not in TERMINATORS:
        stop += 1
    clause = text[start:stop].strip()
    values = list(find_values(text, start, stop))
    if not clause or not (values or any(w in clause for w in pg["achieved_words"])):
        return None
    ind = blank(name, section.level1, section.level2)
    ind["actual_raw"] = clause
    ind["actual"] = as_number(values[-1].number) if values else None
    ind["field_spans"]["actual"] = doc.span(start, start + len(clause))
    rate = regex.compile(r"(?:" + "|".join(pg["rate_labels"]) + r")\D{0,3}?(\d+(?:\.\d+)?)%")
    m = rate.search(text, stop, end)
    if m:
        ind["stated_rate_raw"] = m.group(1) + "%"
        ind["stated_rate_pct"] = as_number(parse_whole(m.group(1)).number)
        ind["field_spans"]["rate"] = doc.span(m.start(1), m.end())
    ind["span"] = doc.span(name_start, start + len(clause))
    return ind
