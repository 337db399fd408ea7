"""The offline vector basemap: land, country borders, coastlines, provinces and sea names.

The data is Natural Earth (public domain), simplified by ``scripts/rebuild_basemap.py`` into
``geomap/data/basemap.json.gz``. A map embeds the whole world at a coarse resolution and, for
the region around its events, the countries at a finer resolution, their coastline, their
provinces (admin-1, drawn at closer zoom) and the names of the seas.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from geomap.errors import GeomapFileError, GeomapInputError

__all__ = [
    "BASEMAP_ATTRIBUTION",
    "Basemap",
    "load_basemap_data",
    "basemap_for",
    "name_language",
    "payload_json",
    "region_bounds",
]

#: Shown on every map, whatever the tiles.
BASEMAP_ATTRIBUTION = "Basemap: Natural Earth (public domain)"
_RESOURCE = "basemap.json.gz"
#: A region wider than this (degrees) is drawn from the coarse world layer only.
MAX_REGION_SPAN = 70.0
#: From this simplification on (degrees), the pre-simplified ``mid`` geometries are used.
MID_TOLERANCE = 0.03


@lru_cache(maxsize=1)
def load_basemap_data() -> dict[str, Any]:
    """Return the shipped basemap document (cached).

    Raises
    ------
    GeomapFileError
        When ``geomap/data/basemap.json.gz`` is missing or unreadable; rebuild it with
        ``python scripts/rebuild_basemap.py``.
    """
    resource = resources.files("geomap") / "data" / _RESOURCE
    try:
        with resource.open("rb") as raw, gzip.open(raw) as f:
            data = json.loads(f.read())
    except (OSError, ValueError) as err:
        raise GeomapFileError(
            f"cannot read the basemap ({err}); run python scripts/rebuild_basemap.py",
            path=str(resource),
        ) from err
    if data.get("version") != 1:
        raise GeomapFileError("unknown basemap version; rebuild it", path=str(resource))
    return data


@dataclass(frozen=True, slots=True)
class Basemap:
    """The basemap layers for one map, as GeoJSON coordinate lists (lon, lat).

    ``world`` and ``land`` are ``(name, multipolygon_coords)`` pairs: ``world`` the countries
    away from the events (drawn with their outline), ``land`` the countries around them
    (fine inside the region, coarse outside it; drawn filled only). ``borders``, ``coast``
    and ``provinces`` are lists of line coordinate lists; ``seas`` is
    ``(name, lon, lat, min_zoom)``; ``countries`` is ``(name, lon, lat, width, height)``: where
    a country's name is written and the size (degrees) of the part it names, so the name is
    shown only at zooms where it fits. ``country_names``: language -> a name per country of
    ``countries`` (``None`` where it is the English one), for the languages the data carries.
    """

    world: list[tuple[str, Any]] = field(default_factory=list)
    land: list[tuple[str, Any]] = field(default_factory=list)
    borders: list[Any] = field(default_factory=list)
    coast: list[Any] = field(default_factory=list)
    provinces: list[Any] = field(default_factory=list)
    seas: list[tuple[str, float, float, int]] = field(default_factory=list)
    countries: list[tuple[str, float, float, float, float]] = field(default_factory=list)
    country_names: dict[str, list[str | None]] = field(default_factory=dict)
    bounds: tuple[float, float, float, float] | None = None

    def to_payload(self, langs: tuple[str, ...] | None = None) -> dict[str, Any]:
        """A JSON-ready dict for the map page, with the country names in ``langs`` (``None``:
        every language the basemap carries)."""
        return {
            "country_names": {lang: names for lang, names in self.country_names.items()
                              if langs is None or lang in langs},
            "world": [[n, c] for n, c in self.world],
            "land": [[n, c] for n, c in self.land],
            "borders": self.borders,
            "coast": self.coast,
            "provinces": self.provinces,
            "seas": [list(s) for s in self.seas],
            "countries": [list(c) for c in self.countries],
        }


def region_bounds(
    bounds: tuple[float, float, float, float] | None,
) -> tuple[float, float, float, float] | None:
    """Pad the events' bounds ``(minx, miny, maxx, maxy)`` into the detailed region."""
    if bounds is None:
        return None
    minx, miny, maxx, maxy = bounds
    pad = max(3.0, 0.25 * max(maxx - minx, maxy - miny))
    # whole degrees: nearby maps share a region (and the cache in basemap_for)
    region = (float(max(-180, math.floor(minx - pad))), float(max(-90, math.floor(miny - pad))),
              float(min(180, math.ceil(maxx + pad))), float(min(90, math.ceil(maxy + pad))))
    if region[2] - region[0] > MAX_REGION_SPAN or region[3] - region[1] > MAX_REGION_SPAN:
        return None
    return region


def _intersects(a: list[float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and a[2] >= b[0] and a[1] <= b[3] and a[3] >= b[1]


def _sea_zoom(area: float) -> int:
    if area >= 1000:
        return 2
    if area >= 100:
        return 4
    if area >= 10:
        return 5
    return 6


def _coords(geom: Any, digits: int = 3) -> list[Any]:
    """MultiPolygon coordinates of the polygon parts of ``geom``, rounded."""
    kinds = ("Polygon", "MultiPolygon")
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in kinds]
    polys = [p for g in parts for p in getattr(g, "geoms", [g]) if not p.is_empty]
    return [[[[round(x, digits), round(y, digits)] for x, y in ring.coords]
             for ring in (p.exterior, *p.interiors)] for p in polys]


def _shape(coords: Any) -> Any:
    """``shapely.geometry.shape`` of a GeoJSON MultiPolygon's coordinates, built with
    vectorised calls (the same geometry)."""
    from itertools import chain

    import numpy as np
    import shapely

    rings = [ring for polygon in coords for ring in polygon]
    lengths = np.fromiter(map(len, rings), dtype=np.int64, count=len(rings))
    flat = np.fromiter(chain.from_iterable(chain.from_iterable(rings)), dtype=float)
    if not rings or len(flat) != 2 * int(lengths.sum()) or not all(coords):
        from shapely.geometry import shape  # empty, or not plain 2-d points: the slow way

        return shape({"type": "MultiPolygon", "coordinates": coords})
    linear = shapely.linearrings(flat.reshape(-1, 2),
                                 indices=np.repeat(np.arange(len(rings)), lengths))
    polygons = shapely.polygons(linear, indices=np.repeat(np.arange(len(coords)),
                                                          [len(p) for p in coords]))
    return shapely.multipolygons(polygons)


def _lines(geom: Any, merge: bool = True) -> list[Any]:
    """Line coordinate lists of ``geom`` (merged where possible), rounded to 3 digits."""
    import numpy as np
    import shapely

    if geom is None or geom.is_empty:
        return []
    if merge and geom.geom_type in ("MultiLineString", "GeometryCollection"):
        geom = shapely.line_merge(shapely.union_all(
            [g for g in geom.geoms if g.geom_type in ("LineString", "MultiLineString")]))
    parts = shapely.get_parts(geom)
    parts = parts[shapely.get_type_id(parts) == 1]  # LineStrings only
    coords, index = shapely.get_coordinates(parts, return_index=True)
    if not len(coords):
        return []
    coords = np.round(coords, 3).tolist()
    cuts = np.flatnonzero(np.diff(index)) + 1
    bounds = [0, *cuts.tolist(), len(coords)]
    return [coords[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True) if b - a > 1]


def _split_country(country: dict[str, Any], box: tuple[float, float, float, float],
                   box_geom: Any) -> tuple[Any, Any, list[Any]]:
    """Fine geometry inside ``box``, coarse geometry outside it, and the border lines of both
    (without the cut along the box's edge)."""
    import shapely

    inside = outside = None
    lines = []
    tolerance = _tolerance(box)
    packed = country["mid"] if tolerance >= MID_TOLERANCE else country["high"]
    if packed:
        fine = _shape(json.loads(packed))
        clipped = shapely.clip_by_rect(fine, *box)
        if not clipped.is_empty:
            if tolerance < MID_TOLERANCE and tolerance > 0.01:
                clipped = shapely.simplify(clipped, tolerance, preserve_topology=True)
            inside = clipped
            lines.append(shapely.clip_by_rect(clipped.boundary, *_inner(box)))
    if country["low"] and not _contains(box, country["bbox"]):
        low = _shape(country["low"])
        rest = shapely.difference(low, box_geom)
        if not rest.is_empty:
            outside = rest
            lines.append(shapely.difference(low.boundary, box_geom))
    return inside, outside, lines


def _inner(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    eps = 1e-6
    return (box[0] + eps, box[1] + eps, box[2] - eps, box[3] - eps)


def _contains(box: tuple[float, float, float, float], bbox: list[float]) -> bool:
    return box[0] <= bbox[0] and box[1] <= bbox[1] and bbox[2] <= box[2] and bbox[3] <= box[3]


def _provinces(data: dict[str, Any], isos: list[str],
               box: tuple[float, float, float, float]) -> list[Any]:
    """Province border lines inside ``box``."""
    import shapely

    lines = [line for iso in isos for line in json.loads(data["admin1"].get(iso) or "[]")]
    if not lines:
        return []
    clipped = shapely.clip_by_rect(_multilinestring(lines), *_inner(box))
    tolerance = _tolerance(box)
    if tolerance > 0.02:
        clipped = shapely.simplify(clipped, tolerance)
    return _lines(clipped, merge=False)


def _multilinestring(lines: list[Any]) -> Any:
    """``shapely.geometry.MultiLineString(lines)`` for lists of ``[x, y]`` points, built in
    one vectorised call (the same geometry)."""
    from itertools import chain

    import numpy as np
    import shapely

    lengths = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
    flat = np.fromiter(chain.from_iterable(chain.from_iterable(lines)), dtype=float)
    if len(flat) != 2 * int(lengths.sum()):  # not all plain 2-d points: the slow way
        from shapely.geometry import MultiLineString

        return MultiLineString(lines)
    parts = shapely.linestrings(flat.reshape(-1, 2),
                                indices=np.repeat(np.arange(len(lines)), lengths))
    return shapely.multilinestrings(parts)


def _tolerance(box: tuple[float, float, float, float]) -> float:
    """Simplification for a region: about a pixel when the region fills a 1,200 px map."""
    return max(0.01, max(box[2] - box[0], box[3] - box[1]) / 1200)


def basemap_for(bounds: tuple[float, float, float, float] | None) -> Basemap:
    """Choose the basemap layers for events within ``bounds`` (lon/lat; ``None``: world only).

    Returns
    -------
    Basemap
        The world at coarse resolution; for a region up to ``MAX_REGION_SPAN`` degrees wide,
        the countries inside it at fine resolution (clipped to it) with their borders,
        coastline and provinces, and the coarse world outside it. Cached per region.
    """
    return _basemap_for_region(region_bounds(bounds))


@lru_cache(maxsize=16)
def _basemap_for_region(box: tuple[float, float, float, float] | None) -> Basemap:
    import shapely
    from shapely.geometry import box as make_box

    data = load_basemap_data()
    box_geom = make_box(*box) if box is not None else None
    world, land, fine, borders, isos = [], [], [], [], []
    for country in data["countries"]:
        if box is None or not _intersects(country["bbox"], box):
            if country["low"]:
                world.append((country["name"], country["low"]))
            continue
        inside, outside, lines = _split_country(country, box, box_geom)
        borders += lines
        if inside is not None:
            land.append((country["name"], _coords(inside)))
            fine.append(inside)
            if country["iso"]:
                isos.append(country["iso"])
        if outside is not None:
            land.append((country["name"], _coords(outside, 2)))
    seas = []
    for sea in data["seas"]:
        inside_box = box is not None and _intersects([sea["lon"], sea["lat"]] * 2, box)
        if inside_box or sea["area"] >= 100:
            seas.append((sea["name"], sea["lon"], sea["lat"], _sea_zoom(sea["area"])))
    coast = []
    if fine:
        union = shapely.union_all(shapely.make_valid(fine))
        coast = _lines(shapely.clip_by_rect(union.boundary, *_inner(box)))
    labelled = [c for c in data["countries"] if c.get("label")]
    return Basemap(
        countries=[(c["name"], *c["label"]) for c in labelled],
        country_names={lang: [c.get("names", {}).get(lang) for c in labelled]
                       for lang in name_languages()},
        world=world,
        land=land,
        borders=[line for geom in borders for line in _lines(geom, merge=False)],
        coast=coast,
        provinces=_provinces(data, isos, box) if box is not None else [],
        seas=seas,
        bounds=box,
    )


def payload_json(basemap: Basemap, langs: tuple[str, ...] | None = None) -> str:
    """Compact JSON of ``basemap.to_payload(langs)`` (``ValueError`` on a non-finite number),
    made once per region and languages for the basemaps :func:`basemap_for` returns."""
    if _basemap_for_region(basemap.bounds) is basemap:
        return _region_json(basemap.bounds, langs)
    return _payload_text(basemap, langs)


@lru_cache(maxsize=16)
def _region_json(box: tuple[float, float, float, float] | None,
                 langs: tuple[str, ...] | None) -> str:
    return _payload_text(_basemap_for_region(box), langs)


def _payload_text(basemap: Basemap, langs: tuple[str, ...] | None) -> str:
    from geomap.render.escape import json_for_script

    return json_for_script(basemap.to_payload(langs), clean=False, script_safe=False)


@lru_cache(maxsize=1)
def name_languages() -> tuple[str, ...]:
    """The languages the basemap names countries in, besides English (``names`` in the data,
    from ``NAME_LANGUAGES`` in ``scripts/rebuild_basemap.py``)."""
    return tuple(sorted({lang for c in load_basemap_data()["countries"]
                         for lang in c.get("names", {})}))


def name_language(lang: str | None) -> str | None:
    """The basemap language for ``lang`` (a BCP 47 tag: ``"ar"``, ``"de-CH"``, ``"EN"``): its
    primary subtag, lower case; ``None`` for ``None`` (the page follows the browser).

    Raises
    ------
    GeomapInputError
        For a tag whose language the basemap has no names in.
    """
    if lang is None:
        return None
    primary = lang.strip().replace("_", "-").split("-")[0].lower() if isinstance(lang, str) else ""
    if primary != "en" and primary not in name_languages():
        raise GeomapInputError(f"no country names in {lang!r}; choose from en, "
                               + ", ".join(name_languages()))
    return primary
