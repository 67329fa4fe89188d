"""Undo what mirror sites do to the reports they copy: pinyin glosses and injected spam.

Hijacked and 范文 sites republish reports with a pinyin gloss after many characters
(``項(xiàng)目``), spam title lines before the report, and spam strings injected in place of words
(a county's name replaced by a casino's). Each is found here as ranges to cut; ``cut`` removes them
from a text and its offset map together, so spans still trace to the characters the page holds.
The phrase families live in ``patterns/mirror.toml``.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from . import patterns

Ranges = list[tuple[int, int]]


def _config() -> dict:
    return patterns.load("mirror")


@cache
def _gloss_pattern() -> regex.Pattern:
    cfg = _config()["gloss"]
    tones, letters = cfg["tone_marks"], cfg["letters"] + cfg["tone_marks"]
    return regex.compile(
        rf"(?<=\p{{Han}})[(（] ?(?=[{letters}]*[{tones}])[{letters}]{{1,{cfg['max_letters']}}} ?[)）]"
    )


def glosses(text: str) -> Ranges:
    """The pinyin glosses in ``text`` (``(xiàng)`` after 項), as ``[start, end)`` ranges."""
    if "(" not in text and "（" not in text:
        return []
    return [m.span() for m in _gloss_pattern().finditer(text)]


# An empty HTML element a copy-protected page hides between words (``<rp id="x7k"></rp>``).
_EMPTY_ELEMENT = regex.compile(r"<([a-z][a-z0-9]{0,9})(?:\s[^<>\n]{0,80})?></\1>")


def markup(text: str) -> Ranges:
    """Empty HTML elements left in the text by a page's anti-copy markup."""
    return [m.span() for m in _EMPTY_ELEMENT.finditer(text)] if "</" in text else []


def inserted(text: str) -> Ranges:
    """Everything a mirror inserted between the report's characters: glosses and empty markup."""
    out: Ranges = []
    for start, end in sorted(glosses(text) + markup(text)):
        if out and start < out[-1][1]:  # a gloss inside markup: the markup's range covers it
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


@cache
def _run_pattern() -> tuple[regex.Pattern, regex.Pattern]:
    cfg = _config()["run"]
    strong = "|".join(f"(?:{t})" for t in cfg["strong"])
    token = "|".join(f"(?:{t})" for t in [*cfg["strong"], *cfg["weak"]])
    sep = cfg["separators"]
    run = regex.compile(rf"(?:{sep}*(?:{token}))+{sep}?")
    return run, regex.compile(strong)


# What a strong token matches besides its literal core: lookarounds and digit runs.
_NOT_LITERAL = regex.compile(r"\(\?<?[=!][^()]*\)|\\d(?:\{\d*,?\d*\})?")
_METACHARS = set("\\.^$*+?{}[]|()")


@cache
def _strong_literals() -> tuple[str, ...] | None:
    """The literal core every strong token's match contains ("bet", "官网", "体育"…), or None
    when a token has none this can see (then every text is scanned)."""
    out = set()
    for token in _config()["run"]["strong"]:
        core = _NOT_LITERAL.sub("", token)
        if not core or _METACHARS & set(core):
            return None
        out.add(core)
    return tuple(sorted(out))


def _may_hold_run(text: str, need: int) -> bool:
    """False when ``text`` cannot hold a spam run: a run needs ``need`` strong matches, which
    do not overlap, and each holds one of the literals, so the literals' counts bound them."""
    literals = _strong_literals()
    if literals is None or need <= 0:
        return True
    found = 0
    for lit in literals:
        found += text.count(lit)
        if found >= need:
            return True
    return False


def spam_runs(text: str) -> Ranges:
    """Injected spam strings (``365bet官网网址_…``) in ``text``, as ranges to cut."""
    need = _config()["run"]["min_strong"]
    if not _may_hold_run(text, need):  # most paragraphs: no scan of the token alternation
        return []
    run, strong = _run_pattern()
    out: Ranges = []
    for m in run.finditer(text):
        if len(strong.findall(m.group())) >= need:
            out.append(m.span())
    return out


@lru_cache(maxsize=4096)  # asked of every paragraph; headings and labels recur between reports
def is_spam_line(line: str) -> bool:
    """A line made of spam titles (porn or gambling site names joined by ``-``/``|``)."""
    cfg = _config()["line"]
    segments = [s for s in patterns.compiled(cfg["separators"]).split(line) if s.strip()]
    if len(segments) < cfg["min_segments"]:
        return False
    words = patterns.compiled(patterns.alternation(cfg["words"]))
    hits = [words.findall(s) for s in segments]
    distinct = {w for h in hits for w in h}
    spammy = sum(1 for h in hits if h)
    return len(distinct) >= cfg["min_words"] and spammy >= cfg["share"] * len(segments)


def cut(text: str, offsets: list[int], ranges: Ranges) -> tuple[str, list[int]]:
    """Remove ``ranges`` (sorted, disjoint) from ``text`` and from its offset map (len + 1)."""
    if not ranges:
        return text, offsets
    out: list[str] = []
    out_map: list[int] = []
    pos = 0
    for start, end in ranges:
        out.append(text[pos:start])
        out_map.extend(offsets[pos:start])
        pos = end
    out.append(text[pos:])
    out_map.extend(offsets[pos:])
    return "".join(out), out_map
