"""``geocode_many``: resolve each distinct name once, build the GeoDataFrame column-wise."""

from __future__ import annotations

import gc
import json
import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from operator import attrgetter
from typing import Any

from geomap.cores import can_fork, idle_cores
from geomap.geocoder.place import Place, unresolved
from geomap.geocoder.rank import Evidence
from geomap.geocoder.resolve import clean_query, resolve_cached

__all__ = ["geocode_frame", "FIELDS"]

FIELDS = tuple(Place.__dataclass_fields__)
_FLOAT_FIELDS = ("lat", "lon", "radius_km", "confidence")
#: ``json.dumps(x, ensure_ascii=False)`` without building an encoder per call
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def _answer(value: Any, ev: Evidence) -> Place:
    if isinstance(value, str):
        return resolve_cached(clean_query(value), ev)
    text = "" if value is None or value != value else str(value)  # NaN != NaN
    return unresolved(text)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a batch resolves.

    Resolving allocates many small tuples (postings, entries, answers) and no cycles; with the
    collector on, its full passes over every object the index and pandas hold took a quarter
    of a 100,000-name batch (and building 60,000 points triggered more of them). Reference
    counting still frees everything; the collector is switched back on (if it was on) when
    the batch ends, even on error.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
    values = list(names)
    uniques, codes = _unique(values)
    if len(uniques) > 200:
        from geomap.gazetteer import load_gazetteer

        load_gazetteer().warm()
        with _gc_paused():
            return _frame(uniques, codes, ev)
    return _frame(uniques, codes, ev)


#: distinct names from which a batch is shared with a second process when a core is idle:
#: about 0.4 s of work, against some 30 ms to fork and to send the answers back
PARALLEL_MIN_NAMES = 10_000
_row_of = attrgetter(*FIELDS)


def _rows(values: list[Any], ev: Evidence) -> list[tuple[Any, ...]]:
    """The answer to each value, as a tuple of the :class:`Place` fields (quick to pickle)."""
    return [_row_of(_answer(v, ev)) for v in values]


def _resolved_rows(uniques: list[Any], ev: Evidence) -> list[tuple[Any, ...]]:
    """:func:`_rows` of ``uniques``; a large batch on a machine with an idle core is split
    with a forked process (it shares the memory-mapped index): the second half is answered
    there while this process answers the first. The answers are the same either way (a
    name's answer depends only on the name and the evidence)."""
    if len(uniques) < PARALLEL_MIN_NAMES or idle_cores() < 1 or not can_fork():
        return _rows(uniques, ev)
    half = len(uniques) // 2
    try:
        with ProcessPoolExecutor(1, multiprocessing.get_context("fork")) as pool:
            tail = pool.submit(_rows, uniques[half:], ev)
            head = _rows(uniques[:half], ev)
            return head + tail.result()
    except (BrokenProcessPool, OSError):  # the helper died or could not start: answer here
        return _rows(uniques, ev)


def _frame(uniques: list[Any], codes: list[int], ev: Evidence) -> Any:
    import geopandas
    import numpy as np
    import pandas as pd
    import shapely

    idx = np.asarray(codes, dtype=np.intp)
    columns: dict[str, Any] = {}
    # each answer is a row tuple, zip turns rows into columns
    rows = _resolved_rows(uniques, ev)
    by_field: dict[str, tuple[Any, ...]] = dict.fromkeys(FIELDS, ())
    if rows:
        by_field = dict(zip(FIELDS, zip(*rows, strict=True), strict=True))
    for f in FIELDS:
        if f == "alternatives":
            col = [
                _to_json(list(alts)) if alts else "[]"
                for alts in by_field[f]
            ]
        else:
            col = list(by_field[f])
        if f in _FLOAT_FIELDS:
            arr = np.array([np.nan if x is None else x for x in col], dtype="float64")
        elif f == "ambiguous":
            arr = np.array(col, dtype=bool)
        else:
            arr = np.array(col, dtype=object)
        columns[f] = arr[idx] if len(idx) else arr[:0]
    frame = pd.DataFrame(columns)

    lon = np.array([np.nan if x is None else x for x in by_field["lon"]], dtype="float64")
    lat = np.array([np.nan if x is None else x for x in by_field["lat"]], dtype="float64")
    known = ~np.isnan(lat)
    points = np.full(len(lat), None, dtype=object)  # one point per distinct name
    points[known] = shapely.points(lon[known], lat[known])
    geometry = points[idx] if len(idx) else points[:0]
    return geopandas.GeoDataFrame(
        frame, geometry=geopandas.GeoSeries(geometry, crs="EPSG:4326"), crs="EPSG:4326"
    )
