"""``read_events``: read, validate and place events; :class:`Events` holds the result."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from geomap.events.readers import RawChunk, iter_raw
from geomap.events.report import ValidationReport
from geomap.events.resolve import (
    FileCaches,
    PlaceCache,
    _default_geocoder,
    file_context,
    resolve_places,
    unlooked_targets,
)
from geomap.events.schema import FRAME_COLUMNS
from geomap.events.validate import FILE_COLUMN, ValidationState, hint_columns, validate_chunk

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = ["Events", "read_events", "iter_events", "iter_frames", "validate_events"]

CRS = "EPSG:4326"
#: What placing needs from a validated chunk (besides the reader hints).
_PLACE_INPUTS = ["row", *(f"{r}{s}" for r in ("origin", "target") for s in ("", "_lat", "_lon"))]


@dataclass
class Events:
    """Events read from one or more sources.

    Attributes
    ----------
    frame : geopandas.GeoDataFrame
        One row per accepted event (contract 2 in ``docs/design.md``), EPSG:4326, geometry =
        the target point (None when ``geocode=False`` left a named target unplaced).
    report : ValidationReport
        Every problem found, and the row counts.
    """

    frame: gpd.GeoDataFrame
    report: ValidationReport

    def __len__(self) -> int:
        return len(self.frame)

    def __repr__(self) -> str:
        return f"<Events: {self.report.summary()}>"


def _finish_frame(frame: pd.DataFrame, geometry: bool = True) -> gpd.GeoDataFrame:
    """Contract-2 column order, internal columns dropped, target point geometry (none with
    ``geometry=False``: a plain DataFrame, for exporters that build their own)."""
    import geopandas as gpd

    frame = frame.drop(columns=hint_columns(frame))
    extras = [c for c in frame.columns if c not in FRAME_COLUMNS]
    frame = frame[[*FRAME_COLUMNS, *extras]]
    if not geometry:
        return frame
    lat = frame["target_lat"].to_numpy(dtype=float)
    lon = frame["target_lon"].to_numpy(dtype=float)
    points = gpd.points_from_xy(lon, lat)
    geometry = gpd.GeoSeries(np.where(np.isfinite(lat) & np.isfinite(lon), points, None),
                             index=frame.index, crs=CRS)
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS)


def _empty_frame() -> gpd.GeoDataFrame:
    import geopandas as gpd

    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in FRAME_COLUMNS})
    for column in ("killed", "killed_high", "injured", "injured_high"):
        frame[column] = pd.Series(dtype="Int64")
    frame["row"] = pd.Series(dtype="int64")
    for column in ("origin_lat", "origin_lon", "target_lat", "target_lon", "origin_radius_km",
                   "target_radius_km", "origin_confidence", "target_confidence"):
        frame[column] = pd.Series(dtype=float)
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)


def _process(chunk: RawChunk, state: ValidationState, caches: dict,
             geocode: bool | Callable[..., Any], keep: bool = True,
             geometry: bool = True) -> tuple[gpd.GeoDataFrame | None, ValidationReport]:
    """Validate and place one chunk. ``keep=False`` (report only) places just what the report
    needs and builds no frame; ``geometry=False`` leaves the point geometry out."""
    report = ValidationReport()
    report.extend(chunk.problems)
    report.rows_in = len(chunk.frame) + chunk.rejected
    accepted, problems = validate_chunk(chunk, state, keep)
    report.extend(problems)
    if not keep:
        accepted = accepted[_PLACE_INPUTS + hint_columns(accepted)]
    files = None if chunk.files is None else accepted[FILE_COLUMN].to_numpy()
    cache = None
    if geocode and len(accepted):
        geocoder = _default_geocoder() if geocode is True else geocode
        if files is not None:  # whole files: each file its own context
            cache = FileCaches(geocoder, lambda k: PlaceCache(
                geocoder, file_context(accepted.loc[files == k])))
        elif chunk.path not in caches:
            caches[chunk.path] = PlaceCache(geocoder, file_context(accepted))
        cache = caches[chunk.path] if cache is None else cache
    paths = chunk.path if files is None else np.asarray(chunk.files, dtype=object)[files]
    if cache is not None or keep:
        placed, problems, unplaced = resolve_places(accepted, cache, paths, files)
    else:  # nothing to look up and nothing to keep
        placed = accepted
        problems, unplaced = unlooked_targets(accepted, paths)
    report.extend(problems)
    chunk.sort_problems(report.problems)
    rows = placed["row"].to_numpy()
    where = [paths] * len(rows) if files is None else paths.tolist()
    report.unresolved_rows |= {(where[i], int(rows[i])) for i in np.flatnonzero(unplaced)}
    report.rows_mapped = int((~unplaced).sum())
    if not keep:
        return None, report
    if cache is not None:  # else geocoding is off: an unplaced named target stays
        placed = placed.loc[~unplaced].reset_index(drop=True)
        files = None if files is None else files[~unplaced]
    frame = _finish_frame(placed, geometry)
    if files is not None:
        frame[FILE_COLUMN] = files
    return frame, report


def _progress_bar(progress: bool | None) -> Any:
    show = sys.stderr.isatty() if progress is None else progress
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(unit=" rows", desc="validating", file=sys.stderr, leave=False)


def _run(source: Any, geocode: bool | Callable[..., Any], chunksize: int | None,
         progress: bool | None, today: dt.date | None, keep: bool,
         geometry: bool = True,
         provenance: bool = False) -> Iterator[tuple[gpd.GeoDataFrame | None, ValidationReport]]:
    state = ValidationState(today=today, provenance=provenance)
    caches: dict = {}
    bar = _progress_bar(progress)
    try:
        for chunk in iter_raw(source, chunksize):
            frame, report = _process(chunk, state, caches, geocode, keep, geometry)
            if bar is not None:
                bar.update(report.rows_in)
            yield frame, report
    finally:
        if bar is not None:
            bar.close()


def iter_events(
    source: Any,
    *,
    geocode: bool | Callable[..., Any] = True,
    chunksize: int | None = None,
    progress: bool | None = None,
    today: dt.date | None = None,
    provenance: bool = False,
) -> Iterator[Events]:
    """Read events chunk by chunk (memory bounded by the chunk): yields one :class:`Events`
    per chunk, whose report covers that chunk only (merge them with
    :meth:`ValidationReport.merge`). Parameters as :func:`read_events`."""
    for frame, report in _run(source, geocode, chunksize, progress, today, keep=True,
                              provenance=provenance):
        yield Events(frame, report)


def iter_frames(
    source: Any,
    *,
    geocode: bool | Callable[..., Any] = True,
    chunksize: int | None = None,
    progress: bool | None = None,
    provenance: bool = False,
) -> Iterator[tuple[pd.DataFrame, ValidationReport]]:
    """:func:`iter_events` for exporters that build their own geometries: yields
    ``(frame, report)`` per chunk, the frame being contract 2 without the ``geometry``
    column (a plain DataFrame; the target position is in ``target_lon``/``target_lat``)."""
    yield from _run(source, geocode, chunksize, progress, None, keep=True, geometry=False,
                    provenance=provenance)


def read_events(
    source: Any,
    *,
    geocode: bool | Callable[..., Any] = True,
    chunksize: int | None = None,
    progress: bool | None = None,
    today: dt.date | None = None,
    provenance: bool = False,
) -> Events:
    """Read events from files or a DataFrame, validate every row, and place them.

    Parameters
    ----------
    source : str, os.PathLike, pandas.DataFrame, or a list of them
        CSV (``,`` ``;`` or tab; UTF-8 with or without BOM), JSON, JSON Lines, a geomap
        GeoJSON export, or an ACLED export. For a DataFrame, rows are numbered as if it were
        written to CSV with a header (the first row is row 2).
    geocode : bool or callable, default True
        Look place names up in the offline gazetteer (``geomap.geocode``). False: names are
        kept but not looked up; only coordinates place a row (a row whose target has a name
        but no coordinates stays in the frame without geometry, is not counted as mapped, and
        is reported ``unresolved``). A callable with the signature of :func:`geomap.geocode`
        is used instead of it.
    chunksize : int, optional
        Rows per chunk (default 20,000). Memory is bounded by the chunk while reading.
    progress : bool, optional
        Show a progress bar on stderr; by default only when stderr is a terminal.
    today : datetime.date, optional
        What counts as the future (default: today, UTC).
    provenance : bool, default False
        Fill ``source_file`` with the file's base name (never its folder). By default it is
        empty, so a map or an export published from the events names no file of yours.

    Returns
    -------
    Events
        ``.frame`` (contract 2, EPSG:4326) and ``.report`` (a :class:`ValidationReport`).

    Raises
    ------
    GeomapFileError
        When a file is missing or cannot be read (a folder, no permission, JSON nested too
        deeply); the message names it.
    GeomapDataError
        When a CSV file opens a quote that never closes; the message names file and row.
    GeomapInputError
        When ``source`` is not a path, a DataFrame or a list of them.

    Examples
    --------
    >>> import pandas as pd
    >>> events = read_events(pd.DataFrame({"id": ["e1"], "date": ["2024-02-02"],
    ...     "target": ["Erbil"], "target_lat": ["36.19"], "target_lon": ["44.01"]}),
    ...     geocode=False)
    >>> events.report.summary()
    '1 row: 1 mapped, 0 rejected, 0 unresolved'
    >>> events.frame.loc[0, "target_precision"]
    'site'
    """
    frames = []
    report = ValidationReport()
    for part in iter_events(source, geocode=geocode, chunksize=chunksize, progress=progress,
                            today=today, provenance=provenance):
        report.merge(part.report)
        if len(part.frame):
            frames.append(part.frame)
    if not frames:
        return Events(_empty_frame(), report)
    import geopandas as gpd

    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return Events(gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS), report)


def validate_events(
    source: Any,
    *,
    geocode: bool | Callable[..., Any] = True,
    chunksize: int | None = None,
    progress: bool | None = None,
    today: dt.date | None = None,
) -> ValidationReport:
    """Validate without keeping the events: memory stays bounded by the chunk."""
    report = ValidationReport()
    for _, part in _run(source, geocode, chunksize, progress, today, keep=False):
        report.merge(part)
    return report
