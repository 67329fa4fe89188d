"""Datasette front end, tested with Datasette's own client on a database the pipeline built."""

from __future__ import annotations

import asyncio
import html
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from datasette.app import Datasette

from extractor import fts
from extractor.review import mark, reviews_path
from extractor.serve import HOST, build_metadata, ensure_reviews, load_packaged_metadata

from .conftest import rows
from .explore_db import HOSTILE_UNIT, SCRIPT, build_explore_db, without_cross_report_tables

DB_NAME = "reports"


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    return build_explore_db(tmp_path_factory.getbasetemp() / "explore")


def make_datasette(path: Path) -> Datasette:
    """What `jixiao serve` runs: the reports immutable, their reviews file writable beside them."""
    reviews = ensure_reviews(path)
    ds = Datasette(
        immutables=[str(path)], files=[str(reviews)], metadata=build_metadata(path, reviews)
    )
    asyncio.run(ds.invoke_startup())
    return ds


def make_client(path: Path):
    ds = make_datasette(path)

    def get(url: str):
        return asyncio.run(ds.client.get(url))

    return get


@pytest.fixture(scope="module")
def get(db_path):
    return make_client(db_path)


def visible(page: str) -> str:
    """The page's text as a reader sees it (tags removed, entities decoded)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_plugin_is_registered_through_the_entry_point(get):
    plugins = get("/-/plugins.json").json()
    ours = [p for p in plugins if p["name"] == "jixiao"]
    assert ours, plugins
    assert {"render_cell", "register_routes"} <= set(ours[0]["hooks"])
    assert ours[0]["templates"] is True


def test_home_page_says_what_the_database_holds(get, db_path):
    n_reports = rows(db_path, "SELECT count(*) FROM reports")[0][0]
    n_ind = rows(db_path, "SELECT count(*) FROM indicators")[0][0]
    r = get("/")
    assert r.status_code == 200
    text = visible(r.text)
    assert "jixiao 绩效报告数据库" in text
    assert f"{n_reports:,} 份报告" in text and f"{n_ind:,} 个绩效指标" in text
    assert f'action="/-/jixiao/search/{DB_NAME}"' in r.text


def test_every_table_and_column_has_a_chinese_description():
    meta = load_packaged_metadata()["databases"]["reports"]["tables"]
    from extractor.store import CHILD_TABLES, REPORT_COLUMNS

    expected = {"reports": set(REPORT_COLUMNS)}
    for table, columns in CHILD_TABLES.values():
        expected[table] = {"report_id", *columns, "span_start", "span_end", "span_text"}
    for table, columns in expected.items():
        described = meta[table]["columns"]
        assert columns <= set(described), (table, columns - set(described))
        assert re.search(r"[\u4e00-\u9fff]", meta[table]["title"])
        assert all("：" in d for d in described.values()), table


def test_table_pages_have_titles_facets_and_sorts(get):
    r = get(f"/{DB_NAME}/indicators.json?_labels=on")
    assert r.status_code == 200
    assert {"level1", "level2"} <= set(r.json()["facet_results"])
    page = get(f"/{DB_NAME}/indicators").text
    assert "绩效指标" in page and "一级指标" in page
    reports = get(f"/{DB_NAME}/reports.json").json()
    assert {"department", "fiscal_year", "report_type"} <= set(reports["facet_results"])
    years = [row[reports["columns"].index("fiscal_year")] for row in reports["rows"]]
    assert years == sorted(years, reverse=True)
    findings = get(f"/{DB_NAME}/findings.json").json()
    assert {"rule", "severity"} <= set(findings["facet_results"])


def test_foreign_keys_show_the_report_title(get, db_path):
    title = rows(db_path, "SELECT title FROM reports LIMIT 1")[0][0]
    data = get(f"/{DB_NAME}/indicators.json?_labels=on&_size=1&_shape=array").json()
    assert data[0]["report_id"]["label"] == title


def test_span_cells_link_to_the_source_view(get, db_path):
    first = rows(db_path, "SELECT min(id) FROM indicators")[0][0]
    page = get(f"/{DB_NAME}/indicators").text
    assert f'href="/-/jixiao/source/{DB_NAME}/indicators/{first}"' in page
    row_page = get(f"/{DB_NAME}/findings/1").text
    assert f'href="/-/jixiao/source/{DB_NAME}/findings/1"' in row_page


def _marked(page: str) -> str:
    m = re.search(r'<mark id="hit">(.*?)</mark>', page, re.S)
    assert m, page[:2000]
    return html.unescape(m.group(1))


@pytest.mark.parametrize("table", ["indicators", "budget_items", "people", "findings"])
def test_source_view_highlights_the_value_in_its_passage(get, db_path, table):
    row_id, report_id, start, end, span_text = rows(
        db_path,
        f"SELECT id, report_id, span_start, span_end, span_text FROM [{table}]"
        " WHERE span_start IS NOT NULL ORDER BY id LIMIT 1",
    )[0]
    text = rows(db_path, "SELECT text FROM documents WHERE report_id = ?", [report_id])[0][0]
    r = get(f"/-/jixiao/source/{DB_NAME}/{table}/{row_id}")
    assert r.status_code == 200
    assert _marked(r.text) == span_text == text[start:end]
    seen = visible(r.text)
    assert text[max(0, start - 20) : start].strip().split("\n")[-1] in seen  # context around it
    assert "记录的原文与全文此处不一致" not in seen  # spans of a fresh extraction match


def test_source_view_of_any_span_and_of_the_whole_report(get, db_path):
    report_id, start, end, name = rows(
        db_path, "SELECT report_id, span_start, span_end, name FROM people WHERE name = '李斌'"
    )[0]
    r = get(f"/-/jixiao/source/{DB_NAME}?report={report_id}&start={start}&end={end}")
    assert r.status_code == 200 and _marked(r.text) == name
    whole = get(f"/-/jixiao/source/{DB_NAME}?report={report_id}")
    text = rows(db_path, "SELECT text FROM documents WHERE report_id = ?", [report_id])[0][0]
    m = re.search(r'<div class="jixiao-passage" id="fulltext">(.*?)</div>', whole.text, re.S)
    assert html.unescape(m.group(1)) == text


def test_source_view_errors_are_clear(get, db_path):
    report_id = rows(db_path, "SELECT id FROM reports LIMIT 1")[0][0]
    assert get(f"/-/jixiao/source/{DB_NAME}?report=nope").status_code == 404
    assert get(f"/-/jixiao/source/{DB_NAME}/nosuchtable/1").status_code == 404
    assert get(f"/-/jixiao/source/{DB_NAME}/errors/1").status_code == 404  # no spans there
    assert get(f"/-/jixiao/source/{DB_NAME}/indicators/999999").status_code == 404
    bad = get(f"/-/jixiao/source/{DB_NAME}?report={report_id}&start=5&end=999999999")
    assert bad.status_code == 200 and "没有有效的原文位置" in visible(bad.text)


def test_a_report_containing_script_shows_it_as_text(get, db_path):
    row_id = rows(db_path, "SELECT id FROM indicators WHERE name LIKE '%<script>%'")[0][0]
    pages = [
        get(f"/-/jixiao/source/{DB_NAME}/indicators/{row_id}").text,
        get(f"/{DB_NAME}/indicators").text,
        get(f"/{DB_NAME}/indicators/{row_id}").text,
        get("/-/jixiao/search/reports?q=document.body").text,
        get("/-/jixiao/search/reports?q=" + "科普工作").text,
    ]
    for page in pages:
        assert "<script>document.body" not in page
        assert "&lt;script&gt;document.body" in page
    assert SCRIPT in visible(pages[0])
    assert SCRIPT in _marked(pages[0])


def _query(get, name: str, **params) -> list[dict]:
    qs = "&".join(f"{k}={v}" for k, v in params.items())
    r = get(f"/{DB_NAME}/{name}.json?_shape=array&{qs}")
    assert r.status_code == 200, r.text[:500]
    return r.json()


def test_every_canned_query_runs_with_its_form_fields(get):
    queries = get(f"/{DB_NAME}.json").json()["queries"]
    names = {q["name"] for q in queries}
    expected = {
        "findings_by_severity", "findings_list", "stated_vs_recomputed",
        "reports_by_execution_rate", "indicators_missing_actuals", "department_over_time",
        "search_text", "person_across_reports", "findings_dismissed", "review_state_by_rule",
    }  # fmt: skip
    assert expected <= names
    for q in queries:
        page = get(f"/{DB_NAME}/{q['name']}")
        assert page.status_code == 200, q["name"]
        for param in set(re.findall(r"(?<!:):([a-z_]+)", q["sql"])):
            assert f'name="{param}"' in page.text, (q["name"], param)
        _query(get, q["name"])  # blank parameters must not be an error


def test_stated_vs_recomputed_rates(get, db_path):
    got = _query(get, "stated_vs_recomputed", tolerance="0")
    expected = rows(
        db_path,
        "SELECT count(*) FROM indicators WHERE comparator = '≥' AND target > 0 AND actual IS NOT"
        " NULL AND stated_rate_pct IS NOT NULL AND round(100.0 * actual / target, 2) <>"
        " stated_rate_pct",
    )[0][0]
    assert len([g for g in got if g["comparator"] == "≥"]) == expected > 0
    first = next(g for g in got if g["name"] == "全年开展科普工作次数")
    assert (first["target"], first["actual"], first["stated_rate_pct"]) == (12, 8, 66)
    assert first["recomputed_rate_pct"] == round(100 * 8 / 12, 2)
    # The default tolerance (1 point) hides 66 vs 66.67.
    assert "全年开展科普工作次数" not in {g["name"] for g in _query(get, "stated_vs_recomputed")}


def test_reports_by_execution_rate_and_a_unit_over_time(get, db_path):
    got = _query(get, "reports_by_execution_rate")
    assert len(got) == rows(db_path, "SELECT count(*) FROM reports")[0][0]
    assert {g["stated_rate_pct"] for g in got} == {34.39}
    assert {g["recomputed_rate_pct"] for g in got} == {round(100 * 141400 / 411200, 2)}
    mine = _query(get, "department_over_time", department="测试局")
    assert [m["department"] for m in mine] == [HOSTILE_UNIT]


def test_indicators_missing_actuals(get, db_path):
    got = _query(get, "indicators_missing_actuals")
    expected = rows(db_path, "SELECT count(*) FROM indicators WHERE actual IS NULL")[0][0]
    assert len(got) == expected > 0 and all(g["name"] for g in got)


def test_findings_queries(get, db_path):
    total = rows(db_path, "SELECT count(*) FROM findings")[0][0]
    summary = _query(get, "findings_by_severity")
    assert sum(s["findings"] for s in summary) == total
    if total:
        severity = summary[0]["severity"]
        listed = _query(get, "findings_list", severity=severity)
        n = rows(db_path, "SELECT count(*) FROM findings WHERE severity = ?", [severity])[0][0]
        assert len(listed) == n and {f["severity"] for f in listed} == {severity}


@pytest.mark.parametrize("q", ["李斌", "绩效", "李大武", "科普工作"])
def test_chinese_search_works_for_short_and_long_queries(get, db_path, q):
    expected = rows(db_path, "SELECT count(*) FROM documents WHERE instr(text, ?) > 0", [q])[0][0]
    assert expected > 0
    assert len(_query(get, "search_text", q=q)) == expected
    page = get(f"/-/jixiao/search/{DB_NAME}?q={q}")
    assert page.status_code == 200
    assert visible(page.text).count("出现 ") == expected
    assert ("全文索引" in visible(page.text)) == (len(q) >= fts.MIN_FTS_CHARS)
    assert html.unescape(re.search(r"<mark>(.*?)</mark>", page.text).group(1)) == q


def test_search_finds_nothing_honestly(get):
    assert _query(get, "search_text", q="不存在的词语") == []
    assert "没有报告包含" in visible(get(f"/-/jixiao/search/{DB_NAME}?q=不存在的词语").text)


def test_search_also_finds_indicator_names(get):
    page = visible(get(f"/-/jixiao/search/{DB_NAME}?q=满意度").text)
    assert "农牧民群众对科普工作满意度" in page


def test_fts_index_follows_later_extractions(tmp_path, db_path):
    from extractor.batch import extract_to_db

    from .explore_db import write_hostile_report

    copy = tmp_path / "copy.db"
    shutil.copy(db_path, copy)
    assert fts.ensure_fts(copy) == ["documents", "indicators"]  # idempotent on an indexed file
    folder = tmp_path / "in"
    folder.mkdir()
    report = write_hostile_report(folder)
    report.write_text(report.read_text("utf-8").replace("测试局", "后来局"), "utf-8")
    extract_to_db([str(report)], str(copy))
    hits = fts.search(copy, "后来局")
    assert len(hits) == 1 and hits[0]["department"] == "且末县后来局"
    text = rows(copy, "SELECT text FROM documents WHERE report_id = ?", [hits[0]["report_id"]])[0][
        0
    ]
    assert hits[0]["hits"] == text.count("后来局")
    assert all(text[s:e] == "后来局" for s, e in hits[0]["spans"])


def test_queries_survive_empty_and_missing_cross_report_tables(tmp_path, db_path):
    copy = without_cross_report_tables(db_path, tmp_path / "reports.db")
    assert "copied_passages" not in build_metadata(copy)["databases"]["reports"]["queries"]
    get = make_client(copy)
    assert _query(get, "findings_by_severity") == []
    assert _query(get, "findings_list") == []
    assert "0 条审核发现" in visible(get("/").text)


def test_copied_passages_query_reads_shared_passages(tmp_path, db_path):
    copy = tmp_path / "reports.db"
    shutil.copy(db_path, copy)
    a, b = [r[0] for r in rows(copy, "SELECT id FROM reports ORDER BY department LIMIT 2")]
    conn = sqlite3.connect(copy)
    conn.execute("DROP TABLE IF EXISTS shared_passages")
    conn.execute(
        "CREATE TABLE shared_passages (id INTEGER PRIMARY KEY, report_a TEXT, report_b TEXT,"
        " passage TEXT, similarity REAL, a_start INT, a_end INT, b_start INT,"
        " b_end INT)"
    )
    conn.execute(
        "INSERT INTO shared_passages VALUES (1, ?, ?, '县委办公室资金使用按照财政拨款执行', 0.97,"
        " 10, 20, 10, 20)",
        [a, b],
    )
    conn.commit()
    conn.close()
    got = _query(make_client(copy), "copied_passages", department="测试局")
    assert len(got) == 1 and got[0]["similarity"] == 0.97
    assert HOSTILE_UNIT in (got[0]["department_a"], got[0]["department_b"])


def test_datasette_search_box_works_for_short_queries_too(get, db_path):
    expected = rows(db_path, "SELECT count(*) FROM documents WHERE instr(text, '李斌') > 0")[0][0]
    r = get(f"/{DB_NAME}/documents.json?_search=李斌&_shape=objects")
    assert r.status_code == 302
    target = r.headers["location"]
    assert "text__contains=" in target and "_search" not in target
    assert len(get(target).json()["rows"]) == expected > 0
    names = get(f"/{DB_NAME}/indicators.json?_search=科普&_shape=array")
    found = get(names.headers["location"]).json()
    n = rows(db_path, "SELECT count(*) FROM indicators WHERE name LIKE '%科普%'")[0][0]
    assert len(found) == min(n, 100) and all("科普" in f["name"] for f in found)
    several = get(f"/{DB_NAME}/documents?_search=李斌%20绩效")
    assert several.headers["location"].startswith(f"/-/jixiao/search/{DB_NAME}?q=")
    # Three characters or more: Datasette's own trigram search answers, no redirect.
    long = get(f"/{DB_NAME}/documents.json?_search=李大武&_shape=objects")
    assert long.status_code == 200 and len(long.json()["rows"]) == expected


def test_search_without_an_index_still_answers(tmp_path, db_path):
    copy = tmp_path / "reports.db"
    shutil.copy(db_path, copy)
    conn = sqlite3.connect(copy)
    for t in fts.FTS_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {t}_fts")
    conn.commit()
    conn.close()
    expected = rows(copy, "SELECT count(*) FROM documents WHERE instr(text, '李大武') > 0")[0][0]
    assert len(fts.search(copy, "李大武")) == expected > 0
    page = visible(make_client(copy)(f"/-/jixiao/search/{DB_NAME}?q=李大武").text)
    assert page.count("出现 ") == expected and "检索失败" not in page


REVIEWS_DB = f"{DB_NAME}-reviews"


def _post_form(ds: Datasette, url: str, fields: dict[str, str]):
    """Submit a canned query's form as a browser does: its CSRF token and cookie included."""

    async def go():
        page = await ds.client.get(url)
        token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
        cookies = {"ds_csrftoken": page.cookies["ds_csrftoken"]}
        return await ds.client.post(url, data={**fields, "csrftoken": token}, cookies=cookies)

    return asyncio.run(go())


@pytest.fixture
def reviewed(tmp_path, db_path) -> Path:
    copy = tmp_path / "reports.db"
    shutil.copy(db_path, copy)
    return copy


def test_a_finding_marked_in_the_browser_leaves_the_default_queries(reviewed):
    ds = make_datasette(reviewed)
    get = lambda url: asyncio.run(ds.client.get(url))  # noqa: E731
    listed = _query(get, "findings_list", severity="warning")
    key = listed[0]["key"]
    assert listed[0]["review_status"] == "open"
    before = sum(s["findings"] for s in _query(get, "findings_by_severity"))
    # The key links to the marking form, prefilled.
    page = get(f"/{DB_NAME}/findings_list?severity=warning").text
    form_url = f"/{REVIEWS_DB}/mark_finding?key={key}"
    assert f'href="{form_url}"' in page
    form = get(form_url).text
    assert f'name="key" value="{key}"' in form and 'name="csrftoken"' in form

    res = _post_form(ds, f"/{REVIEWS_DB}/mark_finding",
                     {"key": key, "status": "dismissed", "note": "口径一致，不是问题", "reviewer": "钱审"})  # fmt: skip
    assert res.status_code == 302, res.text[:300]
    stored = rows(
        reviews_path(reviewed), "SELECT status, note, reviewer FROM reviews WHERE key = ?", [key]
    )
    assert stored == [("dismissed", "口径一致，不是问题", "钱审")]
    assert key not in {f["key"] for f in _query(get, "findings_list")}
    assert sum(s["findings"] for s in _query(get, "findings_by_severity")) == before - 1
    (gone,) = _query(get, "findings_dismissed")
    assert (gone["key"], gone["reviewer"], gone["note"]) == (key, "钱审", "口径一致，不是问题")
    assert gone["message"] == listed[0]["message"]
    state = {s["rule"]: s for s in _query(get, "review_state_by_rule")}
    assert state[listed[0]["rule"]]["dismissed"] == 1


def test_marking_without_the_csrf_token_is_refused(reviewed):
    """A page elsewhere can make the browser post with its cookies, but cannot read the token."""
    ds = make_datasette(reviewed)
    key = rows(reviewed, "SELECT key FROM findings LIMIT 1")[0][0]
    url = f"/{REVIEWS_DB}/mark_finding"

    async def forged():
        page = await ds.client.get(url)
        cookies = {"ds_csrftoken": page.cookies["ds_csrftoken"]}
        fields = {"key": key, "status": "confirmed", "note": "", "reviewer": "x"}
        return await ds.client.post(url, data=fields, cookies=cookies)

    assert asyncio.run(forged()).status_code == 403
    assert rows(reviews_path(reviewed), "SELECT count(*) FROM reviews")[0][0] == 0


def test_a_dismissal_without_a_reason_is_refused(reviewed):
    ds = make_datasette(reviewed)
    key = rows(reviewed, "SELECT key FROM findings LIMIT 1")[0][0]
    for fields in [{"status": "dismissed", "note": ""}, {"status": "approved", "note": "x"}]:
        _post_form(ds, f"/{REVIEWS_DB}/mark_finding", {"key": key, "reviewer": "x", **fields})
    assert rows(reviews_path(reviewed), "SELECT count(*) FROM reviews")[0][0] == 0


def test_marks_made_on_the_command_line_show_in_the_browser(reviewed):
    key, message = rows(reviewed, "SELECT key, message FROM findings LIMIT 1")[0]
    mark(reviewed, key, "confirmed", "孙审")
    get = make_client(reviewed)
    listed = {f["key"]: f for f in _query(get, "findings_list")}
    assert listed[key]["review_status"] == "confirmed" and listed[key]["reviewer"] == "孙审"


def test_without_a_reviews_file_the_review_queries_are_dropped(db_path):
    queries = build_metadata(db_path)["databases"][DB_NAME]["queries"]
    assert "findings_dismissed" not in queries and "stated_vs_recomputed" in queries
    assert HOST == "127.0.0.1"
