"""Audit: recompute what a report states and say where it disagrees with itself.

Rules live in small modules (indicators, budget, crossfield, totals, personnel, dates,
completeness) and register themselves by name in ``registry.RULES``; conventions are data in
``patterns/conventions/``.
"""

from __future__ import annotations

from typing import Any

# Importing the rule modules registers their rules.
from . import (  # noqa: F401
    budget,
    completeness,
    conventions,
    coverage,
    crossfield,
    dates,
    indicators,
    personnel,
    prose_change,
    prose_counted,
    prose_rates,
    prose_restated,
    prose_sums,
    prose_units,
    qualitative,
    shares,
    totals,
    years,
)
from .common import budget_view
from .registry import RULES, run_rules

__all__ = ["RULES", "audit_report"]


def audit_report(result: dict[str, Any], convention: str | None = None) -> list[dict[str, Any]]:
    """Findings for one extracted report (the contract's ``findings`` list).

    ``convention`` names a file in ``patterns/conventions/`` (default: ``$JIXIAO_CONVENTION`` or
    ``default``). Raises ValueError for an unknown convention.
    """
    conv = conventions.load(convention)
    return run_rules(budget_view(result, conv), conv)
