"""Excel export: the workbook opens with openpyxl and holds what the database holds."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from extractor.cli import cli
from extractor.export import (
    DISMISSED_SHEET,
    PASSAGE_HEADER,
    column_labels,
    display_width,
    export_xlsx,
    reports_columns,
    sheet_title,
)
from extractor.export_findings import COLUMNS as FINDING_COLUMNS
from extractor.export_findings import subject_text
from extractor.labels import rule_name
from extractor.review import mark

from .explore_db import SCRIPT, build_explore_db


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    return build_explore_db(tmp_path_factory.getbasetemp() / "explore")


@pytest.fixture(scope="module")
def workbook(db_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "reports.xlsx"
    result = CliRunner().invoke(
        cli, ["export", str(db_path), "--xlsx", str(out), "--link", "http://127.0.0.1:8001"]
    )
    assert result.exit_code == 0, result.output
    return load_workbook(out)


def query(db_path: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def sheet_rows(ws) -> list[dict]:
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


TABLES = ["reports", "budget_items", "indicators", "personnel", "people"]
SHA256 = re.compile(r"\b[0-9a-f]{64}\b")


def test_one_sheet_per_table_findings_first(workbook):
    titles = workbook.sheetnames
    assert titles[0] == sheet_title("findings") == "审核发现"
    for table in [*TABLES, "report_fields", "documents", "errors"]:
        assert sheet_title(table) in titles
    assert not any("fts" in t for t in titles)


def _cols(db_path: Path, table: str) -> list[str]:
    cols = [r[1] for r in query(db_path, f"PRAGMA table_info([{table}])")]
    return reports_columns(cols) if table == "reports" else cols


@pytest.mark.parametrize("table", TABLES)
def test_each_sheet_holds_every_row_with_chinese_headers(workbook, db_path, table):
    ws = workbook[sheet_title(table)]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    labels = column_labels(table)
    cols = _cols(db_path, table)
    assert header[: len(cols)] == [labels.get(c, c) for c in cols]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in "".join(header))
    n = query(db_path, f"SELECT count(*) FROM [{table}]")[0][0]
    assert ws.max_row == n + 1
    if n:
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{n + 1}"
    files = dict(query(db_path, "SELECT id, path FROM reports"))
    # Every stored row is in the sheet, value for value (rates come back as fractions, reports
    # by their file name).
    id_at = cols.index("id")
    select = "SELECT " + ", ".join(f"[{c}]" for c in cols) + f" FROM [{table}]"
    by_id = {r[id_at]: r for r in query(db_path, select)}
    for row in ws.iter_rows(min_row=2, values_only=True):
        stored = by_id[row[id_at]]
        for col, cell, value in zip(cols, row, stored, strict=False):
            if col.endswith("_pct") and value is not None:
                assert cell == pytest.approx(value / 100)
            elif col == "report_id":
                assert cell == Path(files[value]).name
            else:
                assert cell == (None if value == "" else value), (table, col)


def test_findings_sheet_reads_in_chinese_with_unit_file_and_passage(workbook, db_path):
    ws = workbook[sheet_title("findings")]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header == [h for _, h, _ in FINDING_COLUMNS]
    rows = sheet_rows(ws)
    stored = query(
        db_path,
        "SELECT f.key, f.severity, f.rule, f.message, f.span_text, r.department, r.path"
        " FROM findings f JOIN reports r ON r.id = f.report_id",
    )
    assert len(rows) == len(stored) > 0
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{len(rows) + 1}"
    by_key = {r["发现编号"]: r for r in rows}
    for key, severity, rule, message, span_text, department, path in stored:
        row = by_key[key]
        assert row["严重程度"] == {"error": "错误", "warning": "警告", "info": "提示"}[severity]
        assert row["规则"] == rule_name(rule) != rule
        assert row["规则代码"] == rule
        assert row["单位"] == department and row["文件"] == Path(path).name
        assert row["说明"] == message
        assert row["审核状态"] == "未审核"
        if span_text:
            assert f"【{' '.join(span_text.split())}】" in row["原文段落"]
    order = [r["严重程度"] for r in rows]
    assert order == sorted(order, key=["错误", "警告", "提示"].index)


def test_findings_passage_links_to_the_source_view(workbook, db_path):
    ws = workbook[sheet_title("findings")]
    header = [c.value for c in ws[1]]
    col = header.index("原文段落")
    ids = {k: i for i, k in query(db_path, "SELECT id, key FROM findings")}
    linked = 0
    for row in ws.iter_rows(min_row=2):
        if row[col].hyperlink:
            key = row[header.index("发现编号")].value
            assert row[col].hyperlink.target == (
                f"http://127.0.0.1:8001/-/jixiao/source/reports/findings/{ids[key]}"
            )
            linked += 1
    assert linked


def test_no_bare_sha256_where_a_person_reads(workbook):
    for ws in workbook:
        header = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2, values_only=True):
            for h, value in zip(header, row, strict=False):
                if isinstance(value, str) and SHA256.search(value):
                    # only the columns that are the hash itself
                    assert h in {"报告编号", "sha256"}, (ws.title, h)


def test_column_widths_fit_their_content(workbook):
    ws = workbook[sheet_title("findings")]
    header = [c.value for c in ws[1]]
    widths = {h: ws.column_dimensions[ws.cell(1, i).column_letter].width
              for i, h in enumerate(header, 1)}  # fmt: skip
    assert widths["说明"] > widths["年度"]
    assert widths["原文段落"] >= 40
    assert widths["年度"] >= display_width("年度")
    for sheet in workbook:
        letters = [sheet.cell(1, i).column_letter for i in range(1, sheet.max_column + 1)]
        assert len({sheet.column_dimensions[c].width for c in letters}) > 1 or len(letters) < 3


def test_display_width_counts_chinese_double():
    assert display_width("单位") == 4 and display_width("ab") == 2 and display_width(None) == 0


def test_a_dismissed_finding_moves_to_its_own_sheet(tmp_path, db_path):
    copy = tmp_path / "reviewed.db"
    shutil.copy(db_path, copy)
    key, message = query(copy, "SELECT key, message FROM findings WHERE severity = 'warning'")[0]
    mark(copy, key, "dismissed", "测试审核员", "口径不同，不是问题")
    out = tmp_path / "reviewed.xlsx"
    written = export_xlsx(copy, out)
    wb = load_workbook(out)
    shown = sheet_rows(wb[sheet_title("findings")])
    assert key not in {r["发现编号"] for r in shown}
    assert written[DISMISSED_SHEET] == 1
    (gone,) = sheet_rows(wb[DISMISSED_SHEET])
    assert gone["发现编号"] == key and gone["说明"] == message
    assert gone["审核状态"] == "已排除"
    assert (gone["审核人"], gone["审核意见"]) == ("测试审核员", "口径不同，不是问题")
    assert gone["排除时间"]


def test_numbers_are_numbers_and_rates_are_percentages(workbook, db_path):
    ws = workbook[sheet_title("budget_items")]
    header = [c.value for c in ws[1]]
    amount_col = header.index(column_labels("budget_items")["amount_yuan"]) + 1
    rate_col = header.index(column_labels("budget_items")["rate_pct"]) + 1
    rates = [r[0] for r in query(db_path, "SELECT rate_pct FROM budget_items WHERE rate_pct > 0")]
    seen_rate = seen_amount = False
    for r in range(2, ws.max_row + 1):
        amount, rate = ws.cell(r, amount_col), ws.cell(r, rate_col)
        if amount.value is not None:
            assert amount.data_type == "n" and amount.number_format == "#,##0.00"
            seen_amount = True
        if rate.value:
            assert rate.data_type == "n" and rate.number_format == "0.00%"
            assert round(rate.value * 100, 6) in {round(x, 6) for x in rates}
            seen_rate = True
    assert seen_amount and seen_rate


def test_findings_are_coloured_by_severity(workbook, db_path):
    ws = workbook[sheet_title("findings")]
    header = [c.value for c in ws[1]]
    sev = header.index("严重程度")
    colours = {}
    for row in ws.iter_rows(min_row=2):
        colours.setdefault(row[sev].value, set()).add(row[0].fill.fgColor.rgb)
    names = {"error": "错误", "warning": "警告", "info": "提示"}
    stored = {names[r[0]] for r in query(db_path, "SELECT DISTINCT severity FROM findings")}
    assert set(colours) == stored
    assert all(len(c) == 1 for c in colours.values())  # one colour per severity
    assert len({next(iter(c)) for c in colours.values()}) == len(colours)  # all different


def test_passage_column_shows_the_source_text_and_links_to_it(workbook, db_path):
    ws = workbook[sheet_title("indicators")]
    header = [c.value for c in ws[1]]
    col = header.index(PASSAGE_HEADER)
    for row in ws.iter_rows(min_row=2):
        row_id = row[0].value
        span_text, report_id = query(
            db_path, "SELECT span_text, report_id FROM indicators WHERE id = ?", [row_id]
        )[0]
        cell = row[col]
        if span_text is None:
            assert not cell.value
            continue
        assert f"【{' '.join(span_text.split())}】" in cell.value
        assert cell.hyperlink.target == (
            f"http://127.0.0.1:8001/-/jixiao/source/reports/indicators/{row_id}"
        )
        assert (
            row[header.index("单位")].value
            == query(db_path, "SELECT department FROM reports WHERE id = ?", [report_id])[0][0]
        )


def test_report_text_is_never_a_formula(tmp_path, db_path):
    copy = tmp_path / "hostile.db"
    shutil.copy(db_path, copy)
    conn = sqlite3.connect(copy)
    conn.execute('UPDATE people SET name = \'=HYPERLINK("http://x","点我")\' WHERE id = 1')
    conn.execute("UPDATE people SET role = '控制\x07字符' WHERE id = 2")
    conn.commit()
    conn.close()
    out = tmp_path / "out.xlsx"
    export_xlsx(copy, out)
    ws = load_workbook(out)[sheet_title("people")]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert rows[1][2].data_type == "s" and rows[1][2].value.startswith("=HYPERLINK")
    assert rows[2][3].value == "控制字符"
    texts = [c.value for r in ws.iter_rows(min_row=2) for c in r if isinstance(c.value, str)]
    assert any(SCRIPT in t for t in _all_text(load_workbook(out)))
    assert texts


def _all_text(wb) -> list[str]:
    return [c for ws in wb for r in ws.iter_rows(values_only=True) for c in r if isinstance(c, str)]


def test_export_of_a_database_without_findings_or_extra_tables(tmp_path, db_path):
    copy = tmp_path / "small.db"
    shutil.copy(db_path, copy)
    conn = sqlite3.connect(copy)
    conn.execute("DELETE FROM findings")
    conn.execute("CREATE TABLE shared_passages (report_a TEXT, report_b TEXT, similarity REAL)")
    conn.commit()
    conn.close()
    written = export_xlsx(copy, tmp_path / "small.xlsx")
    assert written["审核发现"] == 0 and written["跨报告雷同段落"] == 0
    wb = load_workbook(tmp_path / "small.xlsx")
    assert [c.value for c in wb["审核发现"][1]][:3] == ["严重程度", "规则", "单位"]


def test_export_needs_something_to_write(db_path):
    res = CliRunner().invoke(cli, ["export", str(db_path)])
    assert res.exit_code == 2 and "--xlsx" in res.output


def test_a_finding_subject_is_named_for_a_reader():
    names = {"indicators": ["年度培训人次", "群众满意度"], "people": ["钱某"]}
    assert subject_text("indicators[1]", names) == "绩效指标：群众满意度"
    assert subject_text("indicators[7]", names) == "绩效指标：第8项"
    assert subject_text("budget[项目支出/执行数]", names) == "预算：项目支出/执行数"
    assert subject_text("report.grade", names) == "报告：等级"
    assert subject_text("report", names) == "报告"
    assert subject_text("text[10:40]", names) == "正文"
    assert subject_text("people[0]", names) == "人员：钱某"
    assert subject_text("something odd!", names) == "something odd!"


def test_indicator_findings_name_their_indicator(workbook, db_path):
    rows_ = sheet_rows(workbook[sheet_title("findings")])
    checked = 0
    for row in rows_:
        code = row["对象代码"]
        if code.startswith("indicators["):
            i = int(code[len("indicators[") : -1])
            (rid,) = query(
                db_path, "SELECT report_id FROM findings WHERE key = ?", [row["发现编号"]]
            )[0]
            names = [n for (n,) in query(
                db_path, "SELECT name FROM indicators WHERE report_id = ? ORDER BY id", [rid])]  # fmt: skip
            assert row["对象"] == f"绩效指标：{names[i]}"
            checked += 1
    assert checked


def test_the_reports_sheet_starts_with_unit_year_and_type(workbook):
    header = [c.value for c in workbook[sheet_title("reports")][1]]
    assert header[:3] == ["单位", "年度", "报告类型"] and header[-1] == "报告编号"
