"""Report metadata as public web pages give it: the page around the document, labels on one
line, the unit in the title, the fiscal year a body speaks of. All lines are invented."""

import pytest

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.numbers import cn_to_int
from extractor.readers import read_bytes

BODY = "一、基本情况\n本年度项目按计划推进,资金使用规范,群众满意度较高,各项工作均已完成。\n"


def report(text: str) -> dict:
    doc = build_document(read_bytes(text.encode(), "page.txt").blocks)
    rep = extract_document(doc)["report"]
    # Every value is the text at its span (a wrapped title is joined, so not compared).
    for key in ("department", "region", "project_name", "fiscal_year"):
        if rep[key] is not None:
            span = rep["spans"][key]
            written = doc.text[span["start"] : span["end"]]
            if key == "fiscal_year" and not written.isdigit():
                written = str(cn_to_int(written))  # 二〇二二
            assert written == str(rep[key]), key
    return rep


def test_site_chrome_is_not_the_title_and_names_the_unit_that_says_we():
    text = (
        "• 索引号\n  • 11220000-8/2024-00031\n• 发布机构\n  • 某某县水利局\n• 发布日期\n"
        "  • 2024-05-10\n• 浏览量\n"
        "2023年度河道清淤项目绩效自评报告\n"
        "一、基本情况\n我局对2023年度河道清淤项目开展了绩效自评,现将情况报告如下。\n"
    )
    rep = report(text)
    assert rep["title"] == "2023年度河道清淤项目绩效自评报告"
    assert rep["department"] == "某某县水利局"
    assert rep["fiscal_year"] == 2023  # the title's year, not the page's 2024


def test_publisher_on_one_line_with_other_fields_and_a_source_run_into_the_body():
    rep = report(
        "发布单位:某某区林草局 发布时间: 2024-06-12 15:56 浏览次数: 字体: [ ]\n"
        "2023年度森林防火经费绩效自评报告\n" + BODY
    )
    assert rep["department"] == "某某区林草局"
    rep = report("发布日期:2024-11-24 文章来源:财政局为深入推进预算绩效管理,开展重点评价。\n")
    assert rep["department"] == "财政局"
    assert rep["fiscal_year"] is None  # a publication date is not the fiscal year


def test_the_deepest_unit_in_the_breadcrumbs():
    rep = report(
        "您当前所在位置: 首页 > 乡镇信息公开 > 某某镇 > 财政预决算\n"
        "关于2022年度村道硬化工程绩效评价报告\n访问量:\n" + BODY
    )
    assert rep["department"] == "某某镇"
    assert rep["fiscal_year"] == 2022


@pytest.mark.parametrize(
    "line, unit",
    [
        ("单位名称:某某县农技推广站 填报日期:2024年3月20日", "某某县农技推广站"),
        (
            "2023年项目绩效自评表(实施单位用)填报单位:某某市疾控中心填报日期:2024年2月1日",
            "某某市疾控中心",
        ),
        ("| 部门编码: | 316 | 部门名称: | 某某县林业局 | *联系人: | 张某 |", "某某县林业局"),
        ("评价部门名称某某乡卫生院下属单位个数0整体支出规模", "某某乡卫生院"),
        ("部门(单位)名称 某某县残疾人联合会", "某某县残疾人联合会"),
        ("| 731002-某某县某某镇人民政府 | 村级公益岗补贴 | 3,000.00 |", "某某县某某镇人民政府"),
        ("项目单位:\n某某州商务局", "某某州商务局"),
    ],
)
def test_the_unit_a_form_labels(line, unit):
    assert report(line + "\n" + BODY)["department"] == unit


def test_a_form_header_cell_after_the_label_is_no_unit():
    rep = report("填报单位(盖章)\t单位负责人(签名):\n部门名称\n某某县实验中学\n")
    assert rep["department"] == "某某县实验中学"


def test_the_unit_the_title_starts_with_and_the_year_in_it():
    rep = report("某某市卫生健康委员会2022年度项目绩效自评报告(困难群众走访慰问项目)\n" + BODY)
    assert (rep["department"], rep["fiscal_year"]) == ("某某市卫生健康委员会", 2022)
    rep = report("某某县财政局 某某县乡村振兴局关于下达2024年衔接资金的通知\n" + BODY)
    assert rep["department"] == "某某县财政局 某某县乡村振兴局"
    assert rep["fiscal_year"] == 2024
    rep = report("某某区第三中学2021项目资金 绩效自评报告\n" + BODY)
    assert (rep["department"], rep["fiscal_year"]) == ("某某区第三中学", 2021)


def test_a_region_before_the_year_reports_when_nothing_else_names_the_unit():
    rep = report("某某省2016年度财政专项扶贫资金\n绩效评价自评报告\n来源:规划财务组\n" + BODY)
    assert rep["department"] == "某某省"
    assert rep["fiscal_year"] == 2016


def test_a_cover_line_names_the_unit_but_an_addressee_does_not():
    rep = report("附件3\n某某市农业农村局\n2019年度部门整体支出绩效自评报告\n" + BODY)
    assert rep["department"] == "某某市农业农村局"
    rep = report(
        "发布时间:2024-03-27 来源:某某市退役军人事务局 浏览次数:\n"
        "关于上报2023年优抚补助项目支出绩效自评的报告\n某某州退役军人事务局\n"
        "根据上级通知要求,现将我局2023年优抚补助项目自评情况报告如下,请审阅并提出意见。\n"
    )
    assert rep["department"] == "某某市退役军人事务局"


def test_a_clause_that_starts_with_the_unit():
    rep = report("一、部门基本情况\n某某县文体局主要负责文化市场管理。现有人数29人。\n")
    assert rep["department"] == "某某县文体局"
    rep = report("为提高资金使用效益,某某镇人民政府对2022年度实施的项目进行绩效监控。\n")
    assert (rep["department"], rep["fiscal_year"]) == ("某某镇人民政府", 2022)
    rep = report(
        "1、某某奖励资金自评报告一、基本情况(一)项目概况某某镇现有工作人员64人,资金已拨付。\n"
    )
    assert rep["department"] == "某某镇"
    rep = report("二、项目资金情况\n资金全部为财政资金,我局已全部支出。\n")
    assert rep["department"] is None  # 全部 and 我局 are no names


def test_the_unit_that_signs_a_letter():
    rep = report(
        "某某县乡村振兴指挥部:\n现将2024年某某社区排水沟项目绩效目标自评报告如下。\n"
        "项目已完工验收,受益群众满意度100%。\n某某县某某镇人民政府\n2025年1月10日\n"
    )
    assert rep["department"] == "某某县某某镇人民政府"
    assert rep["fiscal_year"] == 2024


def test_years_compared_with_dates_and_document_numbers_do_not_vote():
    rep = report(
        "一、收入支出决算总体情况\n本单位2021年度总收入581.45万元,较2020年度决算数减少175.26万元。"
        "较2020年度决算数减少7.63万元,比2020年增加1万元。根据某财〔2020〕12号文件,"
        "于2020年12月30日下达。\n"
    )
    assert rep["fiscal_year"] == 2021


def test_a_subtitle_year_and_dates_in_running_text_as_last_evidence():
    assert report("项目绩效目标表(2021年度)填报单位:某某镇人民政府\n")["fiscal_year"] == 2021
    rep = report(
        "一、项目资金情况\n项目资金28.6万元于2022年10月30日下达,于2022年12月31日前支出。\n"
    )
    assert rep["fiscal_year"] == 2022
    rep = report("一、情况\n工作已完成。\n某某县财政局\n2024年8月16日\n")
    assert rep["fiscal_year"] is None  # the sign-off date is when, not what for


def test_a_table_row_is_no_title_and_a_doc_sharing_chunk_starts_with_one():
    rep = report("10% 经费控制情况 2017年决算数 2018年预算数\n全年预算数(A) | 全年执行数(B) |\n")
    assert rep["title"] is None
    rep = report(
        "《某某区林业局2022年度部门整体绩效自评表.docx》由会员分享,可在线阅读\n"
        "1、某某区林业局2023年度部门整体绩效自评表主管部门某某区林业局部门联系人张某联系电话\n"
    )
    assert rep["title"] == "某某区林业局2023年度部门整体绩效自评表"
    assert (rep["department"], rep["fiscal_year"]) == ("某某区林业局", 2023)  # not the file's 2022


@pytest.mark.parametrize(
    "title, project",
    [
        ("关于2019年度某某村通组道路工程绩效评价报告", "某某村通组道路工程"),
        ("某某市卫健委2022年度项目绩效自评报告(困难群众走访慰问项目)", "困难群众走访慰问项目"),
        ("某某对象生活补助经费转移支付2023年度绩效自评报告", "某某对象生活补助经费"),
        ("某某林场新建收容所建设项目支出绩效自评表", "某某林场新建收容所建设项目"),
        ("某某县公路局2020年度公路养护类项目自评结果", "公路养护类项目"),
        ("某某县水利局2021年度部门整体支出绩效自评报告", None),
        ("某某区第三中学2021项目资金 绩效自评报告", None),
    ],
)
def test_the_project_a_title_names(title, project):
    assert report(title + "\n" + BODY)["project_name"] == project


@pytest.mark.parametrize(
    "line, project",
    [
        ("项目名称 某某村道路硬化补助 项目单位 某某镇人民政府", "某某村道路硬化补助"),
        ("转移支付(项目)名称 | 重大疾病防控项目 | ||||", "重大疾病防控项目"),
        ("填报单位:某某镇人民政府 项目名称镇域道路建设项目属性新增项目", "镇域道路建设"),
    ],
)
def test_the_project_a_label_names(line, project):
    assert report(line + "\n")["project_name"] == project


@pytest.mark.parametrize(
    "title, kind",
    [
        ("某某县第二中学2025年单位预算", "部门预算"),
        ("某某中心2021年度一般公共预算财政拨款“三公”经费支出决算", "部门决算"),
        ("某某镇人民政府部门整体支出绩效目标申报表", "部门整体支出绩效目标表"),
        ("某某区林业局2023年度部门整体绩效自评表", "部门整体支出绩效自评报告"),
        ("某某县2022年度财政衔接资金项目绩效监控总结报告", "项目支出绩效监控报告"),
    ],
)
def test_the_kind_of_document_a_page_publishes(title, kind):
    assert report(title + "\n" + BODY)["report_type"] == kind


def test_a_body_that_mentions_a_budget_disclosure_is_not_one():
    rep = report("一、基本情况\n根据2021年部门决算,本单位收支平衡,各项支出均按预算执行完毕。\n")
    assert rep["report_type"] is None


def test_the_region_span_is_the_region_inside_the_department():
    rep = report("单位名称:某某市某某区园林绿化服务中心\n" + BODY)
    assert rep["region"] == "某某区"  # the helper checks that its span holds 某某区


def test_a_year_in_chinese_numerals():
    assert report("二〇二二年度部门整体支出绩效自评报告\n" + BODY)["fiscal_year"] == 2022
    rep = report("一、情况\n二〇二一年度本单位收支平衡,二〇二一年度各项工作完成。\n")
    assert rep["fiscal_year"] == 2021


def test_a_label_inside_a_longer_word_is_not_that_label():
    rep = report(
        "中央主管部门 | 某某部 | 地方主管部门 | 某某省某某厅 |\n项目实施单位:某某县某某站\n"
    )
    assert rep["department"] == "某某县某某站"


def test_a_unit_whose_budget_code_extends_its_departments_reports():
    rep = report(
        "项目名称 某某供水维修经费\n主管部门 012-某某县水利局 实施单位 012001-某某县供水站\n"
    )
    assert rep["department"] == "某某县供水站"
    assert rep["supervising_department"] == "某某县水利局"
    assert rep["implementing_unit"] == "某某县供水站"
