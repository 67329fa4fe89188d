"""One amount stated twice in a report, differently.

Two signs: the same document number (〔2023〕41号) cited in two sentences that each hold one
amount, the amounts differing (one allocation restated as another); and the same fund name
(中央级资金转移支付, at least ``min_name_chars`` long and ending as a fund does) given two
different amounts, one of them held by another fund name too. Both are warnings: a report may cite one document for two
allocations, or one fund for two years, but the reader should look.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import regex

from . import prose
from .prose import Amount
from .registry import Ctx, rule


@cache
def _doc_number() -> regex.Pattern:
    return regex.compile(prose.config()["restated"]["doc_number"])


_DIGIT = regex.compile(r"\d")


def _sentences(v: str) -> list[tuple[int, int]]:
    """The sentences (up to 。 or a line end) that may hold an amount, in order: those with a
    digit before the first character of a money unit. A sentence without an amount adds
    nothing, and nine in ten have none; units are found with ``str.find``, as a pattern tried
    at every position of the text cost more than the sentences it spared."""
    found: dict[int, int] = {}
    for mark in {u[0] for u in prose.config()["money"]}:
        at = v.find(mark)
        while at >= 0:
            s0, s1 = prose.sentence_bounds(v, at)
            if s0 not in found and _DIGIT.search(v, s0, at):
                found[s0] = s1
            at = v.find(mark, at + 1)
    return sorted(found.items())


def _fund_name(v: str, a: Amount, cfg: dict[str, Any]) -> str | None:
    label = prose.BLANKS.sub("", v[prose.label_start(v, a.start, 24) : a.start])
    for w in cfg["lead_words"]:
        if w in label:
            label = label.rsplit(w, 1)[1]
    ok = len(label) >= cfg["min_name_chars"] and label.endswith(tuple(cfg["name_endings"]))
    return label if ok else None


@rule(
    "prose_restated_amount",
    "totals",
    {"same_document": "warning", "same_fund": "warning"},
    """One document number (文号) cited in two sentences with one amount each, the amounts
    differing; or one fund name given two different amounts, one of which another fund name
    holds too (names and amounts crossed) (``patterns/audit_prose.toml`` [restated]).""",
)
def prose_restated_amount(ctx: Ctx) -> Iterator[dict[str, Any]]:
    text = ctx.result.get("text") or ""
    if not text:
        return
    cfg, read = prose.config()["restated"], prose.of(ctx)
    v = read.view
    by_doc: dict[str, Amount] = {}
    named: list[tuple[str, Amount]] = []
    for s0, s1 in _sentences(v):
        found = read.within(s0, s1)  # the report's amounts, not a scan of each sentence
        docs = {prose.BLANKS.sub("", m.group()) for m in _doc_number().finditer(v, s0, s1)}
        if len(found) == 1 and len(docs) == 1:
            doc = docs.pop()
            first = by_doc.setdefault(doc, found[0])
            if first.yuan != found[0].yuan:
                yield _emit(ctx, text, "same_document", f"文件 {doc}", first, found[0])
        named += [(n, a) for a in found if (n := _fund_name(v, a, cfg))]
    yield from _swapped(ctx, text, named)


def _swapped(ctx: Ctx, text: str, named: list[tuple[str, Amount]]) -> Iterator[dict[str, Any]]:
    """A fund name given two amounts, one of which another fund name also holds: the names and
    amounts were crossed (中央级 124.23 / 省级 370.83 here, 省级 124.23 there). A name with two
    amounts alone is common (到位 and 使用, two batches) and is not reported."""
    names_of: dict[object, set[str]] = {}
    for n, a in named:
        names_of.setdefault(a.yuan, set()).add(n)
    first_of: dict[str, Amount] = {}
    for n, a in named:
        first = first_of.setdefault(n, a)
        if first.yuan == a.yuan:
            continue
        if names_of[a.yuan] - {n} or names_of[first.yuan] - {n}:
            yield _emit(ctx, text, "same_fund", n, first, a)
            first_of[n] = a


def _emit(ctx: Ctx, text: str, status: str, what: str, first: Amount, again: Amount
          ) -> dict[str, Any]:  # fmt: skip
    def said(a: Amount) -> str:
        s0, s1 = prose.sentence_bounds(text, a.start)
        return prose.clean(text[max(s0, a.start - 30) : a.end])

    return ctx.emit(
        status, "text",
        f"{what} 前后金额不一：先为 {prose.clean(first.raw)}（“{said(first)}”），"
        f"后为 {prose.clean(again.raw)}（“{said(again)}”）",
        span=prose.span(text, again.start, again.end),
        related_spans={"first": prose.span(text, first.start, first.end)},
    )  # fmt: skip
