"""Staffing: 编制数, 实有人数, 在职, 退休 … in prose and in table rows, and the change on last year.

Prose is read clause by clause: every ``N人`` / ``N名`` in a sentence is a count of what the words
before it name (``其中行政编制5名、事业编制7名``), or after it (``配备一名主管会计``). A count is
staffing when its label holds a staffing word (编制, 在职, 退休, 工作人员 …); a count whose label
has none (``局本级187人``) is a part of the staff only when a staffing count came before it in the
same sentence. A label that ends in a known phrase gets that phrase's category (编制数, 在职人数 …);
any other label is kept as written, so a reader sees the words the report used.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from .. import patterns
from ..model import Document
from ..numbers import ARABIC, CN_NUMERAL, as_number, parse_decimal
from . import register
from .personnel_table import table_counts

SENTENCE = regex.compile(r"[^。；;！!？?\n]+")
# What ends a clause inside a sentence: the label of a count starts after it.
CLAUSE_END = regex.compile(r"[，,、：:（(）)\s|｜]")
# A count: a number (not part of a longer number, a year or a date) and its unit.
NUM = rf"(?<![\d.,\-/])(?P<n>\d+|(?![万亿千百])(?:{CN_NUMERAL}))"
# The year a label may begin with ("2019年末实有在职人数").
LEADING_TIME = regex.compile(
    r"^(?:\d{2,4}|[xX×*]{2,4})年(?:度)?(?:末|底|初)?|^(?:年末|年底|目前|截至目前|截止目前|现)"
)


@cache
def _cfg() -> dict[str, Any]:
    cfg = patterns.load("personnel")
    gram, staff = cfg["grammar"], cfg["staff"]
    phrase_to_cat = {p: cat for cat, ps in cfg["categories"].items() for p in ps}
    protected = list(phrase_to_cat) + staff["words"]
    ch = cfg["change"]
    label_alt = patterns.alternation(phrase_to_cat)
    return {
        "phrase_to_cat": phrase_to_cat,
        "count": regex.compile(
            rf"{NUM}\s*(?P<u>{patterns.alternation(gram['units'] + ['个'])})"
            rf"(?!{patterns.alternation(gram['not_unit_after'])})"
        ),
        "change": regex.compile(
            rf"(?:{patterns.alternation(ch['prefixes'])})\s*,?\s*"
            rf"(?P<dir>{patterns.alternation(ch['increase'] + ch['decrease'])})\s*"
            rf"(?P<label>{label_alt})?(?:人员|人数)?\s*(?P<n>{ARABIC}|{CN_NUMERAL})\s*"
            rf"(?:{patterns.alternation(gram['units'])})"
        ),
        "decrease": set(ch["decrease"]),
        "fillers": regex.compile(rf"(?:{patterns.alternation(gram['fillers'])})+$"),
        "connectors": regex.compile(rf"^(?:{patterns.alternation(gram['connectors'])})+"),
        "having": regex.compile(patterns.alternation(gram["having"])),
        "protected": regex.compile(patterns.alternation(protected)),
        "staff": regex.compile(patterns.alternation(staff["words"] + list(phrase_to_cat))),
        "not_staff": regex.compile(patterns.alternation(staff["not_staff"])),
        "unit_suffixes": tuple(gram["unit_suffixes"]),
        "form_words": regex.compile(patterns.alternation(staff["not_in_sentence"])),
        "table_heads": tuple(staff["table_heads"]),
        "after_label": regex.compile(
            rf"\p{{Han}}{{2,8}}?(?=$|[，,、;；。\s]|(?:{patterns.alternation(gram['connectors'])}))"
        ),
    }


def is_staff_label(label: str) -> bool:
    """Whether words name a staffing count (编制, 在职, 退休人员 …) rather than pupils or trainees."""
    cfg = _cfg()
    if not cfg["staff"].search(label):
        return False
    # "全年培训干部职工" is trainees; "下属培训中心事业编制" is a unit's establishment.
    return not cfg["not_staff"].search(label) or category_of(label) != label


def category_of(label: str) -> str:
    """The category a label states: a known one when the label ends in its phrase, else the label.

    "本单位编制人数" is 编制数, but "政法专项编制" stays as written: only a unit's name or a time
    ("2019年末") may stand before the phrase.
    """
    cfg = _cfg()
    for suffix in ("人数", "人员", "总数", ""):
        if suffix and not label.endswith(suffix):
            continue
        core = label[: len(label) - len(suffix)] if suffix else label
        for phrase in sorted(cfg["phrase_to_cat"], key=len, reverse=True):
            if core.endswith(phrase):
                before = LEADING_TIME.sub("", core[: len(core) - len(phrase)])
                suffixes = cfg["unit_suffixes"]
                own = regex.sub(r"^[本我该全]", "", before)  # 本站, 我局, 全院: the unit itself
                if not own or own in suffixes or (len(before) >= 3 and before.endswith(suffixes)):
                    return cfg["phrase_to_cat"][phrase]
                return label
    return label


def _label_start(text: str, start: int, end: int) -> int:
    """Where the words naming the count that begins at ``end`` start.

    ``start`` is the sentence's start or the end of the count before (a label never spans one).
    """
    cfg = _cfg()
    head = text[start:end].rstrip()
    cut = 0
    for m in CLAUSE_END.finditer(head):
        cut = m.end()
    pos = start + cut
    label = text[pos : start + len(head)]
    lead = cfg["connectors"].match(label)
    if lead:
        pos += lead.end()
        label = label[lead.end() :]
    # "我校现有在职教师": the count names what the unit has, not the unit (实有 is kept whole).
    guarded = [m.span() for m in cfg["protected"].finditer(label)]
    verbs = [
        m for m in cfg["having"].finditer(label) if not any(s <= m.start() < e for s, e in guarded)
    ]
    if verbs:  # the last one: in "国有林场现有干部职工" the staff is what 现有 has
        pos += verbs[-1].end()
    return pos


def _clean(label: str) -> str:
    label = _cfg()["fillers"].sub("", label).strip()
    if len(label) > 10:  # a long clause: keep it from the staffing word on
        m = _cfg()["staff"].search(label)
        if m:
            label = label[m.start() :]
    return label


def prose_counts(doc: Document, taken: list[tuple[int, int]]) -> list[dict[str, Any]]:
    cfg = _cfg()
    text = doc.text
    out: list[dict[str, Any]] = []
    for sent in SENTENCE.finditer(text):
        staff_seen = False
        group: str | None = None  # a part of the staff (局本级 …) whose breakdown is in brackets
        group_end = -1
        prev_end = sent.start()
        if cfg["form_words"].search(text, sent.start(), sent.end()):
            continue  # an indicator's row or target ("村组干部230人 | ≥ | 230"), not the staff
        for m in cfg["count"].finditer(text, sent.start(), sent.end()):
            if any(s <= m.start() < e for s, e in taken):
                continue
            n = parse_decimal(m.group("n"))
            if n is None or n != int(n):
                continue
            ls = _label_start(text, prev_end, m.start())
            label = _clean(text[ls : m.start()])
            start, end = ls, m.end()
            if not regex.search(r"\p{Han}", label):
                after = cfg["after_label"].match(text, m.end(), sent.end())
                if not after or not is_staff_label(after.group()):
                    continue
                label, end = after.group(), after.end()  # 配备一名主管会计
            if m.group("u") == "个" and "编" not in label:
                continue  # 个 counts posts (编制), never people
            if is_staff_label(label):
                staff_seen = True
                cat = category_of(label)
                if group and m.start() < group_end:
                    cat = group + label
            elif staff_seen and len(label) <= 16 and not cfg["not_staff"].search(label):
                cat = label  # a part of the staff named in the same sentence (财政事务中心10人)
                close = text.find(")", end, sent.end())
                close2 = text.find("）", end, sent.end())
                if text.startswith(("(", "（"), end):
                    group, group_end = label, max(close, close2)
            else:
                continue
            prev_end = end
            out.append({"category": cat, "label": label, "count": as_number(n),
                        "span": doc.span(start, end)})  # fmt: skip
    return out


def change_counts(doc: Document) -> list[dict[str, Any]]:
    """ "与去年相比增加在职人员 1 人" → 在职人数较上年变化 = +1."""
    cfg = _cfg()
    out = []
    for m in cfg["change"].finditer(doc.text):
        n = parse_decimal(m.group("n"))
        if n is None:
            continue
        cat = cfg["phrase_to_cat"].get(m.group("label") or "", "人数")
        sign = -1 if m.group("dir") in cfg["decrease"] else 1
        out.append({"category": f"{cat}较上年变化", "count": as_number(n * sign),
                    "span": doc.span(m.start(), m.end())})  # fmt: skip
    return out


@register("personnel")
def extract_personnel(doc: Document, result: dict[str, Any]) -> list[dict[str, Any]]:
    # Changes first, so "增加在职人员 1 人" is not read as a headcount of 1.
    changes = change_counts(doc)
    taken = [(c["span"]["start"], c["span"]["end"]) for c in changes]
    found = changes + prose_counts(doc, taken)
    taken += [(c["span"]["start"], c["span"]["end"]) for c in found]
    found += table_counts(doc, taken, is_staff_label, category_of, _cfg()["table_heads"],
                          _cfg()["form_words"])  # fmt: skip
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, float]] = set()
    for row in sorted(found, key=lambda p: p["span"]["start"]):
        key = (row["category"], row["count"])
        if key not in seen:  # the same figure restated (a summary repeating the body)
            seen.add(key)
            out.append(row)
    return out
