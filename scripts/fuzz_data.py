"""Fuzzes the data readers: seeded hostile JSONL files and biography folders (issue 16).

    python scripts/fuzz_data.py [--cases 10000] [--bio-cases 1000] [--seed 16]

Prints the figures (files, lines, biography files tried; crashes; lines or files neither kept
nor named; good lines lost) and the first failures; exits 1 when anything failed. The cases
and their checks live in tests/data/fuzz_inputs.py (the test suite runs a few thousand).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data"))

from fuzz_inputs import run_cases  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10000, help="JSONL files (about 5 lines each)")
    parser.add_argument("--bio-cases", type=int, default=1000, help="biography folders")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="farense-fuzz-") as tmp:
        figures = run_cases(Path(tmp), args.seed, args.cases, args.bio_cases)
    failures = figures.pop("failures")
    print(", ".join(f"{key}: {value}" for key, value in figures.items()),
          f"failures: {len(failures)}, {time.perf_counter() - started:.1f} s")
    for failure in failures[:20]:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
