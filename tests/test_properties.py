"""Property tests (hypothesis) on the normalizer, the document builder and span mapping, and the
number parser: they never raise, spans always index the text exactly, offsets map back into the
raw text, numbers survive round trips.

The default suite runs a modest number of examples; ``scripts/fuzz.py`` runs the same properties
with many more (``JIXIAO_FUZZ_EXAMPLES``).
"""

from __future__ import annotations

import os
from decimal import Decimal

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.model import RawBlock, RawCell
from extractor.normalize import build_document, normalize_text
from extractor.numbers import as_number, cn_to_int, decimals, parse_decimal, to_yuan

EXAMPLES = int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "60"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
HAN = regex.compile(r"\p{Han}")

# Pieces the normalizer rewrites, mixed with report words and arbitrary characters.
TOKENS = [
    "组", "长", "李斌", "预算", "执行率", "万元", "实际完成值", "指标值", "年", "月", "日",
    " ", "  ", "\u3000", "\xa0", "\t", "\n", "\u200b", "\ufeff", "\xad",
    "１２", "４１．１２", "％", "，", "。", "：", ":", "、", "$", "\\geq", "\\%", "$\\geq 85\\%$",
    ">=", "<=", "≧", "═", "＝", "41.12", "39.25%", "1,234.50", "-3", "(", "（", "）",
]  # fmt: skip
texts = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=30).map("".join),
    st.text(max_size=60),
    st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3)), max_size=20).map("".join),
)


def cells(draw_text=texts) -> st.SearchStrategy[RawCell | None]:
    return st.one_of(
        st.none(),
        st.builds(RawCell, draw_text, st.integers(1, 3), st.integers(1, 3)),
    )


tables = st.builds(
    lambda rows, page: RawBlock("table", page, rows=rows),
    st.lists(st.lists(cells(), min_size=0, max_size=4), max_size=4),
    st.one_of(st.none(), st.integers(1, 5)),
)
paragraphs = st.builds(
    lambda text, page: RawBlock("paragraph", page, text),
    texts,
    st.one_of(st.none(), st.integers(1, 5)),
)
blocks = st.lists(st.one_of(paragraphs, tables), max_size=8)


def assert_offsets(text: str, offsets: list[int], raw: str) -> None:
    assert len(offsets) == len(text) + 1
    assert offsets[-1] == len(raw)
    assert all(0 <= o <= len(raw) for o in offsets)
    assert all(a <= b for a, b in zip(offsets, offsets[1:], strict=False))
    for i, ch in enumerate(text):
        if HAN.match(ch):  # CJK is never rewritten: it maps back to itself
            assert raw[offsets[i]] == ch


@PROPERTY
@given(texts)
def test_normalize_text_never_raises_and_maps_every_char_back(raw: str) -> None:
    text, offsets = normalize_text(raw)
    assert_offsets(text, offsets, raw)
    assert "\u200b" not in text and "\u3000" not in text and "  " not in text


@PROPERTY
@given(texts)
def test_normalize_text_is_idempotent_on_han(raw: str) -> None:
    text, _ = normalize_text(raw)
    again, _ = normalize_text(text)
    assert HAN.findall(again) == HAN.findall(text) == HAN.findall(raw)


@PROPERTY
@given(blocks, st.data())
def test_build_document_spans_index_the_text_exactly(raw_blocks, data) -> None:
    doc = build_document(raw_blocks)
    assert_offsets(doc.text, doc.raw_offsets, doc.raw_text)
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= len(doc.text)
        for cell in block.cells if block.kind == "table" else []:
            assert doc.text[cell.start : cell.end] == cell.text
    start = data.draw(st.integers(0, len(doc.text)))
    end = data.draw(st.integers(start, len(doc.text)))
    span = doc.span(start, end)
    assert span["text"] == doc.text[start:end] and (span["start"], span["end"]) == (start, end)
    assert span["page"] is None or span["page"] in {b.page for b in doc.blocks}
    raw_start, raw_end = doc.to_raw(start, end)
    assert 0 <= raw_start <= raw_end <= len(doc.raw_text)


@PROPERTY
@given(st.lists(paragraphs, min_size=1, max_size=6))
def test_every_non_blank_paragraph_survives_in_order(raw_blocks) -> None:
    doc = build_document(raw_blocks)
    pos = 0
    for raw in raw_blocks:
        norm, _ = normalize_text(raw.text)
        if norm.strip():
            found = doc.text.find(norm, pos)
            assert found >= 0, (norm, doc.text)
            pos = found + len(norm)


# --- numbers -------------------------------------------------------------------------------------

decimals_st = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, allow_infinity=False,
    places=4,
)  # fmt: skip


@PROPERTY
@given(decimals_st)
def test_decimal_round_trips_through_text(d: Decimal) -> None:
    assert parse_decimal(format(d, "f")) == d
    assert parse_decimal(f"{d:,f}") == d  # thousands separators as reports write them


@PROPERTY
@given(st.text(max_size=20))
def test_parse_decimal_and_cn_to_int_never_raise(text: str) -> None:
    parse_decimal(text)
    cn_to_int(text)
    decimals(text)


DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """0 ≤ n < 10^8 in standard Chinese numerals (一万零五十, 十二, 三千零一)."""
    if n == 0:
        return "零"

    def section(s: int, leading_zero: bool) -> str:
        out, zero = "", leading_zero
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = s // value % 10
            if digit == 0:
                zero = zero or bool(out)
                continue
            if zero and (out or leading_zero):
                out += "零"
            zero = False
            out += DIGITS[digit] + unit
        return out

    high, low = divmod(n, 10_000)
    out = section(high, False) + "万" if high else ""
    if low:
        out += section(low, bool(high) and low < 1000)
    return out


@PROPERTY
@given(st.integers(0, 99_999_999))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert cn_to_int(to_chinese(n)) == n
    assert cn_to_int("".join(DIGITS[int(c)] for c in str(n))) == n  # 二〇二三-style, digit by digit
    assert cn_to_int("".join("〇一二三四五六七八九"[int(c)] for c in str(n))) == n


@PROPERTY
@given(decimals_st.filter(lambda d: abs(d) < Decimal("1e9")))
def test_money_units_scale_exactly(d: Decimal) -> None:
    assert to_yuan(d, "万元") == (d * 10_000).quantize(Decimal("0.01"))
    assert to_yuan(d, "元") == d.quantize(Decimal("0.01"))
    assert to_yuan(d, "斤") is None


@PROPERTY
@given(st.integers(-(10**12), 10**12), st.integers(1, 4))
def test_as_number_and_decimals(i: int, places: int) -> None:
    n = as_number(Decimal(i))
    assert n == i and isinstance(n, int)
    x = Decimal(i) / Decimal(10**places)
    assert decimals(f"{x:.{places}f}") == places
    if x != x.to_integral_value():
        assert as_number(x) == float(x)
