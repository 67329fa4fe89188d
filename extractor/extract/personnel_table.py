"""Staffing in a form, whatever separates its cells (pipes, line breaks, spaces).

Two layouts: a label cell then its number (``编制数 | 34 | 34``, ``人员编制`` on one line and
``128`` on the next), and a header row of labels then a row of numbers in the same order
(``编制数 实有人数 行政人数 … / 某中心 12 15 0 12 3``). The numbers have no unit (the form's
header gives it). A number that is a year, a date, money or a rate is not a count, and the label
must be a whole staffing label (编制数, 在岗人数 …), not any cell holding a staffing word
(人员经费 is money).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import regex

from ..model import Document
from ..numbers import as_number
from .personnel_labels import category_of, config, is_table_label
from .personnel_runon import rate_run_counts

# label, then cell separators, then a bare whole number that ends its cell (not 2021年, 12.5,
# 95%, 30人 — prose reads those). The label is possessive: what follows it is never Han, so it
# can only end where its run of Han does, and giving characters back (11 retries at each start
# in a long run) can never make it match; the whole-text scan's costliest part.
ROW = regex.compile(
    r"(?P<label>\p{Han}{2,12}+)(?:[(（][人名个][)）])?[\s|｜:：]+"
    r"(?P<n>\d{1,6})(?![\d.,%])(?![ \t]*[年月日万元%人名个岁])(?=\s|[|｜]|$)"
)
# Where ROW can match, found cheaply: its separators and first digit, and the Han run before.
SEPARATED_DIGIT = regex.compile(r"[\s|｜:：]+\d")
HAN_BEFORE = regex.compile(r"(?r)\p{Han}{1,12}")
YEAR = regex.compile(r"(?:19|20)\d\d")
CELL = regex.compile(r"[^\s|｜]+")
COUNT_CELL = regex.compile(r"\d{1,6}")
# Header cells that stand among the labels and take no column of numbers of their own.
SUBHEADS = {"小计", "合计", "其中", "其中:", "其中：", "单位名称", "单位", "名称", "人数", "项目"}
# How many cells (the unit's name) may stand between the header row and its numbers.
ROW_NAME_CELLS = 2


def _row_of(doc: Document, start: int, end: int) -> tuple[int, int]:
    row_start = doc.text.rfind("\n", 0, start) + 1
    row_end = doc.text.find("\n", end)
    return row_start, row_end if row_end >= 0 else len(doc.text)


def label_rows(text: str) -> list[regex.Match]:
    """``ROW.finditer(text)``, trying ROW only where it can start (its scan of every Han
    character was the costliest regex of a report).

    A match's separators follow its label or the label's ``(人)``, and each separator run
    followed by a digit starts a match of ``SEPARATED_DIGIT`` (what stands before it is Han
    or a bracket, which no such match holds). The label ends where its Han run does, so the
    only start worth trying is the run's, or 12 before its end: a later one has the same tail
    and fails with it, an earlier one cannot reach it. ROW has no lookbehind and a match ends
    before a space or pipe, never inside a run, so trying the starts in order is the scan.
    """
    starts = set()
    for sep in SEPARATED_DIGIT.finditer(text):
        end = sep.start() - 3 if text[sep.start() - 1 : sep.start()] in (")", "）") else sep.start()
        run = HAN_BEFORE.match(text, max(0, end - 12), end) if end > 0 else None
        if run:
            starts.add(run.start())
    out: list[regex.Match] = []
    pos = 0
    for start in sorted(starts):
        m = ROW.match(text, start) if start >= pos else None
        if m:
            out.append(m)
            pos = m.end()
    return out


def label_number_counts(doc: Document, taken: list[tuple[int, int]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for m in label_rows(doc.text):
        label, n = m.group("label"), m.group("n")
        if any(s <= m.start("n") < e for s, e in taken) or YEAR.fullmatch(n):
            continue
        if not is_table_label(label):
            continue
        if config()["form_words"].search(doc.text, *_row_of(doc, m.start("label"), m.end())):
            continue  # a row of the indicator table
        out.append({"category": category_of(label), "label": label, "count": as_number(Decimal(n)),
                    "span": doc.span(m.start(), m.end())})  # fmt: skip
    return out


def header_row_counts(doc: Document, taken: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """A header row of two or more staffing labels, then the same number of counts."""
    # Each cell's words, and whether it may stand in a header row, asked once per cell (the
    # walk below asked twice or three times for most); the cells' positions only for a text
    # with a run of two labels, where a header row can start (most texts have none).
    words = CELL.findall(doc.text)
    heads = [w in SUBHEADS or is_table_label(w) for w in words]
    if not _label_run(words, heads):
        return []
    cells = list(CELL.finditer(doc.text))
    out: list[dict[str, Any]] = []
    i = 0
    while i < len(cells):
        labels = []
        j = i
        while j < len(cells) and heads[j]:
            if words[j] not in SUBHEADS:
                labels.append(cells[j])
            j += 1
        if len(labels) < 2:
            i = max(j, i + 1)
            continue
        k = j
        while k < len(cells) and k - j < ROW_NAME_CELLS and not COUNT_CELL.fullmatch(words[k]):
            k += 1
        numbers = cells[k : k + len(labels)]
        more = k + len(labels) < len(cells) and COUNT_CELL.fullmatch(cells[k + len(labels)].group())
        if (
            not more
            and len(numbers) == len(labels)
            and all(
                COUNT_CELL.fullmatch(c.group()) and not YEAR.fullmatch(c.group()) for c in numbers
            )
        ):
            for lab, num in zip(labels, numbers, strict=True):
                if any(s <= num.start() < e for s, e in taken):
                    continue
                out.append({"category": category_of(lab.group()), "label": lab.group(),
                            "count": as_number(Decimal(num.group())),
                            "span": doc.span(num.start(), num.end()),
                            "label_span": doc.span(lab.start(), lab.end())})  # fmt: skip
            i = k + len(labels)
        else:
            i = j
    return out


def _label_run(words: list[str], heads: list[bool]) -> bool:
    """Whether a run of header cells holds two labels (the walk reads only such runs' tails)."""
    labels = 0
    for word, head in zip(words, heads, strict=True):
        labels = labels + (word not in SUBHEADS) if head else 0
        if labels >= 2:
            return True
    return False


def table_counts(doc: Document, taken: list[tuple[int, int]]) -> list[dict[str, Any]]:
    # Header rows first: in "| 编制数 | 在职人数 |\n| 12 | 11 |" the last label is not 12's.
    found = header_row_counts(doc, taken)
    taken = taken + [(c["label_span"]["start"], c["span"]["end"]) for c in found]
    found += label_number_counts(doc, taken)
    return found + rate_run_counts(
        doc, taken + [(c["span"]["start"], c["span"]["end"]) for c in found]
    )
