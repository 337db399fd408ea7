"""``geocode_many``: resolve each distinct name once, build the GeoDataFrame column-wise."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from geomap.geocoder.place import Place, unresolved
from geomap.geocoder.rank import Evidence
from geomap.geocoder.resolve import clean_query, resolve_cached

__all__ = ["geocode_frame", "FIELDS"]

FIELDS = tuple(Place.__dataclass_fields__)
_FLOAT_FIELDS = ("lat", "lon", "radius_km", "confidence")


def _answer(value: Any, ev: Evidence) -> Place:
    if isinstance(value, str):
        return resolve_cached(clean_query(value), ev)
    text = "" if value is None or value != value else str(value)  # NaN != NaN
    return unresolved(text)


def _unique(values: list[Any]) -> tuple[list[Any], list[int]]:
    """Distinct values (first-seen order) and, per input, the index of its distinct value."""
    seen: dict[Any, int] = {}
    uniques: list[Any] = []
    codes = []
    for v in values:
        key = v if isinstance(v, str) else ("\0nonstr", repr(v))
        i = seen.get(key)
        if i is None:
            i = seen[key] = len(uniques)
            uniques.append(v)
        codes.append(i)
    return uniques, codes


def geocode_frame(names: Iterable[Any], ev: Evidence) -> Any:
    """Return the GeoDataFrame for ``names`` (see :func:`geomap.geocoder.geocode_many`)."""
    import geopandas
    import numpy as np
    import pandas as pd

    values = list(names)
    uniques, codes = _unique(values)
    if len(uniques) > 200:
        from geomap.gazetteer import load_gazetteer

        load_gazetteer().warm()
    places = [_answer(v, ev) for v in uniques]
    idx = np.asarray(codes, dtype=np.intp)
    columns: dict[str, Any] = {}
    for f in FIELDS:
        if f == "alternatives":
            col = [json.dumps(list(p.alternatives), ensure_ascii=False) for p in places]
        else:
            col = [getattr(p, f) for p in places]
        if f in _FLOAT_FIELDS:
            arr = np.array([np.nan if x is None else x for x in col], dtype="float64")
        elif f == "ambiguous":
            arr = np.array(col, dtype=bool)
        else:
            arr = np.array(col, dtype=object)
        columns[f] = arr[idx] if len(idx) else arr[:0]
    frame = pd.DataFrame(columns)
    import shapely

    lon, lat = columns["lon"], columns["lat"]
    known = ~np.isnan(lat)
    geometry = np.full(len(lat), None, dtype=object)
    geometry[known] = shapely.points(lon[known], lat[known])
    return geopandas.GeoDataFrame(
        frame, geometry=geopandas.GeoSeries(geometry, crs="EPSG:4326"), crs="EPSG:4326"
    )
