"""What a batch run tells the person watching it: a live bar, plain lines in logs, a summary."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

from .batch import BatchSummary

# Without a terminal (logs, CI) one plain progress line every this many seconds.
LOG_EVERY = 10.0
SEVERITIES = ("error", "warning", "info")


class Progress:
    """``start(to_extract, skipped)``, ``file(path, status)`` per file, ``close()``.

    On a terminal: a tqdm bar (files done, files/s, ETA, failures). Otherwise: a line every
    ``LOG_EVERY`` seconds. ``quiet``: nothing at all (cron). ``verbose``: one line per file.
    """

    def __init__(self, quiet: bool = False, verbose: bool = False, stream: TextIO | None = None):
        self.quiet, self.verbose = quiet, verbose
        self.stream = stream or sys.stderr
        self.bar = None
        self.total = self.done = self.failed = 0
        self.t0 = self.last_line = time.monotonic()

    def start(self, to_extract: int, skipped: int) -> None:
        self.total = to_extract
        self.t0 = self.last_line = time.monotonic()
        if self.quiet:
            return
        if skipped:
            self._say(f"{skipped} file(s) unchanged since the last run: skipped")
        if to_extract and self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(
                total=to_extract, unit="file", file=self.stream, dynamic_ncols=True, smoothing=0.1
            )
            self.bar.set_postfix(failed=0)

    def file(self, path: Path, status: str) -> None:
        if status == "skipped":
            if self.verbose:
                self._say(f"{status:>9}  {path}")
            return
        self.done += 1
        self.failed += status == "failed"
        if self.quiet:
            return
        if self.verbose:
            self._say(f"{status:>9}  {path}")
        if self.bar is not None:
            self.bar.update(1)
            if status == "failed":
                self.bar.set_postfix(failed=self.failed)
        elif time.monotonic() - self.last_line >= LOG_EVERY:
            self.last_line = time.monotonic()
            self._say(self._plain_line())

    def _plain_line(self) -> str:
        elapsed = time.monotonic() - self.t0
        rate = self.done / elapsed if elapsed else 0.0
        eta = (self.total - self.done) / rate if rate else float("nan")
        return (
            f"{self.done}/{self.total} files, {rate:.1f} files/s, ETA {eta:.0f} s, "
            f"{self.failed} failed"
        )

    def _say(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def summary_text(summary: BatchSummary, db_path: str) -> str:
    """The final summary: counts, findings by severity, time."""
    files = summary.extracted + summary.skipped + summary.failed
    rate = files / summary.seconds if summary.seconds else 0.0
    found = ", ".join(
        f"{summary.findings[s]} {s}"
        for s in (*SEVERITIES, *sorted(set(summary.findings) - set(SEVERITIES)))
        if summary.findings[s]
    )
    lines = [
        f"{summary.extracted} extracted, {summary.skipped} skipped (unchanged), "
        f"{summary.failed} failed → {db_path}",
        f"findings: {found or 'none'}; {files} files in {summary.seconds:.1f} s ({rate:.1f} files/s"
        + (f", {summary.pages} PDF pages" if summary.pages else "")
        + ")",
    ]
    if summary.interrupted:
        lines.append("interrupted: the reports above are committed; run again to finish the rest")
    return "\n".join(lines)
