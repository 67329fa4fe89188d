"""Personnel rules: 实有 vs 在职 + 退休, 在职 above 编制."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .registry import Ctx, rule
from .rounding import fmt


def _counts(ctx: Ctx) -> dict[str, dict[str, Any]]:
    """The first row of each personnel category."""
    out: dict[str, dict[str, Any]] = {}
    for row in ctx.result.get("personnel") or []:
        if row.get("count") is not None:
            out.setdefault(row.get("category"), row)
    return out


@rule(
    "personnel_sum",
    "personnel",
    {"consistent": "info", "mismatch": "warning"},
    """实有人数 vs 在职 + 退休. Reports mean either 实有 = 在职 + 退休 or 实有 = 在职 (retirees
    counted apart); either agrees and the message says which; neither is a warning.""",
)
def personnel_sum(ctx: Ctx) -> Iterator[dict[str, Any]]:
    cfg = ctx.conv["personnel"]
    c = _counts(ctx)
    actual, active, retired = c.get(cfg["actual"]), c.get(cfg["in_service"]), c.get(cfg["retired"])
    if actual is None or active is None:
        return
    a, w = actual["count"], active["count"]
    r = retired["count"] if retired else None
    early = c.get(cfg.get("retired_early"))
    if r is not None and early is not None and a == w + r + early["count"]:
        yield ctx.emit(
            "consistent", f"personnel[{cfg['actual']}]",
            f"实有 {fmt(a)} 人 = 在职 {fmt(w)} + 退休 {fmt(r)} + 离休 {fmt(early['count'])}，一致",
            stated=a, recomputed=a, span=actual.get("span"),
            related_spans={"在职": active.get("span"), "退休": retired.get("span"),
                           "离休": early.get("span")},
        )  # fmt: skip
        return
    rel = {"在职": active.get("span"), "退休": (retired or {}).get("span")}
    if r is not None and a == w + r:
        msg, status, rec = (
            f"实有 {fmt(a)} 人 = 在职 {fmt(w)} + 退休 {fmt(r)}，一致",
            "consistent",
            w + r,
        )
    elif a == w:
        msg, status, rec = f"实有 {fmt(a)} 人 = 在职 {fmt(w)} 人（退休另计），一致", "consistent", w
    else:
        rec = w + r if r is not None else w
        both = f"在职 + 退休 = {fmt(w + r)}，" if r is not None else ""
        msg, status = f"实有 {fmt(a)} 人，{both}在职 = {fmt(w)}，均不一致", "mismatch"
    yield ctx.emit(
        status, f"personnel[{cfg['actual']}]", msg,
        stated=a, recomputed=rec, span=actual.get("span"), related_spans=rel,
    )  # fmt: skip


@rule(
    "personnel_over_quota",
    "personnel",
    {"over": "warning"},
    """在职人数 above 编制数 (staff above the authorized establishment).""",
)
def personnel_over_quota(ctx: Ctx) -> Iterator[dict[str, Any]]:
    cfg = ctx.conv["personnel"]
    c = _counts(ctx)
    quota, active = c.get(cfg["authorized"]), c.get(cfg["in_service"])
    if quota is None or active is None or active["count"] <= quota["count"]:
        return
    yield ctx.emit(
        "over", f"personnel[{cfg['in_service']}]",
        f"在职 {fmt(active['count'])} 人，超过编制数 {fmt(quota['count'])} 人",
        stated=active["count"], recomputed=quota["count"], span=active.get("span"),
        related_spans={"编制数": quota.get("span")},
    )  # fmt: skip
