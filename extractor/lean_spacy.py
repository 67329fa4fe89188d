"""spaCy for the people pipeline, without spaCy's command line.

``import spacy`` runs ``from .cli.info import info`` only to offer ``spacy.info()``, and
importing ``spacy.cli.info`` imports the whole ``spacy.cli`` package: typer, click, rich, weasel,
httpx, requests, jinja2 and every training command (~0.35 s CPU, about half of ``import spacy``).
``spacy.blank("zh")`` and the ``EntityRuler`` never touch any of it. So while spaCy is first
imported, a placeholder stands in ``sys.modules`` for ``spacy.cli.info``; then it is removed and
``spacy.info`` is a function that imports the real one when called. A later ``import spacy.cli``
(or ``python -m spacy``) imports the real package as usual.

spaCy imports numpy, whose OpenBLAS starts a thread per core on import (~50 ms CPU in this
process, for a library the people pipeline never calls). Where numpy is not imported yet and
no thread count is set, it is imported with ``OPENBLAS_NUM_THREADS=1``; the variable is removed
again afterwards, so child processes do not inherit it. A caller who wants BLAS threads imports
numpy first (or sets the variable).
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from types import ModuleType
from typing import Any

CLI_INFO = "spacy.cli.info"
BLAS_THREADS = "OPENBLAS_NUM_THREADS"


def info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, importing spaCy's command line only when someone asks for it."""
    from spacy.cli.info import info as real_info

    return real_info(*args, **kwargs)


@contextmanager
def _one_blas_thread():
    if "numpy" in sys.modules or BLAS_THREADS in os.environ:
        yield
        return
    os.environ[BLAS_THREADS] = "1"  # read once, when numpy loads OpenBLAS
    try:
        yield
    finally:
        os.environ.pop(BLAS_THREADS, None)


def import_spacy() -> ModuleType:
    """``spacy``, imported (the first time) without ``spacy.cli``."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    placeholder = ModuleType(CLI_INFO)
    placeholder.info = info  # type: ignore[attr-defined] - what spacy/__init__ takes from it
    # A module found in sys.modules is returned as it is: its parent package is not imported.
    sys.modules[CLI_INFO] = placeholder
    try:
        with _one_blas_thread():
            import spacy
    finally:
        if sys.modules.get(CLI_INFO) is placeholder:
            del sys.modules[CLI_INFO]
    return spacy
