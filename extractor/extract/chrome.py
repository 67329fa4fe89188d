"""The page around a published document: site chrome before it, who published it, breadcrumbs.

Government sites print an index block before the document (索引号, 发布机构, 发布日期, 浏览次数 …,
as ``label value`` lines, pipe rows, bullets with the value on the next line, or ``[ label ]``),
navigation (首页 > 政务公开 > …), and doc-sharing sites wrap a file (``《X.docx》由会员分享``).
None of that is the document's title or text, but the publisher often names the unit that
the document calls only 我局.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from .. import patterns
from ..model import Document
from .unitname import is_unit, unit_prefix

HEAD_LINES = 45
HEAD_CHARS = 3000
BULLETS = r"[\s•·\-*|\[\]【】]*"
_BULLETS = regex.compile(BULLETS)
# Where the body begins: a section number, or a line of running text.
SECTION = regex.compile(
    r"[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+部分"
)
BODY_LINE = 60
_HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class Line:
    """One line of the head of the text: stripped text and its range in ``doc.text``."""

    text: str
    start: int
    end: int
    chrome: bool
    file_name: bool = False


@cache
def _cfg() -> dict:
    return patterns.load("report")["chrome"]


@cache
def _label_start() -> regex.Pattern:
    words = [*_cfg()["labels"], *_cfg()["standalone"], *_cfg()["content_labels"]]
    return regex.compile(rf"{BULLETS}(?:{patterns.alternation(words)})")


@cache
def _file_name() -> regex.Pattern:
    exts = "|".join(_cfg()["file_extensions"])
    return regex.compile(rf"\.(?:{exts})(?![A-Za-z])", regex.IGNORECASE)


@lru_cache(maxsize=4096)  # a site's chrome lines repeat on every page it serves
def _is_label_only(line: str) -> bool:
    """A chrome label with its value on the next line ("• 发布机构", "[ 索引号 ]")."""
    m = _label_start().match(line)
    if not m or not line.lstrip(" •·-*|[]【】").startswith(tuple(_cfg()["labels"])):
        return False
    return regex.fullmatch(r"[\s:\]】|]*", line[m.end() :]) is not None


@cache
def _title_words() -> regex.Pattern:
    return regex.compile(patterns.alternation(patterns.load("report")["title"]["words"]))


def _titled(text: str, pos: int) -> bool:
    """Whether the line at ``pos`` is a document's title, not a value of the label above it
    ("• 浏览量" has none: the counter is a script)."""
    nl = text.find("\n", pos)
    line = text[pos : nl if nl >= 0 else len(text)].strip()
    if regex.match(r"[•·\-*|\[【]", line):
        return False  # a value in the block's own bullets
    return len(line) >= 8 and bool(_title_words().search(line))


@lru_cache(maxsize=4096)
def _is_chrome(line: str) -> bool:
    if _label_start().match(line):
        return True
    if any(w in line for w in _cfg()["wrappers"]):
        return True
    if _breadcrumb_parts(line):
        return True
    # Codes, dates and view counts alone on a line: "2023-04-17", "09130195-9-/2023-0417015".
    return not _HAN.search(line)


def head(doc: Document) -> list[Line]:
    """The first lines of the text, each marked as chrome or not."""
    key = "chrome_head"
    if key in doc.memo:
        return doc.memo[key]
    out: list[Line] = []
    pos, limit = 0, min(len(doc.text), HEAD_CHARS)
    value_next = False
    while pos < limit and len(out) < HEAD_LINES:
        nl = doc.text.find("\n", pos)
        nl = len(doc.text) if nl < 0 else nl
        raw = doc.text[pos:nl]
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped)
            is_file = "." in stripped and bool(_file_name().search(stripped))  # ".docx" …
            chrome = value_next or is_file or _is_chrome(stripped)
            out.append(Line(stripped, start, start + len(stripped), chrome, is_file))
            value_next = _is_label_only(stripped) and not _titled(doc.text, nl + 1)
        pos = nl + 1
    doc.memo[key] = out
    return out


def document_head(doc: Document) -> list[Line]:
    """The head lines before the body begins (a section number, or a paragraph of running text)."""
    out = []
    for line in head(doc):
        if not line.chrome and (SECTION.match(line.text) or len(line.text) >= BODY_LINE):
            if not regex.match(r"\d+、", line.text):  # a doc-sharing page's run-together chunk
                break
        out.append(line)
    return out


@cache
def _label_value_re(labels: tuple[str, ...]) -> regex.Pattern:
    alt = patterns.alternation(list(labels))
    return regex.compile(rf"(?:^|(?<=[\s|\[\]]))(?P<l>{alt})[\s:\]】|]*")


def _values_after(doc: Document, labels: list[str]) -> list[tuple[str, int]]:
    """(text, offset) written after one of ``labels`` in chrome lines: same line or the next."""
    lines = head(doc)
    label_re = _label_value_re(tuple(labels))
    found: list[tuple[int, str, int]] = []
    for i, line in enumerate(lines):
        if not line.chrome:
            continue
        for m in label_re.finditer(line.text):
            rest = line.text[m.end() :]
            rank = labels.index(m.group("l"))
            if rest:
                found.append((rank, rest, line.start + m.end()))
            elif i + 1 < len(lines):
                nxt = lines[i + 1]
                b = _BULLETS.match(nxt.text).end()
                found.append((rank, nxt.text[b:], nxt.start + b))
    found.sort(key=lambda f: f[0])
    return [(t, o) for _, t, o in found]


def publisher(doc: Document) -> tuple[str, int, int] | None:
    """The unit the page says published the document (发布机构, 来源 …), if it is a unit's name."""
    for text, offset in _values_after(doc, _cfg()["publisher_labels"]):
        name = unit_prefix(text)
        if name:
            return name, offset, offset + len(name)
    return None


def page_title(doc: Document) -> tuple[str, int, int] | None:
    """The document's name in the page's index block (标题: …, 信息名称 …)."""
    for text, offset in _values_after(doc, _cfg()["title_labels"]):
        value = regex.split(r"\s*\|", text)[0].strip()
        if len(value) >= 6 and regex.search(r"\p{Han}", value):
            return value, offset, offset + len(value)
    return None


@cache
def _breadcrumb_split() -> regex.Pattern:
    seps = "|".join(regex.escape(s) for s in _cfg()["breadcrumb_separators"])
    return regex.compile(rf"\s*(?:{seps})\s*")


def _breadcrumb_parts(line: str) -> list[tuple[str, int]]:
    parts = _breadcrumb_split().split(line)
    home = _cfg()["breadcrumb_home_words"]
    if len(parts) < 3 and not (len(parts) == 2 and any(w in parts[0] for w in home)):
        return []
    out, pos = [], 0
    for p in parts:
        pos = line.index(p, pos)
        out.append((p, pos))
        pos += len(p)
    return out


def breadcrumb_unit(doc: Document) -> tuple[str, int, int] | None:
    """The deepest unit in the page's breadcrumbs (首页 > 乡镇信息公开 > XX镇 > 财政预决算)."""
    for line in head(doc):
        parts = _breadcrumb_parts(line.text) if line.chrome else []
        for text, pos in reversed(parts):
            text = regex.sub(r"^.*位置\s*[::]?\s*", "", text)
            if is_unit(text):
                start = line.start + line.text.index(text, pos)
                return text, start, start + len(text)
    return None
