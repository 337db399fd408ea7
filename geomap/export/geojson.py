"""The RFC 7946 GeoJSON writer, written by us: streaming, exact and byte-stable.

Why not ``GeoDataFrame.to_file``: geopandas' default GeoJSON adds a ``crs`` member, and
pyogrio's RFC 7946 mode does not cut a 170 -> -170 line. This writer:

* writes a FeatureCollection, positions ``[lon, lat]``, no ``crs``, one feature per line;
* rounds coordinates to ``precision`` decimals (6 by default: at most 8 cm off);
* writes string feature ids, unique (a repeat gets ``#2``, ``#3`` ...);
* never writes ``NaN``/``Infinity`` (they become ``null``);
* renames a property whose name is a GeoJSON member (``type`` -> ``type_``, see
  :func:`geomap.export.encode.property_keys`);
* with ``bbox=True`` adds a ``bbox`` to every feature and to the collection, ``west > east``
  when the box crosses the antimeridian;
* gives byte-identical output for the same input (input order kept, no timestamps).

Ring orientation and the antimeridian cut are the geometry's business
(:mod:`geomap.geometry` builds them so); the writer checks coordinate ranges.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd
import shapely

from geomap.atomic import atomic_write
from geomap.errors import ExportError, GeomapInputError
from geomap.export.bbox import Box, covering_box, part_extents
from geomap.export.encode import (
    constant_text,
    encode_column,
    encode_geometries,
    encode_strings,
    encode_value,
    point_coordinates,
    property_keys,
)

__all__ = [
    "CHUNK_ROWS",
    "box_text",
    "check_ranges",
    "encode_feature_block",
    "encode_features",
    "feature_ids",
    "iter_feature_text",
    "to_geojson",
    "unique_ids",
    "write_geojson",
    "write_feature_collection",
]

#: Rows encoded at a time when streaming.
CHUNK_ROWS = 20_000


def _check_precision(precision: int) -> int:
    if isinstance(precision, bool) or not isinstance(precision, int | np.integer):
        raise GeomapInputError(f"precision must be an integer, not {precision!r}")
    if not 0 <= precision <= 15:
        raise GeomapInputError(f"precision must be between 0 and 15, not {precision}")
    return int(precision)


def feature_ids(features: pd.DataFrame) -> list[str]:
    """String ids for every row: the ``id`` column (row number where missing), made unique."""
    if "id" not in features.columns:
        return [str(i) for i in range(len(features))]
    return unique_ids(features["id"])


def unique_ids(ids: pd.Series) -> list[str]:
    """The ids as strings (the row number where missing), a repeat made unique (``#2``)."""
    ids = ids.astype(object)
    values = ids.to_numpy(dtype=object).tolist()
    if (not values or set(map(type, values)) == {str}) and len(set(values)) == len(values):
        return values  # already strings and unique: the common case
    keys = pd.Series([str(v) if v is not None else str(i)
                      for i, v in enumerate(ids.where(ids.notna(), None))], dtype=object)
    dup = keys.groupby(keys, sort=False).cumcount().to_numpy()
    out = keys.tolist()
    for i in np.flatnonzero(dup).tolist():
        out[i] = f"{out[i]}#{dup[i] + 1}"
    return out


def _check_ranges(geoms: np.ndarray, features: pd.DataFrame) -> None:
    check_ranges(shapely.bounds(geoms), features["id"] if "id" in features.columns else None)


def check_ranges(bounds: np.ndarray, ids: pd.Series | None) -> None:
    """Raise :class:`ExportError` naming the first feature whose ``bounds`` (rows of west,
    south, east, north) leave [-180, 180] x [-90, 90] (by its id, else its row)."""
    with np.errstate(invalid="ignore"):
        bad = (bounds[:, 0] < -180) | (bounds[:, 2] > 180) | (bounds[:, 1] < -90) | (
            bounds[:, 3] > 90
        )
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        label = ids.iloc[i] if ids is not None else i
        raise ExportError(
            f"feature {label!r}: coordinates {tuple(np.round(bounds[i], 6))} are outside "
            "[-180, 180] x [-90, 90]; is the axis order lat/lon swapped?"
        )


def box_text(box: Box | None) -> str:
    """JSON text of a bbox (``null`` for None)."""
    if box is None:
        return "null"
    return "[" + ",".join(repr(float(v) + 0.0) for v in box) + "]"


def _rounded_extents(geoms: np.ndarray, precision: int) -> list[np.ndarray]:
    """Per geometry: extents of its parts after rounding (so the box holds every position)."""
    rounded = shapely.transform(geoms, lambda c: np.round(c, precision) + 0.0)
    return [part_extents([g]) for g in rounded]


def _geometry_name(features: pd.DataFrame) -> str:
    return getattr(features, "_geometry_column_name", None) or "geometry"


def _geometries(features: pd.DataFrame) -> np.ndarray:
    """The geometry of every row (None for all when the frame has no geometry column)."""
    name = _geometry_name(features)
    return np.asarray(features[name].array if name in features else [None] * len(features),
                      dtype=object)


def _property_columns(features: pd.DataFrame) -> list[Any]:
    """The columns written as properties, in order (all but ``id`` and the geometry)."""
    return [c for c in features.columns if c not in ("id", _geometry_name(features))]


def _feature_fields(
    features: pd.DataFrame, precision: int, bbox: bool, ids: list[str] | None,
) -> tuple[str, list[list[str]], list[np.ndarray]]:
    """The ``%`` template of one feature, the JSON texts of its fields (one list per field,
    in template order) and the rounded part extents (when ``bbox``)."""
    precision = _check_precision(precision)
    geoms = _geometries(features)
    _check_ranges(geoms, features)
    columns = _property_columns(features)
    keys = property_keys(columns)
    values, members = [], []
    for key, column in zip(keys, columns, strict=True):
        member = encode_value(key).replace("%", "%%") + ":"
        text = constant_text(features[column])
        if text is not None:  # the same in every row, told without encoding each
            members.append(member + text.replace("%", "%%"))
            continue
        texts = encode_column(features[column])
        if texts and texts.count(texts[0]) == len(texts):  # the same in every row
            members.append(member + texts[0].replace("%", "%%"))
        else:
            members.append(member + "%s")
            values.append(texts)
    ids = encode_strings(feature_ids(features) if ids is None else ids)
    points = point_coordinates(geoms, precision)
    if points is None:  # any geometry: its whole text is one field of the row
        geometry, geometry_values = "%s", [encode_geometries(geoms, precision)]
    else:  # points only: their coordinates are two fields of the row
        geometry, geometry_values = '{"type":"Point","coordinates":[%s,%s]}', list(points)
    template = ('{"type":"Feature","id":%s,' + '"geometry":' + geometry + ',"properties":{'
                + ",".join(members) + "}}")
    fields = [ids, *geometry_values, *values]
    extents: list[np.ndarray] = []
    if bbox:
        extents = _rounded_extents(geoms, precision)
        fields.append([box_text(covering_box(e)) for e in extents])
        template = template[:-1] + ',"bbox":%s}'
    return template, fields, extents


def encode_features(
    features: pd.DataFrame, *, precision: int = 6, bbox: bool = False,
    ids: list[str] | None = None,
) -> tuple[list[str], list[np.ndarray]]:
    """Encode every row of ``features`` as one GeoJSON Feature (JSON text).

    ``ids`` are the feature ids (default: :func:`feature_ids`). Returns the texts and, when
    ``bbox`` is True, the rounded part extents of each feature (for the collection's box);
    otherwise an empty list.
    """
    template, fields, extents = _feature_fields(features, precision, bbox, ids)
    return [template % row for row in zip(*fields, strict=True)], extents


def encode_feature_block(
    features: pd.DataFrame, *, precision: int = 6, bbox: bool = False,
    ids: list[str] | None = None, before: str = "", after: str = "", between: str = "",
) -> tuple[str, int, list[np.ndarray]]:
    """All rows of ``features`` as one text: each feature's JSON (as :func:`encode_features`
    writes it) wrapped in ``before`` and ``after``, features joined by ``between``.

    :func:`geomap.export.feature_block.encode_feature_bytes` as text. Returns the text,
    the feature count and the extents (as :func:`encode_features`).
    """
    from geomap.export.feature_block import encode_feature_bytes

    block, count, extents = encode_feature_bytes(features, precision=precision, bbox=bbox,
                                                 ids=ids, before=before, after=after,
                                                 between=between)
    return block.to_pybytes().decode("utf-8"), count, extents


def _template_texts(template: str) -> list[str]:
    """The literal texts around the ``%s`` fields of a ``%`` template (``%%`` is ``%``)."""
    texts = [""]
    for token in re.split(r"(%%|%s)", template):
        if token == "%s":
            texts.append("")
        else:
            texts[-1] += "%" if token == "%%" else token
    return texts


def iter_feature_text(
    features: pd.DataFrame, *, precision: int = 6, bbox: bool = False,
    chunk_rows: int = CHUNK_ROWS, extents: list[np.ndarray] | None = None,
) -> Iterator[list[str]]:
    """Yield the features' JSON texts chunk by chunk; collect part extents into ``extents``."""
    ids = feature_ids(features)
    for start in range(0, len(features), chunk_rows):
        chunk = features.iloc[start:start + chunk_rows]
        texts, chunk_extents = encode_features(
            chunk, precision=precision, bbox=bbox, ids=ids[start:start + chunk_rows]
        )
        if extents is not None:
            extents.extend(chunk_extents)
        yield texts


def write_feature_collection(
    features: pd.DataFrame, stream: IO[str], *, precision: int = 6, bbox: bool = False,
    chunk_rows: int = CHUNK_ROWS,
) -> int:
    """Stream ``features`` to ``stream`` as a FeatureCollection; return the feature count."""
    extents: list[np.ndarray] = []
    stream.write('{"type":"FeatureCollection","features":[')
    count = 0
    for texts in iter_feature_text(features, precision=precision, bbox=bbox,
                                   chunk_rows=chunk_rows, extents=extents):
        if texts:
            stream.write(("\n" if count == 0 else ",\n") + ",\n".join(texts))
            count += len(texts)
    stream.write("\n]")
    if bbox:
        parts = [e for e in extents if len(e)]
        box = covering_box(np.concatenate(parts)) if parts else None
        if box is not None:
            stream.write(f',"bbox":{box_text(box)}')
    stream.write("}\n")
    return count


def _frame(features: Any) -> pd.DataFrame:
    if not isinstance(features, pd.DataFrame):
        raise GeomapInputError(
            f"expected a features GeoDataFrame (see event_features), not {type(features).__name__}"
        )
    crs = getattr(features, "crs", None)
    if crs is not None and not crs.equals("EPSG:4326") and crs.to_epsg() != 4326:
        raise GeomapInputError(
            f"RFC 7946 GeoJSON is WGS84 longitude/latitude; this frame is in {crs.name!r}. "
            "Reproject first with features.to_crs('EPSG:4326')."
        )
    return features


def to_geojson(features: Any, *, precision: int = 6, bbox: bool = False) -> str:
    """Return ``features`` as an RFC 7946 FeatureCollection (a string).

    Parameters
    ----------
    features : GeoDataFrame
        Usually :func:`geomap.event_features` output; any EPSG:4326 (or naive lon/lat)
        GeoDataFrame works. An ``id`` column gives the feature ids.
    precision : int, default 6
        Decimals kept in coordinates.
    bbox : bool, default False
        Add ``bbox`` members (antimeridian-aware).

    Examples
    --------
    >>> import geopandas as gpd
    >>> frame = gpd.GeoDataFrame({"id": ["a"], "type": ["x"]},
    ...                          geometry=gpd.points_from_xy([45.123456789], [12.5]))
    >>> print(to_geojson(frame), end="")
    {"type":"FeatureCollection","features":[
    {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[45.123457,12.5]},"properties":{"type_":"x"}}
    ]}
    """  # noqa: E501
    buffer = io.StringIO()
    write_feature_collection(_frame(features), buffer, precision=precision, bbox=bbox)
    return buffer.getvalue()


def write_geojson(
    features: Any, path: str | os.PathLike[str], *, precision: int = 6, bbox: bool = False,
    overwrite: bool = False,
) -> Path:
    """Write ``features`` to ``path`` as RFC 7946 GeoJSON, atomically; return the path.

    Raises
    ------
    ExportError
        ``path`` exists and ``overwrite`` is False, or a feature cannot be written.
    GeomapFileError
        The folder cannot be written.
    """
    frame = _frame(features)
    with atomic_write(path, overwrite=overwrite) as stream:
        write_feature_collection(frame, stream, precision=precision, bbox=bbox)
    return Path(path)
