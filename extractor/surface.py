"""Hand back a traditional report's values in the characters it is written in.

Extractors match a simplified view of a traditional report (``Document.text``); ``surface`` is
the same text as written, same length. After extraction and audit, every span's text is sliced
from the surface, and every string value that was sliced from the text (names, levels, raw
values, department, roles) is found at its place in the view and replaced by the same range of
the surface. Values from the project's own vocabulary (``scope``, ``item``, ``unit``…) stay as
they are: other tools compare them with fixed words.
"""

from __future__ import annotations

from typing import Any

from .model import Document

# Keys whose values are the extractor's canonical words, not text from the report.
CANONICAL = frozenset(
    {
        "scope", "item", "unit", "comparator", "category", "rule", "severity", "subject",
        "message", "as_of", "filled_date", "signed_date", "kind", "format", "path",
    }
)  # fmt: skip


def to_surface(result: dict[str, Any], doc: Document) -> None:
    """Rewrite ``result`` (the contract's dict, minus ``source``/``text``) in surface characters."""
    if not doc.surface or doc.surface == doc.text:
        return
    for key, value in result.items():
        if key not in ("source", "text"):
            _walk(value, doc)


def _walk(node: Any, doc: Document) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, doc)
        return
    if not isinstance(node, dict):
        return
    if _is_span(node) and isinstance(node.get("text"), str):  # a span under any other key
        node["text"] = doc.surface[node["start"] : node["end"]]
        return
    spans = _spans(node)
    for span in spans:
        span["text"] = doc.surface[span["start"] : span["end"]]
    anchor = spans[0]["start"] if spans else 0
    for key, value in node.items():
        if isinstance(value, str) and key not in CANONICAL:
            node[key] = _map_value(value, doc, spans, anchor)
        elif key not in ("span", "spans"):
            _walk(value, doc)


def _spans(node: dict) -> list[dict]:
    found = [node["span"]] if _is_span(node.get("span")) else []
    if isinstance(node.get("spans"), dict):
        found += [s for s in node["spans"].values() if _is_span(s)]
    return found


def _is_span(x: Any) -> bool:
    return isinstance(x, dict) and isinstance(x.get("start"), int) and isinstance(x.get("end"), int)


def _map_value(value: str, doc: Document, spans: list[dict], anchor: int) -> str:
    """``value`` as written: its place inside a span of its own, else its nearest occurrence."""
    if value.isascii():
        return value
    for span in spans:
        found = _in_span(value, doc, span["start"], span["end"])
        if found is not None:
            return found
    i = _nearest(doc.text, value, anchor)
    return value if i < 0 else doc.surface[i : i + len(value)]


def _in_span(value: str, doc: Document, start: int, end: int) -> str | None:
    """``value`` matched inside ``doc.text[start:end]`` ignoring whitespace and colons, in
    surface characters.

    They are ignored because a value joined from two lines (a title broken in the page), or from
    a name and what its colon introduces (``吴家路:路面硬化`` → 吴家路路面硬化), lacks them.
    """
    keep = [i for i in range(start, end) if not _joint(doc.text[i])]
    target = "".join(ch for ch in value if not _joint(ch))
    j = "".join(doc.text[i] for i in keep).find(target) if target else -1
    if j < 0:
        return None
    where = iter(keep[j : j + len(target)])
    return "".join(ch if _joint(ch) else doc.surface[next(where)] for ch in value)


def _joint(ch: str) -> bool:
    return ch.isspace() or ch == ":"


def _nearest(text: str, value: str, anchor: int) -> int:
    after = text.find(value, anchor)
    before = text.rfind(value, 0, anchor + len(value))
    if after < 0 or before < 0:
        return max(after, before)
    return before if anchor - before <= after - anchor else after
