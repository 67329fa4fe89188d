"""A total and the parts a sentence lists for it: "共计 X 万元，其中：A a 万元、B b 万元…".

The parts are read only from a plain list: segments split by one separator (、，or ；), one
amount and its name per segment, figures in parentheses (a part's own breakdown) and list
numbers (1、 2、) left out. A segment holding a comparison or a share (较上年, 占) makes the
sentence something other than a list, and it is not read. Parts adding up to more than the total
contradict it; parts a little short of it look like a slip; far short, the list may simply not
name every part (an info).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

import regex

from . import prose
from .prose import Amount
from .registry import Ctx, rule

# A total, the (where its name starts, amount) parts listed after it, whether the list ends open.
Listed = tuple[Amount, list[tuple[int, Amount]], bool]

BRACKETS = regex.compile(r"[（(〔\[【][^（()）〔〕\[\]【】]{0,80}[)）〕\]】]")
LIST_NUMBER = regex.compile(r"(?:(?<=^|[；;，,、:：\s])\d{1,2}[、.．](?!\d))|[①-⑳]")
# Separator levels, weakest first: a list split by one level stops at a stronger one (a list in
# 、 may also use ，, since writers mix the two).
LEVELS = {"、": "、，,", "，": "，,", ",": "，,", "；": "；;", ";": "；;"}
STRONG = "；;"
_FIRST_SEP = regex.compile(f"[{''.join(LEVELS)}]")
_COLON = regex.compile(r"[：:]")
_STRONG_OR_COLON = regex.compile(rf"[{STRONG}：:]")
_LEAD = regex.compile(r"[\s，,。：:]{0,2}")
_HAN = regex.compile(r"\p{Han}")


@cache
def _marker_re(word: str) -> regex.Pattern:
    return regex.compile(prose.loose(word) + r"[\s：:，,]*")


@cache
def _first_chars(markers: tuple[str, ...]) -> frozenset[str] | None:
    """The characters a marker can start with; None if a marker is empty (its pattern matches
    anywhere)."""
    return frozenset(w[0] for w in markers) if all(markers) else None


def _masked(v: str, start: int, end: int) -> str:
    """``v[start:end]`` with bracketed asides and list numbers blanked (same length)."""
    part = v[start:end]
    for pat in (BRACKETS, BRACKETS, LIST_NUMBER):  # twice: one level of nesting
        part = pat.sub(lambda m: " " * len(m.group()), part)
    return part


def marker(v: str, total: Amount, cfg: dict[str, Any]) -> int | None:
    """Where the parts start when a list marker follows ``total`` (else None)."""
    at = _LEAD.match(v, total.end).end()  # always matches (zero characters at least)
    if (
        "。" in v[total.end : at]
        and len(prose.amounts(v, *prose.sentence_bounds(v, total.start))) > 1
    ):
        return None  # "…A 1万元，B 2万元。其中…" speaks of the sentence, not of its last amount
    # A marker's pattern starts with its first character as written: a character no marker
    # starts with (most) is not worth a match per marker.
    firsts = _first_chars(tuple(cfg["part_markers"]))
    if firsts is None or v[at : at + 1] in firsts:
        for w in cfg["part_markers"]:
            m = _marker_re(w).match(v, at)
            if m:
                return m.end()
    if v.startswith("为", at) and at > total.end:  # "124.23万元，为A…": only after a comma
        return at + 1
    return None


def parts_after(v: str, start: int, cfg: dict[str, Any]
                ) -> tuple[list[tuple[int, Amount]], bool] | None:  # fmt: skip
    """The (where its name starts, amount) parts of a list starting at ``start``, and whether it ends open (…等);
    None when the text there is not a plain list of amounts."""
    end = prose.sentence_bounds(v, start)[1]
    masked = _masked(v, start, end)
    first = _FIRST_SEP.search(masked)
    if first is None:
        return None
    seps = LEVELS[first.group()]
    stop = (_COLON if seps == STRONG else _STRONG_OR_COLON).search(masked)
    body = masked[: stop.start()] if stop else masked
    parts: list[tuple[int, Amount]] = []
    open_ended = False
    pos = 0
    for seg in regex.split(f"[{seps}]", body):
        s0, pos = start + pos, pos + len(seg) + 1
        # An amount inside a blanked aside is a part's own breakdown, not a part.
        found = [a for a in prose.amounts(v, s0, s0 + len(seg)) if masked[a.start - start] != " "]
        if any(w in prose.clean(seg) for w in cfg["not_a_part"]):
            return None
        if not found:
            if not parts:
                return None
            break
        name = seg[: found[0].start - s0].strip()
        if len(found) > 1 or not _HAN.search(name):
            return None
        parts.append((s0 + seg.find(name), found[0]))
        if any(seg.rstrip().endswith(w) for w in cfg["open_ended"]):
            open_ended = True
            break
    return parts, open_ended


def lists(ctx: Ctx) -> list[Listed]:
    """Every total of the report's prose followed by a list of at least two parts, in order
    (read once: prose_parts_sum and prose_counted_total both compare them)."""
    return ctx.shared(_lists)


def _lists(ctx: Ctx) -> list[Listed]:
    p, cfg = prose.of(ctx), prose.config()["sums"]
    out = []
    for total in p.amounts:
        at = marker(p.view, total, cfg)
        got = parts_after(p.view, at, cfg) if at is not None else None
        if got is not None and len(got[0]) >= 2:
            out.append((total, *got))
    return out


@rule(
    "prose_parts_sum",
    "totals",
    {"exceeds": "warning", "short": "warning", "partial": "info"},
    """A total in a sentence and the parts listed right after it (其中 / 主要项目 / 具体为 / 包括,
    ``patterns/audit_prose.toml``): parts adding up to more than the total contradict it
    (warning); parts short of it by at most ``near_miss_pct`` percent look like a slip (warning);
    further short, or a list ending in 等, may just not name every part (info). Figures are
    compared to half their last written digit.""",
)
def prose_parts_sum(ctx: Ctx) -> Iterator[dict[str, Any]]:
    text = ctx.result.get("text") or ""
    if not text:
        return
    cfg, v = prose.config()["sums"], prose.of(ctx).view
    for total, parts, open_ended in lists(ctx):
        yield from _compare(ctx, text, v, total, parts, open_ended, cfg)


def _compare(ctx: Ctx, text: str, v: str, total: Amount, named: list[tuple[int, Amount]],
             open_ended: bool, cfg: dict[str, Any]) -> Iterator[dict[str, Any]]:  # fmt: skip
    parts = [a for _, a in named]
    s = sum((p.yuan for p in parts), Decimal(0))
    tol = total.half_digit + sum((p.half_digit for p in parts), Decimal(0))
    gap = s - total.yuan
    if abs(gap) <= tol:
        return
    if gap > 0:
        status, tail = "exceeds", "超过总数"
    elif not open_ended and -gap <= total.yuan * Decimal(cfg["near_miss_pct"]) / 100:
        status, tail = "short", "与总数不符"
    else:
        status, tail = "partial", "小于总数（可能未列全）"
    factor = prose.config()["money"][total.unit]
    d = prose.decimals(total, *parts)
    unit = total.unit if total.unit.endswith("元") else total.unit + "元"
    figures = " + ".join(p.raw_number for p in parts)
    # Names and the total's label from the text itself (the view folds characters).
    names = "、".join(BRACKETS.sub("", prose.clean(text[n : a.start]))[-16:] for n, a in named)
    label = prose.clean(text[prose.label_start(v, total.start) : total.start])
    yield ctx.emit(
        status, "text",
        f"{label} {total.raw_number}{unit}，所列各项（{names}）合计 {figures} = "
        f"{prose.fmt(s / factor, d)}{unit}，{tail}（差 {prose.fmt(abs(gap) / factor, d)}{unit}）",
        stated=total.yuan, recomputed=s, span=prose.span(text, total.start, total.end),
        related_spans={f"part{i + 1}": prose.span(text, p.start, p.end)
                       for i, p in enumerate(parts)},
    )  # fmt: skip
