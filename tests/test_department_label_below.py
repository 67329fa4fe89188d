"""A form row whose value cell came out of the page before its label cell. Lines are invented."""

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.readers import read_bytes


def report(text: str) -> dict:
    doc = build_document(read_bytes(text.encode(), "page.txt").blocks)
    rep = extract_document(doc)["report"]
    span = rep["spans"]["department"] if rep["department"] else None
    if span:
        assert doc.text[span["start"] : span["end"]] == rep["department"]
    return rep


def test_unit_name_on_the_line_above_its_label():
    text = "部门整体支出绩效自评表\n(2022年度)\n省级预算\n东山县水利局\n部门名称\n年初预算数\n"
    assert report(text)["department"] == "东山县水利局"


def test_a_line_above_the_label_that_is_no_unit_gives_none():
    text = "部门整体支出绩效自评表\n(2022年度)\n年度资金总额\n部门名称\n年初预算数\n"
    assert report(text)["department"] is None
