"""Budget figures: 预算数, 到位资金, 执行数, 到位率, 执行率, breakdowns, 追加资金.

Every money amount or percentage in the prose is read with the label in front of it (the text
back to the previous value or clause break). The label decides the item
(``patterns/budget.toml``); a scope word in the label, earlier in the paragraph or in the section
heading decides the scope (基本支出, 项目支出, 追加资金; else 部门整体).
"""

from __future__ import annotations

import bisect
import datetime
from functools import cache
from typing import Any

import regex

from .. import patterns
from ..model import Document
from ..numbers import as_number, parse_decimal, to_yuan
from . import register
from .form.read import budget_forms
from .rows import row_groups
from .values import Value, find_values

CLAUSE_BREAK = regex.compile(r"[,;。;:()、]")
SENTENCE_BREAK = regex.compile(r"[。;;\n]")
PERIOD = regex.compile(r"[。\n]")
YEAR_WORD = regex.compile(r"\d{4}\s*年度?")
HEADING_MAX = 40


@cache
def _cfg() -> dict[str, Any]:
    cfg = patterns.load("budget")
    scope_words = {w: s for s, words in cfg["scopes"].items() for w in words}
    return {
        **cfg,
        "scope_re": regex.compile(patterns.alternation(scope_words)),
        "scope_of": scope_words,
        "items": [
            (it["item"], it["kind"], [regex.compile(p) for p in it["match"]]) for it in cfg["items"]
        ],
        "strip_re": regex.compile(rf"^(?:{patterns.alternation(cfg['label']['strip_prefixes'])})+"),
        "as_of": [regex.compile(p) for p in cfg["as_of"]["patterns"]],
        "top": [regex.compile(p) for p in cfg["sections"]["top_level"]],
        "fallback": regex.compile(
            rf"^\p{{Han}}{{{cfg['fallback']['min_len']},{cfg['fallback']['max_len']}}}"
            rf"(?<=(?:{patterns.alternation(cfg['fallback']['suffixes'])}))$"
        ),
    }


def _last_before(ends: list[int], pos: int, default: int) -> int:
    """The last break end at or before ``pos`` (sorted ``ends``), else ``default``."""
    i = bisect.bisect_right(ends, pos) - 1
    return ends[i] if i >= 0 else default


def classify(label: str, kind: str) -> str | None:
    """The item a label names, or None."""
    for item, item_kind, pats in _cfg()["items"]:
        if item_kind == kind and any(p.search(label) for p in pats):
            return item
    return None


def _as_of(text: str, start: int, end: int) -> str | None:
    for pat in _cfg()["as_of"]:
        for m in pat.finditer(text, start, end):
            y, mo = int(m.group("y")), int(m.group("m"))
            if m.group("d"):
                d = int(m.group("d"))
            else:  # 月底 / 月末: the month's last day
                nxt = datetime.date(y + mo // 12, mo % 12 + 1, 1)
                d = (nxt - datetime.timedelta(days=1)).day
            try:
                return datetime.date(y, mo, d).isoformat()
            except ValueError:
                return None
    return None


def _item(doc: Document, v: Value, label: str, scope: str, sentence_start: int) -> dict | None:
    cfg = _cfg()
    kind = "rate" if v.is_rate else "money"
    item = classify(label, kind) if label else ("预算数" if kind == "money" else None)
    if item is None and kind == "money" and cfg["fallback"].match(label):
        item = label
    if item is None:
        return None
    amount = to_yuan(v.number, v.unit) if kind == "money" and v.number is not None else None
    return {
        "scope": scope,
        "item": item,
        "amount_yuan": float(amount) if amount is not None else None,
        "rate_pct": as_number(v.number) if kind == "rate" else None,
        "unit": v.unit,
        "raw": v.raw,
        "as_of": _as_of(doc.text, sentence_start, v.start),
        "label": label or None,
        "span": doc.span(v.start, v.end),
    }


def _rate_score(doc: Document, row: dict[str, Any], start: int, end: int) -> None:
    """Weight (分值) and score (得分) stated for the execution rate in the same sentence."""
    stop = SENTENCE_BREAK.search(doc.text, start, end)
    stop_at = stop.start() if stop else end
    for field in ("weight", "score"):
        pat = patterns.load("budget")["rate_score"][field]
        m = patterns.compiled(pat).search(doc.text, start, stop_at)
        if m:
            row[field] = as_number(parse_decimal(m.group("v")))
            row.setdefault("field_spans", {})[field] = doc.span(m.start("v"), m.end("v"))


@register("budget")
def extract_budget(doc: Document, result: dict[str, Any]) -> list[dict[str, Any]]:
    cfg = _cfg()
    groups = row_groups(doc)
    skip = [(i["span"]["start"], i["span"]["end"]) for i in result.get("indicators", [])]
    skip += [(g.start, g.end) for g in groups]
    out: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    section_scope = None
    # A project report's figures are the project's unless a sentence names another scope.
    default_scope = result.get("report", {}).get("project_name") or "部门整体"
    for b in doc.blocks:
        if b.kind != "paragraph":
            continue
        text = doc.text[b.start : b.end]
        values = [
            v
            for v in find_values(doc.text, b.start, b.end)
            if (v.is_money or v.is_rate) and not any(s <= v.start < e for s, e in skip)
        ]
        if not values:
            if len(text) <= HEADING_MAX:
                m = cfg["scope_re"].search(text)
                if m:
                    section_scope = cfg["scope_of"][m.group()]
                elif any(p.search(text) for p in cfg["top"]):
                    section_scope = None
            continue
        scope = section_scope or default_scope
        scope_sentence = b.start
        prev_end = b.start
        clause_ends = [m.end() for m in CLAUSE_BREAK.finditer(doc.text, b.start, b.end)]
        sentence_ends = [m.end() for m in SENTENCE_BREAK.finditer(doc.text, b.start, b.end)]
        # A scope holds to the full stop: "其中工资福利支出60万元;商品和服务支出20万元" is one
        # enumeration, "…项目支出500万元。全年实际支出…" two sentences.
        period_ends = [m.end() for m in PERIOD.finditer(doc.text, b.start, b.end)]
        last_money: tuple[Value, dict[str, Any]] | None = None
        for v in values:
            # The label runs back to the previous value or clause break; the sentence back to
            # the previous full stop (positions found once per paragraph: no rescans).
            label_start = max(prev_end, _last_before(clause_ends, v.start, b.start))
            sentence_start = _last_before(sentence_ends, v.start, b.start)
            label = raw_label = doc.text[label_start : v.start]
            for pat in cfg["as_of"]:
                label = pat.sub("", label)
            label = regex.sub(r"\s+", "", YEAR_WORD.sub("", label))
            period_start = _last_before(period_ends, v.start, b.start)
            if period_start > scope_sentence:
                # A scope named in a sentence holds to its end ("…项目支出500万元。全年实际支出
                # 1,790.45万元" is the department's again); a new sentence starts from the section.
                scope = section_scope or default_scope
            named = list(cfg["scope_re"].finditer(label))
            for m in named:
                scope = cfg["scope_of"][m.group()]
                scope_sentence = _last_before(period_ends, v.start, b.start)
            label = cfg["scope_re"].sub("", label)
            label = cfg["strip_re"].sub("", label)
            prev_end = v.end
            if not label and not named:
                continue  # a bare amount after a colon or comma: nothing says what it is
            row = _item(doc, v, label, scope, sentence_start)
            if row is None:
                continue
            if row["item"] == "预算执行率":
                _rate_score(doc, row, v.end, b.end)
            if row["item"] == "占比":
                prev = last_money if last_money and last_money[0].start >= sentence_start else None
                _share(doc, row, raw_label, prev)
            elif v.is_money:
                last_money = (v, row)
            key = (row["scope"], row["item"], row["amount_yuan"], row["rate_pct"])
            if key not in seen:
                seen.add(key)
                out.append(row)
    _rate_score_mentions(doc, out, default_scope)
    out.extend(budget_forms(doc, groups))
    return out


def _share(doc: Document, row: dict[str, Any], raw_label: str,
           prev: tuple[Value, dict[str, Any]] | None) -> None:  # fmt: skip
    """What a share (占比) is a share of, and of which amount, for the audit to recompute it:
    "工资福利支出 11.99 万元,占基本支出的 84.8%" → share_of 基本支出, share_amount_yuan 119900;
    "项目支出占总预算的 30%" → share_scope 项目支出, share_of 预算数."""
    cfg = _cfg()
    before, _, after = raw_label.rpartition("占")
    after = regex.sub(r"比例|比重|[的为是比\s]", "", YEAR_WORD.sub("", after))
    m = cfg["scope_re"].search(after)
    row["share_of"] = (
        cfg["scope_of"][m.group()] if m else (classify(after, "money") or after or None)
    )
    before = cfg["strip_re"].sub("", regex.sub(r"\s+", "", YEAR_WORD.sub("", before)))
    if before:
        m = cfg["scope_re"].search(before)
        row["share_scope"] = cfg["scope_of"][m.group()] if m else None
        row["share_item"] = classify(cfg["scope_re"].sub("", before), "money") if before else None
    elif prev is not None:  # the amount is the one just before, in the same sentence
        v, money = prev
        row["share_amount_yuan"] = money["amount_yuan"]
        row["share_item"], row["share_scope"] = money["item"], money["scope"]
        row.setdefault("field_spans", {})["share_amount"] = doc.span(v.start, v.end)


def _rate_score_mentions(doc: Document, rows: list[dict[str, Any]], scope: str) -> None:
    """ "预算执行率指标分值10分,得分10分。": the score given in a sentence of its own."""
    rate = next((r for r in rows if r["item"] == "预算执行率" and r["scope"] == scope), None)
    if rate is None or "weight" in rate or "score" in rate:
        return
    m = patterns.compiled(patterns.load("budget")["rate_score"]["mention"]).search(doc.text)
    if m:
        _rate_score(doc, rate, m.start(), len(doc.text))
