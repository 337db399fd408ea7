"""Benchmark: the dask engine on a LocalCluster of 2 worker processes against the local engine.

Usage: ``python benchmarks/bench_dask.py [--quick]``

2,000,000 events with coordinates (``--quick``: 200,000) exported to one RFC 7946 file, in the
same run: ``export_events(engine="local")`` in one process (its encoder pool off: the goal is
a ratio to single-process throughput), the same with its encoder pool forced (one process
reading, one encoding), and ``export_events(engine="dask", scheduler=<LocalCluster(n_workers=2,
processes=True)>)`` (the workers read, validate and encode their partitions; the client writes
the merged file), and the dask engine writing GeoParquet parts (no merge). The cluster is
started before the clock. Ratio = single-process seconds / dask seconds (goal >= 1.6 on 2
workers), and beside it the ratio to the local engine with its pool (on a 2-core machine it
already keeps both cores busy, so that ratio is bounded by local CPU / dask CPU);
``--repeat N`` keeps the best of N runs of each. CPU seconds are printed beside: the local
engine's process and its encoder pool; the dask client (with the scheduler, in the same
process) and the workers' CPU between the start and the end of the export. Each run in its
own process; peak memory of the client process. Prints a report, then one JSON line.
"""

from __future__ import annotations

import argparse
import filecmp
import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_export import make_csv  # noqa: E402
from bench_export import measure as measure_child  # noqa: E402


def _cpu(who: int | None = None) -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF if who is None else who)
    return usage.ru_utime + usage.ru_stime


def child(mode: str, source: str, target: str) -> dict[str, float]:
    import resource

    import geomap.export

    kwargs: dict[str, object] = {}
    client = None
    if mode in ("local_pool", "local_one"):
        import geomap.export.stream

        # the encoder pool whatever the load, or none: one process (the local engine takes
        # its pool only when a core is idle, so its own choice depends on the moment)
        cores = (os.cpu_count() or 1) if mode == "local_pool" else 0
        geomap.export.stream.idle_cores = lambda: cores
        if mode == "local_pool":  # GeoJSON is encoded in the reader's process unless forced
            geomap.export.stream.IN_PROCESS_FORMATS = frozenset()
    if mode.startswith("dask"):
        import distributed

        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=40)
        client = distributed.Client(cluster)
        kwargs = {"engine": "dask", "scheduler": client}
        # a running cluster: the workers have imported geomap and loaded the gazetteer (a
        # 200-row export through the engine, before the clock)
        with open(source, encoding="utf-8") as full, tempfile.TemporaryDirectory() as tmp:
            small = Path(tmp) / "warm.csv"
            small.write_text("".join(itertools.islice(full, 201)),
                             encoding="utf-8")
            geomap.export.export_events(str(small), output=Path(tmp) / "warm.geojson",
                                        progress=False, **kwargs)
    out = {"output": target} if mode != "dask_parts" else {"out_dir": target, "fmt": "parquet"}
    workers_before = client.run(_cpu) if client is not None else {}
    cpu_before = _cpu() + _cpu(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    summary = geomap.export.export_events(source, overwrite=True, progress=False, **out,
                                          **kwargs)
    seconds = time.perf_counter() - start
    cpu = _cpu() + _cpu(resource.RUSAGE_CHILDREN) - cpu_before  # local: with the encoder pool
    workers = 0.0
    if client is not None:
        workers = sum(v - workers_before[k] for k, v in client.run(_cpu).items())
        client.close()
        cluster.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {"seconds": seconds, "cpu": cpu + workers, "client_cpu": cpu, "workers_cpu": workers,
            "peak_mb": peak, "features": summary.features,
            "rows_in": summary.rows_in}


def measure(mode: str, source: Path, target: Path, repeat: int = 1) -> dict[str, float]:
    """The best of ``repeat`` runs (least wall time), with the CPU and peak of that run."""
    return measure_child(mode, source, target, repeat, script=__file__, max_peak=False)


def run(quick: bool, repeat: int = 1) -> dict[str, object]:
    n = 200_000 if quick else 2_000_000
    with tempfile.TemporaryDirectory(prefix="bench_dask_") as tmp:
        folder = Path(tmp)
        source = folder / "events.csv"
        make_csv(source, n)
        local = measure("local_one", source, folder / "local.geojson", repeat)
        pool = measure("local_pool", source, folder / "pool.geojson", repeat)
        dask = measure("dask", source, folder / "dask.geojson", repeat)
        # compared in blocks: a parent holding both files would lend its resident size to
        # the next child's peak (ru_maxrss survives fork and exec)
        same = filecmp.cmp(folder / "local.geojson", folder / "dask.geojson", shallow=False)
        parts = measure("dask_parts", source, folder / "parts", repeat)
    return {"quick": quick, "events": n, "local_s": round(local["seconds"], 2),
            "dask_s": round(dask["seconds"], 2), "dask_parts_s": round(parts["seconds"], 2),
            "speedup": round(local["seconds"] / dask["seconds"], 2),
            "speedup_parts": round(local["seconds"] / parts["seconds"], 2),
            "local_cpu_s": round(local["cpu"], 1), "dask_cpu_s": round(dask["cpu"], 1),
            "local_pool_s": round(pool["seconds"], 2), "local_pool_cpu_s": round(pool["cpu"], 1),
            "speedup_vs_pool": round(pool["seconds"] / dask["seconds"], 2),
            "dask_parts_cpu_s": round(parts["cpu"], 1), "repeat": repeat,
            "dask_client_cpu_s": round(dask["client_cpu"], 1),
            "dask_workers_cpu_s": round(dask["workers_cpu"], 1),
            "dask_parts_client_peak_mb": round(parts["peak_mb"], 1),
            "local_peak_mb": round(local["peak_mb"], 1),
            "dask_client_peak_mb": round(dask["peak_mb"], 1), "same_bytes": same,
            "rows_in": dask["rows_in"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs of each")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    f = run(args.quick, max(args.repeat, 1))
    print(f"bench_dask ({'quick' if f['quick'] else 'full'}, best of {f['repeat']}); "
          f"cores: {os.cpu_count()}; load average {os.getloadavg()[0]:.1f}")
    print(f"  {f['events']:,} events -> one GeoJSON: local engine in one process "
          f"{f['local_s']:.1f}s "
          f"(CPU {f['local_cpu_s']:.1f}s), dask on 2 worker processes {f['dask_s']:.1f}s "
          f"(CPU {f['dask_cpu_s']:.1f}s: client {f['dask_client_cpu_s']:.1f}s, workers "
          f"{f['dask_workers_cpu_s']:.1f}s) -> {f['speedup']:.2f}x (goal >= 1.6); "
          f"same bytes: {f['same_bytes']}; client peak {f['dask_client_peak_mb']:.0f} MB vs "
          f"{f['local_peak_mb']:.0f} MB")
    print(f"  the local engine with its encoder pool forced (it takes only idle cores by the "
          f"1-minute load): {f['local_pool_s']:.1f}s (CPU {f['local_pool_cpu_s']:.1f}s) -> "
          f"dask merged {f['speedup_vs_pool']:.2f}x of it")
    print(f"  GeoParquet parts {f['dask_parts_s']:.1f}s (CPU {f['dask_parts_cpu_s']:.1f}s) -> "
          f"{f['speedup_parts']:.2f}x; client peak {f['dask_parts_client_peak_mb']:.0f} MB")
    print(json.dumps({"bench": "dask", **f}))


if __name__ == "__main__":
    main()
