"""Uncertainty areas: geodesic circles, or a gazetteer polygon, counter-clockwise and cut.

A point geocoded to a province or a sea is not a point: it is "somewhere in this area". The area
is a geodesic circle of ``radius_km`` around the point (``pyproj.Geod.fwd`` at evenly spaced
azimuths), or the real polygon of the sea or province when the gazetteer ships one. Rings follow
RFC 7946: exterior counter-clockwise, holes clockwise, split at the antimeridian.
"""

from __future__ import annotations

import logging
import math
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

from geomap.errors import GeomapInputError
from geomap.geometry.paths import GEOD, unwrap_longitudes

__all__ = ["CIRCLE_POINTS", "MAX_AREA_VERTICES", "uncertainty_circle", "gazetteer_area",
           "normalize_area", "simplify_area"]

log = logging.getLogger(__name__)

#: Vertices of a circle's ring (the closing vertex not counted).
CIRCLE_POINTS = 64

#: Most vertices an area polygon keeps (GeoJSON tools warn past 999).
MAX_AREA_VERTICES = 900


def _ring(lon: float, lat: float, radius_m: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    # Decreasing azimuth (north, west, south, east) walks the ring counter-clockwise.
    azimuths = np.linspace(360.0, 0.0, n, endpoint=False)
    lons, lats, _ = GEOD.fwd(
        np.full(n, lon), np.full(n, lat), azimuths, np.full(n, radius_m), return_back_azimuth=True
    )
    return np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)


def _contains_pole(lon: float, lat: float, radius_m: float) -> int:
    """+1 / -1 when the circle holds the north / south pole, else 0."""
    for pole in (90.0, -90.0):
        _, _, dist = GEOD.inv(lon, lat, lon, pole, return_back_azimuth=True)
        if dist < radius_m:
            return 1 if pole > 0 else -1
    return 0


def _polar_cap(lons: np.ndarray, lats: np.ndarray, pole: int) -> Polygon:
    """The part of the world on the pole's side of a ring that circles the pole."""
    lons = ((lons + 180.0) % 360.0) - 180.0
    order = np.argsort(lons, kind="stable")
    xs, ys = lons[order], lats[order]
    # latitude where the ring meets the antimeridian: interpolate across the wrap
    span = (xs[0] + 360.0) - xs[-1]
    t = (180.0 - xs[-1]) / span if span > 0 else 0.0
    y_edge = float(ys[-1] + t * (ys[0] - ys[-1]))
    edge = 90.0 * pole
    coords = [(-180.0, y_edge), *zip(xs.tolist(), ys.tolist(), strict=True), (180.0, y_edge)]
    coords += [(180.0, edge), (-180.0, edge)]
    return Polygon(coords)


def _split_world(geom: BaseGeometry) -> BaseGeometry:
    """Fold a polygon drawn on unwrapped longitudes back into [-180, 180], cut at 180."""
    pieces = []
    for k in (-1, 0, 1):
        window = box(-180.0 + 360.0 * k, -90.0, 180.0 + 360.0 * k, 90.0)
        part = geom.intersection(window)
        if not part.is_empty:
            pieces.append(shapely.transform(part, lambda c, k=k: c - [360.0 * k, 0.0]))
    polys: list[Polygon] = []
    for piece in pieces:
        polys.extend(p for p in shapely.get_parts(piece) if isinstance(p, Polygon) and p.area > 0)
    if not polys:
        raise GeomapInputError("the area is empty after cutting at the antimeridian")
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def normalize_area(geom: BaseGeometry) -> BaseGeometry:
    """Return ``geom`` with RFC 7946 ring orientation (exterior counter-clockwise)."""
    return shapely.orient_polygons(geom, exterior_cw=False)


def simplify_area(geom: BaseGeometry, max_vertices: int = MAX_AREA_VERTICES) -> BaseGeometry:
    """Simplify a polygon until it has at most ``max_vertices`` (topology kept): an
    uncertainty area is approximate, and a 10,000-vertex coastline weighs down every map."""
    tolerance = 0.001
    while shapely.get_num_coordinates(geom) > max_vertices and tolerance < 1.0:
        simpler = shapely.simplify(geom, tolerance, preserve_topology=True)
        if not simpler.is_empty:
            geom = simpler
        tolerance *= 2
    return geom


def uncertainty_circle(
    lon: float, lat: float, radius_km: float, *, n: int = CIRCLE_POINTS
) -> Polygon | MultiPolygon:
    """Return the geodesic circle of ``radius_km`` around (lon, lat) as an RFC 7946 polygon.

    Parameters
    ----------
    lon, lat : float
        Centre, degrees WGS84.
    radius_km : float
        Radius in kilometres (> 0).
    n : int, default 64
        Vertices on the ring.

    Returns
    -------
    Polygon or MultiPolygon
        Counter-clockwise exterior; a MultiPolygon when the circle crosses the antimeridian;
        a polar cap when it holds a pole.

    Raises
    ------
    GeomapInputError
        When the centre is out of range or the radius not a positive finite number.

    Examples
    --------
    >>> circle = uncertainty_circle(40.0, 35.0, 10.0)
    >>> circle.exterior.is_ccw
    True
    """
    try:
        lon, lat, radius_km = float(lon), float(lat), float(radius_km)
    except (TypeError, ValueError) as err:
        raise GeomapInputError(f"circle ({lon!r}, {lat!r}, {radius_km!r}) is not numeric") from err
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise GeomapInputError(f"circle centre ({lon}, {lat}) is outside the world")
    if not (math.isfinite(radius_km) and radius_km > 0):
        raise GeomapInputError(f"radius_km must be a positive number, not {radius_km!r}")
    if n < 8:
        raise GeomapInputError(f"a circle needs at least 8 vertices, not {n}")
    radius_m = min(radius_km * 1000.0, 19_000_000.0)
    lons, lats = _ring(lon, lat, radius_m, n)
    pole = _contains_pole(lon, lat, radius_m)
    if pole:
        return normalize_area(_polar_cap(lons, lats, pole))
    xs = unwrap_longitudes(np.concatenate([[lon], lons]))[1:]
    poly = Polygon(zip(xs.tolist(), lats.tolist(), strict=True))
    if not poly.is_valid:
        poly = shapely.make_valid(poly)
    if xs.min() < -180.0 or xs.max() > 180.0:
        return normalize_area(_split_world(poly))
    return normalize_area(poly)


def gazetteer_area(source: Any, source_id: Any) -> BaseGeometry | None:
    """Return the gazetteer's polygon for a place, oriented for RFC 7946, or None.

    Uses ``geomap.gazetteer.load_gazetteer().area(source, source_id)`` when the gazetteer
    provides it; any absence (no gazetteer, no ``area`` method, no polygon) gives None.
    """
    if source is None or source_id is None:
        return None
    try:
        from geomap.gazetteer import load_gazetteer

        area = load_gazetteer().area(str(source), str(source_id))
    except Exception as err:  # noqa: BLE001 -- an optional enrichment never breaks an export
        log.debug("no gazetteer area for %s:%s (%s)", source, source_id, err)
        return None
    if area is None or getattr(area, "is_empty", True):
        return None
    if area.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    area = area if area.is_valid else shapely.make_valid(area)
    if area.geom_type not in ("Polygon", "MultiPolygon"):
        polygons = [p for p in shapely.get_parts(area) if p.geom_type == "Polygon"]
        if not polygons:
            return None
        area = MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]
    if area.bounds[0] < -180.0 or area.bounds[2] > 180.0:
        area = _split_world(area)
    return normalize_area(simplify_area(area))
