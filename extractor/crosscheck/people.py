"""People across units: the same name in the leadership or sign-off of several units of a region.

It can be legitimate (a county leader heads several groups), so it is information — unless the
roles conflict: one person holding a role only one person can hold (组长, 局长, 单位负责人, see
patterns/crosscheck.toml) in two different units is a warning. Names are compared within one
region (a common name in two counties is two people).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .folder import Folder, Report, finding, label, norm

RULE = "cross_person"
MAX_UNITS = 8  # a name in more units of one region than this is a common name, not one person


def find_people(folder: Folder, twins: set[tuple[str, str]]) -> list[dict[str, Any]]:
    """``twins``: pairs of report ids that are one submission (their people are the same)."""
    exclusive = set(folder.conf["people"]["exclusive_roles"])
    reps = folder.by_id()
    groups: dict[tuple[str, str], list[tuple[Report, dict[str, Any]]]] = defaultdict(list)
    for rid, people in folder.people.items():
        r = reps.get(rid)
        if r is None:
            continue
        for p in people:
            name = norm(p.get("name"))
            if len(name) >= 2:
                groups[(norm(r.region), name)].append((r, p))
    out: list[dict[str, Any]] = []
    for (_, name), rows in sorted(groups.items()):
        units = {r.unit for r, _ in rows}
        if not 2 <= len(units) <= MAX_UNITS:
            continue
        seen: set[str] = set()
        for r, p in rows:
            if r.id in seen:
                continue
            seen.add(r.id)
            mates = [(o, q) for o, q in rows if o.unit != r.unit
                     and (r.id, o.id) not in twins and (o.id, r.id) not in twins]  # fmt: skip
            if not mates:
                continue
            others = sorted({o.id: o for o, _ in mates}.values(), key=lambda o: o.path)
            roles = "、".join(sorted({f"{o.department or o.unit}{q.get('role') or ''}"
                                     for o, q in mates}))  # fmt: skip
            role = norm(p.get("role"))
            heads_elsewhere = {o.unit for o, q in mates if norm(q.get("role")) in exclusive}
            conflict = role in exclusive and bool(heads_elsewhere)
            where = "、".join(label(o) for o in others[:4])
            if conflict:
                msg = (f"{name}在本单位任{role}，同时在其他单位任{roles}，职务冲突（{where}） "
                       f"(same person heads two units)")  # fmt: skip
            else:
                msg = (f"{name}（本单位{role}）也出现在其他单位的报告中：{roles}（{where}） "
                       f"(same person in several units)")  # fmt: skip
            out.append(finding(RULE, "warning" if conflict else "info",
                               "role_conflict" if conflict else "across_units", r, others,
                               f"people[{p['index']}]", msg, span=p["span"], person=name))  # fmt: skip
    return out
