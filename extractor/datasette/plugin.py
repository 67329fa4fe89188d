"""Datasette hooks: the source view, links to it from every span, and Chinese full-text search.

Routes (``<db>`` is the database name):
  /-/jixiao/source/<db>/<table>/<id>              the passage a row's value was read from
  /-/jixiao/source/<db>?report=ID&start=S&end=E   any span of a report (search hits, queries)
  /-/jixiao/source/<db>?report=ID                 a report's whole text
  /-/jixiao/search/<db>?q=...                     full-text search (trigram, LIKE for 1–2 chars)

A finding's key links to the form that marks it in the reviews database (reviews.py).

All report text reaches the page through Jinja's autoescaping or ``markupsafe.escape``: a report
containing ``<script>`` shows it as text.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from .. import fts
from . import reviews
from .passage import passage

# Column groups that locate a span: (text, start, end, report id column). The first group is the
# store's convention (every child table and most canned queries); the others are the two reports'
# spans in shared_passages (extractor/crosscheck).
SPAN_GROUPS = [
    ("span_text", "span_start", "span_end", "report_id"),
    ("a_text", "a_start", "a_end", "report_a"),
    ("b_text", "b_start", "b_end", "report_b"),
]

SEARCH_LIMIT = 50


def _base(datasette, database: str) -> str:
    return datasette.urls.path(f"/-/jixiao/source/{quote(database, safe='')}")


def source_url(datasette, database: str, report_id: str, start=None, end=None) -> str:
    args = {"report": report_id}
    if start is not None and end is not None:
        args.update(start=start, end=end)
    return f"{_base(datasette, database)}?{urlencode(args)}"


def _link(url: str, text: Any) -> Markup:
    return Markup('<a class="jixiao-source" href="{}" title="查看原文">{}</a>').format(url, text)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Make every span's text a link to the source view (table pages, row pages, queries)."""
    if value is None:
        return None
    marking = reviews.mark_link(datasette, database, column, value)
    if marking is not None:
        return marking
    keys = set(row.keys())
    for text_col, start_col, end_col, report_col in SPAN_GROUPS:
        if column != text_col or not {start_col, end_col, report_col} <= keys:
            continue
        if row[start_col] is None or row[report_col] is None:
            return None
        if table and text_col == "span_text" and "id" in keys and row["id"] is not None:
            url = f"{_base(datasette, database)}/{quote(table, safe='')}/{int(row['id'])}"
        else:
            url = source_url(datasette, database, row[report_col], row[start_col], row[end_col])
        return _link(url, value)
    if column == "report_id" and table is None and isinstance(value, str):
        # Canned queries show bare report ids: link them to the report's row page.
        url = datasette.urls.row(database, "reports", value)
        return _link(url, value[:12] + "…")
    return None


def short_search_redirect(datasette, path: str, query_string: str) -> str | None:
    """Where a table search the trigram index cannot answer should go instead, or None.

    Datasette's own search box on an indexed table (documents, indicators) finds nothing for a
    one- or two-character term: send one term to the table's ``__contains`` filter (LIKE), and
    several terms to the search page, which handles both.
    """
    m = re.match(r"^/([^/]+)/([^/.]+)(\.json)?$", path)
    if not m or m.group(2) not in fts.FTS_TABLES:
        return None
    database, table, ext = unquote(m.group(1)), m.group(2), m.group(3) or ""
    args = parse_qsl(query_string, keep_blank_values=True)
    q = next((v for k, v in args if k == "_search"), "")
    if not q.strip() or fts.uses_index(q) or database not in datasette.databases:
        return None
    if len(fts.terms(q)) == 1:
        column = fts.FTS_TABLES[table][0]
        kept = [(k, v) for k, v in args if k != "_search"] + [(f"{column}__contains", q.strip())]
        return datasette.urls.table(database, table, format=ext[1:] or None) + "?" + urlencode(kept)
    return datasette.urls.path(f"/-/jixiao/search/{quote(database, safe='')}?{urlencode({'q': q})}")


@hookimpl
def prepare_connection(conn, database, datasette):
    """The reports database reads its reviews file as ``reviews`` (extractor/datasette/reviews.py)."""
    reviews.attach(conn, database, datasette)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def redirect_short_searches(scope, receive, send):
            if scope["type"] == "http":
                target = short_search_redirect(
                    datasette, scope["path"], scope.get("query_string", b"").decode("latin-1")
                )
                if target:
                    headers = [[b"location", target.encode("utf-8")]]
                    await send({"type": "http.response.start", "status": 302, "headers": headers})
                    await send({"type": "http.response.body", "body": b""})
                    return
            await app(scope, receive, send)

        return redirect_short_searches

    return wrap


@hookimpl
def register_routes():
    return [
        (r"^/-/jixiao/source/(?P<database>[^/]+)/(?P<table>[^/]+)/(?P<row_id>\d+)$", source_row),
        (r"^/-/jixiao/source/(?P<database>[^/]+)$", source_span),
        (r"^/-/jixiao/search/(?P<database>[^/]+)$", search_view),
    ]


@hookimpl
def menu_links(datasette):
    names = [n for n in datasette.databases if n != "_internal"]
    return [
        {"href": datasette.urls.path(f"/-/jixiao/search/{quote(n, safe='')}"), "label": "全文检索"}
        for n in names[:1]
    ]


def _db(datasette, request):
    name = unquote(request.url_vars["database"])
    try:
        return name, datasette.get_database(name)
    except KeyError:
        raise NotFound(f"没有名为 {name} 的数据库") from None


async def _report(db, report_id: str) -> tuple[dict, str]:
    rows = (await db.execute("SELECT * FROM reports WHERE id = ?", [report_id])).rows
    if not rows:
        raise NotFound("没有这份报告")
    doc = (await db.execute("SELECT text FROM documents WHERE report_id = ?", [report_id])).rows
    return dict(rows[0]), (doc[0][0] if doc else "")


def _column_labels(datasette, database: str, table: str) -> dict[str, str]:
    try:
        cols = datasette.metadata("columns", database=database, table=table) or {}
    except Exception:  # noqa: BLE001 - labels are decoration; the page works without them
        return {}
    return {k: v.split("：", 1)[0] for k, v in cols.items()}


async def _page(datasette, request, context: dict) -> Response:
    html = await datasette.render_template("jixiao_source.html", context, request=request)
    return Response.html(html)


async def source_row(datasette, request):
    """The passage one row (indicator, budget item, finding...) was read from."""
    database, db = _db(datasette, request)
    table, row_id = unquote(request.url_vars["table"]), int(request.url_vars["row_id"])
    if table not in await db.table_names():
        raise NotFound(f"没有名为 {table} 的表")
    cols = set(await db.table_columns(table))
    if not {"report_id", "span_start", "span_end"} <= cols:
        raise NotFound(f"{table} 表没有原文位置")
    rows = (await db.execute(f"SELECT * FROM [{table}] WHERE rowid = ?", [row_id])).rows
    if not rows:
        raise NotFound("没有这一行")
    row = dict(rows[0])
    report, text = await _report(db, row["report_id"])
    labels = _column_labels(datasette, database, table)
    fields = [
        (labels.get(k, k), k, v)
        for k, v in row.items()
        if v is not None and k not in {"report_id", "extra"} and not k.startswith("span_")
    ]
    p = passage(text, row["span_start"], row["span_end"], row.get("span_text"))
    return await _page(
        datasette,
        request,
        {
            "database": database,
            "report": report,
            "table": table,
            "table_title": _table_title(datasette, database, table),
            "row_id": row_id,
            "row_url": datasette.urls.row(database, table, str(row_id)),
            "fields": fields,
            "passage": p,
            "span_page": row.get("span_page"),
            "full_url": source_url(datasette, database, report["id"]),
            "full_text": None,
        },
    )


def _table_title(datasette, database: str, table: str) -> str:
    try:
        return datasette.metadata("title", database=database, table=table) or table
    except Exception:  # noqa: BLE001
        return table


def _int_arg(request, key: str) -> int | None:
    value = request.args.get(key)
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


async def source_span(datasette, request):
    """Any span of a report, or (without start/end) the report's whole text."""
    database, db = _db(datasette, request)
    report_id = request.args.get("report") or ""
    report, text = await _report(db, report_id)
    start, end = _int_arg(request, "start"), _int_arg(request, "end")
    whole = start is None or end is None
    context = {
        "database": database,
        "report": report,
        "table": None,
        "fields": [],
        "passage": None if whole else passage(text, start, end),
        "span_page": None,
        "full_url": source_url(datasette, database, report["id"]),
        "full_text": text if whole else None,
    }
    return await _page(datasette, request, context)


async def search_view(datasette, request):
    """Search report text and indicator names; hits link to the source view."""
    database, db = _db(datasette, request)
    q = (request.args.get("q") or "").strip()
    reports, indicators, error = [], [], None
    names = set(await db.table_names())
    indexed = {t: f"{t}_fts" in names for t in fts.FTS_TABLES}
    if q:
        try:
            sql, params = fts.search_documents_sql(q, SEARCH_LIMIT, indexed["documents"])
            for r in (await db.execute(sql, params)).rows:
                hits = []
                for s, e in fts.occurrences(r["text"], q):
                    hits.append((source_url(datasette, database, r["report_id"], s, e),
                                 passage(r["text"], s, e, margin=40)))  # fmt: skip
                reports.append({**dict(r), "text": None, "count": fts.count(r["text"], q),
                                "hits": hits})  # fmt: skip
            sql, params = fts.search_indicators_sql(q, SEARCH_LIMIT, indexed["indicators"])
            for r in (await db.execute(sql, params)).rows:
                url = f"{_base(datasette, database)}/indicators/{int(r['id'])}"
                indicators.append({**dict(r), "url": url})
        except Exception as e:  # noqa: BLE001 - show the reason on the page
            error = f"检索失败：{e}"
    html = await datasette.render_template(
        "jixiao_search.html",
        {
            "database": database,
            "q": q,
            "indexed": indexed["documents"] and fts.uses_index(q),
            "reports": reports,
            "indicators": indicators,
            "limit": SEARCH_LIMIT,
            "error": error,
        },
        request=request,
    )
    return Response.html(html)
