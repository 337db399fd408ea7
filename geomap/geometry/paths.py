"""Geodesic strike paths, cut at the antimeridian.

A path is the shortest route on the WGS84 ellipsoid (``pyproj.Geod``), sampled densely enough to
look right on a web map: a point at least every ``max_segment_km`` (50 km by default) and never
fewer than ``min_points`` positions, both endpoints included exactly, and samples never more than
``MAX_LON_STEP`` (5) degrees of longitude apart (which only adds points close to a pole). Between
two samples the line is drawn straight in longitude/latitude; at 50 km that is within a few metres
of the geodesic.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString

from geomap.errors import GeomapInputError

__all__ = [
    "GEOD",
    "MAX_SEGMENT_KM",
    "MIN_POINTS",
    "geodesic_path",
    "path_metrics",
    "cut_antimeridian",
    "unwrap_longitudes",
    "geodesic_paths",
]

#: The one ellipsoid geomap measures on.
GEOD = Geod(ellps="WGS84")
#: Longest straight (lon/lat) piece of a densified path.
MAX_SEGMENT_KM = 50.0
#: Fewest positions a path has, endpoints included.
MIN_POINTS = 5
#: Widest longitude step between two samples: near a pole a 50 km piece can sweep through
#: many degrees of longitude, and drawn straight in lon/lat it would leave the geodesic.
MAX_LON_STEP = 5.0
_MAX_ROUNDS = 8


def _check_position(lon: float, lat: float, which: str) -> tuple[float, float]:
    try:
        x, y = float(lon), float(lat)
    except (TypeError, ValueError) as err:
        raise GeomapInputError(f"{which} position ({lon!r}, {lat!r}) is not numeric") from err
    if not (math.isfinite(x) and math.isfinite(y)):
        raise GeomapInputError(f"{which} position ({lon!r}, {lat!r}) is not finite")
    if not -90.0 <= y <= 90.0:
        raise GeomapInputError(f"{which} latitude {y!r} is outside [-90, 90]")
    if not -180.0 <= x <= 180.0:
        raise GeomapInputError(f"{which} longitude {x!r} is outside [-180, 180]")
    return x, y


def path_metrics(lon1: float, lat1: float, lon2: float, lat2: float) -> tuple[float, float]:
    """Return ``(distance_km, bearing)`` from the first position to the second.

    ``bearing`` is the initial azimuth in degrees clockwise from north, in ``[0, 360)``.
    """
    az12, _, dist = GEOD.inv(lon1, lat1, lon2, lat2, return_back_azimuth=True)
    bearing = float(az12) % 360.0
    if bearing >= 360.0:  # -1e-17 % 360 == 360.0
        bearing = 0.0
    return float(dist) / 1000.0, bearing


def unwrap_longitudes(lons: np.ndarray) -> np.ndarray:
    """Make a sequence of longitudes continuous (no jump larger than 180 degrees)."""
    lons = np.asarray(lons, dtype=float)
    if lons.size == 0:
        return lons
    turns = np.concatenate([[0.0], np.cumsum(-np.round(np.diff(lons) / 360.0))])
    return lons + 360.0 * turns


def _sheet(lon: float) -> int:
    """Index of the 360-degree copy of the world that ``lon`` (unwrapped) lies in."""
    return math.floor((lon + 180.0) / 360.0)


def _pieces(xs: np.ndarray, ys: np.ndarray) -> list[tuple[int, list[tuple[float, float]]]]:
    """Split an unwrapped line into (sheet, positions) runs, adding the crossing points."""
    runs: list[tuple[int, list[tuple[float, float]]]] = []
    for i in range(1, len(xs)):
        a, b, ya, yb = float(xs[i - 1]), float(xs[i]), float(ys[i - 1]), float(ys[i])
        segments = [((a, ya), (b, yb))]
        lo, hi = min(a, b), max(a, b)
        k = math.ceil((lo - 180.0) / 360.0)
        boundary = 180.0 + 360.0 * k
        if lo < boundary < hi:
            t = (boundary - a) / (b - a)
            yc = ya + t * (yb - ya)
            segments = [((a, ya), (boundary, yc)), ((boundary, yc), (b, yb))]
        for start, end in segments:
            sheet = _sheet((start[0] + end[0]) / 2.0)
            if runs and runs[-1][0] == sheet:
                runs[-1][1].append(end)
            else:
                runs.append((sheet, [start, end]))
    return runs


def _restore_endpoints(
    parts: list[list[tuple[float, float]]], lons: np.ndarray, ys: np.ndarray
) -> None:
    """Put the exact input longitudes back at both ends (undoing unwrap rounding)."""
    for part, index, lon in ((parts[0], 0, lons[0]), (parts[-1], -1, lons[-1])):
        x, _ = part[index]
        wrapped = ((lon + 180.0) % 360.0) - 180.0
        for candidate in (lon, wrapped):
            if abs(x - candidate) < 1e-6:
                part[index] = (float(candidate), float(ys[index]))
                break


def cut_antimeridian(lons: np.ndarray, lats: np.ndarray) -> LineString | MultiLineString:
    """Build a line from positions, cut where it crosses the antimeridian.

    Parameters
    ----------
    lons, lats : array-like
        Positions in order; longitudes may be wrapped (``[-180, 180]``) or continuous.

    Returns
    -------
    LineString or MultiLineString
        A MultiLineString whose parts end at longitude 180 and resume at -180 (or the reverse)
        when the line crosses the antimeridian, as RFC 7946 section 3.1.9 asks.
    """
    xs = unwrap_longitudes(np.asarray(lons, dtype=float))
    ys = np.asarray(lats, dtype=float)
    if xs.size < 2:
        raise GeomapInputError("a line needs at least two positions")
    parts = []
    for sheet, positions in _pieces(xs, ys):
        shift = 360.0 * sheet
        # Each piece lies inside its sheet; clamping only removes float error at +/-180.
        coords = [(min(180.0, max(-180.0, x - shift)), y) for x, y in positions]
        if len(set(coords)) >= 2:
            parts.append(coords)
    _restore_endpoints(parts, np.asarray(lons, dtype=float), ys)
    if len(parts) == 1:
        return LineString(parts[0])
    return MultiLineString(parts)


def geodesic_path(
    lon1: float,
    lat1: float,
    lon2: float,
    lat2: float,
    *,
    max_segment_km: float = MAX_SEGMENT_KM,
    min_points: int = MIN_POINTS,
) -> LineString | MultiLineString:
    """Return the geodesic from (lon1, lat1) to (lon2, lat2), densified and antimeridian-cut.

    Parameters
    ----------
    lon1, lat1 : float
        Start (the origin), degrees WGS84.
    lon2, lat2 : float
        End (the target), degrees WGS84.
    max_segment_km : float, default 50
        Longest straight lon/lat piece between two samples.
    min_points : int, default 5
        Fewest positions, endpoints included.

    Returns
    -------
    LineString or MultiLineString
        Positions ``(lon, lat)``; both endpoints exactly as given. A MultiLineString when the
        path crosses the antimeridian.

    Raises
    ------
    GeomapInputError
        When a position is not finite or out of range, or both positions are the same.

    Examples
    --------
    >>> line = geodesic_path(170.0, 10.0, -170.0, 20.0)
    >>> line.geom_type
    'MultiLineString'
    >>> [round(c, 6) for c in line.geoms[0].coords[0]]
    [170.0, 10.0]
    """
    lon1, lat1 = _check_position(lon1, lat1, "start")
    lon2, lat2 = _check_position(lon2, lat2, "end")
    if max_segment_km <= 0 or min_points < 2:
        raise GeomapInputError("max_segment_km must be > 0 and min_points >= 2")
    distance_km, _ = path_metrics(lon1, lat1, lon2, lat2)
    if distance_km == 0.0:
        raise GeomapInputError(
            f"start and end are the same position ({lon1}, {lat1}): there is no path to draw"
        )
    npts = max(int(min_points), math.ceil(distance_km / max_segment_km) + 1)
    lons, lats = _samples(lon1, lat1, lon2, lat2, npts)
    return cut_antimeridian(lons, lats)


def _samples(lon1: float, lat1: float, lon2: float, lat2: float, npts: int,
             densify: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """``npts`` positions along the geodesic, both endpoints exactly as given (and more where
    a step is wider than :data:`MAX_LON_STEP`, unless ``densify`` is False)."""
    inter = GEOD.inv_intermediate(
        lon1, lat1, lon2, lat2, npts=npts, initial_idx=0, terminus_idx=0,
        return_back_azimuth=True,
    )
    lons = np.asarray(inter.lons, dtype=float)
    lats = np.asarray(inter.lats, dtype=float)
    lons[0], lats[0], lons[-1], lats[-1] = lon1, lat1, lon2, lat2
    return _densify_wide(lons, lats) if densify else (lons, lats)


def _lon_steps(lons: np.ndarray) -> np.ndarray:
    """Longitude change between consecutive samples, the short way round (degrees)."""
    step = np.diff(lons)
    return np.abs(step - 360.0 * np.round(step / 360.0))


def _densify_wide(lons: np.ndarray, lats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Add geodesic samples inside every step wider than :data:`MAX_LON_STEP` in longitude
    (paths passing close to a pole), so no straight lon/lat piece is that wide."""
    for _ in range(_MAX_ROUNDS):  # longitude moves fastest nearest the pole: a few rounds
        steps = _lon_steps(lons)
        if not (steps > MAX_LON_STEP).any():
            break
        xs, ys = [lons[:1]], [lats[:1]]
        for i, step in enumerate(steps.tolist()):
            if step > MAX_LON_STEP:
                inner = GEOD.inv_intermediate(
                    lons[i], lats[i], lons[i + 1], lats[i + 1],
                    npts=math.ceil(step / MAX_LON_STEP) + 1, initial_idx=0, terminus_idx=0,
                    return_back_azimuth=True)
                xs.append(np.asarray(inner.lons, dtype=float)[1:-1])
                ys.append(np.asarray(inner.lats, dtype=float)[1:-1])
            xs.append(lons[i + 1:i + 2])
            ys.append(lats[i + 1:i + 2])
        lons, lats = np.concatenate(xs), np.concatenate(ys)
    return lons, lats


def geodesic_paths(lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray,
                   distance_km: np.ndarray) -> np.ndarray:
    """:func:`geodesic_path` for many valid, distinct position pairs at once.

    ``distance_km`` is each pair's geodesic distance (``GEOD.inv``, unrounded); the result is
    an object array of the same geometries :func:`geodesic_path` gives, built with one
    vectorised ``shapely.linestrings`` call for every path that stays inside one copy of the
    world (only paths that cross or touch the antimeridian go through
    :func:`cut_antimeridian`).
    """
    count = len(distance_km)
    npts = np.maximum(MIN_POINTS, np.ceil(np.asarray(distance_km) / MAX_SEGMENT_KM) + 1)
    out = np.empty(count, dtype=object)
    if count == 0:
        return out
    samples = [_samples(float(lon1[i]), float(lat1[i]), float(lon2[i]), float(lat2[i]),
                        int(npts[i]), densify=False) for i in range(count)]
    lengths = np.array([len(lons) for lons, _ in samples])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    wide = np.zeros(int(lengths.sum()), dtype=bool)
    wide[1:] = _lon_steps(np.concatenate([lons for lons, _ in samples])) > MAX_LON_STEP
    wide[starts] = False  # the step into a path's first sample is between two paths
    for i in np.flatnonzero(np.logical_or.reduceat(wide, starts)):
        samples[i] = _densify_wide(*samples[i])
    lengths = np.array([len(lons) for lons, _ in samples])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    xs = np.concatenate([lons for lons, _ in samples])
    ys = np.concatenate([lats for _, lats in samples])
    # A path needs cutting when it wraps (a jump over 180 degrees between two samples, which
    # is what unwrap_longitudes turns) or touches +/-180; otherwise it is one run, nothing to
    # cut or clamp (see _pieces), and its samples are the line.
    bad = np.abs(xs) >= 180.0
    bad[1:] |= np.abs(np.diff(xs)) > 180.0
    bad[starts] = np.abs(xs[starts]) >= 180.0  # no jump into the first sample of a path
    inside = ~np.logical_or.reduceat(bad, starts)
    for i in np.flatnonzero(~inside):
        out[i] = cut_antimeridian(*samples[i])
    if inside.any():
        take = np.repeat(inside, lengths)
        coords = np.column_stack([xs[take], ys[take]])
        index = np.repeat(np.arange(int(inside.sum())), lengths[inside])
        out[inside] = shapely.linestrings(coords, indices=index)
    return out
