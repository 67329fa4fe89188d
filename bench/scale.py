"""Memory and throughput from 1k to 10k reports: is a long batch flat?

The mixed benchmark (bench/run.py) is dominated by PDF reading; this one uses the committed
.txt reports of corpus/generated/ made byte-distinct (a numbered line appended), so a 10,000-
report run takes minutes, and reports peak memory (RSS of driver and largest worker, PSS of all
processes) and reports/s at each size.

    .venv/bin/python bench/scale.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import run_jixiao  # noqa: E402


def build(out: Path, n: int) -> list[Path]:
    sources = sorted((ROOT / "corpus" / "generated").glob("*.txt"))
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        src = sources[i % len(sources)]
        data = src.read_bytes()
        # GB18030 and UTF-8 both encode ASCII as itself: the copy stays in its encoding.
        f = out / f"{i:05d}-{src.name}"
        f.write_bytes(data + f"\n{i}\n".encode("ascii"))
        files.append(f)
    return files


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="jixiao-scale-") as tmp:
        for n in args.sizes:
            files = build(Path(tmp) / f"n{n}", n)
            r = run_jixiao(files, Path(tmp) / f"n{n}.db", args.workers)
            rows.append({"reports": n, **{k: v for k, v in r.items() if k != "failures"}})
    print(
        "| reports | seconds | reports/s | re-run files/s | driver RSS MB | largest worker RSS MB | PSS all MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['reports']:,} | {r['seconds']:.0f} | {r['extracted'] / r['seconds']:.1f} "
            f"| {r['reports'] / r['rerun_seconds']:,.0f} | {r['rss_driver_mb']:.0f} "
            f"| {r['rss_worker_mb']:.0f} | {r['pss_total_mb']:.0f} |"
        )
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
