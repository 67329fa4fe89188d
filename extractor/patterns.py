"""Load the phrase data in ``patterns/``: every Chinese word the extractor knows lives there.

Files are TOML so that a user can add a label, a role or a report type without touching Python.
``JIXIAO_PATTERNS`` points at another folder; files there override the shipped ones by name.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import regex

SHIPPED = Path(__file__).resolve().parent.parent / "patterns"


def pattern_dirs() -> list[Path]:
    dirs = [SHIPPED]
    extra = os.environ.get("JIXIAO_PATTERNS")
    if extra:
        dirs.append(Path(extra))
    return dirs


@cache
def load(name: str) -> dict[str, Any]:
    """The merged content of ``<name>.toml``: later folders extend lists and override keys."""
    merged: dict[str, Any] = {}
    found = False
    for d in pattern_dirs():
        f = d / f"{name}.toml"
        if f.exists():
            found = True
            with f.open("rb") as fh:
                _merge(merged, tomllib.load(fh))
    if not found:
        raise FileNotFoundError(f"pattern file {name}.toml not found in {pattern_dirs()}")
    return merged


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        elif isinstance(value, list) and isinstance(into.get(key), list):
            into[key] = into[key] + [v for v in value if v not in into[key]]
        else:
            into[key] = value


def alternation(words: list[str] | dict[str, Any]) -> str:
    """A regex alternation of literal phrases, longest first so 副组长 wins over 组长."""
    return _alternation(tuple(words))


@cache  # called per text fragment by the normalizer: escaping hundreds of phrases each time
def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def compiled(source: str) -> regex.Pattern:
    return regex.compile(source)
