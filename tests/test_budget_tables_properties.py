"""The budget table readers (items, lists, pairs, 行次 and 占比 tables) never raise on any
stream of cells, and every span they return indexes the text exactly."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.readers import read_bytes

EXAMPLES = int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "40"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# What the budget tables are made of: headers, codes, serials, labels, amounts, shares, noise.
TOKENS = st.sampled_from(
    [
        "行次", "栏次", "金额", "占比", "合计", "总计", "小计", "一般项目", "(万元)", "计划支出数",
        "实际支出数", "决算数", "预算数", "2031年决算数", "30201", "2130504", "1", "2", "31",
        "一、事业收入", "某某镇", "办公费", "计划安排资金(万元)", "结余", "单位:万元",
        "金额单位:元", "1,250.00", "88.5", "100%", "25.2%", "其中3万元用于修渠;2万元用于修路",
        "0", "2031", "|||||", "注:本表反映收支情况。", "—",
    ]
)  # fmt: skip
SEPARATORS = st.sampled_from([" ", "\n", "\n\n", " | ", " |\n", "|", ""])
STREAM = st.lists(st.tuples(st.one_of(TOKENS, st.text(max_size=5)), SEPARATORS), max_size=60)


@PROPERTY
@given(STREAM)
def test_budget_readers_never_raise_and_keep_exact_spans(stream):
    text = "收支决算表\n" + "".join(tok + sep for tok, sep in stream)
    doc = build_document(read_bytes(text.encode("utf-8"), "x.txt").blocks)
    for b in extract_document(doc)["budget"]:
        span = b.get("span")
        if span:
            assert doc.text[span["start"] : span["end"]] == span["text"]
