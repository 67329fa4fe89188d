"""Staffing: 编制数, 实有人数, 在职, 退休 … in prose and in table rows, and the change on last year.

Prose is read clause by clause: every ``N人`` / ``N名`` in a sentence is a count of what the words
before it name (``其中行政编制5名、事业编制7名``), or after it (``配备一名主管会计``). A count is
staffing when its label holds a staffing word (编制, 在职, 退休, 工作人员 …); a count whose label
has none (``局本级187人``) is a part of the staff only when a staffing count came before it in the
same sentence. A label that ends in a known phrase gets that phrase's category (编制数, 在职人数 …);
any other label is kept as written, so a reader sees the words the report used.
"""

from __future__ import annotations

from typing import Any

import regex

from ..literal_scan import in_document
from ..model import Document
from ..numbers import as_number, parse_decimal
from . import register
from .personnel_labels import category_of, config, is_staff_label
from .personnel_table import table_counts

SENTENCE = regex.compile(r"[^。；;！!？?\n]+")
# What ends a clause inside a sentence: the label of a count starts after it.
CLAUSE_END = regex.compile(r"[，,、：:（(）)\s|｜]")
# What may stand between a label and its number ("实有人数：3人", "编制数 | 12人").
LABEL_GAP = " \t\u3000|｜:："
CLOSE = regex.compile(r"[)）]")


def _label_start(text: str, start: int, end: int) -> int:
    """Where the words naming the count that begins at ``end`` start.

    ``start`` is the sentence's start or the end of the count before (a label never spans one).
    """
    cfg = config()
    head = text[start:end].rstrip(LABEL_GAP)
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
    if verbs:  # the last one: in "某苗圃现有干部职工" the staff is what 现有 has
        pos += verbs[-1].end()
    return pos


def _clean(label: str) -> str:
    label = config()["fillers"].sub("", label).strip()
    if len(label) > 10:  # a long clause: keep it from the staffing word on
        m = config()["staff"].search(label)
        if m:
            label = label[m.start() :]
    return label


_HAN = regex.compile(r"\p{Han}")


def prose_counts(doc: Document, taken: list[tuple[int, int]]) -> list[dict[str, Any]]:
    cfg = config()
    text = doc.text
    out: list[dict[str, Any]] = []
    form_words = in_document(doc, cfg["form_words"])  # one scan, not a search per sentence
    for sent in SENTENCE.finditer(text):
        staff_seen = False
        group: str | None = None  # a part of the staff (局本级 …) whose breakdown is in brackets
        group_end = -1
        prev_end = sent.start()
        if form_words.within(sent.start(), sent.end()):
            continue  # an indicator's row or target ("村级保洁员120人 | ≥ | 120"), not the staff
        for m in cfg["count"].finditer(text, sent.start(), sent.end()):
            if any(s <= m.start() < e for s, e in taken):
                continue
            n = parse_decimal(m.group("n"))
            if n is None or n != int(n):
                continue
            ls = _label_start(text, prev_end, m.start())
            label = _clean(text[ls : m.start()])
            start, end = ls, m.end()
            if not _HAN.search(label):
                after = cfg["after_label"].match(text, m.end(), sent.end())
                if not after or not is_staff_label(after.group()):
                    continue
                label, end = after.group(), after.end()  # 配备一名主管会计
            if m.group("u") == "个" and "编" not in label:
                continue  # 个 counts posts (编制), never people
            if m.group("u") is None and not (staff_seen and is_staff_label(label)):
                continue  # "(编制40)": a bare figure only beside the staff counts it qualifies
            if is_staff_label(label):
                staff_seen = True
                cat = category_of(label)
                if group and m.start() < group_end:
                    cat = group + label
            elif staff_seen and len(label) <= 16 and not cfg["not_staff"].search(label):
                cat = label  # a part of the staff named in the same sentence (财政事务中心10人)
                close = CLOSE.search(text, end, sent.end())
                if close and text.startswith(("(", "（"), end):  # 局本级40人(在职30人、退休10人)
                    group, group_end = label, close.start()
            else:
                continue
            prev_end = end
            out.append({"category": cat, "label": label, "count": as_number(n),
                        "span": doc.span(start, end)})  # fmt: skip
    return out


def change_counts(doc: Document) -> list[dict[str, Any]]:
    """ "与去年相比增加在职人员 1 人" → 在职人数较上年变化 = +1."""
    cfg = config()
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
    found += table_counts(doc, taken)
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, float]] = set()
    for row in sorted(found, key=lambda p: p["span"]["start"]):
        key = (row["category"], row["count"])
        if key not in seen:  # the same figure restated (a summary repeating the body)
            seen.add(key)
            out.append(row)
    return out
