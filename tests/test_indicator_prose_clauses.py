"""Indicators written as name-value clauses in running prose, read by the section they sit in."""

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.readers import read_bytes


def indicators(text: str) -> dict[str, dict]:
    doc = build_document(read_bytes(text.encode(), "p.txt").blocks)
    found = extract_document(doc)["indicators"]
    for ind in found:
        for span in [ind["span"], *ind["field_spans"].values()]:
            assert doc.text[span["start"] : span["end"]] == span["text"]
    return {i["name"]: i for i in found}


def test_level_lead_with_targets_and_actuals():
    got = indicators(
        "(四)绩效指标完成情况分析\n"
        "1.产出指标\n"
        "数量指标:巡查车辆≥4辆,实际巡查4辆;巡查时长≥300小时,实际巡查时长280.5小时。\n"
    )
    assert set(got) == {"巡查车辆", "巡查时长"}
    car, hours = got["巡查车辆"], got["巡查时长"]
    assert (car["level1"], car["level2"]) == ("产出指标", "数量指标")
    assert (car["target"], car["comparator"], car["actual"], car["unit"]) == (4, "≥", 4, "辆")
    assert (hours["target_raw"], hours["actual_raw"], hours["actual"]) == (
        "≥300小时",
        "280.5小时",
        280.5,
    )


def test_heading_names_the_indicator_of_the_paragraph_below():
    got = indicators(
        "1.产出指标完成情况分析。\n"
        "(1)项目完成数量。\n"
        "完成年度维修项目3个,主要内容为新修水渠800米1条,泵房2间。\n"
        "(2)项目完成质量\n"
        "已通过竣工验收。\n"
        "(3)项目实施进度\n"
        "维修工程已全部完工,完成率100%。\n"
        "(4)项目成本情况\n"
        "项目按定额单价实施。\n"
    )
    assert set(got) == {"项目完成数量", "项目完成质量", "项目实施进度"}
    assert got["项目完成数量"]["actual"] == 3 and got["项目完成数量"]["level1"] == "产出指标"
    assert got["项目完成质量"]["actual_raw"] == "已通过竣工验收"
    assert got["项目完成质量"]["actual"] is None
    assert got["项目实施进度"]["stated_rate_pct"] == 100


def test_goals_section_states_targets_and_leaves_money_to_the_budget():
    got = indicators(
        "(二)项目绩效目标\n"
        "计划新修排水渠5200m,改造泵站3座,硬化场地1.5 hm2,项目概算总投资800万元。\n"
        "二、项目资金使用情况\n"
        "项目完成泵站改造3座。\n"
    )
    assert set(got) == {"新修排水渠", "改造泵站", "硬化场地"}
    assert all(i["target"] is not None and i["actual"] is None for i in got.values())
    assert got["硬化场地"]["target"] == 1.5


def test_results_narrative_keeps_only_rate_like_indicators():
    got = indicators(
        "(二)绩效目标完成情况分析\n"
        "项目资金全部到位60万元,购置设备12台,工程验收合格率100%,资金到位率100%,"
        "受益群众满意度达98%。\n"
    )
    assert set(got) == {"工程验收合格率", "受益群众满意度"}
    assert got["受益群众满意度"]["actual"] == 98


def test_one_value_shared_and_labels_inside_a_run_of_clauses():
    got = indicators(
        "(四)绩效指标完成情况分析\n"
        "2.质量指标。设备完好率为97%覆盖率及验收合格率均为100%。\n"
        "3.时效指标。维修资金按季度拨付指标为100%实际完成值为95%\n"
    )
    assert got["设备完好率"]["actual"] == 97
    assert got["覆盖率"]["actual"] == got["验收合格率"]["actual"] == 100
    timely = got["维修资金按季度拨付"]
    assert (timely["level2"], timely["target"], timely["actual"]) == ("时效指标", 100, 95)


def test_goal_lead_inside_a_sentence_lists_targets():
    got = indicators(
        "(一)项目概况\n"
        "为改善市容环境,主要指标是道路保洁率100%,开放公厕28座,垃圾清运率达95%以上。"
        "项目于上年启动,投入车辆6辆。\n"
    )
    assert set(got) == {"道路保洁率", "开放公厕", "垃圾清运率"}
    assert got["垃圾清运率"]["target_raw"] == "95%以上"
    assert got["开放公厕"]["target"] == 28


def test_clauses_outside_indicator_sections_are_not_indicators():
    got = indicators(
        "一、绩效目标分解下达情况\n"
        "(一)资金下达情况\n"
        "下达资金90万元,购置车辆2辆。\n"
        "二、自评结论\n"
        "项目整体完成率100%,自评得分95分。\n"
    )
    assert got == {}


def test_a_heading_about_other_things_closes_a_goals_section():
    got = indicators(
        "一、项目绩效目标\n"
        "新建文化广场2处,安装路灯40盏。\n"
        "二、项目实施情况\n"
        "完成广场建设2处,共投入工人35人。\n"
    )
    assert set(got) == {"新建文化广场", "安装路灯"}


def test_a_later_result_completes_the_target_stated_first():
    got = indicators(
        "一、目标任务\n"
        "年度目标任务:全县筛查率稳定在90%左右,疾病检出率达到5%以上。\n"
        "二、完成情况\n"
        "全年筛查3200人,筛查率为93.5%,全县疾病检出率达6.2%。\n"
    )
    assert set(got) == {"筛查率", "疾病检出率"}
    assert (got["筛查率"]["target"], got["筛查率"]["actual"]) == (90, 93.5)
    assert (got["疾病检出率"]["target"], got["疾病检出率"]["actual"]) == (5, 6.2)


def test_a_figure_inside_the_name():
    got = indicators("(二)项目绩效目标设定情况\n项目建成后预计年增收3万元,带动560户农户增收。\n")
    assert got["带动农户增收"]["target"] == 560
    assert got["带动农户增收"]["target_raw"] == "560户"


def test_monitoring_prose_gives_progress_forecast_and_deviation():
    got = indicators(
        "三、绩效目标完成情况\n"
        "(一)产出指标\n"
        "1.数量指标:修缮校舍面积,年度目标值≥3000平方米,1-6月完成1400平方米,"
        "全年预计完成3100平方米,偏差原因:雨季停工。\n"
        "2.质量指标:修缮验收合格率年度目标值100%,1—6月实际完成96%,全年预计完成100%。\n"
        "(二)满意度指标\n"
        "家长满意度:年度指标值≥92%,截至6月底完成94%。\n"
    )
    area = got["修缮校舍面积"]
    assert (area["target"], area["actual"], area["forecast"]) == (3000, 1400, 3100)
    assert area["deviation_reason"] == "雨季停工"
    rate = got["修缮验收合格率"]
    assert (rate["level2"], rate["target"], rate["actual"], rate["forecast"]) == (
        "质量指标",
        100,
        96,
        100,
    )
    assert (got["家长满意度"]["target"], got["家长满意度"]["actual"]) == (92, 94)
    assert set(got) == {"修缮校舍面积", "修缮验收合格率", "家长满意度"}


def test_plan_and_result_sentences_and_a_target_in_brackets():
    got = indicators(
        "(四)绩效指标完成情况\n"
        "1.产出指标\n"
        "(1)数量指标。计划培训农民300人次,实际培训320人次,完成率106.67%。\n"
        "(2)质量指标。培训合格率达到98%,完成目标值(≥95%)。\n"
        "(3)时效指标。补贴发放及时率为100%,年度目标值100%。\n"
    )
    assert set(got) == {"培训农民", "培训合格率", "补贴发放及时率"}
    farmers = got["培训农民"]
    assert (farmers["target"], farmers["actual"], farmers["stated_rate_pct"]) == (300, 320, 106.67)
    assert (got["培训合格率"]["target_raw"], got["培训合格率"]["actual"]) == ("≥95%", 98)
    assert (got["补贴发放及时率"]["target"], got["补贴发放及时率"]["actual"]) == (100, 100)


def test_changes_on_last_year_dates_and_scores_are_not_indicators():
    got = indicators(
        "(二)效益指标\n"
        "游客接待量18万人次,较上年增长12%,门票收入同比增长8%,于2023年10月完成验收,"
        "本项得分9分。\n"
    )
    assert set(got) == {"游客接待量"}


def test_any_mix_of_headings_figures_and_punctuation_reads_without_error():
    import random

    rng = random.Random(11)
    pieces = [
        "一、", "(二)", "3.", "(4)", "①", "绩效目标", "完成情况", "产出指标", "数量指标:", "满意度",
        "实际", "目标值", "1-6月完成", "全年预计完成", "偏差原因:", "带动", "率", "为", "达到",
        "≥", "≤", "以上", "12", "3.5", "%", "万元", "户", "hm2", "(", ")", ",", ";", "。", ":", "\n",
        "道路", "维修", "群众", "其中", "资金", "每", "第", "2024年", "|",
    ]  # fmt: skip
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        for ind in indicators(text).values():
            assert ind["name"] and (
                ind["target_raw"] or ind["actual_raw"] or ind.get("forecast_raw")
            )


def test_a_rate_like_indicator_stated_anywhere_but_not_a_budget_rate():
    got = indicators(
        "三、项目实施情况\n"
        "截至年底共改造危房64户,完工率128%。到位资金300万元,使用300万元,使用率100%。\n"
        "项目整体完成率100%。\n"
    )
    assert set(got) == {"完工率"}
    assert got["完工率"]["actual"] == 128


def test_counted_list_markers_of_running_prose_are_no_part_of_the_name():
    got = indicators(
        "(三)绩效目标实现情况\n"
        "1.产出指标。一是新建乡村书屋14个;二是配送图书3600册,图书配送到位率100%。\n"
    )
    assert {"新建乡村书屋", "配送图书", "图书配送到位率"} <= set(got)
    assert got["新建乡村书屋"]["actual"] == 14


def test_a_level_to_reach_is_no_part_of_the_name():
    got = indicators(
        "(二)年度绩效指标\n社会效益指标:居民健康素养水平提升至32%,病媒密度控制率降低到5%以下。\n"
    )
    assert set(got) == {"居民健康素养水平", "病媒密度控制率"}
    assert got["居民健康素养水平"]["target"] == 32


def test_a_target_named_as_such_then_its_result():
    got = indicators(
        "三、绩效指标完成情况\n(一)产出指标\n"
        "1.数量指标完成情况:计划完成电工培训300人,实际完成培训316人,完成率105.33%。\n"
        "2.质量指标完成情况:持证上岗率目标为85%,实际为88%。\n"
        "(二)效益指标\n农村劳动力转移人数目标900人,实际转移955人。\n"
    )
    assert set(got) == {"电工培训", "持证上岗率", "农村劳动力转移人数"}
    assert (got["电工培训"]["target"], got["电工培训"]["actual"]) == (300, 316)
    assert (got["持证上岗率"]["target"], got["持证上岗率"]["actual"]) == (85, 88)
    assert got["农村劳动力转移人数"]["actual"] == 955


def test_level_labels_inside_a_paragraph_relabel_the_clauses_after_them():
    got = indicators(
        "二、年度绩效目标\n"
        "产出指标:数量指标:巡河次数≥120次;质量指标:河面保洁合格率≥95%。\n"
        "满意度指标:服务对象满意度指标:沿河居民满意度≥90%。\n"
    )
    levels = {name: (i["level1"], i["level2"]) for name, i in got.items()}
    assert levels == {
        "巡河次数": ("产出指标", "数量指标"),
        "河面保洁合格率": ("产出指标", "质量指标"),
        "沿河居民满意度": ("满意度指标", "服务对象满意度指标"),
    }
