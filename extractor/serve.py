"""``jixiao serve DB``: Datasette on 127.0.0.1, the reports read-only, with the packaged metadata.

The metadata file in the package names the demo database ``reports``; here it is re-keyed to the
served file's own name, canned queries whose tables the file lacks are dropped (a database
extracted before ``jixiao audit`` ran has no ``shared_passages`` yet), and the home page is told
what the file holds. Beside the immutable reports database, its reviews file
(extractor/review.py) is served writable: reviewers mark findings through a canned query, behind
Datasette's CSRF protection, and the reports database reads the marks as ``reviews``.
"""

from __future__ import annotations

import copy
import json
import re
import sqlite3
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from .fts import ensure_fts
from .review import ALIAS as REVIEWS_ALIAS
from .review import open_reviews, reviews_path
from .store import open_db

METADATA_KEY = "reports"  # the database key used in metadata.yaml
REVIEWS_KEY = "reviews"  # the key of the reviews database in metadata.yaml
HOST = "127.0.0.1"  # never listen beyond this machine: the reports can be confidential

# (table, Chinese noun) counted on the home page, in this order.
HOME_COUNTS = [
    ("reports", "份报告"),
    ("indicators", "个绩效指标"),
    ("budget_items", "项预算数据"),
    ("people", "名人员"),
    ("findings", "条审核发现"),
    ("shared_passages", "处跨报告雷同段落"),
    ("errors", "个提取失败的文件"),
]


def load_packaged_metadata() -> dict[str, Any]:
    text = resources.files("extractor.datasette").joinpath("metadata.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def database_name(db_path: str | Path) -> str:
    """The name Datasette gives a database file (its stem)."""
    return Path(db_path).stem


def _tables(db_path: str | Path) -> dict[str, int]:
    """Tables in the file with their row counts (read-only connection)."""
    uri = Path(db_path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f"SELECT count(*) FROM [{n}]").fetchone()[0] for n in names}
    finally:
        conn.close()


def _tables_used(sql: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"\b(?:from|join)\s+\[?(\w+)", sql, re.IGNORECASE)}


def _home_html(counts: dict[str, int]) -> str:
    parts = [f"{counts[t]:,} {noun}" for t, noun in HOME_COUNTS if t in counts]
    return "<p>这个数据库现有：" + "，".join(escape(p) for p in parts) + "。</p>"


def build_metadata(db_path: str | Path, reviews_db: str | Path | None = None) -> dict[str, Any]:
    """Datasette metadata for ``db_path``: the packaged metadata fitted to this file.

    With ``reviews_db`` (served beside it), the reports database attaches it as ``reviews`` and
    the findings queries leave dismissed findings out; without, queries that need it are dropped.
    """
    meta = copy.deepcopy(load_packaged_metadata())
    counts = _tables(db_path)
    name = database_name(db_path)
    reviews_meta = meta["databases"].pop(REVIEWS_KEY)
    if reviews_db is not None:
        counts[REVIEWS_ALIAS] = 0  # queries may read it
        meta["databases"][database_name(reviews_db)] = reviews_meta
        plugin = meta.setdefault("plugins", {}).setdefault("jixiao", {})
        plugin.setdefault("reviews", {})[name] = {
            "path": str(Path(reviews_db).resolve()),
            "database": database_name(reviews_db),
        }
    db_meta = meta["databases"].pop(METADATA_KEY)
    queries = {}
    for key, query in db_meta.get("queries", {}).items():
        if _tables_used(query["sql"]) <= set(counts):
            queries[key] = query
    db_meta["queries"] = queries
    db_meta["description_html"] = _home_html(counts) + db_meta.get("description_html", "")
    meta["databases"][name] = db_meta
    search = f"/-/jixiao/search/{name}"
    meta["description_html"] = (
        _home_html(counts)
        + meta.get("description_html", "")
        + f'<form action="{escape(search)}" method="get">'
        '<label>全文检索 <input type="search" name="q" placeholder="例如 李斌、绩效、科普"></label>'
        ' <input type="submit" value="检索"></form>'
    )
    return meta


def prepare(db_path: str | Path, build_fts: bool = True) -> None:
    """Make a database ready to be served immutable: search index built, WAL folded in.

    These are the only writes. Datasette opens an ``--immutable`` file without its write-ahead
    log, so rows an extraction left in ``reports.db-wal`` (batch runs use WAL) would be missing
    from the site: checkpoint them into the main file first.
    """
    try:
        # A database from before finding keys gains the column (its queries read it); keys
        # are filled by the next `jixiao audit`.
        open_db(db_path).conn.close()
        if build_fts:
            ensure_fts(str(db_path))
        conn = sqlite3.connect(str(db_path))
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.OperationalError as e:
        # A read-only file is still served: search falls back to LIKE (slower, same answers).
        print(
            f"warning: {db_path}: could not prepare for serving ({e}); serving as is",
            file=sys.stderr,
        )


def ensure_reviews(db_path: str | Path) -> Path | None:
    """The reviews file of ``db_path``, created when missing; None when it cannot be written."""
    try:
        open_reviews(db_path).close()
    except sqlite3.OperationalError as e:
        print(
            f"warning: {reviews_path(db_path)}: {e}; serving without review marks", file=sys.stderr
        )
        return None
    return reviews_path(db_path)


def serve(db_path: str | Path, port: int = 8001, build_fts: bool = True) -> None:
    """Run Datasette on ``db_path`` (blocking) until interrupted."""
    from datasette.cli import cli as datasette_cli

    db_path = str(db_path)
    prepare(db_path, build_fts)
    reviews = ensure_reviews(db_path)
    meta = build_metadata(db_path, reviews)
    with tempfile.TemporaryDirectory(prefix="jixiao-serve-") as tmp:
        meta_file = Path(tmp) / "metadata.json"
        meta_file.write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
        args = ["serve", "--immutable", db_path, *([str(reviews)] if reviews else [])]
        args += ["--metadata", str(meta_file)]
        args += ["--host", HOST, "--port", str(port)]
        datasette_cli.main(args, prog_name="jixiao serve", standalone_mode=False)
