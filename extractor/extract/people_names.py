"""Whether a word is a person's name, and the name in a form's cells after a role label.

A name after ``组长:`` is trusted on its shape; a name found without such a label (a form's next
cell, running text) must also begin with a family name and must not be a dictionary word that
is not a name (jieba's dictionary knows 财务科, 服务中心, 高度重视 as ordinary words).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from .. import patterns
from ..model import Document
from . import jieba_words

NAME = regex.compile(r"\p{Han}{2,4}(?:·\p{Han}{1,8})?")
# What separates a form's cells once flattened: spaces, pipes, line breaks, a colon.
CELL_GAP = regex.compile(r"[ \t\u3000|｜:：]*(?:\n[ \t\u3000|｜]*)*")
CELL = regex.compile(r"[^\s|｜:：,，;；。()（）]+")
# A cell long enough to be a unit's name (a value of the label before): skipped, once.
UNIT_CELL = regex.compile(r"\p{Han}{5,}")
# jieba tags of proper nouns: a name may coincide with one (韩国, 罗海 are places too).
PROPER_TAGS = ("nr", "ns", "nz")
# jieba dictionary frequency from which a word is too ordinary to be a name even when bounded.
FREQUENT = 1000


@cache
def config() -> dict[str, Any]:
    cfg = patterns.load("people")
    roles = sorted(cfg["roles"], key=len, reverse=True)
    tails = patterns.alternation(cfg["label_tails"])
    verbs = patterns.alternation(cfg["role_after_verbs"])
    honorifics = patterns.alternation(cfg["honorifics"])
    return {
        **cfg,
        "roles": roles,
        "stops": regex.compile(patterns.alternation(cfg["name_stops"])),
        "role_re": regex.compile(patterns.alternation(roles)),
        "tails": regex.compile(rf"\s*(?:{patterns.alternation(cfg['label_tails'])})"),
        "single": set(cfg["surnames"]["single"]),
        "double": tuple(cfg["surnames"]["double"]),
        "unit_endings": tuple(cfg["unit_endings"]),
        # "项目负责人(签字):" — a remark in brackets or a tail may stand between role and colon.
        "colon": regex.compile(rf"\s*(?:\([^()\n]{{1,6}}\))?(?:{tails})?\s*:\s*"),
        "verb_at_end": regex.compile(rf"(?:{verbs})$"),
        "honorific_at_end": regex.compile(rf"(?:{honorifics})$"),
        "title_at_end": regex.compile(rf"(?:{patterns.alternation(roles)})$"),
        "by_name": regex.compile(rf"由(?P<who>\p{{Han}}{{2,12}}?)(?:{honorifics})?(?:{verbs})"),
    }


def is_name(word: str) -> bool:
    """A name's shape: 2-4 Han characters, no role in it, not a word that follows a role."""
    cfg = config()
    return (
        NAME.fullmatch(word) is not None
        and not cfg["role_re"].search(word)
        and not any(word.startswith(w) for w in cfg["not_names"])
    )


def has_surname(word: str) -> bool:
    cfg = config()
    return word.startswith(cfg["double"]) or word[:1] in cfg["single"]


def is_common_word(word: str) -> bool:
    """A dictionary word that is no name (财务科 n, 高度重视 l), or two such words (实施单位).

    Words the dictionary tags as names, places or other proper nouns (韩国, 万国) are surnames
    with a given name often enough to be kept.
    """
    tag = jieba_words.tag(word)
    if tag is not None:
        return not tag.startswith(PROPER_TAGS)
    parts = jieba_words.lcut(word)
    return len(parts) > 1 and all(len(p) >= 2 and not _tag_or_name(p) for p in parts)


def _tag_or_name(word: str) -> bool:
    """Whether a word is tagged a proper noun, or not in the dictionary (then it may be a name)."""
    tag = jieba_words.tag(word)
    return tag is None or tag.startswith(PROPER_TAGS)


def is_labelled_name(word: str) -> bool:
    """A name after ``组长:``: its shape; a family name, or at least not an ordinary word."""
    return is_name(word) and (has_surname(word) or not is_common_word(word))


def is_unlabelled_name(word: str, bounded: bool = False) -> bool:
    """A name found without a label: its shape, a family name, not an ordinary word or a unit.

    ``bounded``: a word that ends the name followed (李四负责…), so only a frequent ordinary
    word (高度, 专门) is refused there — a name may be a rare word too (甘露).
    """
    if "·" in word:  # 阿不都·热合曼: transcribed names carry no Han family name
        return is_name(word)
    if not is_name(word) or not has_surname(word) or word.endswith(config()["unit_endings"]):
        return False
    if bounded:
        return _tag_or_name(word) or jieba_words.freq(word) < FREQUENT
    return not is_common_word(word)


def _cell_end_in_raw(doc: Document, start: int, end: int) -> int | None:
    """Where a cell the normalizer ran together (``李四地址``) ended in the reader's text.

    Normalizing removes a space between two CJK characters (justified text); the raw text
    still shows it, and a form's cells were separated by it.
    """
    raw, offs = doc.raw_text, doc.raw_offsets
    if not raw or len(offs) <= end:
        return None
    for k in range(start + 2, min(end, start + 4) + 1):
        a, b = offs[k - 1] + 1, offs[k]
        if b > a and not raw[a:b].strip():
            return k
    return None


def names_in_cells(doc: Document, pos: int, stop: int, most: int) -> list[tuple[int, int]]:
    """Up to ``most`` names in consecutive cells after ``pos`` (the first found as below)."""
    first = name_in_cells(doc, pos, stop)
    if not first:
        return []
    out = [first]
    while len(out) < most:
        gap = CELL_GAP.match(doc.text, out[-1][1], stop)
        cell = CELL.match(doc.text, gap.end(), stop) if gap and gap.end() > out[-1][1] else None
        if not cell or not is_unlabelled_name(cell.group()):
            break
        out.append(cell.span())
    return out


def name_cell_before(doc: Document, pos: int) -> tuple[int, int] | None:
    """The span of the name in the cell just before ``pos`` on its line, if it is one."""
    text = doc.text
    line_start = text.rfind("\n", 0, pos) + 1
    head = text[line_start:pos]
    gap = regex.search(r"[ \t\u3000|｜]+$", head)
    if not gap:
        return None
    cell = regex.search(r"[^\s|｜:：,，;；。()（）]+$", head[: gap.start()])
    if not cell or not is_unlabelled_name(cell.group()):
        return None
    return line_start + cell.start(), line_start + cell.end()


def is_cell_gap(text: str) -> bool:
    """Whether text is only what separates two cells (not run-on text, not a sentence)."""
    return bool(text) and CELL_GAP.fullmatch(text) is not None


def name_in_cells(doc: Document, pos: int, stop: int) -> tuple[int, int] | None:
    """The span of the name in the cells after a role label ending at ``pos``.

    ``项目负责人 李四 地址 …``, ``联系人\\n\\n李四``, ``负责人及电话  李四``; one unit-name cell may
    stand between (a header row then its values: ``名称 填报人 某县某局 李四``).
    """
    cfg = config()
    text = doc.text
    tail = cfg["tails"].match(text, pos, stop)
    if tail:
        pos = tail.end()
    for _ in range(2):
        gap = CELL_GAP.match(text, pos, stop)
        if not gap or gap.end() == pos:
            return None  # run on: not a form's cell
        cell = CELL.match(text, gap.end(), stop)
        if not cell:
            return None
        word = cell.group()
        if is_unlabelled_name(word):
            return cell.span()
        end = _cell_end_in_raw(doc, cell.start(), cell.end())
        if end and is_unlabelled_name(text[cell.start() : end]):
            return cell.start(), end
        if cfg["role_re"].search(word) or not UNIT_CELL.fullmatch(word):
            return None
        pos = cell.end()
    return None
