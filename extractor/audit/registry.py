"""Named audit rules and the finding each one emits.

A rule is a function ``check(ctx)`` that yields findings through ``ctx.emit``. It is registered
with the severity of each *status* it can report (``mismatch`` → error, ``truncated`` → info …);
a convention file may override a status's severity under ``[severity.<rule>]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from .rounding import as_float

T = TypeVar("T")
SEVERITIES = ("error", "warning", "info")
# Output order of the rule families (a report reads top-down: indicators before budget…).
FAMILIES = ("indicators", "budget", "crossfield", "totals", "personnel", "dates", "completeness")


@dataclass
class Rule:
    name: str
    family: str
    statuses: dict[str, str]  # status → default severity
    doc: str
    check: Callable[[Ctx], Iterator[dict[str, Any]]]


RULES: dict[str, Rule] = {}


def rule(name: str, family: str, statuses: dict[str, str], doc: str):
    """Register ``check`` under ``name``; ``statuses`` maps each status to its severity."""
    for sev in statuses.values():
        assert sev in SEVERITIES, sev

    def deco(fn: Callable[[Ctx], Iterator[dict[str, Any]]]):
        RULES[name] = Rule(name, family, statuses, doc.strip(), fn)
        return fn

    return deco


@dataclass
class Ctx:
    """What a rule sees: the contract dict, the convention, and an ``emit`` that builds findings."""

    result: dict[str, Any]
    conv: dict[str, Any]
    rule: Rule | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    _shared: dict[Callable[..., Any], Any] = field(default_factory=dict)

    @property
    def report(self) -> dict[str, Any]:
        return self.result.get("report") or {}

    def shared(self, build: Callable[[Ctx], T]) -> T:
        """``build(self)``, built once per report: several rules read the same pass over the
        text (its amounts, its lists). A build that raises is not kept, so each rule asking
        crashes on its own as before."""
        if build not in self._shared:
            self._shared[build] = build(self)
        return self._shared[build]

    def severity(self, status: str) -> str:
        assert self.rule is not None
        override = self.conv.get("severity", {}).get(self.rule.name, {})
        return override.get(status) or self.rule.statuses[status]

    def emit(
        self,
        status: str,
        subject: str,
        message: str,
        *,
        stated: float | int | Decimal | None = None,
        recomputed: float | int | Decimal | None = None,
        span: dict[str, Any] | None = None,
        related_spans: dict[str, dict[str, Any] | None] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Build one finding (contract shape). ``span`` is the span of the stated value; spans of
        the other figures involved go in ``related_spans``."""
        assert self.rule is not None
        f: dict[str, Any] = {
            "rule": self.rule.name,
            "severity": self.severity(status),
            "status": status,
            "subject": subject,
            "stated": _num(stated),
            "recomputed": _num(recomputed),
            "message": message,
            "convention": self.conv["name"],
            "span": span,
        }
        rel = {k: v for k, v in (related_spans or {}).items() if v}
        if rel:
            f["related_spans"] = rel
        f.update({k: v for k, v in extra.items() if v is not None})
        return f


def _num(x: float | int | Decimal | None) -> float | int | None:
    if isinstance(x, Decimal):
        return as_float(x)
    return x


def run_rules(result: dict[str, Any], conv: dict[str, Any]) -> list[dict[str, Any]]:
    """Every registered rule over one report. A rule that crashes on odd input becomes an
    ``audit_internal`` warning naming it, so one rule cannot take the others down."""
    ctx = Ctx(result, conv)
    order = {f: i for i, f in enumerate(FAMILIES)}
    for r in sorted(RULES.values(), key=lambda r: order.get(r.family, len(order))):
        ctx.rule = r
        try:
            ctx.findings.extend(r.check(ctx))
        except Exception as e:  # noqa: BLE001 - reported as a finding, never swallowed
            ctx.rule = RULES["audit_internal"]
            ctx.findings.append(
                ctx.emit("crashed", "report", f"规则 {r.name} 无法运行 (rule crashed): {e!r}")
            )
    return ctx.findings


@rule(
    "audit_internal",
    "audit",
    {"crashed": "warning"},
    "A rule failed on this report's data; the other rules still ran.",
)
def _internal(ctx: Ctx) -> Iterator[dict[str, Any]]:
    return iter(())
