"""Every committed PDF (and the PDFs the tests build) reads exactly as the stored snapshot says:
same blocks, cells, pages and warnings, whichever engine read each page. A faster reader must not
move a character; regenerate the snapshot (``python -m tests.pdf_snapshot --write``) only for an
intended change of reading, and say why in the commit.
"""

from __future__ import annotations

import gzip
import json

from .pdf_snapshot import SNAPSHOT, readings


def test_every_pdf_reads_as_the_snapshot() -> None:
    expected = json.loads(gzip.decompress(SNAPSHOT.read_bytes()))
    now = readings()
    assert now.keys() == expected.keys()
    differ = [name for name in expected if now[name] != expected[name]]
    assert differ == [], f"read differently from the snapshot: {differ}"
    # The snapshot holds real readings, tables among them, not only errors.
    tables = sum(b["kind"] == "table" for r in now.values() for b in r.get("blocks", []))
    assert sum("blocks" in r for r in now.values()) > 80 and tables > 100
