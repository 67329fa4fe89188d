"""Random but consistent facts of one report: unit, year, budget, indicators, people, scores.

The facts are the single source of both the rendered document and its truth JSON, so a template
only has to decide which facts it shows (and how); what it does not show becomes null in the truth.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from .pools import DEPARTMENTS, GENERIC, GIVEN, IMPLEMENTERS, LEVEL1_OF, REGIONS, SURNAMES

D = Decimal
CENT = D("0.01")
LEVEL1_WEIGHTS = {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
BUDGET_WEIGHT = 10


def q2(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(x: Decimal | int | float | None) -> str:
    """A number as a report writes it: no trailing zeros, no exponent."""
    if x is None:
        return ""
    s = format(D(str(x)), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def num(x: Decimal | None) -> float | int | None:
    """A Decimal as a JSON number (int when whole)."""
    if x is None:
        return None
    return int(x) if x == x.to_integral_value() else float(x)


def thousands(x: Decimal) -> str:
    """1234567.8 → '1,234,567.80' (amounts in 元 keep two decimals)."""
    return f"{q2(x):,.2f}"


def person(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def unit(rng: random.Random) -> dict:
    province, region = rng.choice(REGIONS)
    short = rng.choice(sorted(DEPARTMENTS))
    projects, quantities = DEPARTMENTS[short]
    # Half the projects are carried out by a unit under the department (实施单位 ≠ 主管部门).
    sub = rng.choice(IMPLEMENTERS[short]) if rng.random() < 0.5 else None
    return {
        "implementer": region + sub if sub else region + short,
        "province": province,
        "region": region,
        "short": short,
        "department": region + short,
        "projects": projects,
        "quantities": quantities,
        "year": rng.randint(2019, 2025),
    }


def money(rng: random.Random, lo: float = 1, hi: float = 5000) -> Decimal:
    """An amount in 万元 with two decimals, spread log-uniformly over [lo, hi]."""
    import math

    return q2(D(str(math.exp(rng.uniform(math.log(lo), math.log(hi))))))


def budget(rng: random.Random, lo: float = 1, hi: float = 5000) -> dict:
    """A project's funds in 万元: year-start and full-year budget by source, and execution."""
    b1 = money(rng, lo, hi)
    carry = q2(b1 * D(str(rng.choice((0, 0, 0.1, 0.2))))) if rng.random() < 0.5 else D(0)
    other = q2(b1 * D(str(rng.choice((0, 0, 0.05))))) if rng.random() < 0.4 else D(0)
    fiscal = b1 - carry - other
    b0 = fiscal if rng.random() < 0.5 else q2(fiscal * D(str(rng.uniform(0.7, 1.0))))
    parts = {"财政拨款": fiscal, "上年结转": carry, "其他资金": other}
    ratio = D(str(rng.choice((1, 1, rng.uniform(0.55, 0.99)))))
    execs = {k: q2(v * ratio) for k, v in parts.items()}
    rows = {
        "年度资金总额": {"年初预算数": b0, "全年预算数": b1, "执行数": sum(execs.values())},
        "财政拨款": {"年初预算数": b0, "全年预算数": fiscal, "执行数": execs["财政拨款"]},
        "上年结转": {"年初预算数": D(0), "全年预算数": carry, "执行数": execs["上年结转"]},
        "其他资金": {"年初预算数": D(0), "全年预算数": other, "执行数": execs["其他资金"]},
    }
    for row in rows.values():
        row["预算执行率"] = (
            q2(row["执行数"] / row["全年预算数"] * 100) if row["全年预算数"] else None
        )
    total = rows["年度资金总额"]
    score = q2(total["预算执行率"] / 100 * BUDGET_WEIGHT)
    return {"rows": rows, "weight": BUDGET_WEIGHT, "score": min(score, D(BUDGET_WEIGHT))}


def _nice(rng: random.Random, lo: int, hi: int) -> Decimal:
    x = rng.randint(lo, hi)
    step = 1 if x < 50 else 10 if x < 2000 else 100
    return D(max(step, x // step * step))


def _quantity(rng: random.Random, name: str, unit_: str, lo: int, hi: int) -> dict:
    target = _nice(rng, lo, hi)
    cmp_ = rng.choice(("≥", "≥", "≥", "=", None))
    if rng.random() < 0.7:
        actual = target + (D(rng.randint(0, max(1, int(target) // 10))) if cmp_ == "≥" else 0)
    else:
        actual = D(int(target * D(str(rng.uniform(0.6, 0.98)))))
    return {"level2": "数量指标", "name": name, "unit": unit_, "comparator": cmp_,
            "target": target, "actual": actual}  # fmt: skip


def _generic(rng: random.Random, spec: tuple) -> dict:
    level2, name, unit_, cmp_, lo, hi = spec
    if unit_ is None:
        done = rng.random() < 0.75
        return {"level2": level2, "name": name, "unit": None, "comparator": None, "target": None,
                "target_words": lo, "actual": None, "actual_words": hi if not done else lo,
                "achieved": done}  # fmt: skip
    target = D(rng.randint(lo, hi)) if unit_ == "%" else _nice(rng, lo, hi)
    if rng.random() < 0.75:
        actual = target if cmp_ == "=" else min(D(100) if unit_ == "%" else target * 2,
                                               target + D(rng.randint(0, 5)))  # fmt: skip
    else:
        actual = D(int(target * D(str(rng.uniform(0.8, 0.99)))))
    return {"level2": level2, "name": name, "unit": unit_, "comparator": cmp_,
            "target": target, "actual": actual}  # fmt: skip


def indicators(rng: random.Random, u: dict, b: dict | None = None, n_quant: int = 2) -> list[dict]:
    """8–10 indicators across the level-2 families, with stated rates, weights and scores."""
    out = [_quantity(rng, *spec) for spec in rng.sample(u["quantities"], n_quant)]
    by2: dict[str, list] = {}
    for spec in GENERIC:
        by2.setdefault(spec[0], []).append(spec)
    for level2, k in (("质量指标", 1), ("时效指标", 1)):
        out += [_generic(rng, s) for s in rng.sample(by2[level2], k)]
    if b is not None:
        total = b["rows"]["年度资金总额"]
        out.append({"level2": "成本指标", "name": "项目总成本", "unit": "万元", "comparator": "≤",
                    "target": total["全年预算数"], "actual": total["执行数"]})  # fmt: skip
    benefit = rng.sample(by2["经济效益指标"] + by2["社会效益指标"] + by2["生态效益指标"], 2)
    benefit.sort(key=lambda s: list(LEVEL1_OF).index(s[0]))
    out += [_generic(rng, s) for s in benefit]
    if rng.random() < 0.5:
        out.append(_generic(rng, rng.choice(by2["可持续影响指标"])))
    out.append(_generic(rng, rng.choice(by2["服务对象满意度指标"])))
    for ind in out:
        ind["level1"] = LEVEL1_OF[ind["level2"]]
        ind.setdefault("target_words", None)
        ind.setdefault("actual_words", None)
        _rate(ind)
    _weights(out)
    return out


def _rate(ind: dict) -> None:
    if ind["target"] is None:
        ind["rate"] = D(100) if ind["achieved"] else D(80)
        return
    t, a = ind["target"], ind["actual"]
    c = ind["comparator"]
    ind["achieved"] = a <= t if c == "≤" else a > t if c == ">" else a < t if c == "<" else a >= t
    if ind["comparator"] == "≤":
        ind["rate"] = D(100) if a <= t else q2(t / a * 100)
    else:
        ind["rate"] = q2(a / t * 100) if t else D(100)


def _weights(inds: list[dict]) -> None:
    for level1, total in LEVEL1_WEIGHTS.items():
        group = [i for i in inds if i["level1"] == level1]
        base, extra = divmod(total, len(group))
        for n, ind in enumerate(group):
            w = D(base + (1 if n < extra else 0))
            ind["weight"] = w
            if ind["achieved"]:
                ind["score"] = w
            elif ind["target"] is None:
                ind["score"] = q2(w * D("0.8"))
            else:
                ind["score"] = q2(w * min(ind["rate"], D(100)) / 100)


def grade(total: Decimal) -> str:
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


def value_text(
    ind: dict, which: str, cmp_style: dict | None = None, unit_text: str | None = None
) -> str:
    """'≥20期', '100%', '逐步增加': a target or actual as a cell or a sentence writes it."""
    words = ind[f"{which}_words"]
    if ind[which] is None:
        return words or ""
    u = unit_text if unit_text is not None else (ind["unit"] or "")
    s = fmt(ind[which]) + u
    if which == "target" and ind["comparator"]:
        s = (cmp_style or {}).get(ind["comparator"], ind["comparator"]) + s
    return s
