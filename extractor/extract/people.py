"""Named people and their roles, read from role labels — never from a list of names.

A spaCy pipeline (``spacy.blank("zh")``, one token per character so that role phrases match
whatever a segmenter would do with them) marks roles with an ``EntityRuler`` built from
``patterns/people.toml``; the ``jixiao_people`` component then reads the name each role labels:

- ``组长:李斌`` / ``成员:张成 李洋`` — a label and a list;
- ``科协主席李斌进行监督`` — a title followed by a name that ends at a stop word;
- ``张成做出纳`` — a name followed by a verb and the role.

Where a name's end is still unclear, jieba's segmentation (the dictionary ships in its wheel) is
used as a secondary signal; its POS tags are not trusted to find names.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .. import patterns
from ..model import Document
from . import register

NAME = regex.compile(r"\p{Han}{2,4}(?:·\p{Han}{1,8})?")
# jieba dictionary frequency above which a token is an ordinary word rather than a name.
COMMON_WORD_FREQ = 50
if not Doc.has_extension("people"):
    Doc.set_extension("people", default=[])


@cache
def _cfg() -> dict[str, Any]:
    cfg = patterns.load("people")
    roles = sorted(cfg["roles"], key=len, reverse=True)
    return {
        **cfg,
        "roles": roles,
        "stops": regex.compile(patterns.alternation(cfg["name_stops"])),
        "role_re": regex.compile(patterns.alternation(roles)),
    }


@cache
def nlp() -> Language:
    import spacy

    cfg = _cfg()
    pipeline = spacy.blank("zh")  # default segmenter: one token per character
    ruler = pipeline.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    phrases = set(cfg["roles"]) | {p + r for p in cfg["role_prefixes"] for r in cfg["roles"]}
    ruler.add_patterns([{"label": "ROLE", "pattern": p} for p in sorted(phrases)])
    pipeline.add_pipe("jixiao_people")
    return pipeline


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(60)
    return jieba


def _is_name(word: str) -> bool:
    cfg = _cfg()
    return (
        NAME.fullmatch(word) is not None
        and not cfg["role_re"].search(word)
        and not any(word.startswith(w) for w in cfg["not_names"])
    )


def _name_from_run(run: str) -> str | None:
    """The name at the start of a run of Han characters ("李斌进行监督" → 李斌)."""
    if _cfg()["stops"].match(run):
        return None  # "组长负责…": the role is followed by what it does, not by a name
    stop = _cfg()["stops"].search(run, 1)
    if stop and 2 <= stop.start() <= 4:
        cand = run[: stop.start()]
    elif len(run) <= 4:
        cand = run
    else:
        jieba = _jieba()
        words = jieba.lcut(run[:8])
        cand = words[0] if words else ""
        if len(cand) == 1 and len(words) > 1:  # 李 + 大武: a surname split off its given name
            cand += words[1]
        if jieba.dt.FREQ.get(cand, 0) >= COMMON_WORD_FREQ:
            return None  # a common dictionary word (培训, 工作), not a name
    return cand if _is_name(cand) else None


def _name_before(text: str) -> str | None:
    """The name that ends ``text`` ("干部张成" → 张成)."""
    run = regex.search(r"\p{Han}{2,8}$", text)
    if not run:
        return None
    words = _jieba().lcut(run.group())
    cand = words[-1]
    if len(cand) == 1 and len(words) > 1:
        cand = words[-2] + cand
    return cand if _is_name(cand) else None


@Language.component("jixiao_people")
def people_component(doc: Doc) -> Doc:
    """Set ``doc._.people`` to ``(name, role, start_char, end_char)`` for every role found.

    A labelled role with no name (``联系人:0991-1234567``) has name None and the role's span.
    """
    cfg = _cfg()
    text = doc.text
    found: list[tuple[str, str, int, int]] = []
    ents = [e for e in doc.ents if e.label_ == "ROLE"]
    for i, ent in enumerate(ents):
        role, after = ent.text, ent.end_char
        if text.startswith(tuple(cfg["not_followed_by"]), after):
            continue
        next_role = ents[i + 1].start_char if i + 1 < len(ents) else len(text)
        # "项目负责人(签字):" — a remark in brackets may stand between the role and its colon.
        label = regex.match(r"\s*(?:\([^()\n]{1,6}\))?\s*:\s*", text[after:])
        if label:  # 组长:李斌 / 成员:张成 李洋
            pos = after + label.end()
            segment = regex.match(r"[^\n,.;。;(]*", text[pos:next_role]).group()
            names = [m for m in regex.finditer(r"[^\s、,/]+", segment) if _is_name(m.group())]
            for m in names:
                found.append((m.group(), role, pos + m.start(), pos + m.end()))
            if not names:  # a role the form labels but leaves without a name: kept, unnamed
                found.append((None, role, ent.start_char, ent.end_char))
            continue
        before = text[: ent.start_char]
        verb = regex.search(rf"(?:{patterns.alternation(cfg['role_after_verbs'])})$", before)
        if verb:  # 张成做出纳
            name = _name_before(before[: verb.start()])
            if name:
                s = verb.start() - len(name)
                found.append((name, role, s, s + len(name)))
                continue
        run = regex.match(r"\p{Han}{2,}", text[after:])
        if run:  # 科协主席李斌进行监督
            name = _name_from_run(run.group())
            if name:
                found.append((name, role, after, after + len(name)))
    doc._.people = found
    return doc


@register("people")
def extract_people(doc: Document, result: dict[str, Any]) -> list[dict[str, Any]]:
    role_re = _cfg()["role_re"]
    paragraphs = [
        (b.start, doc.text[b.start : b.end])
        for b in doc.blocks
        if role_re.search(doc.text, b.start, b.end)
    ]
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    phone = patterns.compiled(patterns.load("people")["phone"]["pattern"])
    for (offset, text), sdoc in zip(paragraphs, nlp().pipe(t for _, t in paragraphs), strict=True):
        found = sdoc._.people
        for i, (name, role, s, e) in enumerate(found):
            if (name, role) in seen:
                continue
            seen.add((name, role))
            person = {"name": name, "role": role, "span": doc.span(offset + s, offset + e)}
            # A phone number written right after the name (before the next person) is theirs.
            stop = found[i + 1][2] if i + 1 < len(found) else len(text)
            stop = min(stop, text.find("\n", e) if "\n" in text[e:] else len(text))
            m = phone.search(text, e, stop)
            if m:
                person["phone"] = m.group("phone")
                person["phone_span"] = doc.span(offset + m.start("phone"), offset + m.end("phone"))
            out.append(person)
    return out
