"""The speed rewrites give what the code they replaced gave.

The .docx reader parses the main document part alone when the package is plain, and lets
python-docx open anything else; the audit finds header words and sentence starts without a
pattern per word or a scan from the text's start. Each is checked against the slow way.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import docx
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.audit.common import money_factor, money_tolerance, yuan_tolerance
from extractor.audit.coverage import _occurrences
from extractor.audit.rounding import _decimals_of, dec, decimals_of
from extractor.audit.years import SENTENCE_BREAK, _sentence
from extractor.errors import ReadError
from extractor.readers import docx as docx_reader

MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _report() -> bytes:
    d = docx.Document()
    d.add_paragraph("某县文旅局2024年度项目支出绩效自评报告")
    table = d.add_table(rows=3, cols=4)
    for r, row in enumerate([["一级指标", "二级指标", "三级指标", "指标值"],
                             ["产出指标", "数量指标", "修缮古桥座数", "≥3座"],
                             ["", "", "游客满意度", "≥90%"]]):  # fmt: skip
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(2, 0))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, rename: dict[str, str], edit) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = edit(info.filename, src.read(info))
            dst.writestr(rename.get(info.filename, info.filename), body)
    return out.getvalue()


def _slow_blocks(data: bytes):
    """The blocks read through python-docx's whole-package ``Document()``, as before."""
    blocks, warnings = [], []
    docx_reader._walk(docx_reader._open(data, "x.docx").element.body, blocks, warnings)
    return blocks


def test_plain_package_reads_as_python_docx_opens_it():
    data = _report()
    assert docx_reader._main_part_xml(data) is not None  # the fast path is taken
    assert docx_reader.read(data, "x.docx").blocks == _slow_blocks(data)


def test_main_part_under_another_name_is_found_by_its_relationship():
    def edit(name: str, body: bytes) -> bytes:
        return body.replace(b"word/document.xml", b"word/main.xml").replace(
            b"/word/document.xml", b"/word/main.xml"
        )

    data = _rezip(_report(), {"word/document.xml": "word/main.xml"}, edit)
    assert docx_reader._main_part_xml(data) is not None
    assert docx_reader.read(data, "x.docx").blocks == docx_reader.read(_report(), "y").blocks


def test_other_content_type_goes_through_python_docx_and_is_refused_as_before():
    macro = b"application/vnd.ms-word.document.macroEnabled.main+xml"

    def edit(name: str, body: bytes) -> bytes:
        return body.replace(MAIN.encode(), macro) if name == "[Content_Types].xml" else body

    data = _rezip(_report(), {}, edit)
    assert docx_reader._main_part_xml(data) is None
    with pytest.raises(ReadError) as e:
        docx_reader.read(data, "x.docx")
    assert e.value.kind == "corrupt" and "not a Word file" in str(e.value)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="指标值年度分。\n ab", max_size=60), st.text(alphabet="指标值ab", max_size=3)
)
def test_occurrences_are_regex_finditer_of_the_word(text: str, word: str):
    expected = [m.start() for m in regex.finditer(regex.escape(word), text)]
    assert list(_occurrences(text, word)) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="预算。;；\n年2", max_size=40), st.data())
def test_sentence_start_is_the_end_of_the_last_break(text: str, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    before = [m.end() for m in SENTENCE_BREAK.finditer(text, 0, start)]
    after = SENTENCE_BREAK.search(text, end)
    assert _sentence(text, start, end) == (
        before[-1] if before else 0,
        after.start() if after else len(text),
    )


_figures = st.one_of(
    st.sampled_from([1, 1.0, True, Decimal("1.0"), Decimal("1.00"), 0, 0.0, -0.0, 66, 66.0]),
    st.integers(-(10**6), 10**6),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.decimals(-(10**6), 10**6, allow_nan=False, places=4),
)
_texts = st.one_of(st.none(), st.text("0123456789.,元万 -"), st.from_regex(r"\d{1,4}(\.\d{1,3})?"))


@settings(max_examples=300)
@given(st.lists(st.tuples(_figures, st.lists(_texts, max_size=3)), max_size=8))
def test_cached_decimals_of_is_the_plain_reading(calls):
    """Asked repeatedly, in any order (equal figures of other types in between), the cache
    answers what the uncached reading does."""
    for value, texts in calls + calls[::-1]:
        try:
            want: object = _decimals_of(value, *texts)
        except ArithmeticError as e:  # True is no number to Decimal: raised either way
            want = type(e)
        try:
            got: object = decimals_of(value, *texts)
        except ArithmeticError as e:
            got = type(e)
        assert got == want


def test_cached_decimals_of_keeps_types_and_errors_apart():
    assert decimals_of(Decimal("1.50")) == 1 and decimals_of(1.5, "1.50") == 2
    assert decimals_of(1, "1.0") == decimals_of(1.0, "1.0") == 1
    for texts in ((5,), (["unhashable"],)):  # raise as uncached (the list is no cache key)
        with pytest.raises(TypeError):
            decimals_of(1.5, *texts)


def _plain_yuan_tolerance(row: dict) -> Decimal:
    """yuan_tolerance as it was before its cache."""
    factor = money_factor(row.get("unit")) or 1
    amount = row.get("amount_yuan")
    if amount is None:
        return Decimal(0)
    written = dec(amount) / factor
    return money_tolerance(written, row.get("unit"), row.get("raw")) * factor


_rows = st.fixed_dictionaries(
    {},
    optional={
        "unit": st.sampled_from([None, "元", "万元", "亿元", "千元", "%", "个"]),
        "amount_yuan": st.one_of(st.none(), _figures),
        "raw": _texts,
    },
)


@settings(max_examples=300)
@given(st.lists(_rows, max_size=8))
def test_cached_yuan_tolerance_is_the_plain_one(rows):
    """Asked repeatedly, in any order, the cached tolerance is the uncached one, exponent too."""
    for row in rows + rows[::-1]:
        try:
            want: object = _plain_yuan_tolerance(row)
        except ArithmeticError as e:
            want = type(e)
        try:
            got: object = yuan_tolerance(row)
        except ArithmeticError as e:
            got = type(e)
        assert str(got) == str(want)
