"""Benchmark: events CSV with coordinates -> RFC 7946 GeoJSON, and batches of small files.

Usage: ``python benchmarks/bench_export.py [--quick]``

1. Single file, N = 100,000 and 1,000,000 events (``--quick``: 20,000): geomap's
   ``export_events`` (reads, validates and geocodes every row, builds the features, writes
   RFC 7946) against the plain path ``read_csv + points_from_xy + to_file(engine="pyogrio",
   use_arrow=True, RFC7946="YES")``, which validates nothing. Each run is a fresh process, so
   its peak memory (max RSS) is its own. Ratio = geomap seconds / baseline seconds (goal <= 1).
   ``read_events`` alone is timed too, to show where the time goes.
2. Batch: 10,000 output files (``--quick``: 500) from one CSV: ``geomap export --split-by id``
   (``export_events(..., split_by="id")``) against a plain loop of ``to_file`` per file.
   Ratio = geomap files/s / loop files/s (goal >= 5).

Prints a short report, then one JSON line with every figure.
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

NAMES = ["Aden", "Sanaa", "Erbil", "Baghdad", "Hodeidah", "Damascus", "Deir ez-Zor", "Raqqa",
         "Mosul", "Basra"]


def make_csv(path: Path, n: int) -> None:
    """Events with target coordinates (and a target name, as real files have)."""
    import numpy as np

    rng = np.random.default_rng(7)
    lat = rng.uniform(-60, 60, n).round(5)
    lon = rng.uniform(-179, 179, n).round(5)
    with open(path, "w", encoding="utf-8") as out:
        out.write("id,date,attacker,target,target_lat,target_lon,killed,claim,sources\n")
        for i in range(n):
            out.write(f"ev{i:07d},2024-02-{1 + i % 28:02d},group {i % 50},{NAMES[i % 10]},"
                      f"{lat[i]},{lon[i]},{i % 7},claimed,https://example.org/r/{i}\n")


# -- child processes: one measurement each ---------------------------------------------------

def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def child(mode: str, source: str, target: str) -> dict[str, float]:
    import geopandas as gpd
    import pandas as pd

    import geomap.events
    import geomap.export
    import geomap.geometry  # noqa: F401 -- imports are not what we measure

    start = time.perf_counter()
    if mode == "baseline":
        frame = pd.read_csv(source)
        gdf = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["target_lon"],
                                                                  frame["target_lat"]),
                               crs="EPSG:4326")
        gdf.to_file(target, engine="pyogrio", use_arrow=True, RFC7946="YES")
        count = len(gdf)
    elif mode == "geomap":
        summary = geomap.export.export_events(source, output=target, overwrite=True)
        count = summary.features
    elif mode == "read_events":
        count = len(geomap.events.read_events(source).frame)
    elif mode == "batch_loop":
        frame = pd.read_csv(source)
        gdf = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["target_lon"],
                                                                  frame["target_lat"]),
                               crs="EPSG:4326")
        os.makedirs(target, exist_ok=True)
        for i in range(len(gdf)):
            gdf.iloc[i:i + 1].to_file(os.path.join(target, f"{gdf['id'].iat[i]}.geojson"),
                                      engine="pyogrio", RFC7946="YES")
        count = len(gdf)
    elif mode == "batch_geomap":
        summary = geomap.export.export_events(source, out_dir=target, split_by="id",
                                              overwrite=True, progress=False)
        count = len(summary.files_written)
    else:
        raise SystemExit(f"unknown mode {mode}")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_mb(), "count": count}


def measure(mode: str, source: Path, target: Path) -> dict[str, float]:
    result = subprocess.run([sys.executable, __file__, "--child", mode, str(source), str(target)],
                            capture_output=True, text=True, check=False)
    if result.returncode not in (0,):
        raise SystemExit(f"{mode} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _validate(path: Path) -> bool:
    import geojson_validator

    return geojson_validator.validate_structure(str(path), check_crs=True) == {}


def run(quick: bool) -> dict[str, object]:
    sizes = [20_000] if quick else [100_000, 1_000_000]
    batch = 500 if quick else 10_000
    figures: dict[str, object] = {"quick": quick, "single": [], "batch": {}}
    with tempfile.TemporaryDirectory(prefix="bench_export_") as tmp:
        folder = Path(tmp)
        for n in sizes:
            source = folder / f"events_{n}.csv"
            make_csv(source, n)
            base = measure("baseline", source, folder / f"base_{n}.geojson")
            ours = measure("geomap", source, folder / f"geomap_{n}.geojson")
            read = measure("read_events", source, folder / "unused")
            row = {"events": n, "baseline_s": round(base["seconds"], 3),
                   "geomap_s": round(ours["seconds"], 3),
                   "read_events_s": round(read["seconds"], 3),
                   "ratio": round(ours["seconds"] / base["seconds"], 3),
                   "export_stage_ratio": round(
                       max(ours["seconds"] - read["seconds"], 0.0) / base["seconds"], 3),
                   "baseline_peak_mb": round(base["peak_mb"], 1),
                   "geomap_peak_mb": round(ours["peak_mb"], 1),
                   "features": ours["count"]}
            if quick:
                row["valid"] = _validate(folder / f"geomap_{n}.geojson")
            figures["single"].append(row)
            for name in (f"base_{n}.geojson", f"geomap_{n}.geojson"):
                (folder / name).unlink(missing_ok=True)
        source = folder / f"batch_{batch}.csv"
        make_csv(source, batch)
        loop = measure("batch_loop", source, folder / "loop")
        ours = measure("batch_geomap", source, folder / "geomap")
        loop_rate, our_rate = loop["count"] / loop["seconds"], ours["count"] / ours["seconds"]
        figures["batch"] = {
            "files": batch, "loop_files_per_s": round(loop_rate, 1),
            "geomap_files_per_s": round(our_rate, 1), "ratio": round(our_rate / loop_rate, 2),
            "geomap_peak_mb": round(ours["peak_mb"], 1),
        }
    return figures


def report(figures: dict[str, object]) -> None:
    print(f"bench_export ({'quick' if figures['quick'] else 'full'}); cores: {os.cpu_count()}")
    for row in figures["single"]:
        print(f"  {row['events']:>9,} events: geomap {row['geomap_s']:.2f}s "
              f"(read_events {row['read_events_s']:.2f}s) vs read_csv+to_file "
              f"{row['baseline_s']:.2f}s -> ratio {row['ratio']:.2f} (goal <= 1.0), export stage "
              f"alone {row['export_stage_ratio']:.2f}; peak {row['geomap_peak_mb']:.0f} MB vs "
              f"{row['baseline_peak_mb']:.0f} MB")
    batch = figures["batch"]
    print(f"  batch of {batch['files']:,} files: geomap {batch['geomap_files_per_s']:.0f} files/s "
          f"vs to_file loop {batch['loop_files_per_s']:.0f} files/s -> {batch['ratio']:.1f}x "
          "(goal >= 5x)")
    print(json.dumps({"bench": "export", **figures}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (seconds)")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "SOURCE", "TARGET"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    report(run(args.quick))


if __name__ == "__main__":
    main()
