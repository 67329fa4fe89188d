"""Cross-report checks: what one report cannot show, a folder of them can (docs/crosscheck.md).

``run_crosschecks(db)`` reads every stored report, runs the checks and writes their findings to the
``findings`` table (rules ``cross_*``; each finding belongs to one report and names every report
involved in ``extra``: ``{"reports": [...], "paths": [...]}``) and the shared paragraphs to the
``shared_passages`` table, replacing what an earlier run wrote, in one transaction.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from ..store import CHILD_TABLES, child_row
from .folder import load_folder
from .indicators import find_indicator_copies
from .midyear import find_midyear
from .passages import find_passages
from .people import find_people
from .submissions import find_submissions
from .totals import find_totals

PASSAGE_COLUMNS: dict[str, type] = {
    "id": int, "report_a": str, "report_b": str, "passage": str, "similarity": float,
    "a_start": int, "a_end": int, "a_text": str, "b_start": int, "b_end": int, "b_text": str,
    "units": int,
}  # fmt: skip
RULE_PREFIX = "cross_"


@dataclass
class CrossResult:
    findings: list[dict[str, Any]] = field(default_factory=list)
    passages: list[dict[str, Any]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def run_crosschecks(db: Database) -> CrossResult:
    """Run every cross-report check on ``db`` and store the results (replacing earlier ones)."""
    res = CrossResult()
    t0 = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t0
        now = time.perf_counter()
        res.seconds[name] = round(now - t0, 3)
        t0 = now

    folder = load_folder(db)
    lap("load")
    subs, same = find_submissions(folder)
    lap("submissions")
    res.passages, copied = find_passages(folder, same)
    lap("passages")
    found = [*subs, *copied]
    found += find_indicator_copies(folder, same)
    lap("indicators")
    found += find_people(folder, same)
    found += find_midyear(folder)
    found += find_totals(folder)
    lap("people_midyear_totals")
    res.findings = found
    store(db, res)
    lap("store")
    return res


def store(db: Database, res: CrossResult) -> None:
    table, columns = CHILD_TABLES["findings"]
    with db.atomic():
        db.execute(f"DELETE FROM [{table}] WHERE rule LIKE '{RULE_PREFIX}%'")
        rows = []
        for f in res.findings:
            item = {k: v for k, v in f.items() if k != "report_id"}
            rows.append(child_row(f["report_id"], item, columns))
        if rows:
            db[table].insert_all(rows)
        db.execute("DROP TABLE IF EXISTS shared_passages")
        db["shared_passages"].create(
            PASSAGE_COLUMNS,
            pk="id",
            foreign_keys=[("report_a", "reports", "id"), ("report_b", "reports", "id")],
        )
        if res.passages:
            db["shared_passages"].insert_all(res.passages)
        for col in ("report_a", "report_b"):
            db["shared_passages"].create_index([col], if_not_exists=True)


__all__ = ["CrossResult", "run_crosschecks"]
