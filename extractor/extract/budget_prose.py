"""Budget figures written in prose: "年初预算数 120 万元，全年执行数 118.5 万元，执行率 98.75%".

Every money amount or percentage in a paragraph is read with the label in front of it (the text
back to the previous value or clause break). The label decides the item
(``patterns/budget.toml``); a scope word in the label, earlier in the sentence or in the section
heading decides the scope (基本支出, 项目支出, 追加资金; else the project or 部门整体).
"""

from __future__ import annotations

import bisect
import datetime
from functools import cache, lru_cache
from typing import Any

import regex

from .. import patterns
from ..literal_scan import in_document
from ..model import Document
from ..numbers import as_number, parse_decimal, to_yuan
from .budget_flow import HEADING_MAX, SHARED_SEP, flows, money_values
from .values import Value

# Brackets do not end a label: "因公出国(境)费" is one name, "(人员经费" starts one.
# A line break is no break: a paragraph's lines are read as one flow (see ``flows``).
CLAUSE_BREAK = regex.compile(r"[,;。;:、:]")
SENTENCE_BREAK = regex.compile(r"[。;;]")
_HAN = regex.compile(r"\p{Han}")
PERIOD = regex.compile(r"[。]")
YEAR_WORD = regex.compile(r"\d{4}\s*年度?")
BRACKETED = regex.compile(r"[((][^()()]{0,30}[))]|[【〔\[][^【】〔〕\[\]]{0,20}[】〕\]]")
OPEN_OR_CLOSE = regex.compile(r"[()()]")
# A label that names its own rate (满意度, 合格率) does not continue an enumeration of rates.
OWN_RATE = regex.compile(r"[率度比例重]$")
NUMBERING = regex.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.．](?!\d)")
QUOTES = regex.compile(r"[“”\"'‘’《》]")


@cache
def _cfg() -> dict[str, Any]:
    cfg = patterns.load("budget")
    scope_words = {w: s for s, words in cfg["scopes"].items() for w in words}
    fb = cfg["fallback"]
    return {
        **cfg,
        "scope_re": regex.compile(patterns.alternation(scope_words)),
        "scope_of": scope_words,
        "items": [
            (it["item"], it["kind"], it.get("context"), [regex.compile(p) for p in it["match"]])
            for it in cfg["items"]
        ],
        "strip_re": regex.compile(rf"^(?:{patterns.alternation(cfg['label']['strip_prefixes'])})+"),
        "trail_re": regex.compile(rf"(?:{patterns.alternation(fb['trailing'])})+$"),
        # One search instead of one per pattern (a label is asked ~10 times a value): some
        # pattern matches iff their alternation does, none holding groups or inline flags.
        "deny_any": regex.compile("|".join(f"(?:{p})" for p in fb["deny"])),
        "money_word": regex.compile(cfg["money_context"]["words"]),
        "whole_noun": regex.compile(cfg["label"]["whole_nouns"]),
        "target": regex.compile(cfg["target"]["pattern"]),
        "directions": [
            (regex.compile(p), d) for d, ps in cfg["change"]["direction"].items() for p in ps
        ],
        "compared": regex.compile(cfg["change"]["compared_to"]),
        "as_of": [regex.compile(p) for p in cfg["as_of"]["patterns"]],
        "top": [regex.compile(p) for p in cfg["sections"]["top_level"]],
    }


def _last_before(ends: list[int], pos: int, default: int) -> int:
    """The last break end at or before ``pos`` (sorted ``ends``), else ``default``."""
    i = bisect.bisect_right(ends, pos) - 1
    return ends[i] if i >= 0 else default


@lru_cache(maxsize=4096)  # the same labels recur in every report of a template
def classify(label: str, kind: str, money_context: bool = True) -> str | None:
    """The item a label names, or None. An item marked ``context = "money"`` (完成率, 增长 5%)
    counts only where the sentence is about money: a rate of a task is an indicator's."""
    for item, item_kind, context, pats in _cfg()["items"]:
        if item_kind != kind or (context == "money" and not money_context):
            continue
        if any(p.search(label) for p in pats):
            return item
    return None


def named_item(label: str, kind: str, money_context: bool = True) -> str | None:
    """The item a label names, its connecting words at the end ignored ("收支总计均为")."""
    return classify(label, kind, money_context) or classify(
        _cfg()["trail_re"].sub("", label), kind, money_context
    )


_LABEL_PUNCT = regex.compile(r"[\s,;。;:、:]+")


@lru_cache(maxsize=4096)  # bounded; a label is cleaned again for its item and its neighbour
def clean_label(raw: str) -> str:
    """The words of a label without dates, years, brackets, quotes and spaces."""
    cfg = _cfg()
    label = raw
    for pat in cfg["as_of"]:
        label = pat.sub("", label)
    label = YEAR_WORD.sub("", label)
    while True:  # nested brackets: "(呼财指〔2023〕10号)" goes in two passes
        shorter = BRACKETED.sub("", label)
        if shorter == label:
            break
        label = shorter
    # An unmatched bracket: what follows it is the label ("(人员经费 700 万元").
    label = OPEN_OR_CLOSE.split(label)[-1]
    label = NUMBERING.sub("", label.lstrip())
    return _LABEL_PUNCT.sub("", QUOTES.sub("", label))


def _label_start(text: str, breaks: list[int], prev_end: int, pos: int, floor: int) -> int:
    """Where the label of the value at ``pos`` starts: the previous value or clause break; back
    one clause more when the clause holds no words ("资金总额:100 万元") or when a single
    character was cut off by 、 ("收、支总计")."""
    start = max(prev_end, _last_before(breaks, pos, floor))
    if start <= prev_end or start <= floor:
        return start
    sep = text[start - 1]
    before = max(prev_end, _last_before(breaks, start - 1, floor))
    here = clean_label(text[start:pos])
    if sep in "::," and not _cfg()["trail_re"].sub("", here):
        return before
    if sep == "、" and _HAN.fullmatch(clean_label(text[before : start - 1])):
        return before
    return start


def as_of(text: str, start: int, end: int) -> str | None:
    """The date a figure stands at ("截至 2021 年 6 月底"), ISO, or None."""
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


def _fallback_item(label: str) -> str | None:
    """A money figure no item names keeps its own label as item ("农家书屋 4 万元",
    "中央财政补助资金 50 万元")."""
    cfg = _cfg()
    name = cfg["trail_re"].sub("", label)
    if len(_HAN.findall(name)) < cfg["fallback"]["min_han"]:
        return None
    return name[-cfg["fallback"]["max_len"] :]


def _change(row: dict[str, Any], label: str, raw: str, prev: dict[str, Any] | None) -> None:
    """An increase or decrease (较上年减少 5 万元, 下降 3%): its direction, what it compares
    with, and the figure it changes (the money just before in the sentence)."""
    cfg = _cfg()
    row["change"] = next((d for p, d in cfg["directions"] if p.search(label)), None)
    m = cfg["compared"].search(raw)  # as written, years kept: "较2021年"
    row["compared_to"] = m.group("to") if m else None
    subject = regex.split(cfg["change"]["subject_end"], label, maxsplit=1)[0]
    if len(_HAN.findall(subject)) >= 2:  # "补偿资金调减 2 万元": its own subject
        row["change_of"] = named_item(subject, "money") or subject
    elif prev is not None and prev["item"] in cfg["change"]["items"]:
        # "减少 10 万元，下降 5%": the rate is of the same change as the amount before it.
        row["change_of"] = prev.get("change_of")
        row["compared_to"] = row["compared_to"] or prev.get("compared_to")
    elif prev is not None:
        row["change_of"] = prev["item"]


def _item(doc: Document, v: Value, label: str, scope: str, sentence_start: int,
          money_context: bool, enumerated: str | None = None) -> dict | None:  # fmt: skip
    kind = "rate" if v.is_rate else "money"
    bare = patterns.load("units")["bare_money"]
    if _cfg()["deny_any"].search(label):
        return None  # the label says it is not a budget figure
    if not label:  # a scope word and the amount: "其中基本支出 820 万元"
        item = "预算数" if kind == "money" else None
    else:
        item = named_item(label, kind, money_context)
    if item is None and kind == "money" and label:
        item = _fallback_item(label)
    if item is None and kind == "rate" and enumerated and not OWN_RATE.search(label):
        item = enumerated  # "A 资金执行 100%, B 项目 99.5%": B's rate is of the same kind
    if item is None:
        return None
    amount = None
    if kind == "money" and v.number is not None:
        amount = v.number * bare[v.unit] if v.unit in bare else to_yuan(v.number, v.unit)
    return {
        "scope": scope,
        "item": item,
        "amount_yuan": float(amount) if amount is not None else None,
        "rate_pct": as_number(v.number) if kind == "rate" else None,
        "unit": v.unit,
        "raw": v.raw,
        "as_of": as_of(doc.text, sentence_start, v.start),
        "label": label or None,
        "span": doc.span(v.start, v.end),
    }


def rate_score(doc: Document, row: dict[str, Any], start: int, end: int) -> None:
    """Weight (分值) and score (得分) stated for the execution rate in the same sentence."""
    stop = SENTENCE_BREAK.search(doc.text, start, end)
    stop_at = stop.start() if stop else end
    for field in ("weight", "score"):
        pat = _cfg()["rate_score"][field]
        m = patterns.compiled(pat).search(doc.text, start, stop_at)
        if m:
            row[field] = as_number(parse_decimal(m.group("v")))
            row.setdefault("field_spans", {})[field] = doc.span(m.start("v"), m.end("v"))


def read_prose(doc: Document, default_scope: str, skip: list[tuple[int, int]]) -> list[dict]:
    """Every budget figure of the document's paragraphs outside the ``skip`` ranges."""
    cfg = _cfg()
    out: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    section_scope = None
    scopes = in_document(doc, cfg["scope_re"])  # most short paragraphs name no scope
    for start, end in flows(doc):
        text = doc.text[start:end]
        values = [
            v
            for v in money_values(doc, start, end)
            if not any(s <= v.start < e for s, e in skip) and not cfg["target"].search(v.raw)
        ]
        if not values:
            if len(text) <= HEADING_MAX:
                m = cfg["scope_re"].search(text) if scopes.overlaps(start, end) else None
                if m:
                    section_scope = cfg["scope_of"][m.group()]
                elif any(p.search(text) for p in cfg["top"]):
                    section_scope = None
            continue
        for row in _paragraph(doc, start, end, values, section_scope or default_scope):
            key = (row["scope"], row["item"], row["amount_yuan"], row["rate_pct"])
            if key not in seen:
                seen.add(key)
                out.append(row)
    return out


def _distributed(text: str, values: list[Value], start: int) -> dict[int, str]:
    """Labels handed out in order: "基本支出和项目支出分别为 820 万元、430 万元" gives the first
    figure 基本支出 and the second 项目支出; "中央、省级资金分别为…" gives 中央资金, 省级资金.
    Index of a figure → its label; only when there are as many names as figures."""
    cfg = _cfg()["distributive"]
    out: dict[int, str] = {}
    for i, v in enumerate(values):
        seg_start = max(values[i - 1].end if i else start, start)
        breaks = [
            m.end() for m in patterns.compiled(cfg["break"]).finditer(text[seg_start : v.start])
        ]
        seg = text[seg_start + (breaks[-1] if breaks else 0) : v.start]
        m = patterns.compiled(cfg["pattern"]).search(seg)
        if not m:
            continue
        run = [i]
        while run[-1] + 1 < len(values) and SHARED_SEP.fullmatch(
            text[values[run[-1]].end : values[run[-1] + 1].start]
        ):
            run.append(run[-1] + 1)
        parts = [
            clean_label(p) for p in patterns.compiled(cfg["separator"]).split(m.group("names"))
        ]
        parts = [p for p in parts if p]
        tail_re = patterns.compiled(cfg["tail"])
        tail = tail_re.search(parts[-1]) if parts else None
        if tail:  # "中央、省级资金": the shared word is written once, at the end
            parts = [p if tail_re.search(p) else p + tail.group() for p in parts]
        if len(parts) == len(run) > 1 and all(len(_HAN.findall(p)) >= 2 for p in parts):
            out.update(zip(run, parts, strict=True))
    return out


def _paragraph(doc: Document, start: int, end: int, values: list[Value], section: str):
    cfg = _cfg()
    scope, scope_sentence, prev_end = section, start, start
    clause_ends = [m.end() for m in CLAUSE_BREAK.finditer(doc.text, start, end)]
    sentence_ends = [m.end() for m in SENTENCE_BREAK.finditer(doc.text, start, end)]
    # A scope holds to the full stop: "其中工资福利支出60万元;商品和服务支出20万元" is one
    # enumeration, "…项目支出500万元。全年实际支出…" two sentences.
    period_ends = [m.end() for m in PERIOD.finditer(doc.text, start, end)]
    last_money: tuple[Value, dict[str, Any]] | None = None
    last: tuple[Value, str] | None = None  # the previous figure and its label
    last_rate: tuple[int, str] | None = None  # where the last budget rate was, its item
    names = _distributed(doc.text, values, start)
    for i, v in enumerate(values):
        label_start = _label_start(doc.text, clause_ends, prev_end, v.start, start)
        sentence_start = _last_before(sentence_ends, v.start, start)
        raw_label = names.get(i) or doc.text[label_start : v.start]
        label = clean_label(raw_label)
        period_start = _last_before(period_ends, v.start, start)
        if period_start > scope_sentence:
            # A scope named in a sentence holds to its end; a new sentence starts from the section.
            scope = section
        # "占基本支出预算 79.89%" names what the share is of, not the sentence's scope.
        named = [m for m in cfg["scope_re"].finditer(label) if "占" not in label[: m.start()]]
        for m in named:
            scope = cfg["scope_of"][m.group()]
            scope_sentence = period_start
        unscoped = cfg["scope_re"].sub("", label)
        label = cfg["strip_re"].sub("", unscoped)
        if not label and cfg["whole_noun"].fullmatch(unscoped):
            label = unscoped  # "涉及…,资金 5 万元": the money noun is the whole label
        prev_end = v.end
        if (
            not label
            and not named
            and last
            and SHARED_SEP.fullmatch(doc.text[last[0].end : v.start])
        ):
            label = last[1]  # "各下降 23.51%、38.28%": the second figure shares the label
        if not label and not named:
            continue  # a bare amount: nothing says what it is
        last = (v, label)
        prev = last_money[1] if last_money and last_money[0].start >= sentence_start else None
        money_context = prev is not None or bool(cfg["money_word"].search(raw_label))
        if not (v.is_money or v.is_rate) and not (
            money_context or last_money or named_item(label, "money")
        ):
            continue  # "5万" in a paragraph that names no money: not known to be an amount
        enumerated = last_rate[1] if last_rate and last_rate[0] >= period_start else None
        row = _item(doc, v, label, scope, sentence_start, money_context, enumerated)
        if row is None:
            continue
        if row["item"] == "预算执行率":
            rate_score(doc, row, v.end, end)
        if row["item"] in cfg["change"]["items"]:
            _change(row, label, regex.sub(r"\s+", "", raw_label), prev)
        if row["item"] == "占比":
            _share(doc, row, raw_label, last_money if prev is not None else None)
        elif not v.is_rate:
            last_money = (v, row)
        else:
            last_rate = (v.start, row["item"])
        yield row


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


def rate_score_mentions(doc: Document, rows: list[dict[str, Any]], scope: str) -> None:
    """ "预算执行率指标分值10分,得分10分。": the score given in a sentence of its own."""
    rate = next((r for r in rows if r["item"] == "预算执行率" and r["scope"] == scope), None)
    if rate is None or "weight" in rate or "score" in rate:
        return
    m = patterns.compiled(_cfg()["rate_score"]["mention"]).search(doc.text)
    if m:
        rate_score(doc, rate, m.start(), len(doc.text))
