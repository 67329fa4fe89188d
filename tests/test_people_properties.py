"""Property tests: personnel and people never raise on any token stream of their shapes, every
span indexes the text, counts are whole non-negative numbers and names are what their span says.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.extract import extract_document
from extractor.model import RawBlock
from extractor.normalize import build_document

EXAMPLES = int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "40"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TOKENS = [
    "编制数", "核定编制", "实有人数", "在职", "退休", "其中", "现有", "人员", "干部职工", "局本级",
    "组长", "副组长", "成员", "联系人", "项目负责人", "填报人", "由", "担任", "同志", "签字",
    "祁连山", "庞静", "财务科", "高度重视", "12", "0", "2021", "十二", "一名", "两名", "人", "名",
    "个", "0571-5551234", "13912345678", "联系电话", "(", ")", "（", "）", "，", "、", "：", ":",
    "。", "；", "|", " | ", " ", "\n", "\n\n", "≥", "指标", "培训",
]  # fmt: skip
texts = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=40).map("".join),
    st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3)), max_size=25).map("".join),
)


@PROPERTY
@given(texts)
def test_staff_and_people_never_raise_and_spans_index_the_text(text):
    # One paragraph a line, as the text reader gives them (it refuses a file with no text).
    blocks = [RawBlock("paragraph", None, line) for line in text.split("\n") if line.strip()]
    doc = build_document(blocks or [RawBlock("paragraph", None, "—")])
    result = extract_document(doc)
    for row in result["personnel"]:
        span = row["span"]
        assert doc.text[span["start"] : span["end"]] == span["text"]
        if "较上年" not in row["category"]:
            assert row["count"] >= 0 and row["count"] == int(row["count"])
    for person in result["people"]:
        span = person["span"]
        assert doc.text[span["start"] : span["end"]] == span["text"]
        if person["name"] is not None:
            assert span["text"] == person["name"]
            assert not any(ch.isdigit() for ch in person["name"])
