"""Staffing counts in prose and form cells: categories, parts of the staff, and what is not staff."""

from extractor.extract import extract_document
from extractor.normalize import build_document
from extractor.readers import read_bytes


def personnel_of(text: str) -> list[tuple[str, float]]:
    doc = build_document(read_bytes(text.encode(), "p.txt").blocks)
    rows = extract_document(doc)["personnel"]
    for r in rows:
        assert doc.text[r["span"]["start"] : r["span"]["end"]] == r["span"]["text"]
    return [(r["category"], r["count"]) for r in rows]


def test_an_enumeration_with_qiezhong_gives_every_count_its_category():
    got = personnel_of(
        "某县林草服务中心核定编制15名，其中行政编制6名、事业编制9名，实有在职人员14名，退休4人。\n"
    )
    assert got == [
        ("编制数", 15),
        ("行政编制数", 6),
        ("事业编制数", 9),
        ("在职人数", 14),
        ("退休人数", 4),
    ]


def test_chinese_numerals_and_fillers():
    got = personnel_of("本站编制人数为十二人，实有人员十一人，其中在职九人、退休两人。\n")
    assert got == [("编制数", 12), ("实有人数", 11), ("在职人数", 9), ("退休人数", 2)]


def test_a_qualified_label_keeps_its_own_words():
    # 专项编制 is not the unit's whole establishment: it stays as written, not 编制数.
    got = personnel_of("该院共有人员编制80名，其中：审判专项编制61名，下属培训中心事业编制19名。\n")
    assert got[0] == ("编制数", 80)
    assert ("审判专项编制", 61) in got
    assert dict(got)["编制数"] == 80 and len(got) == 3


def test_a_count_written_before_its_label():
    got = personnel_of("财务室配备一名专职会计和一名出纳，另有两名兼职统计人员协助。\n")
    assert ("专职会计", 1) in got and ("出纳", 1) in got


def test_parts_of_the_staff_after_a_staffing_count_and_a_breakdown_in_brackets():
    got = personnel_of(
        "全局现有人员320人，其中机关本部40人（在职在编30人、退休人员10人），"
        "下属水厂280人（在职在编200人、临聘人员80人）。\n"
    )
    assert got == [
        ("实有人数", 320), ("机关本部", 40), ("机关本部在职在编", 30), ("机关本部退休人员", 10),
        ("下属水厂", 280), ("下属水厂在职在编", 200), ("下属水厂临聘人员", 80),
    ]  # fmt: skip


def test_establishment_posts_counted_in_ge():
    got = personnel_of("单位总编制为52个，其中行政编10个、全额事业编42个。\n")
    assert got == [("编制数", 52), ("行政编", 10), ("全额事业编", 42)]


def test_form_cells_label_then_number():
    piped = "编制数 | 21 | 21 | |\n在职人数 | 19 | 19 | |\n其中:在岗人数 | 18 | 18 | |\n"
    assert personnel_of(piped) == [("编制数", 21), ("在职人数", 19), ("在岗人数", 18)]
    per_line = "单位名称\n\n某镇人民政府\n\n人员编制\n\n47\n\n实有人数\n\n52\n"
    assert personnel_of(per_line) == [("编制数", 47), ("实有人数", 52)]


def test_not_staff_trainees_pupils_indicators_years_money():
    text = (
        "全年培训基层干部职工360人，受益群众1200人。\n"
        "学校现有学生650人。\n"
        "| 产出指标 | 数量指标 | 聘用护林员人数 | ≥ | 30 | 人 | 10 |\n"
        "人员经费 | 120.5 | 118 |\n"
        "在职人数 2021年\n"
        "联系人：王某 电话：0571-8888123\n"
    )
    assert personnel_of(text) == []


def test_change_on_last_year_is_not_a_headcount():
    got = personnel_of(
        "编制数 8 人，实有人数 9 人，其中：在职 7 人，退休 2 人，与上年相比减少在职人员 1 人。\n"
    )
    assert got == [
        ("编制数", 8),
        ("实有人数", 9),
        ("在职人数", 7),
        ("退休人数", 2),
        ("在职人数较上年变化", -1),
    ]


def test_a_header_row_then_a_row_of_counts():
    text = "单位名称\n编制数\n实有人数\n小计\n行政人数\n事业人数\n离退休人数\n某县畜牧站\n24\n30\n0\n22\n8\n合计\n"
    got = personnel_of(text)
    assert got == [
        ("编制数", 24),
        ("实有人数", 30),
        ("行政人数", 0),
        ("事业人数", 22),
        ("离退休人数", 8),
    ]


def test_a_header_row_whose_numbers_do_not_fit_is_left():
    # Six numbers under five labels: which column is which cannot be told.
    text = "编制数 实有人数 行政人数 事业人数 离退休人数\n某站 24 30 0 22 8 5\n"
    assert personnel_of(text) == []


def test_a_bare_figure_in_brackets_beside_the_staff():
    got = personnel_of("下属苗圃现有干部职工36人（编制40），退休12人。\n")
    assert got == [("干部职工", 36), ("编制数", 40), ("退休人数", 12)]


def test_bianzhi_as_drawing_up_is_not_staff():
    assert personnel_of("绩效目标编制 |\n4 |\n预算编制\n3\n") == []


def test_a_label_then_a_colon_or_a_unit_in_brackets():
    assert personnel_of("编制数：12人\n实有人数：10人\n") == [("编制数", 12), ("实有人数", 10)]
    assert personnel_of("人员编制（人）| 12 |\n在职人数（人）| 11 |\n") == [
        ("编制数", 12),
        ("在职人数", 11),
    ]


def test_a_piped_header_row_is_not_read_as_label_then_number():
    got = personnel_of("| 单位编制人数 | 在职人数 | 退休人数 |\n| 12 | 11 | 3 |\n")
    assert got == [("编制数", 12), ("在职人数", 11), ("退休人数", 3)]
