"""The batch driver imports sqlite_utils without pandas and numpy (they were most of its memory)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import sys
import extractor.batch
print(sorted(m for m in ("pandas", "numpy", "sqlite_utils") if m in sys.modules))
import numpy  # hidden only while sqlite_utils was imported
print("numpy" in sys.modules)
"""


def test_driver_imports_no_pandas_or_numpy_and_they_stay_importable():
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "['sqlite_utils']"
    assert out[1] == "True"


def test_database_from_the_lean_import_stores_rows(tmp_path):
    from extractor.lean_sqlite import Database

    db = Database(tmp_path / "t.db")
    db["units"].insert_all(
        [{"name": "甲局", "amount": 1.5, "n": 3}, {"name": "乙局", "amount": None, "n": 4}]
    )
    assert db["units"].columns_dict == {"name": str, "amount": float, "n": int}
    assert [r["n"] for r in db["units"].rows] == [3, 4]
