"""Mirror copies: pinyin glosses and spam are cut, traditional text is matched simplified.

Every line here is invented in the shapes mirror sites produce; none is taken from a real page.
"""

import pytest

from extractor import mirror, traditional
from extractor.model import RawBlock, RawCell
from extractor.normalize import build_document


def _cut(text: str, ranges) -> str:
    return mirror.cut(text, list(range(len(text) + 1)), ranges)[0]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("項(xiàng)目名稱", "項目名稱"),
        ("績(jì)效目標(biāo)", "績效目標"),
        ("驗（yàn）收合格率", "驗收合格率"),  # full-width brackets
        ("養( yǎng )護", "養護"),
        ("綠(lǜ)化", "綠化"),
    ],
)
def test_a_pinyin_gloss_after_a_character_is_cut(raw, expected):
    assert _cut(raw, mirror.glosses(raw)) == expected


def test_empty_markup_between_words_is_cut():
    text = '2. <rp id="q3x"></rp>部门项目<span></span>监控报告 <b>重点</b>'
    assert _cut(text, mirror.inserted(text)) == "2. 部门项目监控报告 <b>重点</b>"


@pytest.mark.parametrize(
    "text",
    [
        "分值(20分)", "资金(万元)", "全年预算数(A)", "执行率(B/A)", "报告(2023年度)",
        "监测(abc)", "指标(xiang)",  # Latin letters without a tone mark are not a gloss
        "(yàn)开头", "ABC(mù)",  # a gloss follows a Han character
        "文号(财农〔2021〕12号)",
    ],
)  # fmt: skip
def test_real_parentheses_are_not_glosses(text):
    assert mirror.glosses(text) == []


@pytest.mark.parametrize(
    "line",
    [
        "高清无码在线播放-国产自拍视频在线-久久人妻一区二区-天天更新好看",
        "超碰免费视频|成人毛片在线观看|国产乱码一区二区|每日精选",
        "写真第12期,清纯美女图片,美腿丝袜合集,激情图区大全,每日更新",
    ],
)
def test_a_line_of_spam_titles_is_spam(line):
    assert mirror.is_spam_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "| 特色产业 | 成人教育 | 绿色食品 | 精品旅游 |",  # one spam-looking word, not a run of titles
        "成人教育中心2023年度部门整体支出绩效自评报告",
        "产出指标 | 数量指标 | 国产设备采购数量 | ≥5台",
        "免费开放公共文化场馆-免费视频点播-在线观看讲座",  # one spam word is not enough
    ],
)
def test_real_lines_are_not_spam(line):
    assert not mirror.is_spam_line(line)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("星河县678bet官网网址_多少平台水利局2022年度", "星河县水利局2022年度"),
        ("关于澳门百家乐_欧洲杯足球网-【投注官网平台】:下达资金的通知", "关于:下达资金的通知"),
        ("十、必威体育平台,必威体育app重要事项的说明", "十、重要事项的说明"),
        ("中共123bet娱乐app_123bet备用在线委员会", "中共委员会"),
        ("县日博456备用网址_456bet在线体育局", "县体育局"),  # the real 体育局 stays
    ],
)
def test_an_injected_spam_string_is_cut(text, expected):
    assert _cut(text, mirror.spam_runs(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "福利彩票公益金使用管理办法",
        "请登录官网下载手机app办理",
        "全年365天开放,体育场馆免费",
        "组织足球体育活动12场",
        "金沙镇棋牌室开户资金",
    ],
)
def test_ordinary_words_are_not_spam(text):
    assert mirror.spam_runs(text) == []


TRAD = "項目支出績效自評表,產出指標:質量指標,驗收合格率達到預期,資金執行率"


def test_a_traditional_text_is_recognised_and_a_simplified_one_is_not():
    assert traditional.is_traditional(TRAD)
    assert not traditional.is_traditional("项目支出绩效自评表,产出指标:质量指标")
    # A simplified report quoting one traditional name is still simplified.
    assert not traditional.is_traditional(
        "项目支出绩效自评表,产出指标,质量指标,合作单位:台灣某協會"
    )


def test_the_simplified_view_has_the_same_length_and_maps_traditional_only():
    t2s = traditional.table()
    assert (
        TRAD.translate(t2s) == "项目支出绩效自评表,产出指标:质量指标,验收合格率达到预期,资金执行率"
    )
    assert all(len(v) == 1 for v in t2s.values())
    simplified = "项目绩效评价报告,资金执行率达到百分之百,指标完成"
    assert simplified.translate(t2s) == simplified
    # Hong Kong / Taiwan variant forms convert too, without touching simplified characters.
    assert "衞生院屋簷".translate(t2s) == "卫生院屋檐"
    assert "什么".translate(t2s) == "什么"


def test_a_traditional_document_keeps_view_and_surface_aligned():
    blocks = [
        RawBlock("paragraph", text="項(xiàng)目名稱:城區綠(lǜ)化養護"),
        RawBlock("paragraph", text="超碰免费视频|成人毛片在线观看|国产乱码一区二区|每日精选"),
        RawBlock(
            "table",
            rows=[
                [RawCell("一級指標"), RawCell("三級指標"), RawCell("指標值")],
                [RawCell("產出指標"), RawCell("驗(yàn)收合格率"), RawCell("≥95%")],
            ],
        ),
    ]
    doc = build_document(blocks)
    assert doc.text.startswith("项目名称:城区绿化养护\n")
    assert doc.shown.startswith("項目名稱:城區綠化養護\n")
    assert "成人" not in doc.text  # the spam line is gone
    assert len(doc.text) == len(doc.shown)
    cell = doc.tables()[0].grid[1][1]
    assert cell.text == "验收合格率" == doc.text[cell.start : cell.end]
    assert doc.shown[cell.start : cell.end] == "驗收合格率"
    # Every character still traces back to the reader's raw text.
    s, e = doc.to_raw(cell.start, cell.end)
    assert doc.raw_text[s:e] == "驗(yàn)收合格率"


def test_a_simplified_document_is_not_touched():
    blocks = [
        RawBlock("paragraph", text="项目名称:城区绿化养护(2023年度)"),
        RawBlock("paragraph", text="乾坤"),
    ]
    doc = build_document(blocks)
    assert doc.text == "项目名称:城区绿化养护(2023年度)\n乾坤"
    assert doc.shown == doc.text


def test_values_are_mapped_back_to_the_characters_as_written():
    from extractor.model import Document
    from extractor.surface import to_surface

    surface = "項目名稱:城區綠化\n養護工程\n主管部門:星河縣林業局 填報人:趙明遠"
    view = surface.translate(traditional.table())
    doc = Document(view, [], surface=surface)
    title_end = surface.index("\n主管")
    dept = view.index("星河")
    result = {
        "report": {
            "title": "项目名称:城区绿化养护工程",  # joined from two lines: no line break in it
            "department": "星河县林业局",
            "spans": {"title": {"start": 0, "end": title_end, "text": view[:title_end]}},
        },
        "people": [{"name": "赵明远", "role": "填报人", "span": None}],
        "budget": [{"scope": "部门整体", "item": "预算数", "label": "主管部门"}],
        "cells": {"first": {"start": dept, "end": dept + 3, "text": view[dept : dept + 3]}},
    }
    to_surface(result, doc)
    assert result["report"]["title"] == "項目名稱:城區綠化養護工程"
    assert result["report"]["spans"]["title"]["text"] == surface[:title_end]
    assert result["report"]["department"] == "星河縣林業局"
    assert result["people"][0] == {"name": "趙明遠", "role": "填報人", "span": None}
    assert result["budget"][0] == {"scope": "部门整体", "item": "预算数", "label": "主管部門"}
    assert result["cells"]["first"]["text"] == "星河縣"


def test_the_spam_run_gate_sees_every_strong_token_and_never_hides_a_run():
    # Each strong token's literal core is derived, so ordinary paragraphs skip the run scan…
    assert mirror._strong_literals() is not None
    assert not mirror._may_hold_run("组织开展培训12期,参训人员300人次", 2)
    # …and a text the scan finds a run in always passes the gate.
    for text in ("星河县678bet官网网址_多少平台水利局", "十、必威体育平台,必威体育app重要事项"):
        assert mirror._may_hold_run(text, 2) and mirror.spam_runs(text)
