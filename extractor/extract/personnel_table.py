"""Staffing in a form: a label cell then a number cell, whatever separates them.

``编制数 | 34 | 34``, ``人员编制`` on one line and ``128`` on the next, ``在职人数 32`` in a row
flattened into spaces. The number has no unit (the form's header gives it); the first number
after the label is the row's figure. A number that is a year, a date, money or a rate is not a
count, and the label must be a whole staffing label (编制数, 在岗人数 …), not any cell that holds
a staffing word (人员经费 is money).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import regex

from ..model import Document
from ..numbers import as_number

# label, then a cell separator (pipes, a line break, spaces), then a bare whole number that ends
# its cell (not 2021年, 12.5, 95%, 30人 — prose reads those).
ROW = regex.compile(
    r"(?P<label>\p{Han}{2,12})[ \t]*(?:(?:[|｜][ \t]*)+|\n\s*|[ \t]+)"
    r"(?P<n>\d{1,6})(?![\d.,%])(?![ \t]*[年月日万元%人名个岁])(?=\s|[|｜]|$)"
)
YEAR = regex.compile(r"(?:19|20)\d\d")


def table_counts(
    doc: Document,
    taken: list[tuple[int, int]],
    is_staff: Callable[[str], bool],
    category_of: Callable[[str], str],
    heads: tuple[str, ...],
    form_words: regex.Pattern,
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for m in ROW.finditer(doc.text):
        label, n = m.group("label"), m.group("n")
        if any(s <= m.start("n") < e for s, e in taken) or YEAR.fullmatch(n):
            continue
        cat = category_of(label)
        if not is_staff(label) or (cat == label and (len(label) > 6 or not label.endswith(heads))):
            continue  # a long label ending in 人数 is an indicator's name (聘用护林员人数)
        row_start = doc.text.rfind("\n", 0, m.start("label")) + 1
        row_end = doc.text.find("\n", m.end())
        if form_words.search(doc.text, row_start, row_end if row_end >= 0 else len(doc.text)):
            continue  # a row of the indicator table
        out.append({"category": cat, "label": label, "count": as_number(Decimal(n)),
                    "span": doc.span(m.start(), m.end())})  # fmt: skip
    return out
