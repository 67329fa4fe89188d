"""Label → value pairs the way forms write them, in text, tables or flattened tables.

``主管部门:XX局`` · ``主管部门 | XX局`` (a table row) · ``主管部门<tab>XX局`` · ``主管部门`` on
one line and ``XX局`` on the next · ``主管部门XX局实施单位XX局`` (cells run together).
"""

from __future__ import annotations

from functools import cache

import regex

from .. import patterns
from ..model import Document


@cache
def known_labels() -> tuple[str, ...]:
    """Every metadata label: in run-on lines one label's value ends where the next begins."""
    cfg = patterns.load("report")
    return tuple(
        [
            *cfg["department"]["labels"], *cfg["supervisor"]["labels"],
            *cfg["implementer"]["labels"], *cfg["project"]["labels"],
            *cfg["dates"]["filled_labels"],
        ]
    )  # fmt: skip


@cache
def _value_ends() -> str:
    """What ends a value: a metadata label, or another field of the form (联系人, 项目属性 …)."""
    stops = patterns.load("report").get("labels", {}).get("stops", [])
    return patterns.alternation([*known_labels(), *stops])


@cache
def _patterns(labels: tuple[str, ...], remarks: tuple[str, ...]) -> list[regex.Pattern]:
    alt = patterns.alternation(list(labels))
    remark = f"(?:{'|'.join(remarks)})?" if remarks else ""
    ends = _value_ends()
    return [
        # label: value · label | value · label<tab>value · label: | value (a pipe row); the value
        # ends at the next label too ("单位名称:XX站 填报日期:…", "填报单位:XX中心填报日期:…")
        regex.compile(
            rf"(?m)(?<!\p{{Han}})(?:{alt})[ ]*{remark}[ ]*(?:[:|\t][ \t]*)+"
            rf"(?P<v>[^\n|:\t]+?)[ ]*(?=$|\||\t|\n|{ends})"
        ),
        # the label alone on its line (a colon allowed), the value on the next
        regex.compile(
            rf"(?m)^[ \t]*(?<!\p{{Han}})(?:{alt})[ \t]*{remark}[ \t]*:?[ \t]*\n[ \t]*(?P<v>[^\n:|]+)$"
        ),
        # cells run together, on a line that starts with a known label or up to the next one
        regex.compile(
            rf"(?m)(?:^|(?<=[\p{{Han}} \t]))(?:{alt})(?P<v>\p{{Han}}[^\n:|\t]*?)(?=$|{ends})"
        ),
        # label and value on a line, a space between them, the next label or the line's end after
        regex.compile(
            rf"(?m)(?:^|(?<=[ \t|]))(?:{alt})[ ]*{remark}[ ]+(?P<v>[^\s|:]+)(?=[ ]*$|[ ]+(?:{ends}))"
        ),
    ]


def label_values(
    doc: Document, labels: list[str], remarks: list[str] | None = None
) -> list[tuple[str, int, int]]:
    """Every (value, start, end) written after one of ``labels``, in text order."""
    lab = tuple(labels)
    # Forms ask for the 项目名称 before each table: scan the text once per label set.
    key = ("label_values", lab, tuple(remarks or ()))
    if key in doc.memo:
        return doc.memo[key]
    found: dict[int, tuple[str, int, int]] = {}
    others = set(known_labels())
    windows = _label_windows(doc.text, lab)
    for i, pat in enumerate(_patterns(lab, tuple(remarks or ()))):
        for m in (m for s, e in windows for m in pat.finditer(doc.text, s, e)):
            value = m.group("v").strip()
            if not value or value in others:
                continue
            if i == 2 and not (
                _line_starts_with_label(doc.text, m.start()) or _ended_by_label(doc.text, m.end())
            ):
                continue
            start = m.start("v") + m.group("v").index(value)
            found.setdefault(start, (value, start, start + len(value)))
    doc.memo[key] = [found[k] for k in sorted(found)]
    return doc.memo[key]


def _label_windows(text: str, labels: tuple[str, ...]) -> list[tuple[int, int]]:
    """The stretches of whole lines a label's value can be on: each line holding a label, with
    the line after it (the value alone on the next line), overlapping stretches joined.

    Every pattern above starts on a label's line and ends by the next line's end, and no match
    starts on a line break, so scanning only these stretches finds what the whole text holds —
    for the cost of a ``str.find`` per label instead of four regex passes over every line.
    """
    starts = set()
    for label in labels:
        pos = text.find(label)
        while pos >= 0:
            starts.add(text.rfind("\n", 0, pos) + 1)
            pos = text.find(label, pos + 1)
    windows: list[tuple[int, int]] = []
    for start in sorted(starts):
        line_end = text.find("\n", start)
        next_end = -1 if line_end < 0 else text.find("\n", line_end + 1)
        end = len(text) if next_end < 0 else next_end
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def _line_starts_with_label(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return text.startswith(known_labels(), line_start)


def _ended_by_label(text: str, pos: int) -> bool:
    """A run-together value that the next field ends ("项目名称XX项目属性…"), not prose."""
    return pos < len(text) and text[pos] != "\n"


def first_value(doc: Document, labels: list[str], remarks: list[str] | None = None):
    values = label_values(doc, labels, remarks)
    return values[0] if values else None


def project_before(doc: Document, pos: int) -> str | None:
    """The project a form at ``pos`` belongs to: the last 项目名称 stated before it."""
    labels = patterns.load("report")["project"]["labels"]
    before = [v for v in label_values(doc, labels) if v[1] < pos]
    return before[-1][0] if before else None
