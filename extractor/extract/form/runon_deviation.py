"""The 偏差原因 of a run-together row, which runs into the next row's name (…8.8雨季施工受阻质量指标养护…).

In a form whose header names a deviation column, the words after a row's 得分 hold the row's
reason and then the next row's labels and name with nothing between them. The reason ends where
a level label starts (质量指标, 满意度指标) or the form's 总分 row does; with no label after it,
only a word that says "no deviation" (无, 无偏差) is cut off the name, since a reason in other
words cannot be told from the start of a name.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ... import patterns
from . import types as t


@cache
def _cfg() -> dict[str, Any]:
    forms = patterns.load("forms")
    cfg = forms["runon_deviation"]
    return {
        "empty": sorted(cfg["empty"], key=len, reverse=True),
        "not_reason": tuple(cfg["not_reason"]),
        "max_len": cfg["max_len"],
        "end": tuple(forms["indicator_end"]["runon_labels"]),
    }


def reason_length(text: str, pos: int, stretch_end: int, name_min: int) -> int:
    """How many characters at ``pos`` are the previous row's reason, in the word stretch
    ``text[pos:stretch_end]`` that runs up to the next row's values; 0 if none."""
    cfg = _cfg()
    stop = min(stretch_end, pos + cfg["max_len"] + 1)
    # From ``pos`` itself: a label there (社会效益指标) is the next row's, and its tail
    # (效益指标) must not be taken for a label after a reason.
    for i in range(pos, stop):
        if text.startswith(cfg["end"], i) or t.label_prefix(text[i:stretch_end]) > 0:
            return i - pos
    if text.startswith(cfg["not_reason"], pos):
        return 0
    for word in cfg["empty"]:
        if text.startswith(word, pos) and stretch_end - pos - len(word) >= name_min:
            return len(word)
    return 0
