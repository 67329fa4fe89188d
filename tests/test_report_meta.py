"""Report metadata and people in the ways forms and letters write them."""

import pytest

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.readers import read_bytes


def extract(text: str) -> dict:
    doc = build_document(read_bytes(text.encode(), "m.txt").blocks)
    return extract_document(doc)


@pytest.mark.parametrize(
    "written, iso",
    [
        ("2023年3月15日", "2023-03-15"),
        ("2023 年 3 月 15 日", "2023-03-15"),
        ("二〇二三年三月十五日", "2023-03-15"),
        ("2023.3.15", "2023-03-15"),
        ("2023-03-15", "2023-03-15"),
        ("2023/3/15", "2023-03-15"),
    ],
)
def test_filled_date_in_every_spelling(written, iso):
    report = extract(f"某某县水利局2022年度项目支出绩效自评报告\n填报日期：{written}\n")["report"]
    assert report["filled_date"] == iso
    assert report["spans"]["filled_date"]["text"] == written


def test_impossible_date_is_null():
    report = extract("某某县水利局2022年度项目支出绩效自评报告\n填报日期：2023年2月30日\n")[
        "report"
    ]
    assert report["filled_date"] is None


@pytest.mark.parametrize(
    "department, region",
    [
        ("且末县科学技术协会", "且末县"),
        ("涿州市市场监督管理局", "涿州市"),
        ("新疆维吾尔自治区巴音郭楞蒙古自治州且末县教育局", "且末县"),
        ("围场满族蒙古族自治县水利局", "围场满族蒙古族自治县"),
        ("县委宣传部", None),
    ],
)
def test_region_is_the_most_specific_unit_the_name_starts_with(department, region):
    report = extract(f"部门整体支出绩效自评报告\n部门(单位)名称：{department}\n")["report"]
    assert report["department"] == department
    assert report["region"] == region


def test_people_with_remarks_phones_and_empty_roles():
    people = extract(
        "项目负责人（签字）：王大明\n财务负责人(签章)：刘芳  联系电话：13812345678\n"
        "联系人：0991-1234567\n"
    )["people"]
    got = {(p["name"], p["role"], p.get("phone")) for p in people}
    assert ("王大明", "项目负责人", None) in got
    assert ("刘芳", "财务负责人", "13812345678") in got
    # A role whose label is followed by a phone number only: no name is invented.
    assert (None, "联系人", None) in {(p["name"], p["role"], None) for p in people}
    assert all(p["name"] is None or not p["name"].isdigit() for p in people)


def test_staffing_by_kind_of_post_and_in_chinese_numerals():
    got = extract(
        "核定行政编制25名，事业编制18名，实有在职人员40人，退休人员22人。\n编制人数十二人。\n"
    )
    counts = {p["category"]: p["count"] for p in got["personnel"]}
    assert counts == {
        "行政编制数": 25,
        "事业编制数": 18,
        "在职人数": 40,
        "退休人数": 22,
        "编制数": 12,
    }


@pytest.mark.parametrize(
    "first_lines, title",
    [
        ("项目支出绩效自评表(2023年度)\n", "项目支出绩效自评表"),  # a subtitle run onto the line
        ("项目支出绩效自评表\n(2023年度)\n", "项目支出绩效自评表"),
        (
            "某某县科协2021年度部门整体支出绩效监控\n报告\n",
            "某某县科协2021年度部门整体支出绩效监控报告",
        ),
        (
            "某某县水利局2024年度项目支出绩效自评表项目一:河道治理项目\n",
            "某某县水利局2024年度项目支出绩效自评表",
        ),
    ],
)
def test_title_is_what_the_report_says_it_is(first_lines, title):
    report = extract(first_lines + "填报日期:2024年1月5日\n")["report"]
    assert report["title"] == title
