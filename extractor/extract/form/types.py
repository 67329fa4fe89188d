"""What a cell of a form can be: a level label, a value, a bare number, a header word …

The kinds are the alignment's evidence; a cell has exactly one.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from ... import patterns
from ..values import parse_whole

_SPACE = regex.compile(r"\s+")

LEVEL1 = "level1"  # 产出指标, 产出指标(50分), 产 出 指 标
LEVEL2 = "level2"  # 数量指标, 社会效益指标
VALUE = "value"  # ≥200平方米, 100%, 2023年12月: comparator, number, unit
NUMBER = "number"  # 10, 15.0, 10分: a bare number (a weight, a score)
SIGN = "sign"  # ≥, =, 正向: a comparator in a column of its own
QUALITATIVE = "qualitative"  # 达成预期指标, 逐步增加, 及时, 好
EMPTY = "empty"  # —, /, 无
UNIT = "unit"  # 公里, 万元, %, ≥ %: a unit with no number (a 度量单位 cell, or a blank template)
HEADER = "header"  # 三级指标, 年度指标值, 分值
END = "end"  # 总分, 合计: the form's closing row
TEXT = "text"  # a name or a remark

# "3、施用配方肥", "(2)培训人次": a numbered name, not the number 3 with a unit.
NUMBERED = regex.compile(r"^[(（]?\d{1,2}[)）、.．]\s*\p{Han}")
_NUMBER = regex.compile(r"[\d,]+(?:\.\d+)?\s*分?")
# "指标2:新修机耕道长度": the numbering that opens an indicator's name, so a cell with it starts
# a row and never continues the name or value before it.
_OPENS_NAME = regex.compile(r"^指标\s*\d{1,2}\s*[:：]\s*\p{Han}")


def opens_name(text: str) -> bool:
    return _OPENS_NAME.match(text) is not None


# The money units a table declares in brackets (项目资金(万元)), from patterns/units.toml.
MONEY_UNIT = patterns.alternation(patterns.load("units")["money"])
UNIT_CELL = regex.compile(rf"[((](?P<u>{MONEY_UNIT})[))]")  # a unit in a cell of its own
POINTS_MAX = 100  # a form's 分值 and 得分 are points of (at most) 100


def points(text: str) -> float | None:
    """The points a 分值/得分 cell holds (``7.5``, ``10分``), or None when it is no such number."""
    sq = _SPACE.sub("", text).removesuffix("分")
    if not regex.fullmatch(r"\d{1,3}(?:\.\d+)?", sq):
        return None
    n = float(sq)
    return n if n <= POINTS_MAX else None


@cache
def _levels() -> dict[str, tuple[str, str]]:
    """Label word → (kind, canonical label)."""
    ind = patterns.load("indicators")
    out = {w: (LEVEL1, l1) for l1, ws in ind["level1"].items() for w in ws if w.endswith("指标")}
    out.update({w: (LEVEL2, l2) for l2, d in ind["level2"].items() for w in d["words"]})
    rubric = patterns.load("forms")["rubric_levels"]
    for w in rubric["level1"]:
        out.setdefault(w, (LEVEL1, w))
    for w in rubric["level2"]:
        out.setdefault(w, (LEVEL2, w))
    return out


@cache
def level2_parent() -> dict[str, str]:
    ind = patterns.load("indicators")
    out = {l2: d["level1"] for l2, d in ind["level2"].items()}
    return {**patterns.load("forms")["rubric_levels"]["level2"], **out}


@cache
def _weight_in_label() -> list[regex.Pattern]:
    return [regex.compile(p) for p in patterns.load("forms")["weights"]["in_label"]]


@lru_cache(maxsize=4096)  # asked again of the same text by typing, label splits and rows
def level_label(squashed: str) -> tuple[str, str, float | None] | None:
    """(kind, canonical label, weight) for ``产出指标(50分)``; None if not a level label."""
    weight = None
    core = squashed
    for p in _weight_in_label():
        m = p.search(squashed)
        if m:
            core, weight = squashed[: m.start()] + squashed[m.end() :], float(m.group("w"))
            break
    hit = _levels().get(core) or _near_level(core)
    return (hit[0], hit[1], weight) if hit else None


@cache
def _level_max() -> int:
    return max(NEAR_MAX, *(len(w) for w in _levels()))


def may_be_level(squashed: str) -> bool:
    """False when ``squashed`` can be no level label: longer than every label word (and than a
    near label) with no ``(N分)`` weight to take off, which needs a 分. A scan for the first
    label cell skips typing the prose cells before it (their texts are new to every cache)."""
    return len(squashed) <= _level_max() or "分" in squashed


NEAR_MAX = 12  # a near level-2 label (社会效益效益指标) is short


def _near_level(core: str) -> tuple[str, str] | None:
    """A level-2 label with a doubled or stray word (社会效益效益指标): its stem and 指标."""
    if not core.endswith("指标") or len(core) > NEAR_MAX:
        return None
    stems = [w for w, hit in _levels().items() if hit[0] == LEVEL2 and not w.endswith("指标")]
    for w in sorted(stems, key=len, reverse=True):
        if core.startswith(w):
            return LEVEL2, core  # as written; its level-1 is the stem's (parent_of)
    return None


def parent_of(level2: str) -> str | None:
    """The level-1 label a level-2 label belongs to (a near label by its stem)."""
    if level2 in level2_parent():
        return level2_parent()[level2]
    for w, (kind, canonical) in _levels().items():
        if kind == LEVEL2 and not w.endswith("指标") and level2.startswith(w):
            return level2_parent().get(canonical)
    return None


@cache
def _label_words() -> tuple[str, ...]:
    return tuple(sorted((w for w in _levels() if w.endswith("指标")), key=len, reverse=True))


@lru_cache(maxsize=4096)
def label_prefix(text: str) -> int:
    """Length of a level label written at the start of ``text`` with more after it, or 0."""
    # Most cells start with no label word: one C-level test before the squash and look-up.
    if not text.startswith(_label_words()) or level_label(_SPACE.sub("", text)):
        return 0
    for word in _label_words():
        if text.startswith(word) and len(text) > len(word):
            rest = text[len(word) :]
            m = next((p.match(rest) for p in _weight_in_label() if p.match(rest)), None)
            n = len(word) + (m.end() if m else 0)
            return n if n < len(text) else 0
    return 0


@lru_cache(maxsize=4096)
def label_suffix(text: str) -> int:
    """Where a level label written onto the end of ``text`` starts (合同完成率满意度指标 → 6), or 0."""
    if not text.endswith(_label_words()) or level_label(_SPACE.sub("", text)):
        return 0
    for word in _label_words():
        if text.endswith(word) and len(text) > len(word):
            return len(text) - len(word)
    return 0


@cache
def _header_families() -> tuple[tuple[str, regex.Pattern], ...]:
    """Per column, its header spellings as one pattern (one search per column, not per spelling)."""
    cfg = patterns.load("forms")["indicator_columns"]
    return tuple((f, regex.compile("|".join(f"(?:{p})" for p in pats))) for f, pats in cfg.items())


HEADER_MAX = 16  # a header cell is a few words
LABELLED = regex.compile(r"[:：]\s*\S")


@lru_cache(maxsize=4096)
def header_field(squashed: str) -> str | None:
    """The column a header cell names (``年度指标值`` → target), or None."""
    if len(squashed) > HEADER_MAX or LABELLED.search(squashed):
        return None  # "年度指标值:≥5年" is a labelled value in prose, not a column's name
    for field, pattern in _header_families():
        if pattern.search(squashed):
            return field
    return None


@cache
def _words() -> dict[str, frozenset[str]]:
    cfg = patterns.load("forms")
    return {
        "empty": frozenset(cfg["flat"]["empty"]),
        "qualitative": frozenset(cfg["flat"]["qualitative"]),
        "natures": frozenset(cfg["natures"]),
        "signs": frozenset(cfg["cells"]["signs"]),
        "end": tuple(regex.compile(p) for p in cfg["indicator_end"]["rows"]),
    }


@cache
def _unit_words() -> frozenset[str]:
    units = patterns.load("units")
    return frozenset([*units["money"], *units["count"]["units"], "%"])


def _is_unit(sq: str) -> bool:
    """公里, ≥ %, 万亩: a unit with no number (万/千 in front of a counted unit too)."""
    core = sq.lstrip("".join(_words()["signs"]) + "≥≤=<>")
    return core in _unit_words() or (core[:1] in "万千" and core[1:] in _unit_words())


@lru_cache(maxsize=4096)
def cell_kind(text: str) -> str:
    """The one kind of a cell's text (see the module constants)."""
    sq = _SPACE.sub("", text)
    w = _words()
    if sq in w["empty"]:
        return EMPTY
    if sq in w["signs"] or sq in w["natures"]:
        return SIGN
    if _is_unit(sq):
        return UNIT
    if level := level_label(sq):
        return level[0]
    if _NUMBER.fullmatch(sq):
        return NUMBER
    if NUMBERED.match(sq) is None and parse_whole(text) is not None:
        return VALUE
    if any(p.search(sq) for p in w["end"]) and len(sq) <= 8:
        return END
    if header_field(sq):
        return HEADER
    if sq in w["qualitative"] or len(sq) <= 2:
        return QUALITATIVE
    return TEXT


_HAN = regex.compile(r"\p{Han}")


@lru_cache(maxsize=4096)
def value_tail(text: str) -> int:
    """Where a value written onto the end of a name starts (``足额保障率=100%`` → 5), or 0.

    Only a comparator opens such a tail: without one, ``村级保洁员120人`` is a name.
    """
    sign = _sign_char()  # the regex finds the signs, not a loop per char
    m = sign.search(text, 2)
    while m is not None:
        i = m.start()
        if len(_HAN.findall(text[:i])) >= 2:
            if parse_whole(text[i:]) is not None:
                return i
            return 0
        m = sign.search(text, i + 1)
    return 0


@cache
def _sign_char() -> regex.Pattern:
    """Any one-character comparator sign (a cell's text is read a character at a time)."""
    return regex.compile("|".join(regex.escape(s) for s in _words()["signs"] if len(s) == 1))
