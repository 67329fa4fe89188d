"""Benchmark: jixiao on N mixed reports against the floor, a naive pdfplumber pipeline, the
unchanged re-run, and peak memory. One run, the same files for every measurement.

    .venv/bin/python bench/run.py -n 1000            # results table on stdout, JSON beside it
    .venv/bin/python bench/run.py -n 10000 --pdf-sample 0

Not a test: the numbers depend on the machine (and on who else uses it).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import corpus, floor  # noqa: E402
from extractor.batch import extract_to_db  # noqa: E402


class PeakRss(threading.Thread):
    """Samples the resident memory of this process and all its children every 0.2 s."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        import psutil

        self.me = psutil.Process()
        self.driver = self.worker = self.total = self.pss = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            try:
                procs = [self.me, *self.me.children(recursive=True)]
                full = [p.memory_full_info() for p in procs]
            except Exception:  # noqa: BLE001 - a child exiting between listing and reading
                continue
            mine, kids = full[0].rss, [f.rss for f in full[1:]]
            # PSS shares each shared page among the processes that map it: the real total.
            self.pss = max(self.pss, sum(getattr(f, "pss", f.rss) for f in full))
            self.driver = max(self.driver, mine)
            self.worker = max([self.worker, *kids])
            self.total = max(self.total, mine + sum(kids))


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t


def run_floor(files: list[Path], workers: int) -> tuple[float, int]:
    def go():
        with ProcessPoolExecutor(workers) as ex:
            return sum(p for _, p in ex.map(floor.read_text, map(str, files), chunksize=8))

    pages, seconds = timed(go)
    return seconds, pages


def run_jixiao(files: list[Path], db: Path, workers: int) -> dict:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    rss = PeakRss()
    rss.start()
    summary, seconds = timed(extract_to_db, [str(f) for f in files], str(db), workers=workers)
    rss.stop.set()
    rss.join()
    again, reseconds = timed(extract_to_db, [str(f) for f in files], str(db), workers=workers)
    assert again.skipped == len(files) - summary.failed, again
    mb = 1 << 20
    return {
        "seconds": seconds, "extracted": summary.extracted, "failed": summary.failed,
        "failures": summary.failures[:5], "pdf_pages": summary.pages,
        "rerun_seconds": reseconds, "rss_driver_mb": rss.driver / mb,
        "rss_worker_mb": rss.worker / mb, "rss_total_mb": rss.total / mb,
        "pss_total_mb": rss.pss / mb,
    }  # fmt: skip


def pdf_per_core(pdfs: list[Path]) -> dict:
    """PDF pages/s on one core (in this process): floor, jixiao reader and pipeline, pdfplumber."""
    import pdfplumber

    from extractor.readers import pdf_fast, read_bytes
    from extractor.tasks import run_task, warm

    warm()
    blobs = [p.read_bytes() for p in pdfs]
    pages = sum(floor.pdf_text(b)[1] for b in blobs)

    def each(fn):
        return timed(lambda: [fn(b) for b in blobs])[1]

    out = {"files": len(blobs), "pages": pages}
    out["floor_pdfium_text"] = pages / each(floor.pdf_text)
    out["jixiao_reader"] = pages / each(lambda b: read_bytes(b, "x.pdf"))
    out["jixiao_pipeline"] = pages / each(lambda b: run_task("x.pdf", b))
    real = pdf_fast.open_fast
    pdf_fast.open_fast = lambda data: None  # every page through pdfplumber
    try:
        out["jixiao_pipeline_pdfplumber_only"] = pages / each(lambda b: run_task("x.pdf", b))
    finally:
        pdf_fast.open_fast = real

    def naive(data: bytes) -> None:
        import io

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()

    out["naive_pdfplumber_text_tables"] = pages / each(naive)
    return out


def build_corpus(out: Path, n: int) -> list[Path]:
    # In a child: the generator's libraries (reportlab, python-docx) would otherwise stay in
    # this driver and count in its peak memory, which `jixiao extract` never holds.
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as ex:
        return ex.submit(corpus.build, out, n).result()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="reports (default 1000)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "jixiao-bench")
    ap.add_argument("--pdf-sample", type=int, default=40, help="PDFs for the per-core numbers")
    args = ap.parse_args(argv)

    files, gen_s = timed(build_corpus, args.out / f"corpus-{args.n}", args.n)
    kinds = {s: sum(f.suffix == s for f in files) for s in (".txt", ".docx", ".pdf")}
    print(f"{len(files)} files {kinds} ready ({gen_s:.0f} s)", file=sys.stderr)
    floor_s, floor_pages = run_floor(files, args.workers)
    print(f"floor: {floor_s:.1f} s", file=sys.stderr)
    jx = run_jixiao(files, args.out / f"bench-{args.n}.db", args.workers)
    print(f"jixiao: {jx['seconds']:.1f} s", file=sys.stderr)
    pdfs = [f for f in files if f.suffix == ".pdf"][: args.pdf_sample]
    per_core = pdf_per_core(pdfs) if pdfs and args.pdf_sample else {}

    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "n": len(files), "formats": kinds, "pdf_pages": floor_pages, "workers": args.workers,
        "floor_seconds": floor_s, "jixiao": jx, "pdf_per_core_pages_per_s": per_core,
    }  # fmt: skip
    (args.out / f"results-{args.n}.json").write_text(json.dumps(result, indent=1))
    print(table(result))


def table(r: dict) -> str:
    jx, pc, n = r["jixiao"], r["pdf_per_core_pages_per_s"], r["n"]
    rows = [
        ("files (txt / docx / pdf)", " / ".join(str(v) for v in r["formats"].values())),
        ("PDF pages in the corpus", r["pdf_pages"]),
        ("floor: text only, fastest readers", f"{r['floor_seconds']:.1f} s"),
        ("jixiao extract (fresh database)", f"{jx['seconds']:.1f} s = "
         f"{jx['seconds'] / r['floor_seconds']:.1f}× the floor"),
        ("jixiao reports/s", f"{n / jx['seconds']:.1f}"),
        ("jixiao PDF pages/s (whole run, all formats mixed)", f"{r['pdf_pages'] / jx['seconds']:.0f}"),
        ("failed files", jx["failed"]),
        ("unchanged re-run", f"{jx['rerun_seconds']:.2f} s = {n / jx['rerun_seconds']:.0f} files/s"),
        ("peak RSS: driver / largest worker / all processes",
         f"{jx['rss_driver_mb']:.0f} / {jx['rss_worker_mb']:.0f} / {jx['rss_total_mb']:.0f} MB"),
        ("peak PSS, all processes (shared pages counted once)", f"{jx['pss_total_mb']:.0f} MB"),
    ]  # fmt: skip
    if pc:
        rows.append((f"one core, {pc['files']} PDFs / {pc['pages']} pages:", "pages/s"))
        for key in ("floor_pdfium_text", "jixiao_reader", "jixiao_pipeline",
                    "jixiao_pipeline_pdfplumber_only", "naive_pdfplumber_text_tables"):  # fmt: skip
            rows.append((f"  {key}", f"{pc[key]:.1f}"))
    lines = [f"machine: {r['machine']}, {r['workers']} workers", "", "| measure | value |",
             "|---|---|"]  # fmt: skip
    lines += [f"| {k} | {v} |" for k, v in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
