"""What the words before a staffing count say: whether they name staff, and the category.

Shared by the prose reader (``personnel.py``) and the form reader (``personnel_table.py``).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import regex

from .. import patterns
from ..numbers import ARABIC, CN_NUMERAL

# A count: a number (not part of a longer number, a year or a date) and its unit.
NUM = rf"(?<![\d.,\-/])(?P<n>\d+|(?![万亿千百])(?:{CN_NUMERAL}))"
# The year a label may begin with ("2019年末实有在职人数").
LEADING_TIME = regex.compile(
    r"^(?:\d{2,4}|[xX×*]{2,4})年(?:度)?(?:末|底|初)?|^(?:年末|年底|目前|截至目前|截止目前|现)"
)


@cache
def config() -> dict[str, Any]:
    cfg = patterns.load("personnel")
    gram, staff = cfg["grammar"], cfg["staff"]
    phrase_to_cat = {p: cat for cat, ps in cfg["categories"].items() for p in ps}
    protected = list(phrase_to_cat) + staff["words"]
    ch = cfg["change"]
    label_alt = patterns.alternation(phrase_to_cat)
    return {
        "phrase_to_cat": phrase_to_cat,
        "phrases_longest_first": sorted(phrase_to_cat, key=len, reverse=True),
        "count": regex.compile(
            rf"{NUM}(?:\s*(?P<u>{patterns.alternation(gram['units'] + ['个'])})"
            rf"(?!{patterns.alternation(gram['not_unit_after'])})|(?=[)）]))"
        ),
        "change": regex.compile(
            rf"(?:{patterns.alternation(ch['prefixes'])})\s*,?\s*"
            rf"(?P<dir>{patterns.alternation(ch['increase'] + ch['decrease'])})\s*"
            rf"(?P<label>{label_alt})?(?:人员|人数)?\s*(?P<n>{ARABIC}|{CN_NUMERAL})\s*"
            rf"(?:{patterns.alternation(gram['units'])})"
        ),
        "decrease": set(ch["decrease"]),
        "fillers": regex.compile(rf"(?:{patterns.alternation(gram['fillers'])})+$"),
        "connectors": regex.compile(rf"^(?:{patterns.alternation(gram['connectors'])})+"),
        "having": regex.compile(patterns.alternation(gram["having"])),
        "protected": regex.compile(patterns.alternation(protected)),
        "staff": regex.compile(patterns.alternation(staff["words"] + list(phrase_to_cat))),
        "not_staff": regex.compile(patterns.alternation(staff["not_staff"])),
        "unit_suffixes": tuple(gram["unit_suffixes"]),
        "form_words": regex.compile(patterns.alternation(staff["not_in_sentence"])),
        "table_heads": tuple(staff["table_heads"]),
        "after_label": regex.compile(
            rf"\p{{Han}}{{2,8}}?(?=$|[，,、;；。\s]|(?:{patterns.alternation(gram['connectors'])}))"
        ),
    }


@lru_cache(maxsize=4096)  # a pure function of the words: forms repeat their labels
def is_staff_label(label: str) -> bool:
    """Whether words name a staffing count (编制, 在职, 退休人员 …) rather than pupils or trainees."""
    cfg = config()
    if not cfg["staff"].search(label):
        return False
    # "全年培训干部职工" is trainees; "下属培训中心事业编制" is a unit's establishment.
    return not cfg["not_staff"].search(label) or category_of(label) != label


@lru_cache(maxsize=4096)  # a pure function of the words: forms repeat their labels
def category_of(label: str) -> str:
    """The category a label states: a known one when the label ends in its phrase, else the label.

    "本单位编制人数" is 编制数, but "政法专项编制" stays as written: only a unit's name or a time
    ("2019年末") may stand before the phrase.
    """
    cfg = config()
    for suffix in ("人数", "人员", "总数", ""):
        if suffix and not label.endswith(suffix):
            continue
        core = label[: len(label) - len(suffix)] if suffix else label
        for phrase in cfg["phrases_longest_first"]:
            if core.endswith(phrase):
                before = LEADING_TIME.sub("", core[: len(core) - len(phrase)])
                suffixes = cfg["unit_suffixes"]
                own = regex.sub(r"^[本我该全]", "", before)  # 本站, 我局, 全院: the unit itself
                if not own or own in suffixes or (len(before) >= 3 and before.endswith(suffixes)):
                    return cfg["phrase_to_cat"][phrase]
                return label
    return label


@lru_cache(maxsize=4096)  # a pure function of the words: forms repeat their labels
def is_table_label(label: str) -> bool:
    """A form's label cell for a count: a category's phrase or a short label ending in 人数/编制.

    A long label ending in 人数 is an indicator's name (聘用护林员人数), not the staff.
    """
    if not is_staff_label(label):
        return False
    return category_of(label) != label or (
        len(label) <= 6 and label.endswith(config()["table_heads"])
    )
