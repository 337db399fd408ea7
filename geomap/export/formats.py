"""Output formats: GeoJSON (our writer), GeoJSON Text Sequences, and pyogrio/geopandas formats.

=============  ===========  ===================================================================
format         extension    how
=============  ===========  ===================================================================
geojson        .geojson     :mod:`geomap.export.geojson` (RFC 7946, byte-stable)
geojsonseq     .geojsons    RFC 8142: each feature is ``RS`` (0x1e) + JSON + ``LF``; no
                            collection, so a stream can be cut and resumed
gpkg           .gpkg        GeoPackage through pyogrio (``sources`` as JSON text)
fgb            .fgb         FlatGeobuf through pyogrio (``sources`` as JSON text; no spatial
                            index, so features keep their order)
parquet        .parquet     GeoParquet through geopandas/pyarrow
=============  ===========  ===================================================================

Every format is written atomically (temporary file in the same folder, then ``os.replace``).
Only the two GeoJSON formats promise byte-identical output: GeoPackage stores a timestamp.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from geomap.atomic import atomic_path, atomic_write
from geomap.errors import ExportError, GeomapInputError
from geomap.export.bbox import covering_box
from geomap.export.geojson import box_text, iter_feature_text, write_feature_collection
from geomap.export.names import EXTENSIONS

__all__ = ["FORMATS", "RS", "write_features", "write_texts", "check_format", "ogr_ready"]

FORMATS: tuple[str, ...] = tuple(EXTENSIONS)
#: RFC 8142 record separator.
RS = "\x1e"


def check_format(fmt: str) -> str:
    """Return ``fmt`` if known, else raise :class:`GeomapInputError` naming the choices."""
    if fmt not in FORMATS:
        raise GeomapInputError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


def _write_seq(features: pd.DataFrame, stream: IO[str], precision: int, bbox: bool) -> int:
    count = 0
    for texts in iter_feature_text(features, precision=precision, bbox=bbox):
        if texts:
            stream.write("".join(f"{RS}{t}\n" for t in texts))
            count += len(texts)
    return count


def _json_text(value: Any) -> Any:
    if type(value) is tuple and all(type(v) is str for v in value):  # sources: the usual case
        return _DUMPS(value)
    if isinstance(value, list | tuple | set | frozenset | np.ndarray | dict):
        from geomap.export.encode import plain_value

        return json.dumps(plain_value(value), ensure_ascii=False, allow_nan=False)
    return value


_DUMPS = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
#: ``pandas.api.types.infer_dtype`` answers for columns holding no container
_SCALAR_KINDS = frozenset(("string", "empty", "integer", "floating", "boolean", "decimal"))


def ogr_ready(features: pd.DataFrame) -> pd.DataFrame:
    """Containers (``sources``) become JSON text; OGR and Parquet keep flat columns.

    Parameters
    ----------
    features : pandas.DataFrame
        A features frame (:func:`geomap.event_features`).

    Returns
    -------
    pandas.DataFrame
        A copy whose object columns hold only scalars.
    """
    frame = features.copy()
    geometry_name = getattr(frame, "_geometry_column_name", "geometry")
    for column in frame.columns:
        if column != geometry_name and frame[column].dtype == object \
                and pd.api.types.infer_dtype(frame[column], skipna=True) not in _SCALAR_KINDS:
            frame[column] = frame[column].map(_json_text)
    return frame


def _write_ogr(features: pd.DataFrame, path: Path, fmt: str, overwrite: bool) -> None:
    import geopandas as gpd

    from geomap.export.tables import DRIVERS

    frame = ogr_ready(features)
    if not isinstance(frame, gpd.GeoDataFrame):
        raise GeomapInputError("gpkg, fgb and parquet need a GeoDataFrame")
    with atomic_path(path, overwrite=overwrite) as temp:
        try:
            if fmt == "parquet":
                frame.to_parquet(temp, index=False)
            else:
                # FlatGeobuf's spatial index would reorder the features: keep input order
                extra = {"SPATIAL_INDEX": "NO"} if fmt == "fgb" else {}
                frame.to_file(temp, driver=DRIVERS[fmt], engine="pyogrio",
                              layer=path.stem or "features", **extra)
        except Exception as err:  # noqa: BLE001 -- any driver failure becomes one line
            raise ExportError(f"{path}: cannot write {fmt}: {err}") from err


def write_features(
    features: pd.DataFrame, path: str | os.PathLike[str], fmt: str = "geojson", *,
    precision: int = 6, bbox: bool = False, overwrite: bool = False,
) -> int:
    """Write a features frame to ``path`` in ``fmt``, atomically; return the feature count."""
    path = Path(path)
    check_format(fmt)
    if fmt == "geojson":
        with atomic_write(path, overwrite=overwrite) as stream:
            return write_feature_collection(features, stream, precision=precision, bbox=bbox)
    if fmt == "geojsonseq":
        with atomic_write(path, overwrite=overwrite) as stream:
            return _write_seq(features, stream, precision, bbox)
    _write_ogr(features, path, fmt, overwrite)
    return len(features)


def write_texts(
    texts: Sequence[str], path: str | os.PathLike[str], fmt: str, *,
    extents: Sequence[np.ndarray] | None = None, overwrite: bool = False,
) -> int:
    """Write already encoded features (JSON texts) as ``geojson`` or ``geojsonseq``."""
    with atomic_write(path, overwrite=overwrite) as stream:
        if fmt == "geojsonseq":
            stream.write("".join(f"{RS}{t}\n" for t in texts))
            return len(texts)
        body = ("\n" + ",\n".join(texts)) if texts else ""
        stream.write('{"type":"FeatureCollection","features":[' + body + "\n]")
        if extents is not None:
            parts = [e for e in extents if len(e)]
            box = covering_box(np.concatenate(parts)) if parts else None
            if box is not None:
                stream.write(f',"bbox":{box_text(box)}')
        stream.write("}\n")
    return len(texts)
