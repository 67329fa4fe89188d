"""Page numbers, running headers, hard wraps and site footers are the page's, not the document's.

Every line here is written for the test in the shapes a PDF's text layer and a web page give.
"""

from extractor import page_lines
from extractor.model import RawBlock
from extractor.normalize import build_document
from extractor.pipeline import extract_file

# A paragraph typed for the test, then hard-wrapped at ~24 characters as a PDF export does:
# mid-clause, and once inside a number (368.4 / 5).
WRAPPED = [
    "一、基本情况",
    "本单位2023年度预算资金共计368.4",
    "5万元,其中财政拨款320.00万元,其他资",
    "金48.45万元,全年实际支出360.12万元,",
    "预算执行率为97.74%,较上年提高了两个百",
    "分点,资金使用符合有关规定。项目共完成",
    "道路维修12.5公里,完成率为100%,群众满",
    "意度达到95%以上,达到了预期的目标。",
    "二、绩效目标完成情况",
]


def _doc(lines: list[str]):
    return build_document([RawBlock("paragraph", None, x) for x in lines])


def test_page_numbers_are_recognised_in_their_usual_shapes():
    for line in (
        "- 3 -",
        "— 12 —",
        "第 3 页",
        "第3页 共12页",
        "第 2 页 / 共 9 页",
        "共5页 第2页",
        "Page 4 of 7",
    ):
        assert page_lines.is_page_number(line), line
    for line in ("3", "- 3 - 5", "第3页的表格", "1/3", "第三季度"):
        assert not page_lines.is_page_number(line), line


def test_a_hard_wrapped_paragraph_is_joined_back_even_inside_a_number():
    doc = _doc(WRAPPED)
    assert "预算资金共计368.45万元,其中财政拨款320.00万元,其他资金48.45万元," in doc.text
    # Headings and the closing line of the paragraph keep their own lines.
    assert doc.text.splitlines()[0] == "一、基本情况"
    assert doc.text.splitlines()[-1] == "二、绩效目标完成情况"
    assert doc.text.endswith("达到了预期的目标。\n二、绩效目标完成情况")
    assert "完成率为100%,群众满意度达到95%以上" in doc.text
    # The map still points at the characters as read: the join dropped only the line break.
    start = doc.text.index("368.45")
    assert doc.raw_text[doc.raw_offsets[start] : doc.raw_offsets[start + 5] + 1] == "368.4\n5"


def test_amounts_split_by_a_wrap_are_read_whole():
    data = "\n".join(WRAPPED).encode("utf-8")
    out = extract_file("wrapped.txt", data)
    amounts = {b["amount_yuan"] for b in out["budget"]}
    assert 3684500.0 in amounts and 3684.5 not in amounts
    assert all(
        out["text"][b["span"]["start"] : b["span"]["end"]] == b["span"]["text"]
        for b in out["budget"]
    )


def test_lines_of_a_web_page_are_not_taken_for_a_wrap():
    # Whole paragraphs, labels, headings and form rows of similar lengths: nothing to join.
    lines = [
        "项目名称:城区道路维修改造工程项目",
        "主管部门:某某县交通运输局",
        "实施单位:某某县公路养护中心",
        "项目负责人:王某某 联系电话:12345678",
        "年度资金总额 50.00 48.20 48.20 10 100% 10",
        "其中:财政拨款 50.00 48.20 48.20",
        "一、项目基本情况",
        "二、绩效目标完成情况",
    ]
    assert page_lines.wrap_width(lines) is None
    assert _doc(lines).text == "\n".join(lines)


def test_page_numbers_and_the_running_header_after_them_are_dropped():
    lines = ["某某县农业农村局2023年度项目支出绩效自评报告", "一、基本情况", "项目资金50万元。",
             "- 2 -", "某某县农业农村局2023年度项目支出绩效自评报告", "二、绩效目标完成情况",
             "第 3 页 共 3 页", "三、存在问题"]  # fmt: skip
    text = _doc(lines).text
    assert text.count("自评报告") == 1 and "- 2 -" not in text and "第 3 页" not in text
    assert text.splitlines()[-2:] == ["二、绩效目标完成情况", "三、存在问题"]


def test_a_site_footer_after_the_document_is_dropped():
    lines = ["二、绩效目标完成情况", "全年完成培训12次。", "联系人:李某 联系电话:12345678",
             "附件下载:", "相关链接: 政府网 | 省政府 | 市政府", "版权所有:某某县人民政府 ICP备00000000号",
             "地址:某某县人民路1号 邮编:000000"]  # fmt: skip
    text = _doc(lines).text
    assert text.endswith("联系人:李某 联系电话:12345678")
    # The same words inside the document, with the document going on after them, stay.
    inside = ["附件下载:见附件1", "三、存在问题", "部分项目进度滞后。"]
    assert _doc(inside).text == "\n".join(inside)
