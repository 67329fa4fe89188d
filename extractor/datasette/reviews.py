"""Review marks in Datasette: the reports database reads its reviews file, keys link to marking.

``jixiao serve`` (extractor/serve.py) serves the reviews file writable beside the immutable
reports database and names it in the plugin configuration. Each connection to the reports
database attaches the reviews file read-only as ``reviews``, so its canned queries can leave
dismissed findings out; a finding's key links to the ``mark_finding`` form of the reviews
database (a POST with Datasette's CSRF token: a link alone never writes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup

from ..review import ALIAS

MARK_QUERY = "mark_finding"


def _entry(datasette, database: str) -> dict[str, Any] | None:
    config = datasette.plugin_config("jixiao") or {}
    return (config.get("reviews") or {}).get(database)


def attach(conn, database: str, datasette) -> None:
    """ATTACH the reviews file of ``database`` read-only (a prepare_connection hook)."""
    entry = _entry(datasette, database)
    if not entry or not Path(entry["path"]).exists():
        return
    names = {row[1] for row in conn.execute("PRAGMA database_list")}
    if ALIAS not in names:
        uri = Path(entry["path"]).as_uri() + "?mode=ro"
        conn.execute(f"ATTACH DATABASE ? AS {ALIAS}", [uri])


def mark_link(datasette, database: str, column: str, value: Any) -> Markup | None:
    """A finding's key as a link to the form that marks it (None for other cells)."""
    if column != "key" or not isinstance(value, str):
        return None
    entry = _entry(datasette, database)
    if not entry:
        return None
    url = datasette.urls.path(f"/{quote(entry['database'], safe='')}/{MARK_QUERY}")
    url += "?" + urlencode({"key": value})
    return Markup('<a class="jixiao-mark" href="{}" title="确认或排除这条发现">{}</a>').format(
        url, value
    )
