"""Budget shares (占 %) and the two breakdowns of one total (按收入性质 vs 按支出性质)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .budget import amount, by_scope, pick, position, subj
from .common import ZERO, wan, yuan_tolerance
from .registry import Ctx, rule
from .rounding import CONSISTENT, TRUNCATED, classify_range, decimals_of, fmt, ratio, ratio_range

TOTALS = ("执行数", "预算数")


def _denominators(ctx: Ctx, scopes: dict, row: dict[str, Any]) -> tuple[list, bool]:
    """(candidate total rows, whether the report named the total) for a 占比 row."""
    cfg = ctx.conv["budget"]
    of, own = row.get("share_of"), row.get("share_scope") or row.get("scope")
    total = scopes.get(cfg["total_scope"], [])
    if of in scopes:
        return [pick(scopes[of], k) for k in TOTALS], True
    if of in TOTALS:
        return [pick(total, of), pick(scopes.get(own, []), of)], True
    if of and of in cfg.get("share_total_words", []):
        return [pick(total, k) for k in TOTALS], True
    return [pick(rows, k) for rows in (scopes.get(own, []), total) for k in TOTALS], False


def _numerator(scopes: dict, row: dict[str, Any], den: dict[str, Any]) -> dict[str, Any] | None:
    scope = row.get("share_scope") or row.get("scope")
    rows = scopes.get(scope, [])
    if row.get("share_amount_yuan") is not None:
        same = [r for r in rows if r.get("item") == row.get("share_item")
                and r.get("amount_yuan") == row["share_amount_yuan"]]  # fmt: skip
        if same:
            return same[0]
        return {"amount_yuan": row["share_amount_yuan"], "item": row.get("share_item"),
                "scope": scope, "span": (row.get("field_spans") or {}).get("share_amount")}  # fmt: skip
    if row.get("share_item"):
        return pick(rows, row["share_item"])
    if row.get("share_scope"):  # "项目支出占总预算的 20%": the scope's own total of that kind
        return pick(rows, den.get("item"))
    return None


@rule(
    "budget_share",
    "budget",
    {"consistent": "info", "truncated": "info", "mismatch": "warning", "unresolved": "info"},
    """A stated share (占比: "工资福利支出 11.99 万元，占基本支出的 84.8%") = the amount / the
    total it names (a scope's 执行数 or 预算数, the department total for 总预算/总支出), with
    the rounding tolerance of amounts and rate. A share that matches no total is a warning when
    the report named the total, an info (unresolved) when it did not say what it is a share of.""",
)
def budget_share(ctx: Ctx) -> Iterator[dict[str, Any]]:
    scopes = by_scope(ctx)
    for row in ctx.result.get("budget") or []:
        stated = row.get("rate_pct")
        if row.get("item") != "占比" or stated is None:
            continue
        dens, named = _denominators(ctx, scopes, row)
        d = decimals_of(stated, row.get("raw"))
        tried = []
        for den in [x for x in dens if x is not None and amount(x) != 0]:
            num = _numerator(scopes, row, den)
            if num is None or num is den:
                continue
            n, t = amount(num), amount(den)
            lo, hi = ratio_range(n, t, yuan_tolerance(num), yuan_tolerance(den))
            status = classify_range(stated, lo, hi, d)
            exact = ratio(n, t)
            how = f"{num.get('item')} {wan(n)} / {den.get('scope')}{den.get('item')} {wan(t)}"
            rel = {"amount": num.get("span"), "total": den.get("span")}
            if status in CONSISTENT or status == TRUNCATED:
                yield ctx.emit(
                    "consistent" if status in CONSISTENT else "truncated", subj(row),
                    f"占比填报 {fmt(stated)}%，按 {how} 重算为 {fmt(exact)}%，"
                    f"{'一致' if status in CONSISTENT else '截断一致'}",
                    stated=stated, recomputed=exact, span=row.get("span"), related_spans=rel,
                )  # fmt: skip
                break
            tried.append((how, exact, rel))
        else:
            if not tried:
                continue
            how, exact, rel = tried[0]
            yield ctx.emit(
                "mismatch" if named else "unresolved", subj(row),
                f"占比填报 {fmt(stated)}%，按 {how} 重算为 {fmt(exact)}%，不一致"
                + ("" if named else "（报告未说明是占什么的比例）"),
                stated=stated, recomputed=exact, span=row.get("span"), related_spans=rel,
                share_of=row.get("share_of"),
            )  # fmt: skip


def _attached(rows: list[dict[str, Any]], items: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Prose breakdown lines (其中财政资金…, 工资福利支出…) under the total they follow in the
    text (预算数 or 执行数 of the scope): a list of sources after 预算安排总额 is of the budget,
    a list of spending after 实际支出 is of the money spent."""
    totals = sorted((r for r in rows if r.get("item") in TOTALS and r.get("amount_yuan") is not None
                     and not r.get("fund_source")), key=position)  # fmt: skip
    out: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        line = pick(rows, item)
        if line is None:
            continue
        before = [t for t in totals if position(t) <= position(line)]
        if before:
            out.setdefault(before[-1]["item"], []).append(line)
    return out


def _by_source(ctx: Ctx, scopes: dict, scope: str, known: dict[str, dict[str, list[dict[str, Any]]]]
               ) -> dict[str, list[dict[str, Any]]]:  # fmt: skip
    """The scope's totals broken down by source; ``known`` keeps each scope's answer, so the
    department's parts (基本支出, 项目支出) are read once, not again for the department."""
    if scope not in known:
        known[scope] = _by_source_of(ctx, scopes, scope, known)
    return known[scope]


def _by_source_of(ctx: Ctx, scopes: dict, scope: str, known: dict[str, dict[str, list[dict[str, Any]]]]
                  ) -> dict[str, list[dict[str, Any]]]:  # fmt: skip
    rows, cfg = scopes.get(scope, []), ctx.conv["budget"]
    out = {k: v for k, v in _attached(rows, cfg["by_source"]).items() if len(v) >= 2}
    sources = {r["fund_source"] for r in rows if r.get("fund_source")}
    for k in TOTALS:  # a form's 其中 rows, when every source of the column is filled
        parts = [r for r in rows if r.get("item") == k and r.get("fund_source")
                 and r.get("amount_yuan") is not None]  # fmt: skip
        if parts and {p["fund_source"] for p in parts} == sources and k not in out:
            out[k] = parts
    if scope == cfg["total_scope"]:  # the department's sources: those of 基本支出 and 项目支出
        subs = [_by_source(ctx, scopes, s, known) for s in cfg["part_scopes"]]
        for k in TOTALS:
            if k not in out and all(k in s for s in subs):
                out[k] = [r for s in subs for r in s[k]]
    return out


def _by_nature(ctx: Ctx, scopes: dict, scope: str) -> dict[str, list[dict[str, Any]]]:
    cfg = ctx.conv["budget"]
    out = {k: v for k, v in _attached(scopes.get(scope, []), cfg["by_nature"]).items()
           if len(v) >= 2}  # fmt: skip
    if scope == cfg["total_scope"]:
        for k in TOTALS:
            parts = [pick(scopes.get(s, []), k) for s in cfg["part_scopes"]]
            if k not in out and all(p is not None for p in parts):
                out[k] = parts
    return out


@rule(
    "budget_source_nature",
    "budget",
    {"consistent": "info", "mismatch": "warning"},
    """Where one total of a scope (its 预算数 or its 执行数) is broken down both by source (按收入
    性质: 财政拨款 + 上年结转 + 其他资金, or the form's 其中 rows) and by nature (按支出性质:
    基本支出 + 项目支出 for the department, or 工资福利 + 商品和服务 + …), the two sums are
    compared with each other. A prose list belongs to the total it follows in the text, so a
    list of sources of the budget is never compared with a list of spending.""",
)
def budget_source_nature(ctx: Ctx) -> Iterator[dict[str, Any]]:
    scopes = by_scope(ctx)
    known: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for scope in scopes:
        src, nat = _by_source(ctx, scopes, scope, known), _by_nature(ctx, scopes, scope)
        for k in TOTALS:
            if k not in src or k not in nat:
                continue
            a = sum((amount(r) for r in src[k]), ZERO)
            b = sum((amount(r) for r in nat[k]), ZERO)
            tol = sum((yuan_tolerance(r) for r in src[k] + nat[k]), ZERO)
            ok = abs(a - b) <= tol
            fa = " + ".join(wan(amount(r)) for r in src[k])
            fb = " + ".join(wan(amount(r)) for r in nat[k])
            rel = {f"来源/{r.get('fund_source') or r['item']}/{r.get('scope')}": r.get("span")
                   for r in src[k]}  # fmt: skip
            rel |= {f"性质/{r.get('scope')}/{r['item']}": r.get("span") for r in nat[k]}
            yield ctx.emit(
                "consistent" if ok else "mismatch", f"budget[{scope}/{k}]",
                f"{scope}{k}：按收入性质 {fa} = {wan(a)} 万元，按支出性质 {fb} = {wan(b)} 万元，"
                + ("一致" if ok else "不一致"),
                stated=a, recomputed=b, span=src[k][0].get("span"), related_spans=rel,
            )  # fmt: skip
