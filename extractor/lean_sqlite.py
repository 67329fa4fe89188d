"""sqlite_utils for the batch driver, without pandas and numpy.

sqlite_utils imports pandas and numpy whenever they are installed, only to map their scalar
types to column types. The driver stores plain Python values, and those two imports were most
of its memory (~55 MB of its ~75 MB resident). They are hidden while sqlite_utils is first
imported; a later ``import pandas`` elsewhere in the process works as usual.
"""

from __future__ import annotations

import sys

OPTIONAL_IMPORTS = ("pandas", "numpy")


def _import_without_optional() -> None:
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in OPTIONAL_IMPORTS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment] - makes `import name` raise ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


_import_without_optional()

from sqlite_utils import Database  # noqa: E402

__all__ = ["Database"]
