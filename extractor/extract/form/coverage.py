"""What the form reader saw but could not place: values of a text form left out of every row.

Only the reader knows this (which cells it aligned); the ``coverage`` audit rule
(extractor/audit/coverage.py) turns each gap into a finding and a source warning, beside what it
sees from the text alone (a form header with nothing read, budget blocks, dense figures).
"""

from __future__ import annotations

from typing import Any

from ...model import Document

# A few stray values (a page number, a 总分 left of its label) are no sign of a missed row.
UNREAD_MIN = 3


def form_gap(doc: Document, form: dict[str, Any]) -> dict[str, Any] | None:
    """The gap of one text form that was read (some rows), or None when it was read whole."""
    start, end = form["header_span"]
    n_rows, unread = len(form["indicators"]), form.get("unread") or []
    if not n_rows or len(unread) < UNREAD_MIN:
        return None  # a form with no row read is said by the audit rule from its header
    return {
        "block": doc.text[start:end].replace("\n", " ")[:40],
        "rows_read": n_rows,
        "values_unread": len(unread),
        "span": doc.span(start, max(end, unread[-1].end)),
    }
