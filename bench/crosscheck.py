"""Benchmark the cross-report audit on a large generated folder (docs/crosscheck.md).

    .venv/bin/python bench/crosscheck.py                 # 10,000 reports
    .venv/bin/python bench/crosscheck.py -n 30000 --db /tmp/x.db --keep

Reports are made by the corpus templates (corpus/genlib: monitoring reports, department and project
self-evaluations) and written straight into a SQLite database with the store's schema — their
text in ``documents`` and their truth rows (budget, indicators, people) in the child tables —
without running the extractor on files. Each report also gets a few paragraphs of unique prose (so
the passage index holds real work, not only template lines), and 1 % of the reports a paragraph
copied from another unit's report. Then ``run_crosschecks`` is timed, stage by stage.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "corpus"))

from genlib import prose  # noqa: E402

from extractor.crosscheck import run_crosschecks  # noqa: E402
from extractor.store import CHILD_TABLES, _child_row, open_db, report_row  # noqa: E402

TEMPLATES = (prose.monitor, prose.dept_selfeval, prose.project_prose)
# Words for the unique prose paragraphs: realistic enough that shingles rarely repeat by chance.
WORDS = (
    "加强 预算 绩效 管理 资金 使用 效益 项目 实施 进度 监督 检查 规范 制度 建设 落实 责任 "
    "推进 工作 开展 培训 宣传 群众 服务 质量 提升 完善 机制 台账 整改 问题 措施 考核 评价 "
    "目标 任务 完成 情况 分析 原因 调整 优化 结构 保障 重点 领域 基层 乡镇 村级 设施 维护 "
    "采购 合同 验收 档案 信息 公开 透明 审批 拨付 支付 核算 财务 会计 内控 风险 防控"
).split()


def _paragraph(rng: random.Random) -> str:
    return "，".join("".join(rng.choices(WORDS, k=rng.randint(3, 6))) for _ in range(4)) + "。"


def make_batch(args: tuple[int, int, int]) -> list[dict]:
    """Reports ``start`` .. ``start + n`` as contract-shaped dicts (text and truth rows)."""
    start, n, seed = args
    out = []
    for i in range(start, start + n):
        rng = random.Random(f"{seed}-{i}")
        _, data, t = TEMPLATES[i % len(TEMPLATES)](rng, "txt")
        lines = data.decode("utf-8").split("\n")
        extra = [_paragraph(rng) for _ in range(rng.randint(2, 4))]
        lines[1:1] = ["", *extra]
        text = "\n".join(lines)
        for ind in t["indicators"]:  # where the extractor would have read it
            pos = text.find(ind["name"])
            if pos >= 0:
                ind["span"] = {"page": None, "start": pos, "end": pos + len(ind["name"]),
                               "text": ind["name"]}  # fmt: skip
        out.append({
            "source": {"sha256": hashlib.sha256(f"{seed}-{i}".encode()).hexdigest(),
                       "path": f"bench/{i:06d}.txt", "format": "txt", "pages": None},
            "report": t["report"], "budget": t["budget"], "indicators": t["indicators"],
            "people": t["people"], "personnel": t["personnel"], "findings": [], "text": text,
        })  # fmt: skip
    return out


def plant_copies(reports: list[dict], rate: float, seed: int) -> int:
    """Copy a paragraph naming the source's unit into ``rate`` of the reports; → copies made."""
    rng = random.Random(seed)
    k = int(len(reports) * rate)
    for _ in range(k):
        src, dst = rng.sample(reports, 2)
        para = f"{src['report']['department']}严格执行资金管理办法，{_paragraph(rng)}"
        src["text"] = src["text"].replace("\n", f"\n{para}\n", 1)
        dst["text"] = dst["text"].replace("\n", f"\n{para}\n", 1)
    return k


def write(db_path: Path, reports: list[dict]) -> None:
    db = open_db(db_path)
    with db.atomic():
        db["reports"].insert_all(report_row(r) for r in reports)
        db["documents"].insert_all(
            {"report_id": r["source"]["sha256"], "text": r["text"]} for r in reports
        )
        for key, (table, columns) in CHILD_TABLES.items():
            rows = (_child_row(r["source"]["sha256"], item, columns)
                    for r in reports for item in r.get(key, []))  # fmt: skip
            db[table].insert_all(rows, batch_size=5000)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", help="database to write (default: a temporary file)")
    ap.add_argument("--keep", action="store_true", help="keep the database")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    db_path = Path(args.db or tempfile.mkstemp(suffix=".db")[1])
    db_path.unlink(missing_ok=True)
    t0 = time.perf_counter()
    size = 500
    jobs = [(s, min(size, args.n - s), args.seed) for s in range(0, args.n, size)]
    with ProcessPoolExecutor(args.workers) as pool:
        reports = [r for batch in pool.map(make_batch, jobs) for r in batch]
    copies = plant_copies(reports, 0.01, args.seed)
    write(db_path, reports)
    chars = sum(len(r["text"]) for r in reports)
    print(f"generated {len(reports)} reports ({chars / 1e6:.1f} M characters, {copies} planted "
          f"copies) → {db_path} in {time.perf_counter() - t0:.1f} s")  # fmt: skip
    del reports
    t0 = time.perf_counter()
    res = run_crosschecks(open_db(db_path))
    total = time.perf_counter() - t0
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in res.seconds.items())
    sev: dict[str, int] = {}
    for f in res.findings:
        key = f"{f['rule']}/{f['severity']}"
        sev[key] = sev.get(key, 0) + 1
    print(f"cross-report audit: {total:.1f} s ({stages})")
    print(f"{len(res.passages)} shared passages; findings: "
          + ", ".join(f"{k} {v}" for k, v in sorted(sev.items())))  # fmt: skip
    if not args.keep:
        db_path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
