"""Benchmark: command-line start-up and batches from the command line.

Usage: ``python benchmarks/bench_cli.py [--quick]``

* cold ``geomap geocode Erbil`` (a new process each time; min of 5, ``--quick`` 3) against
  ``python -c pass`` (goal < 0.5 s);
* ``geomap extract --format jsonl FOLDER`` over 1,000 articles (``--quick``: 100) made as
  ``bench_extract`` makes them (dev-set paragraphs), in one process (goal < 15 s for 1,000);
* the same folder through ``geomap extract --engine dask FOLDER --out-dir D`` (its own
  LocalCluster, one worker process per core, started inside the timed command), with CPU
  seconds (the command and its worker processes) beside wall for both, and whether the
  parts hold the local run's objects; and on a running cluster (``--scheduler``: a
  LocalCluster started by the bench, its workers warmed by 10 articles, before the clock).

Prints a report, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


def _run(command: list[str]) -> tuple[float, float, bytes]:
    """Wall and CPU seconds (the command and its child processes) and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, done.stdout


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _on_running_cluster(folder: Path, tmp: Path) -> tuple[float, float]:
    """``geomap extract --engine dask --scheduler ADDRESS``: a LocalCluster of one worker
    process per core started here and warmed (10 articles) before the clock. Wall seconds,
    and CPU of the command plus the workers."""
    import distributed

    with distributed.LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                                  processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster, \
            distributed.Client(cluster) as client:
        warm = tmp / "warm"
        warm.mkdir()
        for path in sorted(folder.iterdir())[:10]:
            (warm / path.name).write_bytes(path.read_bytes())
        command = [str(GEOMAP), "extract", "--engine", "dask", "--scheduler",
                   cluster.scheduler_address]
        _run([*command, str(warm), "--out-dir", str(tmp / "warm-parts")])
        before = sum(client.run(_cpu).values())
        wall, cpu, _ = _run([*command, str(folder), "--out-dir", str(tmp / "parts-running")])
        return wall, cpu + sum(client.run(_cpu).values()) - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    n = 100 if args.quick else 1_000
    geocode = _wall([str(GEOMAP), "geocode", "Erbil"], runs)
    python = _wall([sys.executable, "-c", "pass"], runs)
    with tempfile.TemporaryDirectory(prefix="bench_cli_") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for i, text in enumerate(make_articles(n)):
            (folder / f"a{i:04d}.txt").write_text(text, encoding="utf-8")
        extract, extract_cpu, lines = _run([str(GEOMAP), "extract", "--format", "jsonl",
                                            str(folder)])
        parts = Path(tmp) / "parts"
        on_dask, dask_cpu, _ = _run([str(GEOMAP), "extract", "--engine", "dask", str(folder),
                                     "--out-dir", str(parts)])
        same = b"".join(p.read_bytes() for p in sorted(parts.iterdir())) == lines
        running, running_cpu = _on_running_cluster(folder, Path(tmp))
    figures = {"quick": args.quick, "geocode_cold_s": round(geocode, 3),
               "python_pass_s": round(python, 3), "articles": n,
               "extract_folder_s": round(extract, 2), "extract_cpu_s": round(extract_cpu, 2),
               "extract_1000_equivalent_s": round(extract * 1000 / n, 1),
               "extract_dask_s": round(on_dask, 2), "extract_dask_cpu_s": round(dask_cpu, 2),
               "extract_dask_speedup": round(extract / on_dask, 2), "dask_same_objects": same,
               "extract_running_cluster_s": round(running, 2),
               "extract_running_cluster_cpu_s": round(running_cpu, 2)}
    print(f"bench_cli ({'quick' if args.quick else 'full'})")
    print(f"  cold `geomap geocode Erbil` {geocode:.2f}s (goal < 0.5) vs `python -c pass` "
          f"{python:.2f}s")
    print(f"  `geomap extract` over {n:,} articles in one process: {extract:.1f}s "
          f"(CPU {extract_cpu:.1f}s; goal < 15 s for 1,000)")
    print(f"  the same on `--engine dask` (its own LocalCluster, {os.cpu_count()} workers, "
          f"start-up included): {on_dask:.1f}s (CPU {dask_cpu:.1f}s) -> "
          f"{extract / on_dask:.2f}x the local run; parts hold the same objects: {same}")
    print(f"  on a running cluster (--scheduler, {os.cpu_count()} warm workers): {running:.1f}s "
          f"(CPU {running_cpu:.1f}s) -> {extract / running:.2f}x the local run")
    print(json.dumps({"bench": "cli", **figures}))


if __name__ == "__main__":
    main()
