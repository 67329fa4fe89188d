"""Works stated in prose, where the indicator is the work and its figures describe it.

Three shapes that the name-value clause reader alone gets wrong:

- a work with its sub-figures: ``吴家路:路面硬化,建设里程1.2公里,路面宽度不低于3.5米``. The
  indicator is the road's work (``吴家路路面硬化``); 里程 and 宽度 are its target, not indicators.
- a work with its plan, its completion and a rate named only by its kind: ``实施乡道改造工程
  120公里,……,完成120公里建设任务,完工率为100%``. The rate is the work's.
- the figure before the name: ``为300名服务对象发放补助金150万元`` states two indicators,
  ``服务对象`` (300名) and ``发放补助金`` (150万元).

Patterns: ``[prose]`` in ``patterns/indicators.toml`` (``group_*``, ``completion_leads``,
``work_verbs``, ``task_tails``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .. import patterns
from ..model import Document
from .indicator_fields import blank, set_rate, set_value
from .values import Value, find_values

SENTENCE_ENDS = "。;;!?\n"


@dataclass
class WorkGroup:
    """One ``object:work,attribute value,…`` item: the work named, its figures as one value."""

    start: int  # the item's first character (the object's name)
    end: int
    name: str
    value: Value  # the figures after the work, as written; number and unit of the first


@cache
def _grammar() -> dict:
    p = patterns.load("indicators")["prose"]
    # Units a quantity of a task is counted in: no percentage, no date ("6月底", "2023年").
    counted = [
        u for u in patterns.load("units")["count"]["units"] + p["extra_units"]
        if u not in ("%", "‰", "年", "月", "日")
    ]  # fmt: skip
    units = patterns.alternation(counted)
    return {
        "counted": frozenset(counted),
        "item": regex.compile(r"\s*(?:\d{1,2}\s*[、.](?!\d)|\(\s*\d{1,2}\s*\)|[①-⑳])"),
        "group": regex.compile(
            r"\s*(?P<obj>[^\d,;。;:()\s]{2,12}?)\s*:\s*(?P<work>\p{Han}{2,8})\s*,"
        ),
        "not_objects": tuple(p["group_not_objects"]),
        "completion": regex.compile(rf"\s*(?:{patterns.alternation(p['completion_leads'])})"),
        "lead_value": regex.compile(
            rf"\s*(?:为|向|对|给)?\s*(?P<v>\d+(?:\.\d+)?(?:{units}))"
            rf"(?P<n1>\p{{Han}}{{2,10}}?)(?P<n2>(?:{patterns.alternation(p['work_verbs'])})"
            r"\p{Han}{1,12})\s*$"
        ),
        "work_verbs": tuple(p["work_verbs"]),
        "time_prefix": regex.compile(
            rf"^(?:\d{{4}}年度?|{patterns.alternation(p['work_time_prefixes'])})"
        ),
        "plan": regex.compile(rf"(?:{patterns.alternation(p['plan_leads'])})"),
    }


def work_groups(doc: Document, start: int, end: int, tail) -> list[WorkGroup]:
    """The ``object:work,attribute value,…`` items of ``doc.text[start:end]``.

    ``tail(text, a, b)`` is the clause reader's value at the end of a clause. Every clause after
    the work must carry a value: a list that also names other works is a list of indicators.
    """
    g, text = _grammar(), doc.text
    out: list[WorkGroup] = []
    a = start
    for b in [i for i in range(start, end) if text[i] in "。;;"] + [end]:
        m = g["group"].match(text, a, b)
        if m and not any(w in m.group("obj") for w in g["not_objects"]):
            group = _group(text, m, b, tail)
            if group:
                out.append(group)
        a = b + 1
    return out


def _group(text: str, m: regex.Match, end: int, tail) -> WorkGroup | None:
    values: list[Value] = []
    first = None  # where the figures start: the first attribute's name
    a = m.end()
    for b in [i for i in range(a, end) if text[i] in ",:"] + [end]:
        v = tail(text, a, b)
        if (
            v is None
            or v.is_money
            or v.unit in ("%", "‰")
            or not regex.search(r"\p{Han}{2}", text[a : v.start])
        ):
            return None  # a clause without a figure of its own, money, a rate: no sub-figure
        values.append(v)
        if first is None:
            first = a + len(text[a:b]) - len(text[a:b].lstrip())
        a = b + 1
    if first is None:
        return None
    stop = values[-1].end
    head = values[0]
    value = Value(first, stop, text[first:stop], head.number, head.unit, head.comparator)
    return WorkGroup(m.start("obj"), stop, m.group("obj") + m.group("work"), value)


def cut_item_start(doc: Document, level_lead: regex.Pattern) -> int:
    """Where a numbered item cut by the end of the text starts (``9.机械化率51.3%以上,增加0.3个``
    ending the excerpt): like a form row cut off, it is dropped, not half-read. Past the text's
    end when the text ends its last line, or that line is no numbered item or is a level's line
    (``3.时效指标:…``, whose whole clauses each state an indicator)."""
    cut = doc.memo.get("cut_item_start")
    if cut is None:
        text = doc.text.rstrip()
        cut = len(text) + 1
        line = text.rfind("\n") + 1
        if text and text[-1] not in SENTENCE_ENDS and _grammar()["item"].match(text, line):
            cut = len(text) + 1 if level_lead.match(text, line) else line
        doc.memo["cut_item_start"] = cut
    return cut


def sentence_start(text: str, start: int, a: int) -> int:
    """Where the sentence holding offset ``a`` starts (not before ``start``)."""
    i = a
    while i > start and text[i - 1] not in SENTENCE_ENDS:
        i -= 1
    return i


def work_with_rate(doc: Document, clauses: list, sent: int, rate: Value, accept) -> dict | None:
    """The indicator of the work a rate named only by its kind belongs to: in the rate's sentence,
    a work with a planned figure, then its completion in the same unit ("实施乡道改造120公里,
    ……,完成120公里建设任务,完工率100%"). None without both: the rate stays an indicator of its
    own kind.

    ``clauses`` are the clause reader's (start, value, raw name, name) before the rate;
    ``accept(name, raw, v)`` its test of an indicator name.
    """
    text = doc.text
    here = [c for c in clauses if c[0] >= sent]
    for i in range(len(here) - 1, 0, -1):
        a, _, raw, _ = here[i]
        done = _completion(text, a, a + len(raw))
        if done is None:
            continue
        for oa, ov, oraw, oname in reversed(here[:i]):
            name = _work_name(oname)
            if ov is None or ov.unit != done.unit or len(name) < 3 or not accept(name, oraw, ov):
                continue  # (a work is named: "实施项目12个" names none)
            ind = blank(name, None, None)
            set_value(doc, ind, "target", ov)
            set_value(doc, ind, "actual", done)
            set_rate(doc, ind, rate)
            # The work's own clause: the money between it and the rate stays the budget's.
            ind["span"] = doc.span(text.index(oraw.strip(), oa), ov.end)
            return ind
        return None
    return None


def quantity_with_rate(doc: Document, clauses: list, sent: int, rate: Value, accept) -> dict | None:
    """The indicator a rate of the task belongs to: "共免费体检5200人,完成任务的104%" states
    体检 (5200人, an actual) and its completion rate. The quantity is the nearest one before the
    rate in its sentence; money and percentages are no quantity of a task."""
    g, here = _grammar(), [c for c in clauses if c[0] >= sent]
    for k in range(len(here) - 1, -1, -1):
        a, v, raw, name = here[k]
        if v is None or v.unit not in g["counted"] or not accept(name, raw, v):
            continue
        plan = _plan_of(here[:k], v)
        if plan:  # "全年计划培训社工120人次,已培训56人次,完成全年计划的46.67%"
            a, name, target = plan
            ind = blank(name, None, None)
            set_value(doc, ind, "target", target)
        else:
            a, ind = a + len(raw) - len(raw.lstrip()), blank(name, None, None)
        set_value(doc, ind, "actual", v)
        set_rate(doc, ind, rate)
        ind["span"] = doc.span(a, v.end)
        return ind
    return None


def _plan_of(clauses: list, done: Value) -> tuple[int, str, Value] | None:
    """(start, name, planned figure) of a plan stated before ``done`` in the same unit."""
    for a, v, raw, name in reversed(clauses):
        m = _grammar()["plan"].match(name)
        if v is not None and v.unit == done.unit and m and len(name) - m.end() >= 2:
            return a + len(raw) - len(raw.lstrip()), name[m.end() :], v
    return None


def _completion(text: str, a: int, b: int) -> Value | None:
    """The figure of a completion clause, ``完成120公里建设任务`` → 120公里; None if not one."""
    m = _grammar()["completion"].match(text, a, b)
    if not m:
        return None
    v = next(find_values(text, m.end(), b), None)
    if v is None or v.is_money or v.number is None or not v.unit or v.unit == "%":
        return None
    return v


def _work_name(name: str) -> str:
    """The work without its year and opening verb (2022年实施乡道改造工程 → 乡道改造工程)."""
    name = _grammar()["time_prefix"].sub("", name)
    for w in _grammar()["work_verbs"]:
        if name.startswith(w) and len(name) > len(w) + 1:
            return name[len(w) :]
    return name


def lead_value(
    text: str, a: int, raw_end: int
) -> tuple[tuple[int, int, str], tuple[int, str]] | None:
    """A clause name that opens with a figure, ``300名服务对象发放补助金`` (the clause's value
    follows): ((value start, value end, name after it), (second name start, second name)).
    """
    m = _grammar()["lead_value"].match(text, a, raw_end)
    if not m:
        return None
    return (m.start("v"), m.end("v"), m.group("n1")), (m.start("n2"), m.group("n2"))
