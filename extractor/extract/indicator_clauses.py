"""Name-value clauses of prose read as indicators: ``验收合格率100%``, ``巡查车辆≥4辆,实际巡查4辆``.

A clause runs to the next punctuation (or past a percentage that runs into the next name); its
value is the longest tail that is one value (both cut by ``indicator_segments``); its name is what
stands before, without list markers, opening verbs (完成了, 其中) and copulas (为, 达到). Works
stated with their figures are read by ``indicator_works``. Which clauses count, and whether a value
is a target or an actual, depends on the section mode given by ``indicator_prose``. Patterns:
``[prose]`` in ``patterns/indicators.toml``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from .. import patterns
from ..model import Document
from .indicator_fields import blank, set_rate, set_value
from .indicator_segments import segments, value_tail
from .indicator_works import (
    cut_item_start,
    lead_value,
    quantity_with_rate,
    sentence_start,
    work_groups,
    work_with_rate,
)  # fmt: skip
from .values import Value, parse_whole

YEAR = regex.compile(r"\d{4}年度?")
DATE_IN_NAME = regex.compile(r"\d{4}年|\d{1,2}月\d{1,2}日|\d{1,2}月$")
GOALS = ("target", "result_list", "result_rate")
LEVEL_MODES = ("level", "level_target")
COUNT_UNITS = patterns.alternation(patterns.load("units")["count"]["units"])


# Word lists of ``[prose]`` that names are tested to start or end with.
AFFIXES = (
    "actual_leads", "score_names", "change_leads", "change_tails", "task_tails", "negation_tails",
    "rate_names",
)  # fmt: skip


@cache
def prose_grammar() -> dict[str, Any]:
    cfg = patterns.load("indicators")
    p = cfg["prose"]
    level_words = [w for w in cfg["level1"].values() for w in w if w.endswith(("指标", "满意度"))]
    level_words += [w for d in cfg["level2"].values() for w in d["words"]]
    ranks = [regex.compile(r) for r in p["ranks"]]
    # Level words that relabel the clauses after them inside a paragraph ("产出指标:数量指标:…;
    # 质量指标:…"): the family each names, level-1 words resetting the level-2.
    level_of = {w: (l1, None) for l1, ws in cfg["level1"].items() for w in ws if w.endswith("指标")}
    level_of |= {w: (d["level1"], l2) for l2, d in cfg["level2"].items() for w in d["words"]}
    return {
        **p,
        "rank_res": ranks,
        # For one startswith/endswith test before the word-by-word loops of _strip_name.
        "name_edges": (tuple(p["name_leads"]), tuple(p["copulas"])),
        # The ranks as one alternation tried left to right: the first that matches is the rank.
        "rank_any": regex.compile("|".join(f"(?P<r{i}>{r})" for i, r in enumerate(p["ranks"]))),
        "level_of": level_of,
        "level_label": regex.compile(rf"(?P<w>{patterns.alternation(level_of)})\s*:"),
        "lead": regex.compile(
            r"\s*(?:" + "|".join(f"(?:{r})" for r in p["ranks"]) + r")?\s*"
            rf"(?P<w>{patterns.alternation(level_words)})"
            r"(?:完成情况|情况)?(?:全部完成|已完成|均已完成)?\s*[。.:,]?\s*"
        ),
        # "带动560户农户增收": a verb, the figure, then the rest of the name.
        "mid_value": regex.compile(
            rf"\s*(?P<pre>[^\d]*?(?:{patterns.alternation(p['mid_value_verbs'])}))\s*"
            rf"(?P<v>\d+(?:\.\d+)?\s*(?:{COUNT_UNITS}|{patterns.alternation(p['extra_units'])}))"
            r"(?P<post>\p{Han}[^\d]{1,15}?)\s*"
        ),
        # "主要指标是…", "(二)绩效目标:…": the rest of the sentence lists targets.
        "goal_lead": regex.compile(
            rf"(?:{patterns.alternation(p['goal_leads'])})\s*(?:(?:是|为)\s*:?|如下\s*:|:)"
        ),
        # A name ending in a field's label: "巡查覆盖率年度目标值" → 巡查覆盖率, target.
        "label_at_end": {
            field: regex.compile(rf"(?:{'|'.join(alts)})$")
            for field, alts in (
                ("forecast", p["forecast_labels"]),
                (
                    "actual",
                    [patterns.alternation(cfg["fields"]["actual"] + p["actual_labels"])]
                    + p["period_actual_labels"],
                ),
                ("target", [patterns.alternation(cfg["fields"]["target"] + p["target_labels"])]),
            )
        },  # fmt: skip
        "task_rate": regex.compile(p["task_rate"]),
        "deviation": regex.compile(
            rf"\s*(?:{patterns.alternation(cfg['fields']['deviation'])})\s*:?"
        ),
        # Tuples, for str.startswith/endswith without a tuple built at every call.
        "target_cmp": tuple(
            sorted(
                set(patterns.load("comparators")["symbols"])
                | {w for w in patterns.load("comparators")["before"] if w != "达到"}
                | set(patterns.load("comparators")["after"])
            )
        ),
        **{k: tuple(p[k]) for k in AFFIXES},
        "budget_words_longest": sorted(p["budget_words"], key=len, reverse=True),
    }


# List markers: "(1)", "1、", "①", and the counted "一是/二是" of running prose.
_LIST_MARK = regex.compile(
    r"^\s*(?:\(?\d{1,2}\)|\d{1,2}[、.]|[①-⑳]|[一二三四五六七八九十]{1,2}是)\s*"
)


def _strip_name(name: str, pg: dict) -> str:
    """The name as a report means it: no list marker, opening verb or trailing copula."""
    name = _LIST_MARK.sub("", name).strip(" :\t")
    leads, copulas = pg["name_edges"]
    changed = True
    while changed:
        changed = False
        if not name.startswith(leads) and not name.endswith(copulas):
            break  # most names: neither loop below would change them
        for w in pg["name_leads"]:
            if name.startswith(w) and len(name) > len(w) + 1:
                name, changed = name[len(w) :].lstrip(" :"), True
        for w in pg["copulas"]:
            if name.endswith(w) and len(name) > len(w):
                name, changed = name[: -len(w)].rstrip(), True
    return name.strip(" :(")


_HAN = regex.compile(r"\p{Han}")


def _han(s: str) -> int:
    return len(_HAN.findall(s))


def scan(doc: Document, start: int, end: int, mode: str, level1, level2) -> list[dict[str, Any]]:
    """Name-value clauses of ``doc.text[start:end]`` read as indicators under ``mode``."""
    pg = prose_grammar()
    text = doc.text

    def accept(name: str, raw: str, v: Value) -> bool:  # a work's or a task's own name
        return _acceptable(name, raw, v, "level", pg)

    clauses = []
    groups = work_groups(doc, start, end, value_tail) if mode != "result_rate" else []
    for a, b in segments(text, start, end):
        if any(a < g.end and g.start < b for g in groups):
            continue  # a work's sub-figures: the work is the indicator
        v = value_tail(text, a, b)
        if v is None:
            mid = pg["mid_value"].fullmatch(text, a, b)
            if mid and mode != "result_rate":  # "带动300户群众增收": the figure inside the name
                v = parse_whole(mid.group("v"), mid.start("v"))
                name = _strip_name(mid.group("pre") + mid.group("post"), pg)
                clauses.append((a, v, text[a : mid.start("v")], name))
            else:  # a name alone ("巡查河道里程,年度目标值…") or a deviation reason
                clauses.append((a, None, text[a:b], _strip_name(text[a:b], pg)))
            continue
        raw_name = text[a : v.start]
        first = lead_value(text, a, v.start)
        if first:  # "为300名服务对象发放补助金150万元": two indicators, the first figure first
            (vs, ve, n1), (s2, n2) = first
            clauses.append((a, parse_whole(text[vs:ve], vs), text[ve:s2], n1))
            clauses.append((s2, v, text[s2 : v.start], n2))
            continue
        if ":" in raw_name:  # "保障时限:2年" / "具体为:完成了…12公里"
            before, _, after = raw_name.rpartition(":")
            if _han(after) < 2:
                raw_name = before
            elif _field_of(_strip_name(after, pg), pg)[1]:  # not "名称:年度目标值≥90%"
                raw_name = after
        clauses.append((a, v, raw_name, _strip_name(raw_name, pg)))
    valued = [c for c in clauses if c[1] is not None]
    explicit_actual = any(n.startswith(pg["actual_leads"]) for *_, n in valued)
    if mode == "target" and any(w in text[start:end] for w in pg["achieved_phrases"]):
        mode = "result_list"  # goals reported as met: the figures are results
    # Labels say which figure is the target ("…98%,完成目标值(≥95%)"): the others are results.
    # Each valued clause's field by its wording, worked out once: read here and in the loop below.
    fields = [_field_of(n, pg) if v is not None else None for _, v, _, n in clauses]
    labelled = any(f is not None and f[0] == "target" for f in fields)
    targets_here = mode in ("target", "level_target") or (
        not explicit_actual
        and not labelled
        and any(v.raw.startswith(pg["target_cmp"]) or _after_cmp(v, pg) for _, v, *_ in valued)
    )
    out: list[dict[str, Any]] = []
    alone = None  # the name stated alone just before: its fields follow
    relabel, base = _relabels(text, start, end, pg), (level1, level2)

    def levels_at(pos: int) -> tuple:
        return next((lv for at, lv in reversed(relabel) if at < pos), base)

    for k, (a, v, raw_name, name) in enumerate(clauses):
        here = v.start if v is not None else a + len(raw_name)  # labels before the name count
        level1, level2 = levels_at(here)
        prev = out[-1] if out else None
        before = clauses[k - 1][1] if k else None
        if v is None:
            dev = pg["deviation"].match(text, a)
            if dev and prev and prev["deviation_reason"] is None:
                reason = text[dev.end() : a + len(raw_name)].strip()
                prev["deviation_reason"] = reason or None
                prev["field_spans"]["deviation"] = doc.span(a, a + len(raw_name.rstrip()))
            alone = (a, name) if 2 <= _han(name) and len(name) <= pg["name_max"] else None
            continue
        field, name = fields[k]
        if field and not name and alone and not (prev and prev["span"]["start"] > alone[0]):
            name, a, raw_name = alone[1], alone[0], alone[1]
        alone = None
        if field == "rate" and prev and v.unit == "%" and prev["stated_rate_pct"] is None:
            set_rate(doc, prev, v)
            continue
        if field in ("rate", "task_rate") or (field is None and name in pg["kind_rates"]):
            # A rate named by its kind ("完成率100%", "完成任务的104%", "完工率100%") with no
            # indicator before it in its sentence: a planned work's, else a quantity's before it;
            # a kind rate with neither stays an indicator of its own.
            sent = sentence_start(text, start, a)
            mine = prev is not None and prev["span"]["start"] >= sent
            if mine and field == "task_rate" and prev["stated_rate_pct"] is None:
                set_rate(doc, prev, v)
            elif not mine and v.unit == "%":
                found = work_with_rate(doc, clauses[:k], sent, v, accept)
                if found is None and field:
                    found = quantity_with_rate(doc, clauses[:k], sent, v, accept)
                if found:
                    out.append(found)
                    continue
            if field:
                continue
        lead = field == "actual_lead"
        field = "actual" if lead else field
        if field and prev and prev[f"{field}_raw"] is None and _same_thing(name, prev["name"]):
            set_value(doc, prev, field, v)
            continue
        if lead:
            field = None  # "实际…" opening an indicator of its own: the value decides
        if (
            not _acceptable(name, raw_name, v, mode, pg)
            or v.end >= len(text.rstrip())
            or v.end > cut_item_start(doc, pg["lead"])
            or (mode not in LEVEL_MODES and _about_funds(text, a, v, before, pg))
        ):
            # (a value that runs into the end of the text may be cut: "增加0.3个" of "…0.3个百分点")
            continue
        if field is None:
            field = "target" if targets_here or _compared(v, pg) else "actual"
        for part in _shared(name, raw_name):
            ind = blank(part, level1, level2)
            set_value(doc, ind, field, v)
            s = text.index(raw_name.strip(), a)  # the name may follow its figure
            ind["span"] = doc.span(min(s, v.start), max(v.end, s + len(raw_name.strip())))
            out.append(ind)
    for g in groups:
        if _acceptable(g.name, g.name, g.value, mode, pg) and g.value.end < len(text.rstrip()):
            ind = blank(g.name, *levels_at(g.value.start))
            field = "target" if targets_here or _compared(g.value, pg) else "actual"
            set_value(doc, ind, field, g.value)
            ind["span"] = doc.span(g.start, g.end)
            out.append(ind)
    return sorted(out, key=lambda ind: ind["span"]["start"])


def _relabels(text: str, start: int, end: int, pg: dict) -> list[tuple[int, tuple]]:
    """(offset, (level1, level2)) where a level label inside the paragraph changes the levels."""
    out = []
    for m in pg["level_label"].finditer(text, start, end):
        out.append((m.start(), pg["level_of"][m.group("w")]))
    return out


def _about_funds(text: str, a: int, v: Value, before: Value | None, pg: dict) -> bool:
    """Whether a clause is the budget's: money in a sentence about funds ("下达资金870万元,其中
    甲类500万元"), or a rate right after money ("使用672万元,使用率100%")."""
    if not v.is_money:
        return before is not None and before.is_money and v.unit == "%"
    s = max(text.rfind("。", 0, a), text.rfind("\n", 0, a)) + 1
    return any(w in text[s:a] for w in pg["budget_words"])


def _compared(v: Value, pg: dict) -> bool:
    """Whether a value's comparator makes it a target: "≥95%", "不低于95%", "95%以上"."""
    return v.raw.startswith(pg["target_cmp"]) or _after_cmp(v, pg)


def _after_cmp(v: Value, pg: dict) -> bool:
    return v.raw.endswith(pg["target_cmp"])


def _field_of(name: str, pg: dict) -> tuple[str | None, str]:
    """The field a name's own wording gives its value, and the name without that wording."""
    if name in pg["rate_labels"]:
        return "rate", ""
    if pg["task_rate"].fullmatch(name):
        return "task_rate", ""
    for field, label in pg["label_at_end"].items():
        m = label.search(name)
        if m and (m.start() == 0 or _han(name[: m.start()]) >= 2):
            before = name[: m.start()]
            if before in pg["label_preludes"]:  # "……96.5%,高于目标值90%": the last one's
                return field, ""
            return field, _strip_name(before, pg)
    for w in pg["target_leads"]:
        if name.startswith(w) and _han(name) - len(w) >= 2:
            return "target", _strip_name(name[len(w) :], pg)  # "计划完成培训" → 培训
    for w in pg["actual_leads"]:
        if name.startswith(w):
            return "actual_lead", name  # "实际完成小时数/计划小时数" is a name as written
    return None, name


def _same_thing(name: str, prev: str) -> bool:
    """Whether "实际布防3辆" continues "布防车辆≥3辆": its bare name, or its core, is the last one's."""
    for w in ("实际", "计划", "预计", "完成"):
        if name.startswith(w):
            name = name[len(w) :]
    return not name or name in prev or (len(name) >= 2 and name[-2:] in prev)


def _acceptable(name: str, raw_name: str, v: Value, mode: str, pg: dict) -> bool:
    if _han(name) < 2 or len(name) > pg["name_max"] or name[0].isdigit():
        return False
    if DATE_IN_NAME.search(name) or name.endswith("第"):
        return False  # a date; an ordinal ("第3页") is no quantity
    if v.unit in ("年", "月", "日") and v.number is not None and v.number >= 1000:
        return False  # a date
    if v.unit == "分" or name.endswith(pg["score_names"]):
        return False  # a score, not an indicator
    if name.startswith(pg["change_leads"]) or name.endswith(pg["change_tails"]):
        return False  # a change on last year ("较上年增长15%"), not a level
    if name.endswith(pg["task_tails"]):
        return False  # "完成危房改造计划任务53户": the plan restated, not an indicator
    if name.endswith(pg["negation_tails"]):
        return False  # a name cut at a negation ("执行率未达到100%"): the clause is a remark
    if _only_budget_words(name, pg):
        return (
            False  # "实际支出 40万元", "预算执行率": the budget's own figures, even under a level
        )
    if mode in LEVEL_MODES:
        return True
    if any(w in name for w in pg["overall_words"]):
        return False  # "项目整体完成率": the report's overall completion, not one indicator
    if any(w in name for w in pg["not_a_quantity"]):
        return False  # a unit rate behind a projection ("每公斤售价5元"), a cited document
    if any(w in raw_name for w in pg["budget_words"]):
        return False
    if mode == "result_rate":
        return v.unit == "%" and name.endswith(pg["rate_names"])
    return True


def _only_budget_words(name: str, pg: dict) -> bool:
    """Whether a name says nothing but budget words (实际支出, 资金到位率, 预算执行率)."""
    rest = name
    for w in (*pg["actual_leads"], *pg["target_leads"], *pg["budget_leads"]):
        rest = rest.removeprefix(w)
    for w in pg["budget_words_longest"]:
        rest = rest.replace(w, "")
    return rest in ("", "率", "数", "金额", "额", "进度")


def _shared(name: str, raw_name: str) -> list[str]:
    """The names of one clause: "覆盖率及到位率均为100%" states two indicators with one value."""
    if regex.search(r"均(?:为|达到|达)\s*$", raw_name) and regex.search(r"及|和|、", name):
        parts = [p for p in regex.split(r"及|和|、", name) if _han(p) >= 2]
        if len(parts) > 1:
            return parts
    return [name]
