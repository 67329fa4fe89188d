"""Tolerance that understands how people round (extractor/audit/rounding.py)."""

from decimal import Decimal

from extractor.audit.rounding import (
    EXACT,
    MISMATCH,
    ROUNDED,
    TRUNCATED,
    classify,
    classify_range,
    decimals_of,
    ratio,
    ratio_range,
)


def test_truncated_66_for_8_of_12_is_consistent_but_noted():
    assert classify(66, ratio(Decimal(8), Decimal(12)), 0) == TRUNCATED
    assert classify(67, ratio(Decimal(8), Decimal(12)), 0) == ROUNDED
    assert classify(66.67, ratio(Decimal(8), Decimal(12)), 2) == ROUNDED
    assert classify(66.66, ratio(Decimal(8), Decimal(12)), 2) == TRUNCATED


def test_95_for_45_of_50_is_a_mismatch_and_90_is_exact():
    assert classify(95, ratio(Decimal(45), Decimal(50)), 0) == MISMATCH
    assert classify(90, ratio(Decimal(45), Decimal(50)), 0) == EXACT


def test_half_up_not_bankers_rounding():
    # 0.125 → 0.13 half-up (half-even would give 0.12).
    assert classify(0.13, Decimal("0.125"), 2) == ROUNDED
    assert classify(0.12, Decimal("0.125"), 2) == TRUNCATED


def test_decimals_are_read_from_the_written_text():
    assert decimals_of(66.7, "66.70%") == 2
    assert decimals_of(66, "66%") == 0
    assert decimals_of(34.39, "预算执行率 34.39%") == 2
    assert decimals_of(66.0) == 0  # a DB float without its text
    assert decimals_of(1.5) == 1


def test_rounded_inputs_give_an_interval():
    # 14.14/41.12 万元 are roundings: any rate between 14.135/41.125 and 14.145/41.115 may be true.
    lo, hi = ratio_range(Decimal("14.14"), Decimal("41.12"), Decimal("0.005"), Decimal("0.005"))
    assert lo < ratio(Decimal("14.14"), Decimal("41.12")) < hi
    assert classify_range(34.38, lo, hi, 2) == ROUNDED
    assert classify_range(34.3, lo, hi, 1) == TRUNCATED
    assert classify_range(43.39, lo, hi, 2) == MISMATCH
