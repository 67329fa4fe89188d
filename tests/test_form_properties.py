"""The form reader never raises on any stream of cells, and every span it returns indexes the
text exactly — whatever the cells hold and whatever separates them."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.extract.form.budget import read_text_budgets
from extractor.extract.form.indicators import read_text_forms
from extractor.normalize import build_document
from extractor.readers import read_bytes

EXAMPLES = int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "60"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Form words, values, numbers and noise: what a flattened form is made of.
TOKENS = st.sampled_from(
    [
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "指标性质",
        "偏差原因分析及改进措施", "产出指标", "产出指标(50分)", "数量指标", "满意度指标",
        "服务对象满意度指标", "效 益 指 标", "指标1:", "≥", "=", "≥12次", "95%", "10", "7.5",
        "—", "无", "达成预期指标", "总分", "100", "年初预算数", "全年预算数", "全年执行数",
        "执行率", "年度资金总额", "其中:财政拨款", "项目资金(万元)", "某项工作完成数量",
        "12公里", "0", "%", "公里", "(", ")", ":", "年度指标值:≥3座",
    ]
)  # fmt: skip
SEPARATORS = st.sampled_from([" ", "  ", "\t", "\n", "\n\n", " | ", "|", ""])
STREAM = st.lists(st.tuples(st.one_of(TOKENS, st.text(max_size=6)), SEPARATORS), max_size=60)


def _text(stream) -> str:
    return "自评表\n" + "".join(tok + sep for tok, sep in stream)


@PROPERTY
@given(STREAM)
def test_reader_never_raises_and_spans_are_exact(stream):
    text = _text(stream)
    doc = build_document(read_bytes(text.encode("utf-8"), "x.txt").blocks)
    for form in read_text_forms(doc):
        for ind in form["indicators"]:
            for span in [ind["span"], *ind["field_spans"].values()]:
                assert doc.text[span["start"] : span["end"]] == span["text"]
            assert ind["target_raw"] is not None or ind["actual_raw"] is not None
    rows, _ = read_text_budgets(doc, 0, len(doc.text), lambda pos: "部门整体")
    for row in rows:
        span = row["span"]
        assert doc.text[span["start"] : span["end"]] == span["text"]
        assert row["amount_yuan"] is not None or row["rate_pct"] is not None
