"""A block of GeoJSON features as UTF-8 bytes, built column by column in Arrow.

The bytes are exactly the features :func:`geomap.export.geojson.encode_features` writes
(wrapped and joined as asked), from a features frame or, without building that frame, from
:func:`geomap.geometry.features.feature_table`'s columns (points written from their
coordinates: no shapely point is made). The column texts are
:mod:`geomap.export.arrow_text`'s.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from geomap.export.arrow_text import Texts, column_texts, float_texts, join_rows
from geomap.export.bbox import covering_box
from geomap.export.encode import (
    all_points,
    encode_geometries,
    encode_value,
    property_keys,
    round_coords,
)
from geomap.export.geojson import (
    _check_precision,
    _geometries,
    _property_columns,
    _rounded_extents,
    box_text,
    check_ranges,
    feature_ids,
    unique_ids,
)

__all__ = ["encode_feature_bytes", "encode_table_bytes"]


def encode_feature_bytes(
    features: pd.DataFrame, *, precision: int = 6, bbox: bool = False,
    ids: list[str] | None = None, before: str = "", after: str = "", between: str = "",
) -> tuple[pa.Buffer, int, list[np.ndarray]]:
    """All rows of ``features`` as one block of UTF-8 bytes: each feature's JSON (as
    :func:`geomap.export.geojson.encode_features` writes it) wrapped in ``before`` and
    ``after``, features joined by ``between``.

    Returns the bytes (an Arrow buffer: written, pickled and compared as bytes are), the
    feature count and, when ``bbox``, the rounded part extents of each feature (else an
    empty list).
    """
    precision = _check_precision(precision)
    geoms = _geometries(features)
    check_ranges(shapely.bounds(geoms), features["id"] if "id" in features.columns else None)
    columns = [(c, features[c]) for c in _property_columns(features)]
    ids = feature_ids(features) if ids is None else ids
    xy = round_coords(shapely.get_coordinates(geoms), precision) if all_points(geoms) else None
    return _block(ids, columns, geoms, xy, precision, bbox, before, after, between)


def encode_table_bytes(
    table: Any, *, precision: int = 6, bbox: bool = False, before: str = "", after: str = "",
    between: str = "",
) -> tuple[pa.Buffer, int, list[np.ndarray]]:
    """:func:`encode_feature_bytes` of a :class:`geomap.geometry.features.FeatureTable`
    (the same bytes as of its ``frame()``)."""
    precision = _check_precision(precision)
    ids = table.columns["id"]
    columns = [(c, s) for c, s in table.columns.items() if c != "id"]
    if table.xy is None:
        geoms = table.geometry()
        check_ranges(shapely.bounds(geoms), ids)
        xy = (round_coords(shapely.get_coordinates(geoms), precision) if all_points(geoms)
              else None)
    else:
        lon, lat = table.xy
        check_ranges(np.column_stack((lon, lat, lon, lat)), ids)
        xy = round_coords(np.column_stack(table.xy), precision)
        geoms = table.geometry() if bbox else None
    return _block(unique_ids(ids), columns, geoms, xy, precision, bbox, before, after, between)


def _block(ids: list[str], columns: list[tuple[Any, pd.Series]], geoms: np.ndarray | None,
           xy: np.ndarray | None, precision: int, bbox: bool, before: str, after: str,
           between: str) -> tuple[pa.Buffer, int, list[np.ndarray]]:
    """The block: ``xy`` (rounded) are the points' coordinates when every feature is a
    point, else ``geoms`` are written; ``geoms`` give the extents when ``bbox``."""
    extents = _rounded_extents(geoms, precision) if bbox else []
    if not len(ids):
        return pa.py_buffer(b""), 0, extents
    pieces: list[Any] = [before + '{"type":"Feature","id":']
    _add(pieces, column_texts(pd.Series(ids, dtype=object)))
    pieces.append(',"geometry":')
    if xy is not None:
        pieces.append('{"type":"Point","coordinates":[')
        _add(pieces, float_texts(xy[:, 0]))
        pieces.append(",")
        _add(pieces, float_texts(xy[:, 1]))
        pieces.append("]}")
    else:
        _add(pieces, (pa.array(encode_geometries(geoms, precision), pa.string()), "", ""))
    pieces.append(',"properties":{')
    keys = property_keys([c for c, _ in columns])
    for n, (key, (_, series)) in enumerate(zip(keys, columns, strict=True)):
        pieces.append(("," if n else "") + encode_value(key) + ":")
        _add(pieces, column_texts(series))
    pieces.append("}")
    if bbox:
        pieces.append(',"bbox":')
        _add(pieces, (pa.array([box_text(covering_box(e)) for e in extents], pa.string()),
                      "", ""))
    pieces.append("}" + after)
    return join_rows(pieces, between=between), len(ids), extents


def _add(pieces: list[Any], texts: Texts) -> None:
    """Append one column's texts (see :data:`geomap.export.arrow_text.Texts`)."""
    if isinstance(texts, str):
        pieces.append(texts)
    else:
        values, prefix, suffix = texts
        pieces += [prefix, values, suffix]
