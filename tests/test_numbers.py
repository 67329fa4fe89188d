from decimal import Decimal

import pytest

from extractor.extract.values import find_values
from extractor.numbers import cn_to_int, decimals, parse_decimal, to_yuan


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1,234.56", Decimal("1234.56")),
        ("41.12", Decimal("41.12")),
        ("0", Decimal("0")),
        ("-3.5", Decimal("-3.5")),
        ("十二", Decimal(12)),
        ("一百零五", Decimal(105)),
        ("两千三百万", Decimal(23_000_000)),
        ("二〇二三", Decimal(2023)),
        ("十", Decimal(10)),
        ("abc", None),
        ("", None),
    ],
)
def test_parse_decimal(text, expected):
    assert parse_decimal(text) == expected


def test_cn_to_int_rejects_non_numerals():
    assert cn_to_int("十二人") is None


@pytest.mark.parametrize(
    "value, unit, yuan",
    [
        ("41.12", "万元", Decimal("411200.00")),
        ("1,500", "元", Decimal("1500.00")),
        ("2.5", "千元", Decimal("2500.00")),
        ("1.2345", "亿元", Decimal("123450000.00")),
        ("0.015", "元", Decimal("0.02")),  # exact to the fen
    ],
)
def test_to_yuan(value, unit, yuan):
    assert to_yuan(parse_decimal(value), unit) == yuan


def test_to_yuan_is_none_for_non_money():
    assert to_yuan(Decimal(3), "次") is None


def test_decimals():
    assert decimals("66%") == 0 and decimals("34.39%") == 2


@pytest.mark.parametrize(
    "text, number, unit, comparator",
    [
        ("≥ 12 次", Decimal(12), "次", "≥"),
        ("不低于95%", Decimal(95), "%", "≥"),
        ("20万元以上", Decimal(20), "万元", "≥"),
        ("不超过 5 天", Decimal(5), "天", "≤"),
        ("500 户", Decimal(500), "户", None),
        ("1,200.5元", Decimal("1200.5"), "元", None),
    ],
)
def test_value_grammar(text, number, unit, comparator):
    (v,) = list(find_values(text))
    assert (v.number, v.unit, v.comparator) == (number, unit, comparator)
    assert text[v.start : v.end] == v.raw


@pytest.mark.parametrize(
    "cell, number, unit, comparator",
    [
        ("≥95%(含)", Decimal(95), "%", "≥"),
        ("12次(累计)", Decimal(12), "次", None),
        ("=34800宗", Decimal(34800), "宗", "="),  # a unit the list does not know
        (">889批次", Decimal(889), "批次", ">"),
        ("≥100百分比", Decimal(100), "%", "≥"),
        ("不超过30天", Decimal(30), "天", "≤"),
    ],
)
def test_a_cell_that_is_one_value(cell, number, unit, comparator):
    from extractor.extract.values import parse_whole

    v = parse_whole(cell)
    assert (v.number, v.unit, v.comparator, v.raw) == (number, unit, comparator, cell)


@pytest.mark.parametrize("cell", ["显著提高", "(含)", "8次9次", "约10人左右多"])
def test_a_cell_that_is_not_one_value(cell):
    from extractor.extract.values import parse_whole

    assert parse_whole(cell) is None
