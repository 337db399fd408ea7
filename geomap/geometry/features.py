"""The *features* frame (contract 3 in docs/design.md): what export and render both draw.

One row per feature, in event order, roles ``target, origin, path`` (then ``target_area``,
``origin_area`` with ``uncertainty=True``). Event attributes follow the feature columns; an
event attribute whose name is already a feature column (say an extra input column ``name``) is
renamed ``event_<name>`` (more underscores are added until the name is free).
"""

from __future__ import annotations

import functools
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.errors import GeomapInputError
from geomap.geometry.areas import gazetteer_area, uncertainty_circle
from geomap.geometry.paths import GEOD, geodesic_path

__all__ = ["FEATURE_COLUMNS", "ROLES", "ROLE_COLUMNS", "event_features", "build_features",
           "event_keys"]

#: Feature columns, in order, before the event attributes (``geometry`` comes last).
FEATURE_COLUMNS: tuple[str, ...] = (
    "id", "event_id", "role", "name", "geocoded_name", "precision", "radius_km", "kind",
    "country_code", "source", "source_id", "distance_km", "bearing",
)
#: Feature roles in the order they follow each other within one event.
ROLES: tuple[str, ...] = ("target", "origin", "path", "target_area", "origin_area")
_ROLE_SUFFIXES = (
    "", "_lat", "_lon", "_country", "_geocoded", "_precision", "_radius_km", "_kind",
    "_country_code", "_source", "_source_id", "_confidence",
)
#: Per-role event columns (contract 2) that become feature columns instead of attributes.
ROLE_COLUMNS: frozenset[str] = frozenset(
    f"{role}{suffix}" for role in ("origin", "target") for suffix in _ROLE_SUFFIXES
)
#: event column -> feature column, for the point features of one role
_POINT_FIELDS = {
    "": "name", "_geocoded": "geocoded_name", "_precision": "precision",
    "_radius_km": "radius_km", "_kind": "kind", "_country_code": "country_code",
    "_source": "source", "_source_id": "source_id",
}
_AREA_PRECISIONS = frozenset({"district", "admin1", "country", "region"})


def _frame_of(events: Any) -> gpd.GeoDataFrame | pd.DataFrame:
    frame = getattr(events, "frame", events)
    if not isinstance(frame, pd.DataFrame):
        raise GeomapInputError(
            f"event_features needs an Events object or a GeoDataFrame, not {type(events).__name__}"
        )
    if "id" not in frame.columns:
        raise GeomapInputError("the events frame has no 'id' column (see contract 2)")
    return frame.reset_index(drop=True)


def _column(frame: pd.DataFrame, name: str, dtype: str = "object") -> pd.Series:
    if name in frame.columns:
        return frame[name]
    return pd.Series([None] * len(frame), index=frame.index, dtype=dtype)


def _coords(frame: pd.DataFrame, role: str) -> tuple[np.ndarray, np.ndarray]:
    lon = pd.to_numeric(_column(frame, f"{role}_lon", "float64"), errors="coerce")
    lat = pd.to_numeric(_column(frame, f"{role}_lat", "float64"), errors="coerce")
    lon, lat = lon.to_numpy(float, na_value=np.nan), lat.to_numpy(float, na_value=np.nan)
    if role == "target" and isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name:
        # fall back on the target point geometry where the columns are empty
        geom = frame.geometry.array
        gx, gy = shapely.get_x(geom), shapely.get_y(geom)
        lon = np.where(np.isnan(lon), gx, lon)
        lat = np.where(np.isnan(lat), gy, lat)
    return lon, lat


def event_keys(ids: pd.Series) -> np.ndarray:
    """Event ids as strings, made unique (``a``, ``a#2``, ``a#3``) for feature ids."""
    keys = ids.astype(object).where(ids.notna(), "").map(str)
    dup = keys.groupby(keys, sort=False).cumcount().to_numpy()
    out = keys.to_numpy(dtype=object)
    if dup.any():
        out = out.copy()
        for i in np.flatnonzero(dup):
            out[i] = f"{out[i]}#{dup[i] + 1}"
    return out


def _block(event_index: np.ndarray, keys: np.ndarray, role: str, fields: dict[str, Any],
           geometry: Any) -> pd.DataFrame:
    block = pd.DataFrame(
        {
            "_event": event_index,
            "_rank": ROLES.index(role),
            "id": [f"{k}/{role}" for k in keys[event_index]],
            "role": role,
            **fields,
        }
    )
    block["geometry"] = geometry
    return block


def _point_block(frame: pd.DataFrame, keys: np.ndarray, role: str) -> pd.DataFrame:
    lon, lat = _coords(frame, role)
    index = np.flatnonzero(~(np.isnan(lon) | np.isnan(lat)))
    fields = {
        out: _column(frame, f"{role}{suffix}").to_numpy(dtype=object)[index]
        for suffix, out in _POINT_FIELDS.items()
    }
    fields["radius_km"] = pd.to_numeric(
        _column(frame, f"{role}_radius_km", "float64"), errors="coerce"
    ).to_numpy(float, na_value=np.nan)[index]
    return _block(index, keys, role, fields, shapely.points(lon[index], lat[index]))


def _path_block(frame: pd.DataFrame, keys: np.ndarray) -> pd.DataFrame:
    olon, olat = _coords(frame, "origin")
    tlon, tlat = _coords(frame, "target")
    ok = ~(np.isnan(olon) | np.isnan(olat) | np.isnan(tlon) | np.isnan(tlat))
    index = np.flatnonzero(ok)
    az, _, dist = GEOD.inv(olon[index], olat[index], tlon[index], tlat[index],
                           return_back_azimuth=True)
    dist_km = np.asarray(dist, dtype=float) / 1000.0
    keep = dist_km > 0.0  # origin == target: nothing to draw
    index, dist_km = index[keep], np.round(dist_km[keep], 3)
    bearing = np.round(np.mod(np.asarray(az, dtype=float)[keep], 360.0), 3)
    bearing[bearing >= 360.0] = 0.0
    lines = [geodesic_path(olon[i], olat[i], tlon[i], tlat[i]) for i in index]
    fields = {"distance_km": dist_km, "bearing": bearing}
    return _block(index, keys, "path", fields, np.array(lines, dtype=object))


@functools.lru_cache(maxsize=4096)
def _area(source: Any, source_id: Any) -> Any:
    return gazetteer_area(source, source_id)


def _area_block(points: pd.DataFrame, keys: np.ndarray, role: str) -> pd.DataFrame:
    radius = points["radius_km"].to_numpy(float)
    rows = points[np.isfinite(radius) & (radius > 0)]
    shapes = []
    for point, precision, source, source_id, r in zip(
        rows["geometry"], rows["precision"], rows["source"], rows["source_id"], rows["radius_km"],
        strict=True,
    ):
        area = _area(source, source_id) if precision in _AREA_PRECISIONS else None
        shapes.append(area if area is not None else uncertainty_circle(point.x, point.y, r))
    fields = {c: rows[c].to_numpy(dtype=object) for c in _POINT_FIELDS.values()}
    fields["radius_km"] = rows["radius_km"].to_numpy(float)
    return _block(rows["_event"].to_numpy(), keys, f"{role}_area", fields,
                  np.array(shapes, dtype=object))


def _attribute_names(frame: pd.DataFrame) -> dict[str, str]:
    """Event column -> attribute column name in the features frame."""
    taken = set(FEATURE_COLUMNS) | {"geometry"}
    names: dict[str, str] = {}
    geometry_name = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    for column in frame.columns:
        if column in ROLE_COLUMNS or column in ("id", "geometry", geometry_name):
            continue
        name = str(column)
        if name in taken:
            name = f"event_{name}"
            while name in taken:
                name += "_"
        taken.add(name)
        names[column] = name
    return names


def event_features(events: Any, *, uncertainty: bool = False) -> gpd.GeoDataFrame:
    """Turn events (contract 2) into map features (contract 3).

    Parameters
    ----------
    events : Events or GeoDataFrame
        What :func:`geomap.read_events` returns, or its ``.frame``.
    uncertainty : bool, default False
        Also add ``target_area`` / ``origin_area`` polygons: the gazetteer's polygon of a
        district, province, country or sea when it has one, else a geodesic circle of
        ``radius_km``.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, index 0..n-1; columns :data:`FEATURE_COLUMNS`, then the event attributes,
        then ``geometry``. Feature ids are ``"{event_id}/{role}"``; a repeated event id gets
        ``#2``, ``#3`` ... so feature ids stay unique. An event whose origin and target are the
        same position gets no path.

    Examples
    --------
    >>> import geopandas as gpd
    >>> events = gpd.GeoDataFrame(
    ...     {"id": ["e1"], "target": ["Aden"], "target_lon": [45.03], "target_lat": [12.8],
    ...      "origin": ["Sanaa"], "origin_lon": [44.2], "origin_lat": [15.35]},
    ...     geometry=gpd.points_from_xy([45.03], [12.8]), crs="EPSG:4326")
    >>> event_features(events)["role"].tolist()
    ['target', 'origin', 'path']
    """
    return build_features(events, uncertainty=uncertainty)


def build_features(events: Any, *, uncertainty: bool = False,
                   keys: np.ndarray | None = None) -> gpd.GeoDataFrame:
    """:func:`event_features` with the per-event id keys given (chunked exports use it so
    feature ids stay unique across chunks); ``keys=None`` computes them from ``id``."""
    frame = _frame_of(events)
    keys = event_keys(frame["id"]) if keys is None else np.asarray(keys, dtype=object)
    target = _point_block(frame, keys, "target")
    origin = _point_block(frame, keys, "origin")
    blocks = [target, origin, _path_block(frame, keys)]
    if uncertainty:
        blocks += [_area_block(target, keys, "target"), _area_block(origin, keys, "origin")]
    blocks = [b for b in blocks if len(b)]
    if blocks:
        rows = pd.concat(blocks, ignore_index=True)
        rows = rows.sort_values(["_event", "_rank"], kind="stable").reset_index(drop=True)
    else:
        rows = pd.DataFrame(columns=["_event", "_rank", "id", "role", "geometry"])
    return _assemble(frame, rows)


def _assemble(frame: pd.DataFrame, rows: pd.DataFrame) -> gpd.GeoDataFrame:
    event = rows["_event"].to_numpy(dtype=np.int64)
    out: dict[str, Any] = {}
    for column in FEATURE_COLUMNS:
        if column == "event_id":
            out[column] = pd.Series(frame["id"].astype(object).to_numpy()[event], dtype=object)
        elif column in ("radius_km", "distance_km", "bearing"):
            values = rows[column] if column in rows else pd.Series(np.nan, index=rows.index)
            out[column] = pd.to_numeric(values, errors="coerce").to_numpy(float)
        else:
            values = rows[column] if column in rows else pd.Series(None, index=rows.index)
            out[column] = pd.Series(values.astype(object).where(values.notna(), None).to_numpy(),
                                    dtype=object)
    for source, name in _attribute_names(frame).items():
        out[name] = frame[source].take(event).reset_index(drop=True)
    geometry = gpd.GeoSeries(rows["geometry"].to_numpy(dtype=object), crs="EPSG:4326")
    return gpd.GeoDataFrame(pd.DataFrame(out), geometry=geometry, crs="EPSG:4326")
