"""Extractors: each reads the normalized ``Document`` and returns one part of the contract.

Extractors are registered by name, the way spaCy registers pipeline components, so a plug-in can
add or replace one without editing this package::

    from extractor.extract import register

    @register("grants")
    def grants(doc, result): ...

Each function gets the ``Document`` and the result built so far (earlier extractors' output),
and returns the value to store under its name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Document

Extractor = Callable[[Document, dict[str, Any]], Any]
EXTRACTORS: dict[str, Extractor] = {}
# Budget runs after indicators so that the amounts inside indicator statements are not read as
# budget lines; extractors registered by plug-ins run after these.
ORDER = ["report", "personnel", "people", "indicators", "projects", "budget"]


def register(name: str) -> Callable[[Extractor], Extractor]:
    def deco(fn: Extractor) -> Extractor:
        EXTRACTORS[name] = fn
        return fn

    return deco


def extract_document(doc: Document) -> dict[str, Any]:
    """Run every registered extractor in registration order."""
    # Imported here so that registration happens once, in this order.
    from . import budget, indicators, people, personnel, report  # noqa: F401

    result: dict[str, Any] = {}
    names = [n for n in ORDER if n in EXTRACTORS] + [n for n in EXTRACTORS if n not in ORDER]
    for name in names:
        result[name] = EXTRACTORS[name](doc, result)
    return result
