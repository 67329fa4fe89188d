"""Scoring conventions and thresholds as data: ``patterns/conventions/<name>.toml``.

``default`` follows 财预〔2020〕10号 practice. Another file names only what it changes: it is
merged over ``default`` (so a province file can say just ``[score] reverse = "linear"``).
``JIXIAO_PATTERNS`` folders may add or override convention files like any pattern file.
"""

from __future__ import annotations

import copy
import os
from functools import cache
from typing import Any

from .. import patterns

DEFAULT = "default"


def available() -> list[str]:
    """Names of the convention files found in the pattern folders."""
    names: set[str] = set()
    for d in patterns.pattern_dirs():
        names.update(f.stem for f in (d / "conventions").glob("*.toml"))
    return sorted(names)


def selected(name: str | None = None) -> str:
    """The convention to use: the argument, else ``$JIXIAO_CONVENTION``, else ``default``."""
    return name or os.environ.get("JIXIAO_CONVENTION") or DEFAULT


@cache
def _load(name: str) -> dict[str, Any]:
    if name not in available():
        raise ValueError(
            f"unknown convention {name!r}: choose one of {', '.join(available())} "
            "(files in patterns/conventions/)"
        )
    data = copy.deepcopy(patterns.load(f"conventions/{DEFAULT}"))
    if name != DEFAULT:
        _override(data, patterns.load(f"conventions/{name}"))
    data["name"] = name
    return data


def load(name: str | None = None) -> dict[str, Any]:
    """The merged convention ``name`` (see ``selected``). Raises ValueError for an unknown name."""
    return _load(selected(name))


def _override(into: dict[str, Any], new: dict[str, Any]) -> None:
    # Unlike pattern files, a convention replaces lists (a band table is not extended).
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _override(into[key], value)
        else:
            into[key] = copy.deepcopy(value)
