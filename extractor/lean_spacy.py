"""spaCy for the people pipeline, without spaCy's command line.

``import spacy`` runs ``from .cli.info import info`` only to offer ``spacy.info()``, and
importing ``spacy.cli.info`` imports the whole ``spacy.cli`` package: typer, click, rich, weasel,
httpx, requests, jinja2 and every training command (~0.35 s CPU, about half of ``import spacy``).
``spacy.blank("zh")`` and the ``EntityRuler`` never touch any of it. So while spaCy is first
imported, a placeholder stands in ``sys.modules`` for ``spacy.cli.info``; then it is removed and
``spacy.info`` is a function that imports the real one when called. A later ``import spacy.cli``
(or ``python -m spacy``) imports the real package as usual.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

CLI_INFO = "spacy.cli.info"


def info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, importing spaCy's command line only when someone asks for it."""
    from spacy.cli.info import info as real_info

    return real_info(*args, **kwargs)


def import_spacy() -> ModuleType:
    """``spacy``, imported (the first time) without ``spacy.cli``."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    placeholder = ModuleType(CLI_INFO)
    placeholder.info = info  # type: ignore[attr-defined] - what spacy/__init__ takes from it
    # A module found in sys.modules is returned as it is: its parent package is not imported.
    sys.modules[CLI_INFO] = placeholder
    try:
        import spacy
    finally:
        if sys.modules.get(CLI_INFO) is placeholder:
            del sys.modules[CLI_INFO]
    return spacy
