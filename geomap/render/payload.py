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
from geomap.render.popups import PLACE_FIELDS, attribute_columns, column_label, event_table
from geomap.render.symbols import shape_for, size_for
from geomap.render.timeline import event_days

__all__ = ["POINT_ROLES", "LAYER_NAMES", "to_features", "event_keys", "build_layers", "place",
           "places", "bounds_of"]

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
        ids = features["id"].astype(str)
        return ids.str.rsplit("/", n=1).str[0].where(ids.str.contains("/"), ids)
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
    props["sym"] = [shape_for(k) for k in props["k"]]
    props["sz"] = [size_for(k) for k in kd]
    props["kd"] = [None if k <= 0 else (int(k) if float(k).is_integer() else k) for k in kd]
    return {"x": first["x"].tolist(), "y": first["y"].tolist(),
            "ev": [[int(e) for e in ev] for ev in evs], "p": props}


def _group_events(group: np.ndarray, ev: np.ndarray,
                  killed: np.ndarray) -> tuple[list[list[int]], list[float]]:
    """Event indices and killed total per group (groups numbered 0..k-1)."""
    if not len(group):
        return [], []
    order = np.argsort(group, kind="stable")
    counts = np.bincount(group)
    cuts = np.cumsum(counts)[:-1]
    evs = [part.tolist() for part in np.split(ev[order], cuts)]
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


def _line_geometries(geoms: np.ndarray) -> list[dict[str, Any] | None]:
    """GeoJSON LineString/MultiLineString dicts for line geometries, coordinates rounded."""
    parts, owner = shapely.get_parts(geoms, return_index=True)
    coords, part_of = shapely.get_coordinates(parts, return_index=True)
    coords = np.round(coords, 4).tolist()
    counts = np.bincount(part_of, minlength=len(parts)).tolist()
    lines: list[list[Any]] = [[] for _ in range(len(geoms))]
    start = 0
    for count, g in zip(counts, owner.tolist(), strict=True):
        if count > 1:
            lines[g].append(coords[start:start + count])
        start += count
    out: list[dict[str, Any] | None] = []
    for parts_of_g in lines:
        if not parts_of_g:
            out.append(None)
        elif len(parts_of_g) == 1:
            out.append({"type": "LineString", "coordinates": parts_of_g[0]})
        else:
            out.append({"type": "MultiLineString", "coordinates": parts_of_g})
    return out


def _path_layer(rows: pd.DataFrame, index: np.ndarray) -> dict[str, Any]:
    tolerance = _PATH_TOLERANCE
    if len(rows):
        minx, miny, maxx, maxy = shapely.total_bounds(rows.geometry.array)
        tolerance = max(tolerance, max(maxx - minx, maxy - miny) / 2000)
    simplified = shapely.simplify(rows.geometry.array, tolerance)
    dist = pd.to_numeric(rows.get("distance_km"), errors="coerce") if len(rows) else []
    bearing = pd.to_numeric(rows.get("bearing"), errors="coerce") if len(rows) else []
    features = []
    geometries = _line_geometries(np.asarray(simplified, dtype=object))
    for coords, ev, d, b in zip(geometries, index, dist, bearing, strict=True):
        if coords is None:
            continue
        props: dict[str, Any] = {"ev": [int(ev)]}
        if np.isfinite(d):
            props["d"] = round(float(d), 1)
        if np.isfinite(b):
            props["b"] = round(float(b), 1)
        features.append({"type": "Feature", "properties": props, "geometry": coords})
    return {"type": "FeatureCollection", "features": features}


def bounds_of(features: pd.DataFrame) -> tuple[float, float, float, float] | None:
    """``(minx, miny, maxx, maxy)`` of the target, origin and path features."""
    drawn = features[features["role"].isin(["target", "origin", "path"])]
    geoms = drawn.geometry.array if len(drawn) else []
    geoms = [g for g in geoms if g is not None and not g.is_empty]
    if not geoms:
        return None
    minx, miny, maxx, maxy = shapely.total_bounds(np.asarray(geoms, dtype=object))
    return float(minx), float(miny), float(maxx), float(maxy)


def build_layers(features: pd.DataFrame) -> dict[str, Any]:
    """The data part of a map page: events table, one layer per role, time filter, bounds.

    Returns
    -------
    dict
        ``columns`` ([key, label] pairs), ``events`` (rows of display values),
        ``table`` (keys of the table columns), ``layers`` (``target``/``origin``: column-wise
        places, see :func:`places`; ``path``: a FeatureCollection),
        ``days`` (time filter or None), ``place_fields``, ``bounds`` ((minx, miny, maxx,
        maxy) or None) and ``frame`` (one row per event).
    """
    if "role" not in features.columns:
        raise GeomapInputError("the features frame has no 'role' column (see contract 3)")
    keys = event_keys(features)
    first = ~keys.duplicated()
    events = features[first.to_numpy()].reset_index(drop=True)
    order = {k: i for i, k in enumerate(keys[first].tolist())}
    index = keys.map(order).to_numpy(dtype=np.int64)
    columns = attribute_columns(events)
    table = event_table(events, columns)
    killed = _casualties(events)
    layers: dict[str, Any] = {}
    roles = features["role"].to_numpy(dtype=object)
    for role in POINT_ROLES:
        mask = roles == role
        layers[role] = _point_layer(features[mask], index[mask], killed)
    mask = roles == "path"
    layers["path"] = _path_layer(features[mask], index[mask])
    ids = events["event_id"].tolist() if "event_id" in events else keys[first].tolist()
    ids = [None if v is None else str(v) for v in ids]
    all_columns = [["event_id", "Event"]] + [[c, column_label(c)] for c in columns]
    present = {c[0] for c in all_columns} | {"@target", "@origin"}
    return {
        "columns": all_columns,
        "events": [[ids[i], *row] for i, row in enumerate(table)],
        "table": [c for c in TABLE_COLUMNS if c in present],
        "place_fields": [[_PLACE_KEYS[c], label] for c, label in PLACE_FIELDS],
        "layers": layers,
        "days": event_days(events),
        "bounds": bounds_of(features),
        "frame": events,
    }
