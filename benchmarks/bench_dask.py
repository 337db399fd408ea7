"""Benchmark: the dask engine on a LocalCluster of 2 worker processes against the local engine.

Usage: ``python benchmarks/bench_dask.py [--quick]``

2,000,000 events with coordinates (``--quick``: 200,000) exported to one RFC 7946 file, in the
same run: ``export_events(engine="local")`` (one process reading, one encoder process) and
``export_events(engine="dask", scheduler=<LocalCluster(n_workers=2, processes=True)>)`` (the
workers read, validate and encode their partitions; the client writes the merged file), and
the dask engine writing GeoParquet parts (no merge). The cluster is started before the clock.
Ratio = local seconds / dask seconds (goal >= 1.6 on 2 workers). Each run in its own process;
peak memory of the client process. Prints a report, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_export import make_csv  # noqa: E402


def child(mode: str, source: str, target: str) -> dict[str, float]:
    import resource

    import geomap.export

    kwargs: dict[str, object] = {}
    client = None
    if mode.startswith("dask"):
        import distributed

        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=40)
        client = distributed.Client(cluster)
        kwargs = {"engine": "dask", "scheduler": client}
    out = {"output": target} if mode != "dask_parts" else {"out_dir": target, "fmt": "parquet"}
    start = time.perf_counter()
    summary = geomap.export.export_events(source, overwrite=True, progress=False, **out,
                                          **kwargs)
    seconds = time.perf_counter() - start
    if client is not None:
        client.close()
        cluster.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {"seconds": seconds, "peak_mb": peak, "features": summary.features,
            "rows_in": summary.rows_in}


def measure(mode: str, source: Path, target: Path) -> dict[str, float]:
    result = subprocess.run([sys.executable, __file__, "--child", mode, str(source),
                             str(target)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(quick: bool) -> dict[str, object]:
    n = 200_000 if quick else 2_000_000
    with tempfile.TemporaryDirectory(prefix="bench_dask_") as tmp:
        folder = Path(tmp)
        source = folder / "events.csv"
        make_csv(source, n)
        local = measure("local", source, folder / "local.geojson")
        dask = measure("dask", source, folder / "dask.geojson")
        same = (folder / "local.geojson").read_bytes() == (folder / "dask.geojson").read_bytes()
        parts = measure("dask_parts", source, folder / "parts")
    return {"quick": quick, "events": n, "local_s": round(local["seconds"], 2),
            "dask_s": round(dask["seconds"], 2), "dask_parts_s": round(parts["seconds"], 2),
            "speedup": round(local["seconds"] / dask["seconds"], 2),
            "speedup_parts": round(local["seconds"] / parts["seconds"], 2),
            "local_peak_mb": round(local["peak_mb"], 1),
            "dask_client_peak_mb": round(dask["peak_mb"], 1), "same_bytes": same,
            "rows_in": dask["rows_in"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    f = run(args.quick)
    print(f"bench_dask ({'quick' if f['quick'] else 'full'}); cores: {os.cpu_count()}")
    print(f"  {f['events']:,} events -> one GeoJSON: local engine {f['local_s']:.1f}s, dask on "
          f"2 worker processes {f['dask_s']:.1f}s -> {f['speedup']:.2f}x (goal >= 1.6); "
          f"GeoParquet parts {f['dask_parts_s']:.1f}s -> {f['speedup_parts']:.2f}x; "
          f"same bytes: {f['same_bytes']}; client peak {f['dask_client_peak_mb']:.0f} MB vs "
          f"{f['local_peak_mb']:.0f} MB")
    print(json.dumps({"bench": "dask", **f}))


if __name__ == "__main__":
    main()
