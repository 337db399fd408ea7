"""From events or features to the JSON data one map page draws.

The page gets one GeoJSON FeatureCollection per role (``target``, ``origin``, ``path``), not
one object per event. Points at the same position with the same name are one *place* (one
marker) whose ``ev`` lists the events there; the event attributes travel once, in a table
(``columns`` + ``events``), and features refer to events by index. That keeps 10,000 events
to a few megabytes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import shapely

from geomap.errors import GeomapInputError
from geomap.render.popups import (
    PLACE_FIELDS,
    attribute_columns,
    column_label,
    event_columns,
    expand,
)
from geomap.render.symbols import shape_for, size_for
from geomap.render.timeline import event_days

__all__ = ["POINT_ROLES", "LAYER_NAMES", "to_features", "event_keys", "build_layers", "place",
           "places", "bounds_of", "frame_of", "WIDE_PRECISIONS"]

POINT_ROLES: tuple[str, ...] = ("target", "origin")
#: Default layer names; ``make_map(layer_names=...)`` may rename any of them.
LAYER_NAMES: dict[str, str] = {
    "target": "Targets",
    "origin": "Origins",
    "path": "Paths",
    "halo": "Uncertainty",
    "label": "Labels",
}
_PLACE_KEYS = {"name": "n", "geocoded_name": "g", "precision": "p", "radius_km": "r",
               "kind": "k", "country_code": "c", "source": "s", "source_id": "si"}
#: Columns of the events table under the map (popups show every attribute).
#: ``@target`` / ``@origin``: the place names, from the point layers.
TABLE_COLUMNS: tuple[str, ...] = (
    "event_id", "@target", "@origin", "date", "attacker", "target_party", "weapon", "killed",
    "injured", "claim", "sources", "notes",
)
#: Places this coarse (a whole country, a sea) set the first view only when nothing finer does.
WIDE_PRECISIONS: tuple[str, ...] = ("country", "region")
_PATH_TOLERANCE = 0.01  # degrees, at least: below what a reader sees at the region's zoom
_DIGITS = 5


def to_features(events: Any) -> pd.DataFrame:
    """Return the features frame (contract 3) for an ``Events``, events or features frame."""
    frame = getattr(events, "frame", events)
    if not isinstance(frame, pd.DataFrame):
        raise GeomapInputError(
            "make_map needs an Events object, an events GeoDataFrame or a features "
            f"GeoDataFrame, not {type(events).__name__}"
        )
    if {"role", "event_id"} <= set(frame.columns):
        return frame.reset_index(drop=True)
    from geomap.geometry import event_features

    return event_features(frame).reset_index(drop=True)


def event_keys(features: pd.DataFrame) -> pd.Series:
    """One key per event (the feature id without its ``/role`` suffix)."""
    if "id" in features.columns:
        ids = features["id"].astype(str).tolist()
        return pd.Series([i.rsplit("/", 1)[0] for i in ids], index=features.index,
                         dtype=object)
    return features["event_id"].astype(str)


def _casualties(events: pd.DataFrame) -> np.ndarray:
    if "killed" not in events.columns:
        return np.zeros(len(events))
    return pd.to_numeric(events["killed"], errors="coerce").fillna(0).to_numpy(float)


def _text(series: pd.Series) -> list[Any]:
    """Values as display text, ``None`` for missing ones."""
    values = series.astype(object).where(series.notna(), None).tolist()
    return [v if v is None or type(v) is str else str(v) for v in values]


def _point_layer(rows: pd.DataFrame, index: np.ndarray, killed: np.ndarray) -> dict[str, Any]:
    """One place per (position, name, geocoded name): columns ``x, y, ev`` and ``p``."""
    geom = rows.geometry.array
    x = np.round(shapely.get_x(geom), _DIGITS)
    y = np.round(shapely.get_y(geom), _DIGITS)
    ok = np.isfinite(x) & np.isfinite(y)
    n = len(rows)
    empty = pd.Series([None] * n, index=rows.index, dtype=object)
    cols = {key: _text(rows[c] if c in rows.columns else empty) for c, key in _PLACE_KEYS.items()
            if c != "radius_km"}
    radius = pd.to_numeric(rows["radius_km"] if "radius_km" in rows.columns else empty,
                           errors="coerce").round(3)
    cols["r"] = radius.astype(object).where(radius.notna(), None).tolist()
    frame = pd.DataFrame({"x": x, "y": y, "ev": index, **cols})[ok]
    group = frame.groupby(["x", "y", "n", "g"], sort=False, dropna=False).ngroup().to_numpy()
    first = frame[~pd.Series(group).duplicated().to_numpy()]
    evs, kd = _group_events(group, frame["ev"].to_numpy(), killed)
    props = {key: first[key].tolist() for key in cols}
    props["g"] = [None if g == nm else g for g, nm in zip(props["g"], props["n"], strict=True)]
    shapes = {k: shape_for(k) for k in set(props["k"])}  # few kinds, many places
    props["sym"] = [shapes[k] for k in props["k"]]
    sizes = {k: size_for(k) for k in set(kd)}
    props["sz"] = [sizes.get(k) or size_for(k) for k in kd]  # get: a NaN is not found
    props["kd"] = [None if k <= 0 else (int(k) if float(k).is_integer() else k) for k in kd]
    return {"x": first["x"].tolist(), "y": first["y"].tolist(),
            "ev": evs, "p": props}


def _group_events(group: np.ndarray, ev: np.ndarray,
                  killed: np.ndarray) -> tuple[list[list[int]], list[float]]:
    """Event indices and killed total per group (groups numbered 0..k-1)."""
    if not len(group):
        return [], []
    order = np.argsort(group, kind="stable")
    ends = np.cumsum(np.bincount(group)).tolist()
    flat = ev[order].tolist()
    evs = [flat[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]
    kd = np.bincount(group, weights=killed[ev]).tolist()
    return evs, kd


def place(layer: dict[str, Any], i: int) -> dict[str, Any]:
    """Place ``i`` of a point layer as a dict: ``lon, lat, ev`` and its non-null properties."""
    out = {"lon": layer["x"][i], "lat": layer["y"][i], "ev": layer["ev"][i]}
    out.update({k: v[i] for k, v in layer["p"].items() if v[i] is not None})
    return out


def places(layer: dict[str, Any]) -> list[dict[str, Any]]:
    """Every place of a point layer (see :func:`place`)."""
    return [place(layer, i) for i in range(len(layer["x"]))]


def _line_parts(geoms: np.ndarray) -> tuple[list[list[Any]], list[list[list[int]]]]:
    """Per geometry: its line parts (``[[x, y], ...]``, coordinates rounded to 4 digits) and
    the same parts in the page's integer encoding (see :func:`geomap.render.encode.encode_line`).

    Parts with fewer than two points are left out."""
    from geomap.render.encode import SCALE

    parts, owner = shapely.get_parts(geoms, return_index=True)
    coords, part_of = shapely.get_coordinates(parts, return_index=True)
    coords = np.round(coords, 4)
    counts = np.bincount(part_of, minlength=len(parts))
    ends = np.cumsum(counts)
    starts = ends - counts
    ints = np.rint(coords * float(10**SCALE)).astype(np.int64)
    steps = ints.copy()
    steps[1:] -= ints[:-1]
    steps[starts[counts > 0]] = ints[starts[counts > 0]]
    flat = steps.ravel().tolist()
    points = coords.tolist()
    lines: list[list[Any]] = [[] for _ in range(len(geoms))]
    encoded: list[list[list[int]]] = [[] for _ in range(len(geoms))]
    for g, a, b in zip(owner[counts > 1].tolist(), starts[counts > 1].tolist(),
                       ends[counts > 1].tolist(), strict=True):
        lines[g].append(points[a:b])
        encoded[g].append(flat[2 * a:2 * b])
    return lines, encoded


def _line_geometries(geoms: np.ndarray) -> list[dict[str, Any] | None]:
    """GeoJSON LineString/MultiLineString dicts for line geometries, coordinates rounded."""
    return [_geometry(parts) for parts in _line_parts(geoms)[0]]


def _geometry(parts: list[Any]) -> dict[str, Any] | None:
    if not parts:
        return None
    if len(parts) == 1:
        return {"type": "LineString", "coordinates": parts[0]}
    return {"type": "MultiLineString", "coordinates": parts}


def _finite(values: Any, count: int) -> list[float | None]:
    """Numbers as floats, ``None`` where missing or not finite."""
    if values is None:
        return [None] * count
    array = pd.to_numeric(values, errors="coerce")
    array = np.asarray(array.to_numpy(dtype=float, na_value=np.nan)
                       if hasattr(array, "to_numpy") else array, dtype=float)
    return [v if np.isfinite(v) else None for v in array.tolist()]


def _simplify(geoms: np.ndarray, tolerance: float) -> np.ndarray:
    """``shapely.simplify(geoms, tolerance)`` (topology preserving), faster.

    A LineString whose longitude strictly grows or strictly falls along it (a geodesic away
    from the antimeridian) cannot gain an intersection by dropping vertices: every chord of a
    section spans only the section's own longitudes. GEOS's topology-preserving simplifier
    then keeps exactly the vertices plain Douglas-Peucker keeps, so those lines take the
    much faster plain simplifier; every other geometry takes the topology-preserving one.
    """
    out = np.empty(len(geoms), dtype=object)
    if not len(geoms):
        return out
    monotone = shapely.get_type_id(geoms) == 1  # LineString
    coords, owner = shapely.get_coordinates(geoms[monotone], return_index=True)
    if len(coords):
        step = np.sign(np.diff(coords[:, 0]))
        counts = np.bincount(owner, minlength=int(monotone.sum()))
        starts = np.cumsum(counts) - counts
        inner = np.ones(len(coords), dtype=bool)  # step i (i -> i+1) stays inside a line
        inner[starts[counts > 0] + counts[counts > 0] - 1] = False
        step = step[inner[:-1]]
        line = owner[:-1][inner[:-1]]
        rising = np.bincount(line, weights=step > 0, minlength=len(counts))
        falling = np.bincount(line, weights=step < 0, minlength=len(counts))
        steps = counts - 1
        ok = (steps >= 1) & ((rising == steps) | (falling == steps))
        monotone[np.flatnonzero(monotone)[~ok]] = False
    else:
        monotone[:] = False
    out[monotone] = shapely.simplify(geoms[monotone], tolerance, preserve_topology=False)
    out[~monotone] = shapely.simplify(geoms[~monotone], tolerance)
    return out


def _path_layer(rows: pd.DataFrame, index: np.ndarray) -> dict[str, Any]:
    """The path FeatureCollection; ``"_g"`` holds each drawn feature's parts already in the
    page's integer encoding (:func:`geomap.render.encode.encode_paths` uses them)."""
    tolerance = _PATH_TOLERANCE
    geoms = np.asarray(rows.geometry.array, dtype=object)
    if len(rows):
        minx, miny, maxx, maxy = shapely.total_bounds(geoms)
        tolerance = max(tolerance, max(maxx - minx, maxy - miny) / 2000)
    simplified = _simplify(geoms, tolerance)
    dist = _finite(rows.get("distance_km"), len(rows))
    bearing = _finite(rows.get("bearing"), len(rows))
    features = []
    ints = []
    lines, encoded = _line_parts(simplified)
    for parts, flat, ev, d, b in zip(lines, encoded, index.tolist(), dist, bearing, strict=True):
        if not parts:
            continue
        props: dict[str, Any] = {"ev": [int(ev)]}
        if d is not None:
            props["d"] = round(d, 1)
        if b is not None:
            props["b"] = round(b, 1)
        features.append({"type": "Feature", "properties": props, "geometry": _geometry(parts)})
        ints.append(flat)
    return {"type": "FeatureCollection", "features": features, "_g": ints}


def bounds_of(features: pd.DataFrame) -> tuple[float, float, float, float] | None:
    """``(minx, miny, maxx, maxy)`` of the target, origin and path features."""
    drawn = features["role"].isin(["target", "origin", "path"]).to_numpy(dtype=bool)
    geoms = np.asarray(features.geometry.array, dtype=object)[drawn]
    geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    if not len(geoms):
        return None
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    return float(minx), float(miny), float(maxx), float(maxy)


def frame_of(features: pd.DataFrame) -> tuple[float, float, float, float] | None:
    """The bounds the first view fits: the points and paths of the story.

    Targets and origins finer than a country, and the paths between two such places, set
    the frame; wide areas (``WIDE_PRECISIONS``: a country, a sea) and their paths join it
    only when the finer places carry fewer than half of the events (the frame is then
    :func:`bounds_of` all of them). Uncertainty halos never set it.
    """
    roles = features["role"].to_numpy(dtype=object)
    precision = (features["precision"].to_numpy(dtype=object) if "precision" in features
                 else np.full(len(features), None, dtype=object))
    keys = event_keys(features).to_numpy(dtype=object)
    point = np.isin(roles, ("target", "origin"))
    wide = point & np.isin(precision, WIDE_PRECISIONS)
    fine = point & ~wide
    wide_events = set(keys[wide].tolist())
    keep = fine | ((roles == "path") & ~np.isin(keys, list(wide_events)))
    events = set(keys[point | (roles == "path")].tolist())
    if not fine.any() or 2 * len(set(keys[fine].tolist())) < len(events):
        return bounds_of(features)
    return bounds_of(features[keep])


def build_layers(features: pd.DataFrame) -> dict[str, Any]:
    """The data part of a map page: events table, one layer per role, time filter, bounds.

    Returns
    -------
    dict
        ``columns`` ([key, label] pairs), ``events`` (rows of display values),
        ``event_columns`` (the same column by column, see
        :func:`geomap.render.popups.event_columns`),
        ``table`` (keys of the table columns), ``layers`` (``target``/``origin``: column-wise
        places, see :func:`places`; ``path``: a FeatureCollection),
        ``days`` (time filter or None), ``place_fields``, ``bounds`` ((minx, miny, maxx,
        maxy) or None) and ``frame`` (one row per event).
    """
    if "role" not in features.columns:
        raise GeomapInputError("the features frame has no 'role' column (see contract 3)")
    keys = event_keys(features)
    codes, distinct = pd.factorize(keys, use_na_sentinel=False)
    index = np.asarray(codes, dtype=np.int64)  # event number: order of first appearance
    _, first = np.unique(index, return_index=True)
    events = features.take(first).reset_index(drop=True)
    columns = attribute_columns(events)
    cells = event_columns(events, columns)
    killed = _casualties(events)
    layers: dict[str, Any] = {}
    roles = features["role"].to_numpy(dtype=object)
    for role in POINT_ROLES:
        mask = roles == role
        layers[role] = _point_layer(features[mask], index[mask], killed)
    mask = roles == "path"
    layers["path"] = _path_layer(features[mask], index[mask])
    ids = events["event_id"].tolist() if "event_id" in events else list(distinct)
    ids = [None if v is None else str(v) for v in ids]
    all_columns = [["event_id", "Event"]] + [[c, column_label(c)] for c in columns]
    present = {c[0] for c in all_columns} | {"@target", "@origin"}
    data = [(ids, None), *cells]
    return {
        "columns": all_columns,
        "events": [list(row) for row in zip(*(expand(c, k) for c, k in data), strict=True)],
        "event_columns": data,
        "table": [c for c in TABLE_COLUMNS if c in present],
        "place_fields": [[_PLACE_KEYS[c], label] for c, label in PLACE_FIELDS],
        "layers": layers,
        "days": event_days(events),
        "bounds": bounds_of(features),
        "view": frame_of(features),
        "frame": events,
    }
