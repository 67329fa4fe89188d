"""Shape transformations of a real report's text that keep what an auditor reads from it.

Each transformation is ``fn(text, rng, truth) -> text | None`` (``None``: nothing to change in this
file). They mimic what other publishers do to the same documents: PDF text exports (hard line wraps,
page numbers, running headers), other table flatteners (cell separators), full-width input, amounts
with thousands separators, site chrome, traditional mirrors with pinyin glosses, injected spam, BOM
and CRLF line ends. Used by ``bench/real_variants.py``; nothing here is read by jixiao.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

Shape = Callable[[str, random.Random, dict], "str | None"]

# A line that is a form row flattened with clear separators (pipes, tabs, runs of spaces).
_CELL_SEP = re.compile(r"\s*\|\s*|\t+| {2,}")
_HAS_SEP = re.compile(r"\||\t| {2,}")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")


def _prose_line(line: str) -> bool:
    return not _HAS_SEP.search(line)


def _wrap_line(line: str, rng: random.Random, split_numbers: bool) -> str:
    """Break a paragraph every 30–45 characters, as a PDF's text layer does.

    Without ``split_numbers`` a break that would fall inside a number moves past it; with it, a
    break near a number is moved inside it (``968.1`` / ``9``), as real PDFs do.
    """
    out, pos = [], 0
    while len(line) - pos > 45:
        cut = pos + rng.randint(30, 45)
        numbers = [
            m for m in _NUMBER.finditer(line, max(0, cut - 4), cut + 4) if m.end() - m.start() >= 2
        ]
        inside = [m for m in _NUMBER.finditer(line) if m.start() < cut < m.end()]
        if split_numbers and numbers:
            m = numbers[0]
            cut = m.start() + max(1, (m.end() - m.start()) // 2)
        elif inside:
            cut = inside[0].end()
        if cut >= len(line):
            break
        out.append(line[pos:cut])
        pos = cut
    out.append(line[pos:])
    return "\n".join(out)


def wrap(text: str, rng: random.Random, truth: dict) -> str | None:
    lines = [(_wrap_line(ln, rng, False) if _prose_line(ln) else ln) for ln in text.split("\n")]
    new = "\n".join(lines)
    return new if new != text else None


def wrap_split_numbers(text: str, rng: random.Random, truth: dict) -> str | None:
    lines = [(_wrap_line(ln, rng, True) if _prose_line(ln) else ln) for ln in text.split("\n")]
    new = "\n".join(lines)
    return new if new != text else None


def _pages(text: str, rng: random.Random, footer: Callable[[int, int], list[str]]) -> str | None:
    """Insert a page break (footer lines of page n) every 8–14 lines."""
    lines = text.split("\n")
    if len(lines) < 10:
        return None
    breaks = []
    i = rng.randint(8, 14)
    while i < len(lines) - 2:
        breaks.append(i)
        i += rng.randint(8, 14)
    total = len(breaks) + 1
    out: list[str] = []
    page = 1
    for k, line in enumerate(lines):
        if k in breaks:
            out.extend(footer(page, total))
            page += 1
        out.append(line)
    return "\n".join(out)


def page_numbers(text: str, rng: random.Random, truth: dict) -> str | None:
    return _pages(text, rng, lambda n, total: [f"- {n} -"])


def page_of(text: str, rng: random.Random, truth: dict) -> str | None:
    return _pages(text, rng, lambda n, total: [f"第 {n} 页 共 {total} 页"])


def running_header(text: str, rng: random.Random, truth: dict) -> str | None:
    """A page number, then the document's first line repeated as the next page's header."""
    first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    if not first or len(first) > 40:
        return None
    return _pages(text, rng, lambda n, total: [f"— {n} —", first])


def pdf_like(text: str, rng: random.Random, truth: dict) -> str | None:
    """Wraps first, then page footers and headers that fall inside paragraphs."""
    wrapped = wrap(text, rng, truth) or text
    return running_header(wrapped, rng, truth) or page_numbers(wrapped, rng, truth)


def _cell_lines(text: str, truth: dict, join: Callable[[list[str], random.Random], str],
                rng: random.Random) -> str | None:  # fmt: skip
    """Rewrite every row flattened with clear separators; in a space-flattened file (the
    truth's shape) single spaces between cells count as separators too."""
    single = truth.get("shape") == "space_flattened"
    out = []
    for line in text.split("\n"):
        sep = re.compile(r"\s*\|\s*|\t+| +") if single else _CELL_SEP
        cells = [c for c in sep.split(line.strip()) if c.strip()]
        if len(cells) >= 2 and (single or _HAS_SEP.search(line.strip())):
            out.append(join(cells, rng))
        else:
            out.append(line)
    new = "\n".join(out)
    return new if new != text else None


def sep_tab(text: str, rng: random.Random, truth: dict) -> str | None:
    return _cell_lines(text, truth, lambda c, r: "\t".join(c), rng)


def sep_spaces(text: str, rng: random.Random, truth: dict) -> str | None:
    return _cell_lines(
        text, truth, lambda c, r: "".join(x + " " * r.randint(2, 6) for x in c).rstrip(), rng
    )


def sep_single_space(text: str, rng: random.Random, truth: dict) -> str | None:
    return _cell_lines(text, truth, lambda c, r: " ".join(c), rng)


def sep_pipe(text: str, rng: random.Random, truth: dict) -> str | None:
    return _cell_lines(text, truth, lambda c, r: " | ".join(c), rng)


def sep_cell_per_line(text: str, rng: random.Random, truth: dict) -> str | None:
    return _cell_lines(text, truth, lambda c, r: "\n".join(c), rng)


def sep_blank_lines(text: str, rng: random.Random, truth: dict) -> str | None:
    return _cell_lines(text, truth, lambda c, r: "\n\n".join(c), rng)


_GLOSS = re.compile(r"\([a-zü\u00e0-\u01dc]{1,12}\)")


def full_width(text: str, rng: random.Random, truth: dict) -> str | None:
    """Digits, letters and punctuation typed in full width; a mirror's pinyin glosses (added by
    a program after the fact) stay ASCII."""
    parts = _GLOSS.split(text)
    glosses = _GLOSS.findall(text)
    wide = ["".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in p) for p in parts]
    new = "".join(w + (glosses[i] if i < len(glosses) else "") for i, w in enumerate(wide))
    return new if new != text else None


def half_width(text: str, rng: random.Random, truth: dict) -> str | None:
    new = "".join(chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch for ch in text)
    return new if new != text else None


# An amount of 4+ integer digits with decimals, or before a money unit; not a year, code or phone.
_BIG = re.compile(r"(?<![\d.,A-Za-z/\-])(\d{4,})(?=\.\d+(?![\d.])|\s*(?:元|万元|千元|亿元))")


def thousands(text: str, rng: random.Random, truth: dict) -> str | None:
    new = _BIG.sub(lambda m: f"{int(m.group(1)):,}", text)
    return new if new != text else None


CHROME_BEFORE = [
    "首页 > 信息公开 > 法定主动公开内容 > 财政资金 > 绩效评价",
    "索引号：11530000MB1C23456X/2024-00031",
    "发布机构：县人民政府办公室",
    "来源：本网    发布日期：2024-06-18    浏览次数：123",
    "字号：大 中 小    打印本页    关闭窗口",
    "分享到：微信 微博 QQ空间",
]
CHROME_AFTER = [
    "附件下载：",
    "【打印本页】 【关闭窗口】",
    "相关链接： 中国政府网 | 省人民政府 | 市人民政府",
    "版权所有：县人民政府办公室 主办    网站标识码：5300000012 ICP备12345678号",
    "联系电话：0871-61234567 地址：县城人民路1号",
]


def site_chrome(text: str, rng: random.Random, truth: dict) -> str | None:
    return "\n".join(CHROME_BEFORE) + "\n" + text + "\n" + "\n".join(CHROME_AFTER)


SPAM_LINES = {
    "spam_adult_line": "国产精品久久视频-无码高清在线观看-成人激情电影网-美女自拍图区",
    "spam_gambling_line": "澳门葡京官网-百家乐真人视讯-皇冠体育投注平台-bet365娱乐城",
}


def _spam(line: str) -> Shape:
    def inject(text: str, rng: random.Random, truth: dict) -> str | None:
        lines = text.split("\n")
        at = rng.randint(1, max(1, min(len(lines) - 1, 6)))
        return "\n".join(lines[:at] + [line] + lines[at:])

    return inject


# Toned pinyin of frequent characters of these reports, simplified and traditional forms.
PINYIN = {
    "项": "xiàng",
    "項": "xiàng",
    "目": "mù",
    "绩": "jì",
    "績": "jì",
    "效": "xiào",
    "评": "píng",
    "評": "píng",
    "价": "jià",
    "價": "jià",
    "报": "bào",
    "報": "bào",
    "告": "gào",
    "资": "zī",
    "資": "zī",
    "金": "jīn",
    "预": "yù",
    "預": "yù",
    "算": "suàn",
    "执": "zhí",
    "執": "zhí",
    "行": "xíng",
    "率": "lǜ",
    "单": "dān",
    "單": "dān",
    "位": "wèi",
    "部": "bù",
    "门": "mén",
    "門": "mén",
    "年": "nián",
    "度": "dù",
    "指": "zhǐ",
    "标": "biāo",
    "標": "biāo",
    "完": "wán",
    "成": "chéng",
    "情": "qíng",
    "况": "kuàng",
    "況": "kuàng",
    "县": "xiàn",
    "縣": "xiàn",
    "财": "cái",
    "財": "cái",
    "政": "zhèng",
    "局": "jú",
    "支": "zhī",
    "出": "chū",
    "数": "shù",
    "數": "shù",
    "量": "liàng",
    "质": "zhì",
    "質": "zhì",
    "满": "mǎn",
    "滿": "mǎn",
    "意": "yì",
    "组": "zǔ",
    "組": "zǔ",
    "长": "zhǎng",
    "長": "zhǎng",
    "实": "shí",
    "實": "shí",
    "际": "jì",
    "際": "jì",
    "万": "wàn",
    "萬": "wàn",
    "元": "yuán",
    "发": "fā",
    "發": "fā",
    "展": "zhǎn",
}


def pinyin_glosses(text: str, rng: random.Random, truth: dict) -> str | None:
    # A character already glossed (a traditional mirror's) keeps its one gloss.
    new = "".join(
        f"{ch}({PINYIN[ch]})" if ch in PINYIN and text[i + 1 : i + 2] != "(" else ch
        for i, ch in enumerate(text)
    )
    return new if new != text else None


def bom_crlf(text: str, rng: random.Random, truth: dict) -> str | None:
    return "\ufeff" + text.replace("\n", "\r\n")


SHAPES: dict[str, Shape] = {
    "wrap": wrap, "wrap_split_numbers": wrap_split_numbers, "page_numbers": page_numbers,
    "page_of": page_of, "running_header": running_header, "pdf_like": pdf_like,
    "sep_tab": sep_tab, "sep_spaces": sep_spaces, "sep_single_space": sep_single_space,
    "sep_pipe": sep_pipe, "sep_cell_per_line": sep_cell_per_line, "sep_blank_lines": sep_blank_lines,
    "full_width": full_width, "half_width": half_width, "thousands": thousands,
    "site_chrome": site_chrome, **{k: _spam(v) for k, v in SPAM_LINES.items()},
    "pinyin_glosses": pinyin_glosses, "bom_crlf": bom_crlf,
}  # fmt: skip
