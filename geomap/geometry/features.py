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
from geomap.geometry.paths import GEOD, geodesic_paths

__all__ = ["FEATURE_COLUMNS", "ROLES", "ROLE_COLUMNS", "FeatureTable", "event_features",
           "build_features", "feature_table", "event_keys"]

#: Feature columns, in order, before the event attributes (``geometry`` comes last).
FEATURE_COLUMNS: tuple[str, ...] = (
    "id", "event_id", "role", "name", "geocoded_name", "precision", "radius_km", "kind",
    "country_code", "source", "source_id", "confidence", "distance_km", "bearing",
)
#: Feature roles in the order they follow each other within one event.
ROLES: tuple[str, ...] = ("target", "origin", "path", "target_area", "origin_area")
_ROLE_SUFFIXES = (
    "", "_lat", "_lon", "_country", "_geocoded", "_precision", "_radius_km", "_kind",
    "_country_code", "_source", "_source_id", "_confidence",
)
#: Per-role event columns that stay event attributes: the origin's name as written (an
#: origin that was never placed has no feature to carry it) and both country hints.
_ROLE_ATTRIBUTES = frozenset({"origin", "origin_country", "target_country"})
#: Per-role event columns (contract 2) that become feature columns instead of attributes.
ROLE_COLUMNS: frozenset[str] = frozenset(
    f"{role}{suffix}" for role in ("origin", "target") for suffix in _ROLE_SUFFIXES
) - _ROLE_ATTRIBUTES
#: event column -> feature column, for the point features of one role
_POINT_FIELDS = {
    "": "name", "_geocoded": "geocoded_name", "_precision": "precision",
    "_radius_km": "radius_km", "_kind": "kind", "_country_code": "country_code",
    "_source": "source", "_source_id": "source_id", "_confidence": "confidence",
}
#: feature columns holding floats
_FLOAT_FIELDS = ("radius_km", "confidence", "distance_km", "bearing")
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


def event_keys(ids: pd.Series, scope: np.ndarray | None = None) -> np.ndarray:
    """Event ids as strings, made unique (``a``, ``a#2``, ``a#3``) for feature ids; with
    ``scope`` (say the input file of each event) unique within each scope only."""
    values = ids.to_numpy(dtype=object)
    items = values.tolist()
    if set(map(type, items)) <= {str} and len(set(items)) == len(items):
        return values  # strings already, and unique (validated ids): the common case
    keys = ids.astype(object).where(ids.notna(), "").map(str)
    by = keys if scope is None else [pd.Series(scope, index=keys.index), keys]
    dup = keys.groupby(by, sort=False).cumcount().to_numpy()
    out = keys.to_numpy(dtype=object)
    if dup.any():
        out = out.copy()
        for i in np.flatnonzero(dup):
            out[i] = f"{out[i]}#{dup[i] + 1}"
    return out


class _Block:
    """Features of one role: the event (row position) of each, its fields, its geometry
    (points: their longitudes and latitudes, made shapely points only when asked)."""

    __slots__ = ("event", "role", "fields", "geometry", "lon", "lat")

    def __init__(self, event: np.ndarray, role: str, fields: dict[str, np.ndarray],
                 geometry: np.ndarray | None, lon: np.ndarray | None = None,
                 lat: np.ndarray | None = None) -> None:
        self.event, self.role, self.fields, self.geometry = event, role, fields, geometry
        self.lon, self.lat = lon, lat

    def __len__(self) -> int:
        return len(self.event)

    def shapes(self) -> np.ndarray:
        """The geometry of every feature (shapely)."""
        if self.geometry is None:
            self.geometry = shapely.points(self.lon, self.lat)
        return self.geometry


def _point_block(frame: pd.DataFrame, role: str) -> _Block:
    lon, lat = _coords(frame, role)
    index = np.flatnonzero(~(np.isnan(lon) | np.isnan(lat)))
    fields = {
        out: _column(frame, f"{role}{suffix}").to_numpy(dtype=object)[index]
        for suffix, out in _POINT_FIELDS.items()
    }
    for suffix in ("_radius_km", "_confidence"):
        fields[_POINT_FIELDS[suffix]] = pd.to_numeric(
            _column(frame, f"{role}{suffix}", "float64"), errors="coerce"
        ).to_numpy(float, na_value=np.nan)[index]
    return _Block(index, role, fields, None, lon[index], lat[index])


def _path_block(frame: pd.DataFrame) -> _Block:
    olon, olat = _coords(frame, "origin")
    tlon, tlat = _coords(frame, "target")
    ok = ~(np.isnan(olon) | np.isnan(olat) | np.isnan(tlon) | np.isnan(tlat))
    index = np.flatnonzero(ok)
    az, _, dist = GEOD.inv(olon[index], olat[index], tlon[index], tlat[index],
                           return_back_azimuth=True)
    exact_km = np.asarray(dist, dtype=float) / 1000.0
    keep = exact_km > 0.0  # origin == target: nothing to draw
    index, exact_km = index[keep], exact_km[keep]
    bearing = np.round(np.mod(np.asarray(az, dtype=float)[keep], 360.0), 3)
    bearing[bearing >= 360.0] = 0.0
    lines = geodesic_paths(olon[index], olat[index], tlon[index], tlat[index], exact_km)
    fields = {"distance_km": np.round(exact_km, 3), "bearing": bearing}
    return _Block(index, "path", fields, lines)


@functools.lru_cache(maxsize=4096)
def _area(source: Any, source_id: Any) -> Any:
    return gazetteer_area(source, source_id)


def _area_block(points: _Block, role: str) -> _Block:
    radius = points.fields["radius_km"]
    take = np.flatnonzero(np.isfinite(radius) & (radius > 0))
    fields = {name: values[take] for name, values in points.fields.items()}
    shapes = []
    for lon, lat, precision, source, source_id, r in zip(
        points.lon[take].tolist(), points.lat[take].tolist(), fields["precision"],
        fields["source"], fields["source_id"], fields["radius_km"], strict=True,
    ):
        area = _area(source, source_id) if precision in _AREA_PRECISIONS else None
        shapes.append(area if area is not None else uncertainty_circle(lon, lat, r))
    geometry = np.empty(len(shapes), dtype=object)
    geometry[:] = shapes
    return _Block(points.event[take], f"{role}_area", fields, geometry)


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
    return feature_table(events, uncertainty=uncertainty, keys=keys).frame()


class FeatureTable:
    """The features frame's columns before they are a frame (:func:`feature_table`).

    Attributes
    ----------
    columns : dict of str to Series
        The feature columns and event attributes, in the frame's order (index 0..n-1).
    xy : tuple of ndarray or None
        Longitudes and latitudes of the features when every one is a point, else None.
    """

    def __init__(self, columns: dict[str, pd.Series], xy: tuple[np.ndarray, np.ndarray] | None,
                 geometry: np.ndarray | None) -> None:
        self.columns, self.xy, self._geometry = columns, xy, geometry

    def __len__(self) -> int:
        return len(self.columns["id"])

    def geometry(self) -> np.ndarray:
        """The geometry of every feature (shapely; points made from :attr:`xy` once)."""
        if self._geometry is None:
            assert self.xy is not None
            self._geometry = shapely.points(*self.xy)
        return self._geometry

    def frame(self) -> gpd.GeoDataFrame:
        """The features frame (contract 3), as :func:`event_features` returns it."""
        geometry = gpd.GeoSeries(self.geometry(), crs="EPSG:4326")
        return gpd.GeoDataFrame(pd.DataFrame(self.columns), geometry=geometry, crs="EPSG:4326")


def feature_table(events: Any, *, uncertainty: bool = False,
                  keys: np.ndarray | None = None) -> FeatureTable:
    """:func:`build_features` as a :class:`FeatureTable`: the same columns, without the
    frame, and points kept as coordinates (a writer that needs no shapely point reads them
    from ``xy``)."""
    frame = _frame_of(events)
    keys = event_keys(frame["id"]) if keys is None else np.asarray(keys, dtype=object)
    target = _point_block(frame, "target")
    origin = _point_block(frame, "origin")
    blocks = [target, origin, _path_block(frame)]
    if uncertainty:
        blocks += [_area_block(target, "target"), _area_block(origin, "origin")]
    return _assemble(frame, keys, [b for b in blocks if len(b)])


def _stack(blocks: list[_Block], order: np.ndarray, column: str) -> np.ndarray:
    """One feature column over every block, in feature order (None or NaN where a block has
    no such field)."""
    floating = column in _FLOAT_FIELDS
    parts = []
    for block in blocks:
        values = block.fields.get(column)
        if values is None:
            values = np.full(len(block), np.nan if floating else None,
                             dtype=float if floating else object)
        parts.append(values)
    if not parts:
        return np.empty(0, dtype=float if floating else object)
    stacked = np.concatenate(parts)[order]
    if floating:
        return pd.to_numeric(pd.Series(stacked), errors="coerce").to_numpy(float)
    stacked = stacked.astype(object, copy=False)
    stacked[pd.isna(stacked)] = None
    return stacked


def _assemble(frame: pd.DataFrame, keys: np.ndarray, blocks: list[_Block]) -> FeatureTable:
    """The features' columns: blocks interleaved in event order, roles in ROLES order."""
    empty = np.empty(0, dtype=np.int64)
    event = np.concatenate([b.event for b in blocks]).astype(np.int64) if blocks else empty
    rank = (np.concatenate([np.full(len(b), ROLES.index(b.role)) for b in blocks])
            if blocks else empty)
    order = np.lexsort((rank, event))
    event = event[order]
    roles = np.concatenate([np.full(len(b), b.role, dtype=object) for b in blocks])[order] \
        if blocks else np.empty(0, dtype=object)
    out: dict[str, Any] = {}
    for column in FEATURE_COLUMNS:
        if column == "id":
            ids = [f"{k}/{r}" for k, r in zip(keys[event].tolist(), roles.tolist(), strict=True)]
            values: Any = np.array(ids, dtype=object) if ids else np.empty(0, dtype=object)
        elif column == "event_id":
            values = frame["id"].astype(object).to_numpy()[event]
        elif column == "role":
            values = roles
        else:
            values = _stack(blocks, order, column)
        out[column] = (pd.Series(values, dtype=float) if values.dtype == float
                       else pd.Series(values, dtype=object))
    every = len(event) == len(frame) and bool((event == np.arange(len(event))).all())
    for source, name in _attribute_names(frame).items():  # one feature an event: as they are
        out[name] = frame[source] if every else frame[source].take(event).reset_index(drop=True)
    if blocks and all(b.geometry is None for b in blocks):  # points only
        xy = (np.concatenate([b.lon for b in blocks])[order],
              np.concatenate([b.lat for b in blocks])[order])
        return FeatureTable(out, xy, None)
    geometry = (np.concatenate([b.shapes() for b in blocks])[order] if blocks
                else np.empty(0, dtype=object))
    return FeatureTable(out, None, geometry)
