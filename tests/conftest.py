import sqlite3
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "seed"
SEED_STEM = "qiemo-kexie-2021-monitoring"


@pytest.fixture(scope="session")
def seed_results():
    """The seed report extracted from each of its three formats."""
    from extractor.pipeline import extract_file

    return {ext: extract_file(SEED / f"{SEED_STEM}.{ext}") for ext in ("txt", "docx", "pdf")}


def iter_spans(obj):
    """Every span dict (one with start, end and text) anywhere in a result."""
    if isinstance(obj, dict):
        if {"start", "end", "text"} <= obj.keys() and isinstance(obj["start"], int):
            yield obj
            return
        for value in obj.values():
            yield from iter_spans(value)
    elif isinstance(obj, list):
        for item in obj:
            yield from iter_spans(item)


def rows(db: Path, sql: str, params=()) -> list[tuple]:
    """The rows a query on the database file returns (the connection closed after)."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
