"""Coverage: a form, or a block dense with figures, that the extractor read fewer rows from than
it holds. A silent empty result is a defect: these findings tell a reviewer which reports (and
which block of each) to check by hand.

The check reads the report's text (a simplified view of it, same length, so offsets hold) and
compares what a block shows with the extracted rows whose spans fall inside it:
- an indicator form header (一级指标 · 三级指标 · 年度指标值 · 实际完成值 · 分值 …): the targets written
  with a comparator (≥95%, ≤10次, =100%) after it are a lower bound on its rows;
- a budget block header (年初预算数 · 全年执行数 · 执行率 …) with no budget figure read from it;
- a stretch dense with figures from which nothing was read at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import regex

from .. import patterns
from . import prose
from .prose import span
from .registry import Ctx, rule

# A target written with its comparator: one per indicator row at least, in any form shape.
_COMPARED = regex.compile(r"[≥≤=＝﹦≧≦><]\s*\d")
_CONTENT = regex.compile(r"[\p{Han}\d]")
_HAN = regex.compile(r"\p{Han}")
# A figure that is not a date, a year or a document number (〔2023〕12号).
_FIGURE = regex.compile(r"(?<![\d.〔\[（(])\d+(?:\.\d+)?(?![\d.]*\s*(?:年|月|日|号|〕|\]))")


@cache
def _cfg() -> dict[str, Any]:
    return patterns.load("coverage")


def _occurrences(v: str, word: str) -> Iterator[int]:
    """Where ``word`` starts in ``v``, non-overlapping (as ``regex.finditer`` of the escaped
    word, without compiling one pattern per word per report)."""
    if not word:  # an empty pattern matches at every position
        yield from range(len(v) + 1)
        return
    i = v.find(word)
    while i >= 0:
        yield i
        i = v.find(word, i + len(word))


def _clusters(v: str, words: list[str], min_words: int, window: int) -> list[tuple[int, int]]:
    """(start, end) of each place where ``min_words`` distinct header words sit within ``window``."""
    hits = sorted((i, i + len(w), w) for w in words for i in _occurrences(v, w))
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(hits):
        j, seen, end = i, set(), hits[i][1]
        while j < len(hits) and hits[j][0] - hits[i][0] <= window:
            seen.add(hits[j][2])
            end = max(end, hits[j][1])
            j += 1
        if len(seen) >= min_words:
            out.append((hits[i][0], end))
            while i < len(hits) and hits[i][0] < end:
                i += 1
        else:
            i += 1
    return out


def _spans(rows: list[dict[str, Any]] | None) -> list[tuple[int, int]]:
    out = []
    for row in rows or []:
        s = row.get("span") or {}
        if isinstance(s.get("start"), int) and isinstance(s.get("end"), int):
            out.append((s["start"], s["end"]))
    return out


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(1 for s, e in spans if s < end and e > start)


def _is_header(head: str, words: list[str]) -> bool:
    """Header words side by side, a few other characters at most (a unit, 分, a bracket)."""
    for w in sorted(words, key=len, reverse=True):
        head = head.replace(w, "")
    return len(_HAN.findall(head)) <= 6


def _form_end(v: str, start: int, next_start: int, ends: list[str]) -> int:
    m = _ends_re(tuple(ends)).search(v[start:next_start])
    return start + m.start() if m else next_start


@cache  # once, not escaped and joined again for every form header of every report
def _ends_re(ends: tuple[str, ...]) -> regex.Pattern:
    return regex.compile("|".join(map(regex.escape, ends)))


@rule(
    "coverage",
    "completeness",
    # Info, not warning: these say what the extractor could not read, not that the report is
    # wrong; the pipeline also lists them in source.warnings, where a user looks for reading
    # problems.
    {
        "form_short": "info",
        "form_unread": "info",
        "values_unread": "info",
        "budget_unread": "info",
        "dense_unread": "info",
    },  # fmt: skip
    """A block that looks like a form or a table of figures from which fewer rows were read than
    it shows: an indicator form header followed by more targets than indicators read there, a
    budget block header with no figure read, a stretch dense with figures with nothing read.""",
)
def coverage(ctx: Ctx) -> Iterator[dict[str, Any]]:
    text = ctx.result.get("text") or ""
    if not text:
        return
    v = prose.of(ctx).view
    cfg = _cfg()
    res = ctx.result
    indicators = _spans(res.get("indicators"))
    budget = _spans(res.get("budget"))
    anything = indicators + budget + _spans(res.get("personnel")) + _spans(res.get("people"))

    f = cfg["indicator_form"]
    heads = _clusters(v, f["words"], f["min_words"], f["window"])
    for k, (h0, h1) in enumerate(heads):
        nxt = heads[k + 1][0] if k + 1 < len(heads) else len(v)
        end = _form_end(v, h1, nxt, f["ends"])
        if not _is_header(v[h0:h1], f["words"]):
            continue  # prose that names the columns ("按年度指标值和实际完成值计算得分")
        shown = len(_COMPARED.findall(v, h1, end))
        read = _inside(indicators, h0, end)
        where = span(text, h0, h1)
        if read == 0 and _CONTENT.search(v, h1, end):
            yield ctx.emit(
                "form_unread", "report",
                f"指标表（表头“{text[h0:h1][:30]}”）未读出任何指标（其后约有 {shown} 个带比较符的"
                "指标值），请人工核对 (indicator form not read)",
                stated=shown, recomputed=0, span=where,
            )  # fmt: skip
        elif shown > read:
            yield ctx.emit(
                "form_short", "report",
                f"指标表（表头“{text[h0:h1][:30]}”）至少有 {shown} 行指标，只读出 {read} 行，"
                "请人工核对缺少的行 (fewer indicator rows read than the form shows)",
                stated=shown, recomputed=read, span=where,
            )  # fmt: skip

    # What the form reader itself knows: values of a form it placed in no row.
    for gap in res.get("form_coverage") or []:
        yield ctx.emit(
            "values_unread", "report",
            f"指标表（表头“{gap['block'][:30]}”）读出 {gap['rows_read']} 行，另有 "
            f"{gap['values_unread']} 个数值未归入任何行，请人工核对 (form values left unread)",
            stated=gap["values_unread"], recomputed=gap["rows_read"], span=gap["span"],
        )  # fmt: skip

    b = cfg["budget_form"]
    for h0, h1 in _clusters(v, b["words"], b["min_words"], b["window"]):
        end = min(len(v), h1 + b["span"])
        if _FIGURE.search(v, h1, end) and not _inside(budget, h0, end):
            yield ctx.emit(
                "budget_unread", "report",
                f"预算资金表（表头“{text[h0:h1][:30]}”）未读出任何金额，请人工核对 "
                "(budget block not read)",
                span=span(text, h0, h1),
            )  # fmt: skip

    d = cfg["dense"]
    figures = [m.start() for m in _FIGURE.finditer(v)]
    i = j = 0
    while i < len(figures):
        # The window's last figure only moves right as its first does: j goes on from where
        # it stopped (one pass over the figures, not one scan of the window per figure).
        j = max(j, i)
        while j + 1 < len(figures) and figures[j + 1] - figures[i] <= d["window"]:
            j += 1
        if j - i + 1 >= d["min_numbers"]:
            s, e = figures[i], figures[j] + 1
            e = min(len(v), e + 12)
            if not _inside(anything, s, e):
                yield ctx.emit(
                    "dense_unread", "report",
                    f"第 {s} 字起一段含 {j - i + 1} 个数字的内容未读出任何数值（可能是未识别的表格）"
                    " (a block dense with figures, nothing read)",
                    stated=j - i + 1, span=span(text, s, min(e, s + 60)),
                )  # fmt: skip
            i = j + 1
        else:
            i += 1
