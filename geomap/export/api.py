"""``export_events``: events files in, GeoJSON (or another format) out, with a summary."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from geomap.atomic import refuse_inputs, remove_stale_temporaries
from geomap.errors import GeomapInputError
from geomap.export.batch import SPLIT_KEYS, export_batch
from geomap.export.core import ExportSummary, is_path, load_events
from geomap.export.formats import check_format, write_features
from geomap.export.outputs import check_existing
from geomap.export.stream import STREAM_CHUNK_ROWS, runner_for, stream_export

__all__ = ["ENGINES", "export_events"]

ENGINES: tuple[str, ...] = ("local", "dask")


def _check_options(output: Any, out_dir: Any, split_by: str | None, engine: str,
                   precision: int) -> None:
    if (output is None) == (out_dir is None):
        raise GeomapInputError("give exactly one of output (-o) or out_dir (--out-dir)")
    if split_by is not None and split_by not in SPLIT_KEYS:
        raise GeomapInputError(f"split_by must be one of {', '.join(SPLIT_KEYS)}, not {split_by!r}")
    if split_by is not None and out_dir is None:
        raise GeomapInputError("split_by writes one file per group: it needs out_dir (--out-dir)")
    if engine not in ENGINES:
        raise GeomapInputError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if isinstance(precision, bool) or not isinstance(precision, int) or not 0 <= precision <= 15:
        raise GeomapInputError(f"precision must be an integer from 0 to 15, not {precision!r}")


def _streamable(sources: Any) -> bool:
    listed = sources if isinstance(sources, list | tuple) else [sources]
    return bool(listed) and all(is_path(s) for s in listed)


def _single(sources: Any, output: Path, fmt: str, *, overwrite: bool, skip_existing: bool,
            uncertainty: bool, precision: int, bbox: bool, geocode: bool,
            provenance: bool = False, progress: bool | None = None) -> ExportSummary:
    """One output file. Files stream, in every format (memory bounded by a few chunks; the
    table formats' encoders on idle cores, see :func:`geomap.export.stream.runner_for`);
    events already in memory are written as they are. Table formats fall back to memory
    when the inputs' columns differ."""
    from geomap.export.tables import ColumnsChanged
    from geomap.geometry import event_features

    summary = ExportSummary()
    if check_existing([output], overwrite=overwrite, skip_existing=skip_existing):
        summary.files_skipped.append(output)
        return summary
    if output.parent.is_dir():
        remove_stale_temporaries(output.parent)
    if _streamable(sources):
        options = {"fmt": fmt, "overwrite": overwrite, "uncertainty": uncertainty,
                   "precision": precision, "bbox": bbox, "geocode": geocode,
                   "provenance": provenance, "chunk": STREAM_CHUNK_ROWS, "progress": progress}
        listed = list(sources) if isinstance(sources, list | tuple) else sources
        try:
            with runner_for(fmt) as runner:
                stream_export(listed, output, runner, options, summary)
            return summary
        except ColumnsChanged:
            summary = ExportSummary()
    frame, report = load_events(sources, geocode=geocode, provenance=provenance)
    summary.add_report(report, len(frame))
    features = event_features(frame, uncertainty=uncertainty)
    summary.features = write_features(features, output, fmt, precision=precision, bbox=bbox,
                                      overwrite=overwrite)
    summary.files_written.append(output)
    return summary


def export_events(
    sources: Any,
    *,
    output: str | os.PathLike[str] | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    fmt: str = "geojson",
    split_by: str | None = None,
    overwrite: bool = False,
    skip_existing: bool = False,
    engine: str = "local",
    scheduler: Any = None,
    uncertainty: bool = False,
    precision: int = 6,
    bbox: bool = False,
    report_path: str | os.PathLike[str] | None = None,
    progress: bool | None = None,
    geocode: bool = True,
    provenance: bool = False,
) -> ExportSummary:
    """Read events, build their features and write them; return what was done.

    Parameters
    ----------
    sources : path, list of paths, Events or GeoDataFrame
        Events files (CSV, JSON, JSONL, GeoJSON, ACLED; read with :func:`geomap.read_events`),
        or events already read.
    output : path-like, optional
        One output file for every input together.
    out_dir : path-like, optional
        A folder: one file per input, or per group with ``split_by``. Give exactly one of
        ``output`` and ``out_dir``.
    fmt : {"geojson", "geojsonseq", "gpkg", "fgb", "parquet"}, default "geojson"
    split_by : {"id", "date", "attacker"}, optional
        With ``out_dir``: one file per event id, date or attacker.
    overwrite : bool, default False
        Replace existing output files (otherwise an existing file stops the run before
        anything is written).
    skip_existing : bool, default False
        Leave existing output files alone and write the others (resume a killed run).
    engine : {"local", "dask"}, default "local"
        ``dask`` runs reading, validation, geometry and encoding chunk by chunk on a dask
        cluster (see :mod:`geomap.export.dask`), for inputs larger than memory.
    scheduler : str or distributed.Client, optional
        With ``engine="dask"``: a scheduler address, ``"synchronous"``/``"threads"``, or a
        client; default a local cluster.
    uncertainty : bool, default False
        Add ``target_area``/``origin_area`` polygons.
    precision : int, default 6
        Decimals kept in coordinates.
    bbox : bool, default False
        Add ``bbox`` members.
    report_path : path-like, optional
        Also write the validation report there (``.csv``, ``.jsonl`` or text).
    progress : bool, optional
        Progress bar (default: only on a terminal).
    geocode : bool, default True
        Look place names up (see :func:`geomap.read_events`); False places rows by their
        coordinates only.
    provenance : bool, default False
        Name each feature's input file (its base name only, never a folder) in
        ``source_file``; by default the published output names no file.

    Returns
    -------
    ExportSummary
        Files written and skipped, features, and rows in/mapped/rejected/unresolved;
        ``summary.report`` is the validation report, ``summary.exit_code`` 0 or 1.

    Raises
    ------
    GeomapInputError
        Bad option values or combinations.
    ExportError
        An output exists (without ``overwrite``/``skip_existing``) or cannot be written.
    """
    _check_options(output, out_dir, split_by, engine, precision)
    for target in (output, report_path):  # an input is never an output, even overwrite
        refuse_inputs(target, sources if isinstance(sources, list | tuple) else [sources])
    check_format(fmt)
    options = {"overwrite": overwrite, "skip_existing": skip_existing,
               "uncertainty": uncertainty, "precision": precision, "bbox": bbox,
               "geocode": geocode, "provenance": provenance}
    if engine == "dask":
        from geomap.export.dask import export_dask

        summary = export_dask(sources, output=output, out_dir=out_dir, fmt=fmt,
                              split_by=split_by, scheduler=scheduler, progress=progress,
                              **options)
    elif output is not None:
        summary = _single(sources, Path(output), fmt, progress=progress, **options)
    else:
        summary = export_batch(sources, out_dir, fmt=fmt, split_by=split_by,
                               progress=progress, **options)
    if report_path is not None and summary.report is not None:
        summary.report.write(report_path, overwrite=overwrite)
    return summary
