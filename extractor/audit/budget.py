"""Budget rules: rates recomputed from amounts, the budget-execution score, parts vs totals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from .common import ZERO, wan, yuan_tolerance
from .registry import Ctx, rule
from .rounding import (
    CONSISTENT,
    TRUNCATED,
    classify,
    classify_range,
    dec,
    decimals_of,
    fmt,
    half_up,
    ratio,
    ratio_range,
)

RATES = {"预算执行率": "执行数", "到位率": "到位资金"}


class ScopeRows(list):
    """A scope's budget rows, in text order, with the money rows indexed by (item, fund_source):
    ``pick`` is asked ~50 times a report and would otherwise filter every row each time."""

    _index: dict[tuple[Any, Any], list[dict[str, Any]]] | None = None  # built on first ask

    def money(self, item: Any, source: Any) -> list[dict[str, Any]]:
        """The rows of ``item`` and ``source`` holding an amount, in order (as ``pick`` filters)."""
        index = self._index
        if index is None:
            index = self._index = {}
            for r in self:
                if r.get("amount_yuan") is not None:
                    index.setdefault((r.get("item"), r.get("fund_source")), []).append(r)
        return index.get((item, source), [])


def by_scope(ctx: Ctx) -> dict[str, list[dict[str, Any]]]:
    """The budget rows by scope, built once per report (eight rules ask; none changes them)."""
    return ctx.shared(_by_scope)


def _by_scope(ctx: Ctx) -> dict[str, list[dict[str, Any]]]:
    scopes: dict[str, list[dict[str, Any]]] = defaultdict(ScopeRows)
    for row in ctx.result.get("budget") or []:
        scopes[row.get("scope") or "部门整体"].append(row)
    # A plain dict: a rule looking up a scope the report lacks must not add it for the others.
    return dict(scopes)


def position(row: dict[str, Any]) -> int:
    return ((row.get("span") or {}).get("start")) or 0


def pick(rows: list[dict[str, Any]], item: str, near: dict[str, Any] | None = None,
         prefer_labels: list[str] | None = None) -> dict[str, Any] | None:  # fmt: skip
    """The money row ``item`` of a scope: labelled full-year if asked, else the same as_of as
    ``near``, else the nearest one before ``near`` in the text, else the first."""
    # A form's 其中 rows (财政拨款, 上年结转…) pair with their own kind; totals with totals.
    source = near.get("fund_source") if near is not None else None
    if isinstance(rows, ScopeRows):
        cands = rows.money(item, source)
    else:
        cands = [r for r in rows if r.get("item") == item and r.get("amount_yuan") is not None
                 and r.get("fund_source") == source]  # fmt: skip
    if not cands:
        return None
    if prefer_labels:
        labelled = [r for r in cands if any(w in (r.get("label") or "") for w in prefer_labels)]
        cands = labelled or cands
    if near is not None:
        same = [r for r in cands if r.get("as_of") and r.get("as_of") == near.get("as_of")]
        cands = same or cands
        before = [r for r in cands if position(r) <= position(near)]
        if before:
            return max(before, key=position)
    return cands[0]


def subj(row: dict[str, Any]) -> str:
    return f"budget[{row.get('scope') or '部门整体'}/{row.get('item')}]"


def amount(row: dict[str, Any]) -> Decimal:
    return dec(row["amount_yuan"])


def rate_of(ctx: Ctx, rows: list[dict[str, Any]], rate_item: str, near: dict[str, Any] | None):
    """(exact, lo, hi, numerator row, budget row) for 执行率/到位率 of a scope, or None."""
    budget = pick(rows, "预算数", near, ctx.conv["budget"]["full_year_labels"])
    num = pick(rows, RATES[rate_item], near)
    if budget is None or num is None:
        return None
    b, n = amount(budget), amount(num)
    if b == 0:
        return (None, None, None, num, budget)
    lo, hi = ratio_range(n, b, yuan_tolerance(num), yuan_tolerance(budget))
    return (ratio(n, b), lo, hi, num, budget)


@rule(
    "budget_rate",
    "budget",
    {"mismatch": "error", "truncated": "info", "not_computable": "info"},
    """Stated 预算执行率 = 执行数/预算数 and 到位率 = 到位资金/预算数 in each scope. Amounts written
    in 万元 with 2 decimals are roundings, so any rate the unrounded amounts could give agrees.""",
)
def budget_rate(ctx: Ctx) -> Iterator[dict[str, Any]]:
    for rows in by_scope(ctx).values():
        for row in rows:
            item, stated = row.get("item"), row.get("rate_pct")
            if item not in RATES or stated is None:
                continue
            got = rate_of(ctx, rows, item, row)
            if got is None:
                continue
            exact, lo, hi, num, budget = got
            rel = {RATES[item]: num.get("span"), "预算数": budget.get("span")}
            if exact is None:
                yield ctx.emit(
                    "not_computable", subj(row),
                    f"{item}填报 {fmt(stated)}%，预算数为 0，无法重算",
                    stated=stated, span=row.get("span"), related_spans=rel,
                )  # fmt: skip
                continue
            d = decimals_of(stated, row.get("raw"))
            status = classify_range(stated, lo, hi, d)
            if status in CONSISTENT:
                continue
            how = f"{wan(amount(num))}/{wan(amount(budget))}"
            if status == TRUNCATED:
                yield ctx.emit(
                    "truncated", subj(row), f"{item}填报 {fmt(stated)}%，按 {how} 重算为 {fmt(exact)}%（截断一致）",
                    stated=stated, recomputed=exact, span=row.get("span"), related_spans=rel,
                )  # fmt: skip
                continue
            yield ctx.emit(
                "mismatch", subj(row), f"{item}填报 {fmt(stated)}%，按 {how} 重算为 {fmt(exact)}%，不一致",
                stated=stated, recomputed=exact, span=row.get("span"), related_spans=rel,
            )  # fmt: skip


@rule(
    "budget_score",
    "budget",
    {"mismatch": "error", "truncated": "info", "out_of_range": "error"},
    """Budget-execution score (预算执行率 得分) = 执行率 × 分值, capped at the 分值. Read from a
    budget row carrying ``weight`` (分值) and ``score`` (得分); the rate is that row's own rate,
    else the scope's stated 预算执行率, else 执行数/预算数.""",
)
def budget_score(ctx: Ctx) -> Iterator[dict[str, Any]]:
    for rows in by_scope(ctx).values():
        for row in rows:
            w, s = row.get("weight"), row.get("score")
            if w is None or s is None:
                continue
            span = (row.get("field_spans") or {}).get("score") or row.get("span")
            if dec(s) < 0 or dec(s) > dec(w):
                yield ctx.emit(
                    "out_of_range", subj(row), f"预算执行得分 {fmt(s)} 超出分值范围 0–{fmt(w)}",
                    stated=s, recomputed=w, span=span,
                )  # fmt: skip
                continue
            rate = _execution_rate(ctx, rows, row)
            if rate is None:
                continue
            expected = min(rate, Decimal(100)) * dec(w) / 100
            d = decimals_of(s, row.get("score_raw"), (span or {}).get("text"))
            status = classify(s, expected, d)
            if status in CONSISTENT:
                continue
            # A score right for the amounts but not for a wrongly stated rate is not a second
            # error: budget_rate reports the rate.
            got = rate_of(ctx, rows, "预算执行率", row)
            if got and got[0] is not None:
                rates = (got[0], half_up(got[0], 2))  # as computed, or as a form writes the rate
                if any(
                    classify(s, min(r, Decimal(100)) * dec(w) / 100, d) in CONSISTENT for r in rates
                ):
                    continue
            msg = f"预算执行得分填报 {fmt(s)}，按执行率 {fmt(rate)}% × 分值 {fmt(w)} 重算为 {fmt(expected)}"
            yield ctx.emit(
                "truncated" if status == TRUNCATED else "mismatch", subj(row),
                msg + ("（截断一致）" if status == TRUNCATED else "，不一致"),
                stated=s, recomputed=expected, span=span,
            )  # fmt: skip


def _execution_rate(ctx: Ctx, rows: list[dict[str, Any]], row: dict[str, Any]) -> Decimal | None:
    if row.get("rate_pct") is not None:
        return dec(row["rate_pct"])
    stated = [r for r in rows if r.get("item") == "预算执行率" and r.get("rate_pct") is not None]
    if stated:
        return dec(stated[0]["rate_pct"])
    got = rate_of(ctx, rows, "预算执行率", row)
    return got[0] if got else None


def _sum_check(total: Decimal, parts: list[dict[str, Any]], total_row: dict[str, Any]) -> bool:
    """True when the parts add up to the total within the rounding of every figure involved."""
    tol = yuan_tolerance(total_row) + sum((yuan_tolerance(p) for p in parts), ZERO)
    return abs(sum((amount(p) for p in parts), ZERO) - total) <= tol


@rule(
    "budget_parts",
    "budget",
    {"consistent": "info", "mismatch": "warning"},
    """基本支出 + 项目支出 = 部门整体 for 预算数, 到位资金 and 执行数 (追加资金 may or may not be
    included: both readings are accepted and the message says which held).""",
)
def budget_parts(ctx: Ctx) -> Iterator[dict[str, Any]]:
    cfg = ctx.conv["budget"]
    scopes = by_scope(ctx)
    total_rows = scopes.get(cfg["total_scope"], [])
    for item in ("预算数", "到位资金", "执行数"):
        total = pick(total_rows, item)
        parts = [pick(scopes.get(s, []), item, total) for s in cfg["part_scopes"]]
        if total is None or any(p is None for p in parts):
            continue
        parts = [p for p in parts if p is not None]
        optional = [pick(scopes.get(s, []), item, total) for s in cfg["optional_part_scopes"]]
        optional = [p for p in optional if p is not None]
        t = amount(total)
        readings = [(parts, " + ".join(cfg["part_scopes"]))]
        if optional:
            names = cfg["part_scopes"] + [p["scope"] for p in optional]
            readings.append((parts + optional, " + ".join(names)))
        rel = {f"{p['scope']}/{item}": p.get("span") for p in parts + optional}
        for used, names in readings:
            if _sum_check(t, used, total):
                figures = " + ".join(wan(amount(p)) for p in used)
                yield ctx.emit(
                    "consistent", subj(total),
                    f"{item}：{names} = {figures} = {wan(t)} 万元，与{cfg['total_scope']}一致",
                    stated=t, recomputed=sum((amount(p) for p in used), ZERO),
                    span=total.get("span"), related_spans=rel,
                )  # fmt: skip
                break
        else:
            s = sum((amount(p) for p in parts), ZERO)
            yield ctx.emit(
                "mismatch", subj(total),
                f"{item}：{cfg['total_scope']}填报 {wan(t)} 万元，{readings[0][1]} 合计 {wan(s)} 万元，不一致",
                stated=t, recomputed=s, span=total.get("span"), related_spans=rel,
            )  # fmt: skip


@rule(
    "budget_breakdown",
    "budget",
    {"consistent": "info", "exceeds": "warning", "partial": "info", "mismatch": "error"},
    """Parts of a scope's budget: by source (财政资金 + 上年结转 + 其他资金 = 预算数) and by nature
    (工资福利 + 生活补助 + 车辆运行维护 + 基本公用 … = 执行数, or = 预算数). A by-nature list
    adding up to less than both totals may be partial (info); more than the total is a warning.
    Sources partition the money, so sources that do not add up (a form's 财政拨款 + 上年结转 +
    其他资金 vs 年度资金总额, per column) are an error — when the list is whole (it holds the
    catch-all ``catch_all_sources``, 其他资金) or goes above the total. Fewer sources short of the
    total may leave out 事业收入 or a row not read (info). A form's breakdown needs two rows.""",
)
def budget_breakdown(ctx: Ctx) -> Iterator[dict[str, Any]]:
    cfg = ctx.conv["budget"]
    for scope, rows in by_scope(ctx).items():
        src = [pick(rows, i) for i in cfg["by_source"]]
        src = [r for r in src if r is not None]
        budget = pick(rows, "预算数")
        if budget is not None and len(src) >= 2:
            yield _breakdown(
                ctx, scope, src, [budget], "按收入来源", sources=True, complete=_complete(src, cfg)
            )
        yield from _form_sources(ctx, scope, rows)
        nature = [pick(rows, i) for i in cfg["by_nature"]]
        nature = [r for r in nature if r is not None]
        totals = [r for r in (pick(rows, "执行数"), budget) if r is not None]
        if totals and len(nature) >= 2:
            yield _breakdown(
                ctx, scope, nature, totals, "按支出性质", sources=False, complete=False
            )


def _complete(parts: list[dict[str, Any]], cfg: dict[str, Any]) -> bool:
    """Whether a list of sources is the whole breakdown: only when it holds the catch-all
    (其他资金). Without it a disclosure's 事业收入 or a row the reader missed may be the rest, so
    parts short of the total are not a contradiction; parts above it always are."""
    names = {_name(p) for p in parts}
    return any(w in n for n in names for w in cfg["catch_all_sources"])


def _name(row: dict[str, Any]) -> str:
    return row.get("fund_source") or row["item"]


def _form_sources(ctx: Ctx, scope: str, rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """A form's 其中 rows (财政拨款 + 上年结转 + 其他资金) against its 年度资金总额 row, per column."""
    sources = {r["fund_source"] for r in rows if r.get("fund_source")}
    for item in ("年初预算数", "预算数", "执行数"):
        total = pick(rows, item)
        parts = [r for r in rows if r.get("item") == item and r.get("fund_source")
                 and r.get("amount_yuan") is not None]  # fmt: skip
        # A column with a blank source cell is not a full breakdown: only complete ones are added.
        if total is not None and len(parts) >= 2 and {p["fund_source"] for p in parts} == sources:
            yield _breakdown(
                ctx,
                scope,
                parts,
                [total],
                "按资金来源",
                sources=True,
                complete=_complete(parts, ctx.conv["budget"]),
            )


def _breakdown(ctx: Ctx, scope: str, parts: list[dict[str, Any]],
               totals: list[dict[str, Any]], how: str, sources: bool, complete: bool
               ) -> dict[str, Any]:  # fmt: skip
    s = sum((amount(p) for p in parts), ZERO)
    figures = " + ".join(wan(amount(p)) for p in parts)
    names = "、".join(_name(p) for p in parts)
    rel = {_name(p): p.get("span") for p in parts}
    for total in totals:
        if _sum_check(amount(total), parts, total):
            return ctx.emit(
                "consistent", subj(total),
                f"{scope}{how}：{names} {figures} = {wan(s)} 万元，与{total['item']} {wan(amount(total))} 万元一致",
                stated=amount(total), recomputed=s, span=total.get("span"), related_spans=rel,
            )  # fmt: skip
    first = totals[0]
    over = s > max(amount(t) for t in totals)
    if sources and (complete or over):
        status = "mismatch"  # sources partition the money: above the total, or all listed
    else:
        status = "exceeds" if over else "partial"
    tail = {"mismatch": "不一致", "exceeds": "超过总数", "partial": "小于总数（可能未列全）"}[
        status
    ]
    return ctx.emit(
        status, subj(first),
        f"{scope}{how}：{names} 合计 {figures} = {wan(s)} 万元，{first['item']}填报 {wan(amount(first))} 万元，{tail}",
        stated=amount(first), recomputed=s, span=first.get("span"), related_spans=rel,
    )  # fmt: skip


def _labelled(rows: list[dict[str, Any]], words: list[str]) -> list[dict[str, Any]]:
    return [r for r in rows if any(w in (r.get("label") or "") for w in words)]


@rule(
    "budget_annual",
    "budget",
    {"consistent": "info", "mismatch": "warning"},
    """年初预算 + 追加/调整 = 全年预算 within a scope (labels from the convention); 追加资金's
    own 预算数 counts as the supplement of the department total.""",
)
def budget_annual(ctx: Ctx) -> Iterator[dict[str, Any]]:
    cfg = ctx.conv["budget"]
    scopes = by_scope(ctx)
    for scope, rows in scopes.items():
        money = [r for r in rows if r.get("amount_yuan") is not None]
        opening = _labelled(money, cfg["opening_labels"])
        full = _labelled(money, cfg["full_year_labels"])
        if not opening or not full:
            continue
        added = _labelled(money, cfg["added_labels"])
        if not added and scope == cfg["total_scope"]:
            added = [r for s in cfg["optional_part_scopes"] for r in scopes.get(s, [])
                     if r.get("item") == "预算数" and r.get("amount_yuan") is not None]  # fmt: skip
        o, f = opening[0], full[0]
        parts = [o, *added[:1]]
        s = sum((amount(p) for p in parts), ZERO)
        status = "consistent" if _sum_check(amount(f), parts, f) else "mismatch"
        figures = " + ".join(wan(amount(p)) for p in parts)
        yield ctx.emit(
            status, subj(f),
            f"{scope}：年初预算{'+追加' if added else ''} {figures} = {wan(s)} 万元，全年预算填报 "
            f"{wan(amount(f))} 万元，{'一致' if status == 'consistent' else '不一致'}",
            stated=amount(f), recomputed=s, span=f.get("span"),
            related_spans={"年初": o.get("span"), **({"追加": added[0].get("span")} if added else {})},
        )  # fmt: skip
