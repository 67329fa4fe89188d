"""Chinese full-text search over report text and indicator names.

FTS5's default tokenizer does not split Chinese, so the index uses ``tokenize="trigram"``: any
substring of three or more characters is found through the index. A trigram index cannot answer
one- or two-character queries (李斌, 绩效), so those fall back to ``LIKE`` on the base table —
slower on a large corpus, but it always answers. Both paths are built here as plain SQL so that
the Datasette plugin, the canned query and Python callers search the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlite_utils import Database

# table → columns indexed. Triggers (created by sqlite-utils) keep the index in step with later
# extractions, so the index is built once and never goes stale.
FTS_TABLES: dict[str, list[str]] = {"documents": ["text"], "indicators": ["name"]}

# A trigram index matches only queries of at least this many characters.
MIN_FTS_CHARS = 3


def _is_trigram(db: Database, fts_table: str) -> bool:
    rows = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [fts_table]).fetchall()
    return bool(rows) and "trigram" in (rows[0][0] or "")


def ensure_fts(db: Database | str | Path, rebuild: bool = False) -> list[str]:
    """Create (or with ``rebuild`` re-create) the trigram indexes; return the tables indexed.

    Idempotent and cheap when the indexes exist. Tables not in the database are skipped.
    """
    if not isinstance(db, Database):
        db = Database(db)
    done = []
    names = set(db.table_names())
    for table, columns in FTS_TABLES.items():
        if table not in names:
            continue
        fts = f"{table}_fts"
        if rebuild or fts not in names or not _is_trigram(db, fts):
            with db.atomic():
                db[table].enable_fts(
                    columns, tokenize="trigram", create_triggers=True, replace=True
                )
        done.append(table)
    return done


def terms(query: str) -> list[str]:
    """The whitespace-separated terms of a query (all must occur)."""
    return [t for t in query.split() if t]


def uses_index(query: str) -> bool:
    """True when every term is long enough for the trigram index."""
    ts = terms(query)
    return bool(ts) and all(len(t) >= MIN_FTS_CHARS for t in ts)


def _fts_phrase(term: str) -> str:
    # A quoted FTS5 string is matched literally (operators and punctuation lose their meaning).
    return '"' + term.replace('"', '""') + '"'


def _like_pattern(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def match_sql(
    table: str, column: str, query: str, indexed: bool = True
) -> tuple[str, dict[str, Any]]:
    """A WHERE condition on ``table`` (aliased ``t``) selecting rows whose ``column`` holds all terms.

    Trigram index when every term has 3+ characters (and ``indexed``), ``LIKE`` otherwise.
    """
    ts = terms(query)
    if not ts:
        return "0", {}
    if indexed and uses_index(query):
        match = " AND ".join(_fts_phrase(t) for t in ts)
        cond = f"t.rowid IN (SELECT rowid FROM [{table}_fts] WHERE [{table}_fts] MATCH :match)"
        return cond, {"match": match}
    conds, params = [], {}
    for i, t in enumerate(ts):
        conds.append(f"t.[{column}] LIKE :like{i} ESCAPE '\\'")
        params[f"like{i}"] = _like_pattern(t)
    return " AND ".join(conds), params


def search_documents_sql(
    query: str, limit: int = 50, indexed: bool = True
) -> tuple[str, dict[str, Any]]:
    """SQL returning the reports whose text contains the query, with their text for snippets."""
    cond, params = match_sql("documents", "text", query, indexed)
    sql = (
        "SELECT t.report_id, t.text, r.title, r.department, r.fiscal_year, r.report_type"
        " FROM documents t JOIN reports r ON r.id = t.report_id"
        f" WHERE {cond} ORDER BY r.fiscal_year DESC, r.department LIMIT {int(limit)}"
    )
    return sql, params


def search_indicators_sql(
    query: str, limit: int = 50, indexed: bool = True
) -> tuple[str, dict[str, Any]]:
    """SQL returning indicators whose name contains the query."""
    cond, params = match_sql("indicators", "name", query, indexed)
    sql = (
        "SELECT t.id, t.report_id, t.level1, t.level2, t.name, t.target_raw, t.actual_raw,"
        " r.title, r.department FROM indicators t JOIN reports r ON r.id = t.report_id"
        f" WHERE {cond} ORDER BY r.department, t.id LIMIT {int(limit)}"
    )
    return sql, params


def occurrences(text: str, query: str, limit: int = 3) -> list[tuple[int, int]]:
    """Offsets (start, end) of the first ``limit`` occurrences of the query's first term."""
    ts = terms(query)
    if not ts:
        return []
    found, pos = [], text.find(ts[0])
    while pos >= 0 and len(found) < limit:
        found.append((pos, pos + len(ts[0])))
        pos = text.find(ts[0], pos + len(ts[0]))
    return found


def count(text: str, query: str) -> int:
    ts = terms(query)
    return text.count(ts[0]) if ts else 0


def search(db: Database | str | Path, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Reports containing every term: report fields, hit count and the first hits' offsets."""
    if not isinstance(db, Database):
        db = Database(db)
    sql, params = search_documents_sql(query, limit, "documents_fts" in db.table_names())
    out = []
    for row in db.query(sql, params):
        text = row.pop("text")
        row["hits"] = count(text, query)
        row["spans"] = occurrences(text, query)
        out.append(row)
    return out
