"""Benchmark: command-line start-up and batches from the command line.

Usage: ``python benchmarks/bench_cli.py [--quick]``

* cold ``geomap geocode Erbil`` (a new process each time; min of 5, ``--quick`` 3) against
  ``python -c pass`` (goal < 0.5 s);
* ``geomap extract --format jsonl FOLDER`` over 1,000 articles (``--quick``: 100) made as
  ``bench_extract`` makes them (dev-set paragraphs), in one process (goal < 15 s for 1,000).

Prints a report, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_extract import make_articles  # noqa: E402

GEOMAP = Path(sys.executable).with_name("geomap")


def _wall(command: list[str], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    n = 100 if args.quick else 1_000
    geocode = _wall([str(GEOMAP), "geocode", "Erbil"], runs)
    python = _wall([sys.executable, "-c", "pass"], runs)
    with tempfile.TemporaryDirectory(prefix="bench_cli_") as tmp:
        for i, text in enumerate(make_articles(n)):
            (Path(tmp) / f"a{i:04d}.txt").write_text(text, encoding="utf-8")
        extract = _wall([str(GEOMAP), "extract", "--format", "jsonl", tmp], 1)
    figures = {"quick": args.quick, "geocode_cold_s": round(geocode, 3),
               "python_pass_s": round(python, 3), "articles": n,
               "extract_folder_s": round(extract, 2),
               "extract_1000_equivalent_s": round(extract * 1000 / n, 1)}
    print(f"bench_cli ({'quick' if args.quick else 'full'})")
    print(f"  cold `geomap geocode Erbil` {geocode:.2f}s (goal < 0.5) vs `python -c pass` "
          f"{python:.2f}s")
    print(f"  `geomap extract` over {n:,} articles in one process: {extract:.1f}s "
          f"(goal < 15 s for 1,000)")
    print(json.dumps({"bench": "cli", **figures}))


if __name__ == "__main__":
    main()
