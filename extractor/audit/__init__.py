"""Audit: recompute what a report states and say where it disagrees with itself."""

from __future__ import annotations

from typing import Any


def audit_report(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Findings for one extracted report (the contract's ``findings`` list)."""
    return []
