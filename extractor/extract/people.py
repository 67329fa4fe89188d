"""Named people and their roles, read from role labels — never from a list of names.

A spaCy pipeline (``spacy.blank("zh")``, one token per character so that role phrases match
whatever a segmenter would do with them) marks roles with an ``EntityRuler`` built from
``patterns/people.toml``; the ``jixiao_people`` component then reads the name each role labels:

- ``组长:李斌`` / ``成员:张成、李洋(副局长)`` — a label and a list;
- ``科协主席李斌进行监督`` — a title followed by a name that ends at a stop word;
- ``张成做出纳`` / ``组长由局长李斌担任`` — a name, a verb and the role;
- ``项目负责人 李斌 联系电话 …`` / ``填报人 审核人`` then ``李斌 张成`` — a form's cells
  (``people_names.name_in_cells``).

Where a name's end is still unclear, jieba's segmentation (the dictionary ships in its wheel) is
a secondary signal. Its POS tags never find a name; they only refuse ordinary words (财务科,
高度重视) where no label says a name follows.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import regex

from .. import patterns
from ..literal_scan import in_document
from ..model import Document
from . import jieba_words, register
from .people_names import (
    config,
    is_cell_gap,
    is_labelled_name,
    is_unlabelled_name,
    name_cell_before,
    names_in_cells,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# How far after a role its name may stand in a form's cells.
CELL_REACH = 40
# A phone number standing right after a name, with no 电话 label.
BARE_PHONE = regex.compile(r"[\s:：|｜]*(?P<phone>1[3-9]\d{9}|0\d{2,3}-\d{7,8})(?!\d)")
# Where the words of a post before "任组长" begin: after a clause mark.
TITLE_START = regex.compile(r"[,，;；。:：(（]")
# A role whose name is not in its own words: looked for in the cells after it.
OPEN = object()


@cache
def nlp() -> Language:
    """The spaCy pipeline, built on the first paragraph that has a role: importing spaCy costs
    ~0.3 s (without its command line, see ``lean_spacy``), which a report without any role
    never pays."""
    from ..lean_spacy import import_spacy

    spacy = import_spacy()
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("people"):
        Doc.set_extension("people", default=[])
    if not Language.has_factory("jixiao_people"):
        Language.component("jixiao_people", func=people_component)
    cfg = config()
    pipeline = spacy.blank("zh")  # default segmenter: one token per character
    ruler = pipeline.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    phrases = set(cfg["roles"]) | {p + r for p in cfg["role_prefixes"] for r in cfg["roles"]}
    ruler.add_patterns([{"label": "ROLE", "pattern": p} for p in sorted(phrases)])
    pipeline.add_pipe("jixiao_people")
    return pipeline


def _name_from_run(run: str) -> str | None:
    """The name at the start of a run of Han characters ("李斌进行监督" → 李斌)."""
    if config()["stops"].match(run):
        return None  # "组长负责…": the role is followed by what it does, not by a name
    stop = config()["stops"].search(run, 1)
    if stop and 2 <= stop.start() <= 4:
        cand = run[: stop.start()]
        return cand if is_unlabelled_name(cand, bounded=True) else None
    if len(run) <= 4:
        cand = run
    else:
        words = jieba_words.lcut(run[:8])
        cand = words[0] if words else ""
        if len(cand) == 1 and len(words) > 1:  # 李 + 大武: a surname split off its given name
            cand += words[1]
    return cand if is_unlabelled_name(cand) else None


_SEGMENT = regex.compile(r"[^\n.;。;]*")


_NAME_TOKEN = regex.compile(r"[^\s、,，/()]+")
_REMARK = regex.compile(r"\([^()\n]{0,12}\)")  # a remark in brackets after a name


def _listed_names(segment: str) -> list[tuple[int, int]]:
    """The names listed after a role's colon, up to the first item that is not one.

    "张成、李洋，负责资料收集" → 张成, 李洋; a remark in brackets after a name is skipped and a
    title before it is not part of it (局长李斌 → 李斌).
    """
    segment = _SEGMENT.match(segment).group()
    segment = _REMARK.sub(lambda m: " " * len(m.group()), segment)
    role_re = config()["role_re"]
    out: list[tuple[int, int]] = []
    for m in _NAME_TOKEN.finditer(segment):
        s, word = m.start(), m.group()
        title = role_re.match(word)
        if title and len(word) > title.end():
            if out:
                break  # "组长:李斌,副组长李大武": the next role's own name
            s, word = s + title.end(), word[title.end() :]
        if is_labelled_name(word):
            out.append((s, s + len(word)))
        elif out:
            break  # the list has ended: what follows says what they do
    return out


_NAME_AT_END = regex.compile(r"\p{Han}{2,8}$")


def _name_before(text: str) -> str | None:
    """The name that ends ``text`` ("干部张成" → 张成)."""
    run = _NAME_AT_END.search(text)
    if not run:
        return None
    run = run.group()
    # Names are mostly 3 or 2 characters; one that starts where jieba starts a word is preferred
    # ("主任王明": 王明, not 任王明), else any that is a name ("由张三": jieba splits 由张 + 三).
    starts, pos = set(), 0
    for w in jieba_words.lcut(run):
        starts.add(pos)
        pos += len(w)
    cands = [run[-k:] for k in (3, 2, 4) if k <= len(run)]
    for cand in sorted(cands, key=lambda c: (len(run) - len(c)) not in starts):
        if is_unlabelled_name(cand):
            return cand
    return None


def _title_before(text: str) -> str | None:
    """The post that ends ``text`` when no name does ("成立了由县委副书记、县长" → 县委副书记、县长)."""
    if not config()["title_at_end"].search(text):
        return None
    start = max(text.rfind("由"), max((m.end() for m in TITLE_START.finditer(text)), default=0))
    title = text[start:].lstrip("由").strip()
    return title or None


_BLANKS = regex.compile(r"\s+")


def people_component(doc: Doc) -> Doc:
    """Set ``doc._.people`` to ``(name, role, start_char, end_char, title)`` for every role found.

    A labelled role with no name (``联系人:0991-1234567``) has name None and the role's span.
    """
    cfg = config()
    text = doc.text
    found: list[tuple[Any, ...]] = []
    ents = [e for e in doc.ents if e.label_ == "ROLE"]
    for i, ent in enumerate(ents):
        role, start, after = ent.text, ent.start_char, ent.end_char
        gaps = list(_BLANKS.finditer(role))
        if gaps:  # "帮扶项目 负责人": a prefix across a space belongs to the words before it
            start += gaps[-1].end()
            role = role[gaps[-1].end() :]
        verb = cfg["verb_at_end"].search(text, 0, start)
        # 组长的职责 / 会计服务中心: part of a longer word — unless a verb makes it a post held
        # (由县长为组长的领导小组).
        if text.startswith(tuple(cfg["not_followed_by"]), after) and not verb:
            continue
        # The list after a colon runs to the next labelled role ("组长:李斌 副组长:李大武"); a
        # title inside it (副组长:王某(副局长)) does not end it.
        next_role = next(
            (o.start_char for o in ents[i + 1 :] if cfg["colon"].match(text, o.end_char)), len(text)
        )
        # "项目负责人(签字):" — a remark in brackets may stand between the role and its colon.
        # "项目负责人(签字):" — a remark in brackets or a tail may stand between role and colon.
        label = cfg["colon"].match(text, after)
        if label:  # 组长:李斌 / 成员:张成、李洋 / 副组长:王某(副局长)、赵某(副局长)
            pos = label.end()
            names = _listed_names(text[pos:next_role])
            for s, e in names:
                found.append((text[pos + s : pos + e], role, pos + s, pos + e, None))
            if not names:  # a role the form labels but leaves without a name: kept, unnamed
                found.append((None, role, start, after, None))
            continue
        before = text[:start]
        if verb:  # 张成做出纳 / 由李斌同志担任组长
            head = cfg["honorific_at_end"].sub("", before[: verb.start()])
            name = _name_before(head)
            if name:
                s = len(head) - len(name)
                found.append((name, role, s, s + len(name), None))
                continue
            title = _title_before(head)
            if title:  # 由县长为组长 / 民政局局长任办公室主任: a post, no name
                found.append((None, role, start, after, title))
                continue
        by = cfg["by_name"].match(text, after)
        if by:  # 组长由局长李斌担任
            name = _name_before(by.group("who"))
            if name:
                found.append((name, role, by.end("who") - len(name), by.end("who"), None))
                continue
        run = regex.match(r"\p{Han}{2,}", text[after:])
        if run:  # 科协主席李斌进行监督
            name = _name_from_run(run.group())
            if name:
                found.append((name, role, after, after + len(name), None))
                continue
        found.append((OPEN, role, start, after, None))  # its name may be in the next cell
    doc._.people = found
    return doc


def _resolve(doc: Document, offset: int, found: list) -> list[tuple[Any, ...]]:
    """The block's people in document offsets; a role left open takes the name in its next cell.

    Open roles in adjacent cells are a header row (填报人 审核人 / 张三 李四): they take the names
    that follow in order, or none if the count differs. A list role (成员) takes every name cell.
    Roles with no name after them take the name cell just before them in their row, unless an
    earlier role's name it is (填报人 张三 审核人).
    """
    text = doc.text
    out = []
    i = 0
    while i < len(found):
        name, role, s, e, title = found[i]
        if name is not OPEN:
            out.append((name, role, offset + s, offset + e, title))
            i += 1
            continue
        j = i
        while (
            j + 1 < len(found)
            and found[j + 1][0] is OPEN
            and is_cell_gap(text[offset + found[j][3] : offset + found[j + 1][2]])
        ):
            j += 1
        group = found[i : j + 1]
        after = offset + group[-1][3]
        stop = min(len(text), after + CELL_REACH * len(group))
        many = len(group) > 1 or role in config()["list_roles"]
        names = names_in_cells(
            doc, after, stop, len(group) if len(group) > 1 else 20 if many else 1
        )
        if len(group) == 1 and names:
            out += [(text[a:b], role, a, b, None) for a, b in names]
        elif len(names) == len(group) > 1:
            out += [(text[a:b], g[1], a, b, None) for g, (a, b) in zip(group, names, strict=True)]
        else:  # a member row "| 张三 | 局长 | 组长 |": the name stands before its post and role
            before = name_cell_before(doc, offset + group[0][2])
            if before and all(before != (p[2], p[3]) for p in out):
                out += [(text[before[0] : before[1]], g[1], *before, None) for g in group]
        i = j + 1
    return out


@register("people")
def extract_people(doc: Document, result: dict[str, Any]) -> list[dict[str, Any]]:
    roles = in_document(doc, config()["role_re"])  # one scan, not a search per block
    paragraphs = [
        (b.start, doc.text[b.start : b.end]) for b in doc.blocks if roles.within(b.start, b.end)
    ]
    text = doc.text
    out: list[dict[str, Any]] = []
    seen: set[tuple[str | None, str]] = set()
    if not paragraphs:
        return out
    phone = patterns.compiled(config()["phone"]["pattern"])
    for (offset, _), sdoc in zip(paragraphs, nlp().pipe(t for _, t in paragraphs), strict=True):
        found = _resolve(doc, offset, sdoc._.people)
        for i, (name, role, s, e, title) in enumerate(found):
            if (name, role) in seen:
                continue
            seen.add((name, role))
            person = {"name": name, "role": role, "span": doc.span(s, e)}
            if title:
                person["title"] = title
            # A phone number written right after the name (before the next person) is theirs.
            stop = found[i + 1][2] if i + 1 < len(found) else len(text)
            line_end = text.find("\n", e)
            stop = min(stop, line_end if line_end >= 0 else len(text))
            m = phone.search(text, e, max(e, stop))
            if not m and name is not None:  # 联系人:李四 13900001111 — the number itself follows
                m = BARE_PHONE.match(text, e, max(e, stop))
            if m:
                person["phone"] = m.group("phone")
                person["phone_span"] = doc.span(m.start("phone"), m.end("phone"))
            out.append(person)
    return out
