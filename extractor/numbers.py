"""Numbers as Chinese reports write them: 1,234.56 · 41.12万元 · 十二 · 二〇二三年 · 39.25%.

Arithmetic is done in ``Decimal`` so that 41.12 万元 is exactly 411200.00 yuan.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from . import patterns

CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2,
    "三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}

CN_NUMERAL = r"[零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+"
# An Arabic number with optional sign, thousands separators and decimals.
ARABIC = r"[+\-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
NUMBER = regex.compile(ARABIC)


def parse_decimal(text: str) -> Decimal | None:
    """``"1,234.50"`` → ``Decimal("1234.50")``; Chinese numerals too; ``None`` if not a number."""
    s = text.strip().replace(",", "").replace(" ", "")
    if not s:
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        pass
    n = cn_to_int(s)
    return Decimal(n) if n is not None else None


def cn_to_int(text: str) -> int | None:
    """Chinese numerals to int: 十二 → 12, 一百零五 → 105, 二〇二三 → 2023 (digit by digit)."""
    s = text.strip()
    if not s or not all(ch in CN_DIGITS or ch in CN_UNITS or ch in CN_BIG for ch in s):
        return None
    if all(ch in CN_DIGITS for ch in s):
        # No unit characters: read digit by digit (years, codes) — 二〇二三 is 2023.
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:  # 万, 亿
            section += digit or 0
            total = (total + section) * CN_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def money_units() -> dict[str, int]:
    return patterns.load("units")["money"]


def to_yuan(value: Decimal, unit: str) -> Decimal | None:
    """An amount in ``unit`` (元, 千元, 万元, 亿元) in yuan, exact to the fen; None if not money."""
    factor = money_units().get(unit)
    if factor is None:
        return None
    return (value * factor).quantize(Decimal("0.01"))


def as_number(value: Decimal | None) -> float | int | None:
    """A JSON-friendly number: integers stay integers."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def decimals(text: str) -> int:
    """How many decimals a number was written with (``66`` → 0, ``34.39`` → 2)."""
    m = NUMBER.search(text)
    if not m or "." not in m.group():
        return 0
    return len(m.group().split(".")[1])
