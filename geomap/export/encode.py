"""Column-wise JSON encoding for the GeoJSON writer: values, property keys and geometries.

Everything here returns JSON *text* (``str``) so the writer can assemble features with one
``%`` format per row. Encoding rules (see docs/export.md):

* missing values (``None``, ``NaN``, ``pd.NA``, ``NaT``) and non-finite floats -> ``null``;
* floats -> shortest ``repr``; integers -> digits; booleans -> ``true``/``false``;
* dates and timestamps -> ISO 8601 strings; tuples, lists, arrays -> JSON arrays; dicts ->
  JSON objects with sorted keys; anything else -> its ``str``;
* strings are UTF-8 (not ``\\u`` escaped), so Arabic and Cyrillic names stay readable.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd
import shapely

from geomap.errors import ExportError

__all__ = [
    "RESERVED_MEMBERS",
    "all_points",
    "property_keys",
    "encode_column",
    "constant_text",
    "encode_value",
    "plain_value",
    "encode_geometries",
    "encode_strings",
    "point_coordinates",
    "round_coords",
]

#: GeoJSON member names never used as property keys (a clash is renamed ``name_``).
RESERVED_MEMBERS: frozenset[str] = frozenset(
    {"type", "geometry", "properties", "id", "bbox", "coordinates", "crs", "features"}
)


def property_keys(columns: Iterable[Any]) -> list[str]:
    """Return property keys for ``columns``: reserved names and repeats get ``_`` appended.

    >>> property_keys(["type", "name", "type_", "crs"])
    ['type__', 'name', 'type_', 'crs_']
    """
    columns = [str(c) for c in columns]
    taken = {c for c in columns if c not in RESERVED_MEMBERS}
    keys: list[str] = []
    seen: set[str] = set()
    for column in columns:
        key = column
        if key in RESERVED_MEMBERS or key in seen:
            key += "_"
            while key in taken or key in seen or key in RESERVED_MEMBERS:
                key += "_"
        seen.add(key)
        keys.append(key)
    return keys


def plain_value(value: Any) -> Any:
    """Turn a value into something ``json.dumps(allow_nan=False)`` accepts, or raise."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str | bool | int):
        return value
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, dt.date | dt.datetime | pd.Timestamp):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, dict):
        return {str(k): plain_value(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple | set | frozenset | np.ndarray):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [plain_value(v) for v in items]
    return str(value)


def encode_value(value: Any) -> str:
    """Return the JSON text of one property value (``null`` for anything missing)."""
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, tuple | list) and all(type(v) is str for v in value):
        return "[" + ",".join(map(encode_basestring, value)) + "]"  # sources: the common case
    plain = plain_value(value)
    if plain is None:
        return "null"
    if isinstance(plain, str):
        return encode_basestring(plain)
    if isinstance(plain, float):
        return repr(plain)
    if isinstance(plain, bool):
        return "true" if plain else "false"
    if isinstance(plain, int):
        return str(plain)
    return json.dumps(plain, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _encode_floats(values: np.ndarray) -> list[str]:
    finite = np.isfinite(values)
    if not finite.any():  # an empty column (distances of points, bearings)
        return ["null"] * len(values)
    text = list(map(float.__repr__, (np.where(finite, values, 0.0) + 0.0).tolist()))
    if not finite.all():
        for i in np.flatnonzero(~finite):
            text[i] = "null"
    return text


def _encode_ints(series: pd.Series) -> list[str]:
    mask = series.isna().to_numpy()
    if mask.all():
        return ["null"] * len(series)
    values = series.to_numpy(dtype="int64", na_value=0) if mask.any() else series.to_numpy()
    text = list(map(str, values.tolist()))
    for i in np.flatnonzero(mask):
        text[i] = "null"
    return text


def _encode_strings(series: pd.Series) -> list[str]:
    mask = series.isna().to_numpy()
    values = series.to_numpy(dtype=object)
    if mask.any():
        values = np.where(mask, "", values)
    text = list(map(encode_basestring, values.tolist()))
    for i in np.flatnonzero(mask).tolist():
        text[i] = "null"
    return text


def _string_tuple(value: tuple) -> str:
    return "[" + ",".join(map(encode_basestring, value)) + "]"


def _encode_objects(series: pd.Series) -> list[str]:
    """Mixed values: encode each distinct value once (ids, dates, sources repeat a lot);
    a column of tuples of strings (``sources``) is encoded directly."""
    values = series.to_numpy(dtype=object).tolist()
    # set(map(...)): the type and length checks run in C, one pass each
    if values and type(values[0]) is tuple and set(map(type, values)) == {tuple}:
        if set(map(len, values)) == {1}:  # one source each: the common case
            firsts = list(map(itemgetter(0), values))
            if set(map(type, firsts)) == {str}:
                return list(map("[{}]".format, map(encode_basestring, firsts)))
        elif all(type(u) is str for v in values for u in v):
            return list(map(_string_tuple, values))
    try:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    except TypeError:  # unhashable values (lists, dicts)
        return [encode_value(v) for v in series.astype(object).tolist()]
    table = np.array([encode_value(v) for v in uniques.tolist()] + ["null"], dtype=object)
    return table[codes].tolist()


def encode_column(series: pd.Series) -> list[str]:
    """Return the JSON text of every value of ``series``, in order."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype) and not series.isna().any():
        return ["true" if v else "false" for v in series.to_numpy(dtype=bool).tolist()]
    if pd.api.types.is_float_dtype(dtype):
        return _encode_floats(series.to_numpy(dtype=float, na_value=np.nan))
    if pd.api.types.is_integer_dtype(dtype):
        return _encode_ints(series)
    if isinstance(dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(dtype):
        return [encode_value(v) for v in series.astype(object).tolist()]
    kind = pd.api.types.infer_dtype(series, skipna=True)
    if kind == "string":
        return _encode_strings(series)
    if kind == "empty":
        return ["null"] * len(series)
    return _encode_objects(series)


def constant_text(series: pd.Series) -> str | None:
    """The JSON text of every value of ``series`` when they are all alike, found without
    encoding each one (a column the same in every row: claim, precision, source ...); None
    when they differ, or when telling would cost as much as encoding."""
    n = len(series)
    if n == 0:
        return None
    if pd.api.types.is_float_dtype(series.dtype):
        values = series.to_numpy(dtype=float, na_value=np.nan)
        finite = np.isfinite(values)
        if not finite.any():
            return "null"
        if not (finite.all() and (values == values[0]).all()):
            return None
    elif series.dtype == object:
        values = series.to_numpy(dtype=object)
        first = values[0]
        for other in (values[-1], values[n // 2]):  # most columns that differ, at once
            if type(other) is not type(first) or not _same(other, first):
                return None
        try:
            if set(map(type, values.tolist())) != {type(first)} or len(set(values.tolist())) != 1:
                return None
        except TypeError:  # unhashable values
            return None
    else:
        return None
    return encode_column(series.iloc[:1])[0]


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a is b or a == b)
    except (TypeError, ValueError):
        return False


def round_coords(coords: np.ndarray, precision: int) -> np.ndarray:
    """Round coordinates to ``precision`` decimals (``-0.0`` becomes ``0.0``)."""
    return np.round(coords, precision) + 0.0


def _clean(coords: np.ndarray, precision: int, closed: bool = False) -> np.ndarray | None:
    """Round, drop repeated consecutive positions; None when too few remain to draw."""
    xy = round_coords(coords, precision)
    if len(xy) > 1:
        xy = xy[np.concatenate([[True], np.any(xy[1:] != xy[:-1], axis=1)])]
    if closed:
        return xy if len(xy) >= 4 and np.array_equal(xy[0], xy[-1]) else None
    return xy if len(xy) >= 2 else None


def _positions(xy: np.ndarray) -> str:
    flat = list(map(float.__repr__, xy.ravel().tolist()))
    return "[" + ",".join(f"[{flat[i]},{flat[i + 1]}]" for i in range(0, len(flat), 2)) + "]"


def _polygon_text(polygon: Any, precision: int) -> str | None:
    exterior = _clean(shapely.get_coordinates(polygon.exterior), precision, closed=True)
    if exterior is None:
        return None
    rings = [exterior] + [r for r in (_clean(shapely.get_coordinates(h), precision, closed=True)
                                      for h in polygon.interiors) if r is not None]
    return "[" + ",".join(_positions(r) for r in rings) + "]"


def _part_text(geom: Any, precision: int) -> str | None:
    kind = geom.geom_type
    if kind == "Point":
        x, y = round_coords(shapely.get_coordinates(geom)[0], precision).tolist()
        return f"[{x!r},{y!r}]"
    if kind == "Polygon":
        return _polygon_text(geom, precision)
    xy = _clean(shapely.get_coordinates(geom), precision)
    return None if xy is None else _positions(xy)


def _encode_one(geom: Any, precision: int) -> str:
    """GeoJSON text of one geometry; parts that rounding collapses are left out (``null``
    when nothing is left: a 5 cm path has no line to draw at 6 decimals)."""
    kind = geom.geom_type
    if kind == "LinearRing":
        kind = "LineString"
    if kind in ("Point", "LineString", "Polygon"):
        body = _part_text(geom, precision)
        return "null" if body is None else f'{{"type":"{kind}","coordinates":{body}}}'
    if kind in ("MultiPoint", "MultiLineString", "MultiPolygon"):
        parts = [t for t in (_part_text(g, precision) for g in geom.geoms) if t is not None]
        return f'{{"type":"{kind}","coordinates":[{",".join(parts)}]}}' if parts else "null"
    if kind == "GeometryCollection":
        members = [m for m in (_encode_one(g, precision) for g in geom.geoms) if m != "null"]
        return f'{{"type":"GeometryCollection","geometries":[{",".join(members)}]}}'
    raise ExportError(f"cannot write a {kind} geometry as GeoJSON")


def encode_geometries(geoms: Sequence[Any] | np.ndarray, precision: int) -> list[str]:
    """Return the GeoJSON text of each geometry (``null`` for a missing or empty one).

    Points are encoded in one vectorised pass; other geometries one by one.
    """
    geoms = np.asarray(geoms, dtype=object)
    out = ["null"] * len(geoms)
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    kinds = shapely.get_type_id(geoms)
    points = np.flatnonzero((kinds == 0) & ~missing)
    if points.size:
        xs, ys = _point_texts(geoms[points], precision)
        template = '{"type":"Point","coordinates":[%s,%s]}'
        for i, x, y in zip(points.tolist(), xs, ys, strict=True):
            out[i] = template % (x, y)
    for i in np.flatnonzero((kinds != 0) & ~missing).tolist():
        out[i] = _encode_one(geoms[i], precision)
    return out


def _point_texts(points: np.ndarray, precision: int) -> tuple[list[str], list[str]]:
    xy = round_coords(shapely.get_coordinates(points), precision)
    return (list(map(float.__repr__, xy[:, 0].tolist())),
            list(map(float.__repr__, xy[:, 1].tolist())))


def point_coordinates(geoms: np.ndarray, precision: int) -> tuple[list[str], list[str]] | None:
    """Longitude and latitude texts of every geometry when all are non-empty points (the
    common case: the writer then puts them straight into its row template); else None.
    The texts are the ones :func:`encode_geometries` writes."""
    return _point_texts(geoms, precision) if all_points(geoms) else None


def all_points(geoms: np.ndarray) -> bool:
    """True when there are geometries and every one is a non-empty point."""
    if not len(geoms) or not (shapely.get_type_id(geoms) == 0).all():
        return False
    return not (shapely.is_missing(geoms) | shapely.is_empty(geoms)).any()


def encode_strings(values: Sequence[Any]) -> list[str]:
    """JSON text of each value, as :func:`encode_value` writes it (all ``str``: one pass)."""
    try:
        return list(map(encode_basestring, values))
    except TypeError:  # not all str
        return [encode_value(v) for v in values]
