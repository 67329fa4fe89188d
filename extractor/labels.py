"""Chinese words for findings: rule names, severities and review states (patterns/rules_zh.toml).

Other engineers add rules; one without a Chinese name is shown by its code, so a reader still
sees which rule fired and the table can be completed later.
"""

from __future__ import annotations

from .patterns import load

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def rule_name(rule: str | None) -> str:
    """The Chinese name of a rule, or its code when the table has none."""
    if not rule:
        return ""
    return load("rules_zh").get("rules", {}).get(rule, rule)


def severity_name(severity: str | None) -> str:
    """错误 / 警告 / 提示 for error / warning / info; anything else as written."""
    if not severity:
        return ""
    return load("rules_zh").get("severity", {}).get(severity, severity)


def status_name(status: str | None) -> str:
    """未审核 / 已确认 / 已排除 for a review state (no mark is 未审核)."""
    return load("rules_zh").get("status", {}).get(status or "open", status or "open")


def subject_kind(kind: str) -> str:
    """绩效指标 / 预算 / 报告 … for the part of a finding's subject before ``[`` or ``.``."""
    return load("rules_zh").get("subjects", {}).get(kind, kind)
