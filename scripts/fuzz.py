"""A longer fuzzing run of the property tests (not part of the default suite).

    python scripts/fuzz.py                 # 5,000 examples per property
    python scripts/fuzz.py -n 50000 -x     # more, stop at the first failure

Runs ``tests/test_properties.py`` under pytest with ``JIXIAO_FUZZ_EXAMPLES`` raised; hypothesis
prints the smallest failing input it finds. Exit status is pytest's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--examples", type=int, default=5000, help="examples per property")
    parser.add_argument("-x", "--exitfirst", action="store_true", help="stop at the first failure")
    args = parser.parse_args()
    env = {**os.environ, "JIXIAO_FUZZ_EXAMPLES": str(args.examples)}
    cmd = [sys.executable, "-m", "pytest", str(ROOT / "tests" / "test_properties.py"), "-q"]
    cmd += ["-p", "no:cacheprovider", "--hypothesis-show-statistics"]
    if args.exitfirst:
        cmd.append("-x")
    return subprocess.call(cmd, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
