"""Flattened 自评表: the form after a trip through a web page or Excel, as plain text.

Variants: one cell per line; pipe-separated rows; cells separated by runs of spaces; and cells run
together with no separator at all (indicator rows in the 分值 | 年度指标值 | 实际完成值 | 得分 order,
so ``1020万元20万元10`` is weight 10, target 20万元, actual 20万元, score 10).
"""

from __future__ import annotations

import random

from . import facts, truth
from .tables import selfeval_block, signature
from .writers import to_txt


def flat_form(rng: random.Random, variant: str, encoding: str = "utf-8") -> tuple:
    u = facts.unit(rng)
    y, proj = u["year"], rng.choice(u["projects"])
    order = "weight_first" if variant == "runon" else rng.choice(("standard", "weight_first"))
    opts = {"unit_mode": "header", "order": order, "l1_weight": rng.random() < 0.4}
    block = selfeval_block(rng, u, proj, opts)
    rows, h = block["rows"], block["ind_header"]
    lines = ["项目支出绩效自评表", f"（{y}年度）"]
    gap = rng.choice(("  ", "   ", "    ", "\t"))
    for r, row in enumerate(rows):
        cells = [c for c in row if c]
        if variant == "lines":
            lines += cells
        elif variant == "pipes":
            lines.append("| " + " | ".join(row) + " |")
        elif variant == "spaces":
            lines.append(gap.join(cells))
        else:  # runon: the indicator rows fused; budget figures keep one space between them
            numeric = 3 <= r < h - 2  # the four fund rows
            lines.append((" " if numeric else "").join(cells))
    sig, people, filled_iso = signature(rng, y)
    lines += sig
    data = to_txt(lines, encoding, blank_lines=False)
    t = {
        "report": truth.report(title="项目支出绩效自评表", report_type="项目支出绩效自评报告",
                               department=u["department"], region=u["region"], fiscal_year=y,
                               filled_date=filled_iso, self_score=block["total"], grade=block["grade"],
                               supervising_department=u["department"],
                               implementing_unit=u["implementer"], project_name=proj),
        "personnel": [], "people": people, "budget": block["budget"],
        "indicators": block["indicators"], "planted_errors": block["planted"],
        "form": {"variant": variant, "order": order},
    }  # fmt: skip
    return "txt", data, t
