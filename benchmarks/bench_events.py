"""Benchmark events validation against the same rules written as a pandera schema.

Workload: a seeded CSV of 1,000,000 events (``--quick``: 50,000) in the events schema, about
3% of rows corrupted (impossible dates, negative casualties, out-of-range coordinates, bad
claims, ``javascript:`` sources, duplicate ids, missing targets), 200 distinct place names.

Contestants, each in a fresh process (so peak memory is its own), on the same file:

* geomap: ``geomap.events.validate_events(path, geocode=False)`` -- chunked (the default
  20,000 rows), every problem named by file, row and field;
* geomap + geocoding: the same with the offline geocoder (names cached per file);
* pandera: the file read whole with ``pandas.read_csv(dtype=str)``, then a
  ``DataFrameSchema`` with the same rules as vectorised checks, ``validate(lazy=True)``.

Figures: rows/s and peak RSS above the process's baseline after imports, and the ratios
geomap / pandera from this run (best time of ``--repeat`` runs per contestant: 3 with
``--quick``, 1 at full size). Prints a short report, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ["claimed", "attributed", "denied", "unclaimed", "disputed", "unknown"]


def _rss_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field):
                return int(line.split()[1])
    return 0


def write_workload(path: Path, rows: int, seed: int = 5) -> int:
    """Write the seeded CSV; return the number of rows deliberately corrupted."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    places = [f"Place {i}" for i in range(195)] + ["Erbil", "Deir ez-Zor", "Tower 22", "Yemen",
                                                   "Al-Qaim"]
    days = pd.date_range("2023-01-01", "2025-12-31").strftime("%Y-%m-%d").to_numpy()
    frame = pd.DataFrame({
        "id": [f"ev{i:07d}" for i in range(rows)],
        "date": rng.choice(days, rows),
        "attacker": rng.choice(["IRI", "US forces", "Houthis", ""], rows),
        "target_party": rng.choice(["US forces", "IRGC", ""], rows),
        "weapon": rng.choice(["drone", "missile", "rocket", ""], rows),
        "origin": rng.choice(places + [""] * 200, rows),
        "target": rng.choice(places, rows),
        "target_lat": np.round(rng.uniform(12, 38, rows), 4).astype(str),
        "target_lon": np.round(rng.uniform(35, 60, rows), 4).astype(str),
        "killed": rng.integers(0, 10, rows).astype(str),
        "injured": rng.choice(["", "1", "2-4"], rows),
        "claim": rng.choice(CLAIMS + [""], rows),
        "sources": rng.choice(["https://example.org/a", "https://a.org/x|https://b.org/y", ""],
                              rows),
        "notes": rng.choice(["", "reported by officials", 'said "no comment", later'], rows),
        "desk": rng.choice(["world", "mideast"], rows),
    })
    bad = rng.choice(rows, size=max(rows * 3 // 100, 8), replace=False)
    corruptions = [("date", "2024-02-30"), ("killed", "-2"), ("target_lat", "123.4"),
                   ("claim", "claimd"), ("sources", "javascript:alert(1)"), ("id", "ev0000000"),
                   ("target_lon", "nan")]
    for k, row in enumerate(bad):
        column, value = corruptions[k % len(corruptions)]
        frame.iat[row, frame.columns.get_loc(column)] = value
    frame.to_csv(path, index=False)
    return len(bad)


def run_geomap(path: str, geocode: bool, repeat: int, queue: mp.Queue) -> None:
    from geomap.events import validate_events

    if geocode:
        import geomap

        geomap.geocode("Erbil")  # load the gazetteer before the clock starts
    base = _rss_kib("VmRSS")
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        report = validate_events(path, geocode=geocode, progress=False)
        seconds.append(time.perf_counter() - start)
    queue.put({"seconds": min(seconds), "peak_kib": _rss_kib("VmHWM") - base,
               "rows": report.rows_in, "rejected": len(report.rejected_rows),
               "problems": len(report.problems)})


def _pandera_schema():
    import numpy as np
    import pandas as pd
    import pandera.pandas as pa

    def number_in(limit: float):
        def check(s: pd.Series) -> pd.Series:
            x = pd.to_numeric(s, errors="coerce")
            return (s == "") | (np.isfinite(x) & (x.abs() <= limit))
        return pa.Check(check, error=f"number in [-{limit}, {limit}]")

    def valid_date(s: pd.Series) -> pd.Series:
        shape = s.str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?")
        day = s.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
        parsed = pd.to_datetime(s.where(day), format="%Y-%m-%d", errors="coerce")
        return (s == "") | (shape & (~day | parsed.notna()))

    def casualties(s: pd.Series) -> pd.Series:
        parts = s.str.extract(r"^(\d+)(?:-(\d+))?$")
        low = pd.to_numeric(parts[0], errors="coerce")
        high = pd.to_numeric(parts[1], errors="coerce").fillna(low)
        return (s == "") | (low.notna() & (low <= high))

    url = r"https?://[^\s/;|]+[^\s;|]*(\s*[;|]\s*https?://[^\s/;|]+[^\s;|]*)*"
    text = {"dtype": str, "nullable": False}
    return pa.DataFrameSchema(
        {
            "id": pa.Column(**text, unique=True, checks=pa.Check.str_length(min_value=1)),
            "date": pa.Column(**text, checks=pa.Check(valid_date, error="ISO date")),
            "target_lat": pa.Column(**text, checks=number_in(90)),
            "target_lon": pa.Column(**text, checks=number_in(180)),
            "killed": pa.Column(**text, checks=pa.Check(casualties, error="casualties")),
            "injured": pa.Column(**text, checks=pa.Check(casualties, error="casualties")),
            "claim": pa.Column(**text, checks=pa.Check(
                lambda s: s.str.lower().isin([*CLAIMS, ""]), error="claim value")),
            "sources": pa.Column(**text, checks=pa.Check(
                lambda s: (s == "") | s.str.fullmatch(url), error="http(s) URLs")),
        },
        checks=[
            pa.Check(lambda df: (df["target"] != "") | (df["target_lat"] != ""),
                     error="a target name or coordinates"),
            pa.Check(lambda df: (df["target_lat"] == "") == (df["target_lon"] == ""),
                     error="lat and lon together"),
        ],
    )


def run_pandera(path: str, repeat: int, queue: mp.Queue) -> None:
    import pandas as pd
    import pandera.errors

    schema = _pandera_schema()
    base = _rss_kib("VmRSS")
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
        try:
            schema.validate(frame, lazy=True)
            rejected = 0
        except pandera.errors.SchemaErrors as err:
            rejected = int(err.failure_cases["index"].dropna().nunique())
        seconds.append(time.perf_counter() - start)
        rows = len(frame)
        del frame
    queue.put({"seconds": min(seconds), "peak_kib": _rss_kib("VmHWM") - base, "rows": rows,
               "rejected": rejected})


def _in_child(target, *args) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50,000 rows instead of 1,000,000")
    parser.add_argument("--rows", type=int, help="rows to generate (overrides --quick)")
    parser.add_argument("--repeat", type=int,
                        help="runs per contestant, best time kept (default: 3 quick, 1 full)")
    args = parser.parse_args(argv)
    rows = args.rows or (50_000 if args.quick else 1_000_000)
    repeat = args.repeat or (3 if args.quick else 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.csv"
        corrupted = write_workload(path, rows)
        size_mb = path.stat().st_size / 1e6
        results = {
            "geomap": _in_child(run_geomap, str(path), False, repeat),
            "geomap_geocode": _in_child(run_geomap, str(path), True, repeat),
            "pandera": _in_child(run_pandera, str(path), repeat),
        }
    print(f"events validation: {rows:,} rows ({size_mb:.0f} MB CSV), {corrupted:,} corrupted, "
          f"best of {repeat}")
    figures: dict[str, object] = {"rows": rows, "corrupted": corrupted, "repeat": repeat}
    for name, r in results.items():
        rate = r["rows"] / r["seconds"]
        peak = r["peak_kib"] / 1024
        print(f"  {name:15s} {r['seconds']:7.2f} s  {rate:10,.0f} rows/s  "
              f"peak +{peak:6.0f} MiB  rejected {r['rejected']:,}")
        figures[f"{name}_rows_per_s"] = round(rate)
        figures[f"{name}_peak_mib"] = round(peak, 1)
        figures[f"{name}_rejected"] = r["rejected"]
    speed = figures["geomap_rows_per_s"] / figures["pandera_rows_per_s"]
    memory = figures["geomap_peak_mib"] / max(figures["pandera_peak_mib"], 0.1)
    print(f"  geomap / pandera: speed x{speed:.2f}, peak memory x{memory:.2f} "
          "(geomap also names file, row, field and reason for every problem)")
    figures.update(speed_ratio_vs_pandera=round(speed, 3), memory_ratio_vs_pandera=round(memory, 3))
    print(json.dumps({"bench": "events", **figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
