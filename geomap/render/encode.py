"""Compact, column-wise JSON for the page: what keeps 10,000 events to a few megabytes.

The page decodes it back into one GeoJSON FeatureCollection per role before handing it to
Leaflet. Encodings:

* a *column* is a plain list, or ``{"d": [distinct values], "i": [index per row]}`` when the
  column repeats values (``-1`` is ``null``);
* a point layer is ``{"x": [...], "y": [...], "ev": [...], "p": {key: column}}``, where an
  ``ev`` entry is an event index, or a list of them for a place shared by several events;
* a path layer is ``{"ev": [...], "d": column, "b": column, "g": [[part, ...], ...]}``, each
  part a flat list ``[x0, y0, dx1, dy1, ...]`` of integers in units of ``10**-SCALE`` degrees
  (the first pair absolute, the rest differences).
"""

from __future__ import annotations

from typing import Any

__all__ = ["SCALE", "encode_column", "encode_coded", "decode_column", "encode_points",
           "encode_paths", "encode_events", "encode_event_columns", "encode_line", "decode_line"]

#: Path coordinates are integers of 10**-SCALE degrees (about 11 m at SCALE 4).
SCALE = 4
_FACTOR = 10**SCALE


def encode_column(values: list[Any]) -> Any:
    """A list, or its dictionary encoding when that is shorter (repeated values)."""

    if not values:
        return []
    codes, distinct = _factorize(values)
    if len(distinct) * 2 > len(values):
        return values
    return {"d": distinct, "i": codes.tolist()}


def _factorize(values: list[Any]) -> tuple[Any, list[Any]]:
    """Codes (``-1`` for ``None``) and distinct values, in order of first appearance."""
    import pandas as pd

    has_lists = any(issubclass(t, list) for t in set(map(type, values)))
    keys = [tuple(v) if isinstance(v, list) else v for v in values] if has_lists else values
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object), use_na_sentinel=True)
    distinct = [list(u) if has_lists and isinstance(u, tuple) else u for u in uniques.tolist()]
    return codes, distinct


def encode_coded(cells: list[Any], codes: Any) -> Any:
    """:func:`encode_column` of ``cells[codes]`` (``None`` where a code is ``-1``), without
    building that list when the dictionary encoding is chosen; ``codes=None``: of ``cells``."""
    import numpy as np

    if codes is None:
        return encode_column(cells)
    if not len(codes):
        return []
    sub, distinct = _factorize(cells) if cells else (np.empty(0, dtype=np.int64), [])
    if len(distinct) * 2 > len(codes):
        table = np.empty(len(cells) + 1, dtype=object)
        table[:len(cells)] = cells
        table[len(cells)] = None
        return table[codes].tolist()
    lookup = np.append(np.asarray(sub, dtype=np.int64), -1)
    return {"d": distinct, "i": lookup[codes].tolist()}


def decode_column(column: Any) -> list[Any]:
    """Inverse of :func:`encode_column` (the page does the same in JavaScript)."""
    if isinstance(column, dict):
        distinct = column["d"]
        return [None if i < 0 else distinct[i] for i in column["i"]]
    return list(column)


def encode_points(layer: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """A column-wise point layer (from :func:`geomap.render.payload.build_layers`)."""
    props = {k: encode_column(layer["p"][k]) for k in keys if k in layer["p"]}
    evs = [e[0] if len(e) == 1 else e for e in layer["ev"]]
    return {"x": list(layer["x"]), "y": list(layer["y"]), "ev": evs, "p": props}


def encode_line(coords: list[list[float]]) -> list[int]:
    """``[[x, y], ...]`` -> ``[x0, y0, dx1, dy1, ...]`` in integer units of 10**-SCALE degrees."""
    out: list[int] = []
    px = py = 0
    for x, y in coords:
        ix, iy = round(x * _FACTOR), round(y * _FACTOR)
        out += [ix - px, iy - py]
        px, py = ix, iy
    return out


def decode_line(flat: list[int]) -> list[list[float]]:
    """Inverse of :func:`encode_line`."""
    coords, x, y = [], 0, 0
    for i in range(0, len(flat), 2):
        x, y = x + flat[i], y + flat[i + 1]
        coords.append([x / _FACTOR, y / _FACTOR])
    return coords


def encode_paths(layer: dict[str, Any]) -> dict[str, Any]:
    """A path FeatureCollection (LineString or MultiLineString features)."""
    features = layer["features"]
    geoms = layer.get("_g")  # already encoded by geomap.render.payload
    if geoms is not None and len(geoms) == len(features):
        geoms = list(geoms)
    else:
        geoms = _encode_geometries(features)
    return {
        "ev": [f["properties"]["ev"][0] for f in features],
        "d": encode_column([f["properties"].get("d") for f in features]),
        "b": encode_column([f["properties"].get("b") for f in features]),
        "g": geoms,
    }


def _encode_geometries(features: list[dict[str, Any]]) -> list[list[list[int]]]:
    geoms = []
    for f in features:
        geom = f["geometry"]
        parts = geom["coordinates"] if geom["type"] == "MultiLineString" else [geom["coordinates"]]
        geoms.append([encode_line(part) for part in parts])
    return geoms


def encode_events(columns: list[list[str]], rows: list[list[Any]]) -> dict[str, Any]:
    """The events table, column by column."""
    return {
        "n": len(rows),
        "cols": columns,
        "data": [encode_column([row[j] for row in rows]) for j in range(len(columns))],
    }


def encode_event_columns(columns: list[list[str]], n: int,
                         data: list[tuple[list[Any], Any]]) -> dict[str, Any]:
    """:func:`encode_events` from the table's columns as ``(cells, codes)`` pairs (see
    :func:`geomap.render.popups.event_columns`) for ``n`` events."""
    return {"n": n, "cols": columns, "data": [encode_coded(c, k) for c, k in data]}
