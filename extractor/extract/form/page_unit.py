"""The money unit a page declares for the tables under it (单位:万元, 金额单位:元).

Not the "(万元)" of a cell: that one is its own row's or column's and says nothing about the
next table."""

from __future__ import annotations

from functools import cache

import regex

from ... import patterns
from ...model import Document

REACH = 1500


@cache
def _declared() -> regex.Pattern:
    return regex.compile(patterns.load("forms")["budget_lists"]["page_unit"])


def page_unit(doc: Document, at: int, ahead: int = 0) -> str | None:
    """The unit last declared before ``at``; else, with ``ahead``, the first one declared in
    the ``ahead`` characters after it (a table's unit flattened to the right of its header)."""
    found = list(_declared().finditer(doc.text, max(0, at - REACH), at))
    if found:
        return found[-1].group("u")
    m = _declared().search(doc.text, at, at + ahead) if ahead else None
    return m.group("u") if m else None
