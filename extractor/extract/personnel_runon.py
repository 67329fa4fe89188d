"""A staffing row whose cells ran together: 编制数 | 实际在职人数 | 控制率 written ``877383.91%``.

The digits are cut only where the form's own rule holds: 控制率 = 在职 / 编制 (to the rounding of
the printed rate), so ``87 | 73 | 83.91%`` and nothing else. Which count is which follows from
that rule, not from where the header words stand (a wrapped header scrambles them). The row must
stand just after the header words 编制, 在职 and 控制率; a run that reads the rule two ways is left.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

import regex

from .. import patterns
from ..model import Document
from ..numbers import as_number
from .personnel_labels import category_of

# Two counts and a percent, run together, alone on their line or cell.
RUN = regex.compile(r"(?<![\d.])(?P<run>\d{2,10}(?:\.\d{1,2})?%)(?![\d.])")
HEADER_REACH = 80  # the header words stand within this many characters before the run


@cache
def _header_words() -> tuple[regex.Pattern, ...]:
    return tuple(regex.compile(p) for p in patterns.load("forms")["runon"]["staff_rate_header"])


@cache
def _labels() -> tuple[str, str]:
    """The labels of the staff count and of the in-post count."""
    staff, in_post = patterns.load("forms")["runon"]["staff_rate_labels"]
    return staff, in_post


def rate_run_counts(doc: Document, taken: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """编制数 and 实际在职人数 of every run-together staffing row the 控制率 rule cuts one way."""
    out: list[dict[str, Any]] = []
    for m in RUN.finditer(doc.text):
        start = m.start("run")
        if any(s <= start < e for s, e in taken):
            continue
        before = doc.text[max(0, start - HEADER_REACH) : start]
        if not all(p.search(before) for p in _header_words()):
            continue
        cut = _cut(m.group("run"))
        if cut is None:
            continue
        staff, in_post = _labels()
        for label, (s, e) in ((staff, (0, cut[0])), (in_post, cut)):
            out.append({"category": category_of(label), "label": label,
                        "count": as_number(Decimal(doc.text[start + s : start + e])),
                        "span": doc.span(start + s, start + e)})  # fmt: skip
    return out


def _cut(run: str) -> tuple[int, int] | None:
    """(end of the staff count, end of the in-post count) when exactly one cut of ``run`` into
    staff | in post | rate% has rate = in post / staff to the rate's printed decimals."""
    digits = run[:-1]
    found = []
    for r_start in range(2, len(digits)):
        rate = digits[r_start:]
        if not _RATE.fullmatch(rate) or float(rate) == 0:  # 0% fits any tiny ratio
            continue
        decimals = len(rate.partition(".")[2])
        for a in range(1, r_start):
            staff, post = digits[:a], digits[a:r_start]
            if _COUNT.fullmatch(staff) and _COUNT.fullmatch(post):
                if round(int(post) / int(staff) * 100, decimals) == float(rate):
                    found.append((a, r_start))
    return found[0] if len(found) == 1 else None


_RATE = regex.compile(r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?")
_COUNT = regex.compile(r"[1-9]\d{0,5}")
