"""What the form reader saw but could not read: a warning per form block that holds more than
the reader got (a header with no row read, values left out of every row).

The warnings go to ``result["form_coverage"]``; the pipeline copies their messages into
``source.warnings`` and turns each into a ``coverage`` finding.
"""

from __future__ import annotations

from typing import Any

import regex

from ...model import Document

_NUMBER = regex.compile(r"(?<![\d.])\d+(?:\.\d+)?%?")
_CLAUSE = regex.compile(r"[,，。;；、]")
DENSE_NUMBERS = 4  # numbers on a line that make it a table row, not a sentence
DENSE_LINES = 3  # consecutive such lines that make a block
DENSE_LINE = 12  # numbers on one line that make it a flattened table by itself
# A few stray values (a page number, a 总分 left of its label) are no sign of a missed row.
UNREAD_MIN = 3


def form_warning(doc: Document, form: dict[str, Any]) -> dict[str, Any] | None:
    """The coverage warning for one text form, or None when it was read whole."""
    start, end = form["header_span"]
    header = doc.text[start:end].replace("\n", " ")[:40]
    n_rows, unread = len(form["indicators"]), form.get("unread") or []
    if n_rows and len(unread) < UNREAD_MIN:
        return None
    if n_rows:
        what = f"{len(unread)} values left out of its {n_rows} rows read"
    else:
        what = "no indicator row read"
    last = unread[-1].end if unread else end
    return {
        "block": header,
        "rows_read": n_rows,
        "values_unread": len(unread),
        "message": f"form at offset {start} ({header}): {what}",
        "span": doc.span(start, max(end, last)),
    }


def budget_warning(doc: Document, header_span: tuple[int, int], n_rows: int) -> dict | None:
    """A budget header with no row read under it."""
    if n_rows:
        return None
    start, end = header_span
    header = doc.text[start:end].replace("\n", " ")[:40]
    return {
        "block": header,
        "rows_read": 0,
        "values_unread": None,
        "message": f"budget block at offset {start} ({header}): no budget row read",
        "span": doc.span(start, end),
    }


def dense_blocks(doc: Document) -> list[tuple[int, int]]:
    """Runs of lines that each hold several numbers and little else: a table's rows."""
    out, run, pos = [], [], 0
    for line in doc.text.split("\n") + [""]:
        numbers = _NUMBER.findall(line)
        digits = sum(len(n) for n in numbers)
        prose = len(_CLAUSE.findall(line)) * 4 > len(numbers)  # sentences, not cells
        if len(numbers) >= DENSE_LINE and not prose:
            if len(run) < DENSE_LINES:
                run = []
            run.append((pos, pos + len(line)))
            out.append((run[0][0], run[-1][1]))
            run = []
        elif len(numbers) >= DENSE_NUMBERS and digits * 3 >= len(line.replace(" ", "")):
            run.append((pos, pos + len(line)))
        else:
            if len(run) >= DENSE_LINES:
                out.append((run[0][0], run[-1][1]))
            run = []
        pos += len(line) + 1
    return out


def unread_dense(doc: Document, result: dict[str, Any]) -> list[dict[str, Any]]:
    """A coverage warning for each number-dense block nothing was read from."""
    spans = [
        (row["span"]["start"], row["span"]["end"])
        for key in ("indicators", "budget", "personnel")
        for row in result.get(key) or []
        if row.get("span")
    ]
    out = []
    for start, end in dense_blocks(doc):
        if any(s < end and e > start for s, e in spans):
            continue
        first = doc.text[start:end].split("\n")[0][:40]
        out.append({
            "block": first, "rows_read": 0, "values_unread": len(_NUMBER.findall(doc.text[start:end])),
            "message": f"number-dense block at offset {start} ({first}): nothing read",
            "span": doc.span(start, end),
        })  # fmt: skip
    return out
