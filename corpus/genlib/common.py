"""Small shared pieces of the templates: dates, Chinese numerals, document assembly."""

from __future__ import annotations

import random

from . import writers

CN_DIGITS = "〇一二三四五六七八九"


def cn_count(n: int) -> str:
    """12 → 十二, 20 → 二十, 105 → 一百零五 (as staff counts are written)."""
    d = "零一二三四五六七八九"
    if n < 10:
        return d[n]
    if n < 20:
        return "十" + (d[n % 10] if n % 10 else "")
    if n < 100:
        return d[n // 10] + "十" + (d[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + d[rest] if rest < 10 else cn_count(rest) if rest >= 20
                                  else "一" + cn_count(rest))  # fmt: skip
    return d[n // 100] + "百" + tail


def cn_date(y: int, m: int, d: int) -> str:
    """2023-03-15 → 二〇二三年三月十五日."""
    year = "".join(CN_DIGITS[int(c)] for c in str(y))
    return f"{year}年{cn_count(m)}月{cn_count(d)}日"


def date(y: int, m: int, d: int, style: str = "plain") -> tuple[str, str]:
    """(text, iso) for a date; style plain '2021年7月2日', spaced '2021 年 7 月 2 日', cn."""
    iso = f"{y:04d}-{m:02d}-{d:02d}"
    if style == "cn":
        return cn_date(y, m, d), iso
    if style == "spaced":
        return f"{y} 年 {m} 月 {d} 日", iso
    if style == "dash":
        return iso, iso
    return f"{y}年{m}月{d}日", iso


def year_end_date(rng: random.Random, year: int, style: str = "plain") -> tuple[str, str]:
    """A self-evaluation is written in the first months of the next year."""
    return date(year + 1, rng.randint(1, 4), rng.randint(1, 28), style)


def render_prose(lines: list[str], fmt_: str, encoding: str = "utf-8") -> tuple[str, bytes]:
    """Paragraph lines → (extension, bytes). The first line is the title."""
    if fmt_ == "txt":
        return "txt", writers.to_txt(lines, encoding)
    blocks = [("p", lines[0], "title")] + [("p", ln, "body") for ln in lines[1:]]
    if fmt_ == "docx":
        return "docx", writers.to_docx(blocks, lines[0])
    return "pdf", writers.to_pdf(blocks, lines[0])


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]
