"""Works stated in prose: a work with its sub-figures, a work with plan, completion and rate, the
figure before the name, and a plan restated as a task."""

from extractor import traditional
from extractor.extract import extract_document
from extractor.model import Document
from extractor.normalize import build_document
from extractor.readers import read_bytes
from extractor.surface import to_surface


def extract(text: str) -> dict:
    doc = build_document(read_bytes(text.encode(), "w.txt").blocks)
    result = extract_document(doc)
    for ind in result["indicators"]:
        for span in [ind["span"], *ind["field_spans"].values()]:
            assert doc.text[span["start"] : span["end"]] == span["text"]
    return result


def indicators(text: str) -> dict[str, dict]:
    return {i["name"]: i for i in extract(text)["indicators"]}


def test_a_work_with_its_sub_figures_is_one_indicator():
    got = indicators(
        "(二)项目绩效目标设定情况\n"
        "1.数量指标:李家湾路:道路硬化,建设里程2.4公里,路面宽度不低于4.5米;"
        "石桥村:渠道清淤,清淤长度800米,清淤深度不低于1米。\n"
        "2.质量指标:工程验收合格率100%。\n"
    )
    assert set(got) == {"李家湾路道路硬化", "石桥村渠道清淤", "工程验收合格率"}
    road = got["李家湾路道路硬化"]
    assert road["target_raw"] == "建设里程2.4公里,路面宽度不低于4.5米"
    assert (road["target"], road["unit"], road["actual"]) == (2.4, "公里", None)
    assert road["level2"] == "数量指标"
    assert road["span"]["text"].startswith("李家湾路:道路硬化")


def test_a_list_of_works_with_their_own_figures_stays_a_list():
    got = indicators(
        "(二)项目绩效目标\n1.数量指标:建设内容:新建道路2公里,新建桥梁1座;"
        "东岭村:维修水渠3条,新建蓄水池2座。\n"
    )
    assert {"新建道路", "新建桥梁", "新建蓄水池"} <= set(got)
    assert not any(name.endswith(("内容", "东岭村")) for name in got)


def test_a_rate_named_by_its_kind_belongs_to_the_planned_work_before_it():
    result = extract(
        "一、基本情况\n"
        "2022年实施乡道改造工程35.5公里,完成总投资860万元,截至11月底,完成35.5公里建设任务,"
        "完工率为100%;实施村道养护工程120公里,完成投资300万元,完成96公里养护任务,完工率为80%。\n"
    )
    got = {i["name"]: i for i in result["indicators"]}
    assert set(got) == {"乡道改造工程", "村道养护工程"}
    lane = got["村道养护工程"]
    assert (lane["target"], lane["actual"], lane["stated_rate_pct"], lane["unit"]) == (
        120,
        96,
        80,
        "公里",
    )
    # The money between the work and its rate is still the budget's.
    amounts = {b["amount_yuan"] for b in result["budget"]}
    assert {8_600_000, 3_000_000} <= amounts


def test_a_rate_without_a_planned_work_stays_an_indicator_of_its_kind():
    got = indicators("一、基本情况\n全县共完成危房改造65户,完工率120%。\n")
    assert set(got) == {"完工率"}
    assert got["完工率"]["actual"] == 120


def test_a_figure_before_the_name_opens_a_second_indicator():
    got = indicators("(三)绩效指标完成情况\n1.数量指标。为256名困难群众发放救助金98.5万元。\n")
    assert set(got) == {"困难群众", "发放救助金"}
    assert (got["困难群众"]["actual"], got["困难群众"]["unit"]) == (256, "名")
    assert got["困难群众"]["span"]["text"] == "256名困难群众"
    assert got["发放救助金"]["actual"] == 98.5


def test_a_plan_restated_as_a_task_is_no_indicator():
    got = indicators("(二)资金安排和绩效目标情况\n完成危房改造计划任务40户,维修校舍1200平方米。\n")
    assert set(got) == {"维修校舍"}


def test_a_name_joined_across_its_colon_is_given_back_as_written():
    surface = "1.數量指標:張家灣路:道路硬化,建設里程2.4公里"
    view = surface.translate(traditional.table())
    doc = Document(view, [], surface=surface)
    start = view.index("张家湾")
    span = {"start": start, "end": len(view), "text": view[start:]}
    result = {"indicators": [{"name": "张家湾路道路硬化", "span": span}]}
    to_surface(result, doc)
    assert result["indicators"][0]["name"] == "張家灣路道路硬化"


def test_a_rate_of_the_task_belongs_to_the_quantity_before_it():
    got = indicators(
        "三、完成情况\n2022年,全县共免费体检5200人,完成任务的104%,体检覆盖率为96%。\n"
        "下达资金300万元,完成任务的100%。\n"
    )
    assert set(got) == {"免费体检", "体检覆盖率"}
    check = got["免费体检"]
    assert (check["actual"], check["unit"], check["stated_rate_pct"]) == (5200, "人", 104)
    assert check["field_spans"]["rate"]["text"] == "104%"


def test_a_plan_then_its_progress_then_the_rate_of_the_plan():
    got = indicators(
        "三、下一步工作\n全年计划培训护理员240人次,目前已培训90人次,完成全年计划的37.5%。\n"
    )
    assert set(got) == {"培训护理员"}
    care = got["培训护理员"]
    assert (care["target"], care["actual"], care["stated_rate_pct"]) == (240, 90, 37.5)


def test_a_comparison_with_the_target_gives_the_last_indicator_its_target():
    got = indicators(
        "二、绩效指标完成情况\n3.满意度指标\n"
        "受益学生满意度达到97.5%,高于目标值92%;家长满意度95%。\n"
    )
    assert set(got) == {"受益学生满意度", "家长满意度"}
    pupils = got["受益学生满意度"]
    assert (pupils["target"], pupils["actual"]) == (92, 97.5)


def test_a_completion_rate_in_a_narrative_belongs_to_the_quantity_before_it():
    got = indicators(
        "二、绩效目标完成情况分析\n"
        "项目共完成改造农村户厕860座,完成率100%;新建污水处理站6处,设施正常运行率达95%。\n"
    )
    assert set(got) == {"改造农村户厕", "设施正常运行率"}
    toilets = got["改造农村户厕"]
    assert (toilets["actual"], toilets["unit"], toilets["stated_rate_pct"]) == (860, "座", 100)
    assert got["设施正常运行率"]["actual"] == 95


def test_no_work_of_a_rate_or_a_date_is_made_up():
    got = indicators(
        "(二)项目绩效目标\n"
        "2.质量指标:工程质量:达标,竣工验收合格率100%,质量抽检合格率98%。\n"
        "三、完成情况\n截至9月底,完成率60%;2023年全县开展义诊活动48场。\n"
    )
    assert {"竣工验收合格率", "质量抽检合格率"} <= set(got)
    assert not any(name.startswith(("工程质量", "截至", "全县")) for name in got)


def test_a_numbered_item_cut_by_the_end_of_the_text_is_dropped():
    got = indicators(
        "(二)部门绩效目标的设立情况\n主要目标任务为:\n"
        "1.蔬菜种植面积12万亩以上,增5%以上;\n"
        "2.水产品产量3.2万吨以上,增2%以上;\n"
        "3.农田灌溉水有效利用系数0.56以上,提高0.01"
    )
    assert set(got) == {"蔬菜种植面积", "水产品产量"}


def test_a_level_line_cut_by_the_end_of_the_text_keeps_its_whole_clauses():
    got = indicators("(二)年度绩效指标\n满意度指标:村民满意度92%以上,游客满")
    assert set(got) == {"村民满意度"}


def test_a_work_must_be_named():
    got = indicators(
        "一、基本情况\n全年实施项目12个,完成投资800万元,完成12个项目建设,完工率100%。\n"
    )
    assert set(got) == {"完工率"}
