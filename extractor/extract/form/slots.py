"""Rows of cells that know their offsets: what the run-on fallback splits a row into."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Slot:
    text: str
    start: int
    end: int


@dataclass
class RowGroup:
    """A form's header row and the rows below it (cells aligned by type, not position)."""

    rows: list[list[Slot]]
    start: int
    end: int
