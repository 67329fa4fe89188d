"""Named people in form cells and running text; units, titles and phone numbers are never names."""

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.readers import read_bytes


def people_of(text: str) -> list[dict]:
    doc = build_document(read_bytes(text.encode(), "p.txt").blocks)
    rows = extract_document(doc)["people"]
    for r in rows:
        assert doc.text[r["span"]["start"] : r["span"]["end"]] == r["span"]["text"]
        if r["name"] is not None:
            assert r["span"]["text"] == r["name"]
    return rows


def pairs(text: str) -> set[tuple[str | None, str]]:
    return {(p["name"], p["role"]) for p in people_of(text)}


def test_a_name_in_the_cell_after_its_role():
    text = "项目名称 乡村道路养护 项目负责人 韦振林 联系电话 13912345678 实施单位 某县交通运输局\n"
    got = people_of(text)
    assert [(p["name"], p["role"], p.get("phone")) for p in got] == [
        ("韦振林", "项目负责人", "13912345678")
    ]


def test_one_cell_per_line_and_a_label_tail():
    assert pairs("联系人\n\n孔祥云\n\n联系电话\n\n0771-5551234\n") == {("孔祥云", "联系人")}
    assert pairs("专项名称  某村饮水工程 负责人及电话  庞德胜\n") == {("庞德胜", "负责人")}


def test_a_header_row_then_its_values():
    text = "单位名称 填报人 某县文化旅游体育局 钱立新 填报日期 2022年3月1日\n"
    assert pairs(text) == {("钱立新", "填报人")}


def test_a_cell_the_normalizer_ran_into_the_next():
    # Normalizing joins CJK across a single space; the raw text shows where the cell ended.
    assert pairs("项目负责人 钱立新 地 址 某县新华路 12 号\n") == {("钱立新", "项目负责人")}


def test_labelled_lists_and_roles_in_running_text():
    text = (
        "领导小组组成如下：\n组长：龚振邦\n副组长：欧阳明远、蔡晓\n"
        "由办公室主任符国强审核，项目联系人甘露负责资料报送。\n"
    )
    got = pairs(text)
    assert {("龚振邦", "组长"), ("欧阳明远", "副组长"), ("蔡晓", "副组长")} <= got
    assert ("符国强", "办公室主任") in got and ("甘露", "项目联系人") in got


def test_units_words_and_phone_numbers_are_not_names():
    text = (
        "成员：财务科、办公室\n"
        "由县会计服务中心负责核算。\n"
        "单位负责人 高度重视 绩效管理工作\n"
        "联系人：0571-5556789\n"
    )
    got = people_of(text)
    assert all(p["name"] is None for p in got)
    assert {p["role"] for p in got} == {"成员", "联系人"}


def test_a_list_runs_over_commas_and_bracketed_titles_until_it_ends():
    assert pairs("成员：覃小平，韦东，莫海燕，负责资料收集。\n") == {
        ("覃小平", "成员"), ("韦东", "成员"), ("莫海燕", "成员"),
    }  # fmt: skip
    assert pairs("副组长：严红（副局长）、石磊（副局长）\n") == {
        ("严红", "副组长"),
        ("石磊", "副组长"),
    }
    got = pairs("组长：谭国栋，副组长严红\n")
    assert ("谭国栋", "组长") in got and ("严红", "副组长") in got and ("严红", "组长") not in got


def test_a_name_then_a_verb_then_the_role():
    assert pairs("由柏志远同志担任项目负责人。\n") == {("柏志远", "项目负责人")}
    assert ("严红", "副组长") in pairs("由副局长严红任副组长。\n")


def test_roles_signed_for_without_a_name_and_a_phone_across_cells():
    assert pairs("单位负责人签字：          财务负责人签字：\n") == {
        (None, "单位负责人"), (None, "财务负责人"),
    }  # fmt: skip
    got = people_of("| 项目负责人 | 薛明 | 联系电话 | 0571-1234567 |\n")
    assert [(p["name"], p.get("phone")) for p in got] == [("薛明", "0571-1234567")]


def test_roles_and_names_in_flattened_cells():
    got = pairs("自评工作小组 组长 祁连山 副组长 蒙晓峰 成员 牟小红 庞静\n")
    assert got == {("祁连山", "组长"), ("蒙晓峰", "副组长"), ("牟小红", "成员"), ("庞静", "成员")}


def test_a_header_row_of_roles_takes_its_names_in_order_or_none():
    got = pairs("填报人 审核人 单位负责人\n姜立 冯国华 崔建\n")
    assert got == {("姜立", "填报人"), ("冯国华", "审核人"), ("崔建", "单位负责人")}
    # Two names under three roles: which is whose cannot be told.
    assert pairs("填报人 审核人 单位负责人\n姜立 冯国华\n") == set()


def test_a_role_held_by_a_named_person_and_a_bare_phone_after_a_name():
    got = pairs("评价工作小组组长由局长路明远担任，副组长由副局长柴静担任。\n")
    assert {("路明远", "组长"), ("柴静", "副组长")} <= got
    got = people_of("联系人及电话：仲夏 13912345678\n")
    assert [(p["name"], p["role"], p.get("phone")) for p in got] == [
        ("仲夏", "联系人", "13912345678")
    ]


def test_a_post_held_by_a_title_is_nameless_with_its_title():
    got = people_of("成立了由分管副县长为组长的工作专班，由交通局局长任办公室主任。\n")
    assert [(p["name"], p["role"], p.get("title")) for p in got] == [
        (None, "组长", "分管副县长"),
        (None, "办公室主任", "交通局局长"),
    ]


def test_a_member_row_name_then_post_then_role():
    got = pairs("| 姓名 | 职务 | 分工 |\n| 谷雨田 | 局长 | 组长 |\n| 杭天 | 副局长 | 副组长 |\n")
    assert {("谷雨田", "组长"), ("杭天", "副组长")} <= got
    # The name before an empty role cell is the earlier role's, not this one's.
    assert pairs("填报人 邝志强 审核人\n") == {("邝志强", "填报人")}
