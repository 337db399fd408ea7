"""Batch export: one output per input, or one per ``--split-by`` group, on every core.

* ``export_batch([a.csv, b.csv], out_dir)`` writes ``a.geojson`` and ``b.geojson``;
* ``export_batch(big.csv, out_dir, split_by="attacker")`` writes one file per attacker.

File names come from :class:`~geomap.export.names.NameAllocator` (safe, collision-free). Before
anything is written every planned path is checked: an existing file stops the run unless
``overwrite`` (replace it) or ``skip_existing`` (leave it, resume a killed run) is given. Files
are written atomically, by a pool of processes (fork) when there is more than one task; a
progress bar shows on a terminal. Stale temporary files of killed runs are removed first.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geomap.atomic import remove_stale_temporaries
from geomap.errors import GeomapInputError
from geomap.export.core import ExportSummary, is_path, load_events, source_label
from geomap.export.formats import check_format, write_features, write_texts
from geomap.export.geojson import encode_features, feature_ids
from geomap.export.names import EXTENSIONS, NameAllocator
from geomap.export.outputs import check_existing

__all__ = ["SPLIT_KEYS", "export_batch", "split_groups"]

#: ``--split-by`` value -> features column holding the group key
SPLIT_KEYS: dict[str, str] = {"id": "event_id", "date": "date", "attacker": "attacker"}
_MISSING_GROUP = "unknown"
_TASK_ROWS = 5_000
_TASK_FILES = 250
_SPLIT: dict[str, Any] = {}  # state shared with forked workers (copy-on-write)
_FILE = "__batch_file"  # which input a feature comes from, while batched
_BATCH_FILES = 250  # small inputs read together, then encoded together, per task (at most)


def split_groups(features: pd.DataFrame, split_by: str) -> list[tuple[str, np.ndarray]]:
    """Return ``(group label, row positions)`` per group: labels sorted, a missing value
    (labelled ``unknown``) last, rows in their original order within a group."""
    if split_by not in SPLIT_KEYS:
        raise GeomapInputError(f"split_by must be one of {', '.join(SPLIT_KEYS)}, not {split_by!r}")
    if len(features) == 0:
        return []
    column = SPLIT_KEYS[split_by]
    values = features[column] if column in features else pd.Series(None, index=features.index)
    missing = values.isna().to_numpy()
    labels = values.astype(object).where(~missing, "").map(str).to_numpy(dtype=str)
    order = np.lexsort((np.arange(len(labels)), labels, missing))
    key_labels, key_missing = labels[order], missing[order]
    change = (key_labels[1:] != key_labels[:-1]) | (key_missing[1:] != key_missing[:-1])
    groups = []
    for rows in np.split(order, np.flatnonzero(change) + 1):
        first = int(rows[0])
        groups.append((_MISSING_GROUP if missing[first] else str(labels[first]), rows))
    return groups


def _progress(total: int, progress: bool | None) -> Any:
    show = sys.stderr.isatty() if progress is None else bool(progress)
    from tqdm import tqdm

    return tqdm(total=total, disable=not show, file=sys.stderr, unit="file", leave=False)


def _run(tasks: list[Any], worker: Callable[[Any], list[tuple[str, int, Any]]],
         workers: int | None, bar: Any) -> list[tuple[str, int, Any]]:
    """Run tasks in a fork pool (or in-process for one task); results in task order."""
    n = min(len(tasks), workers or os.cpu_count() or 1)
    if n <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        results = []
        for task in tasks:
            done = worker(task)
            bar.update(len(done))
            results.extend(done)
        return results
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=n, mp_context=context) as pool:
        futures: list[Future] = [pool.submit(worker, task) for task in tasks]
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in finished:
                if future.exception() is not None:
                    for other in pending:
                        other.cancel()
                    raise future.exception()
                bar.update(len(future.result()))
        return [item for future in futures for item in future.result()]


def _export_file(job: tuple[Any, Path, dict[str, Any]]) -> list[tuple[str, int, Any]]:
    from geomap.geometry import event_features

    source, path, options = job
    frame, report = load_events(source, geocode=options["geocode"],
                                provenance=options.get("provenance", False))
    features = event_features(frame, uncertainty=options["uncertainty"])
    count = write_features(features, path, options["fmt"], precision=options["precision"],
                           bbox=options["bbox"], overwrite=options["overwrite"])
    return [(str(path), count, report if report is not None else len(frame))]


def _read_plain(source: Any, geocode: bool, provenance: bool = False
                ) -> tuple[pd.DataFrame, Any]:
    """One input's events without the point geometry (the features builder works from the
    coordinates), and its report: :func:`load_events` minus the GeoDataFrame."""
    if not is_path(source):
        return load_events(source, geocode=geocode, provenance=provenance)
    from geomap.events import ValidationReport
    from geomap.events.core import iter_frames

    frames, report = [], ValidationReport()
    for frame, part in iter_frames(source, geocode=geocode, progress=False,
                                   provenance=provenance):
        report.merge(part)
        frames.append(frame)
    return (frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)), report


def _load_task(task: list[tuple[Any, Path, dict[str, Any]]]
               ) -> tuple[list[tuple[pd.DataFrame, Any]], pd.DataFrame | None]:
    """Every input of a task, read: ``(frame, report)`` per input; and, when every input
    was a plain small file read together (:func:`geomap.events.many.read_many`), their
    frames as one, with the column ``_FILE`` (the input's position in the task), and no
    frame per input (None)."""
    from geomap.events.many import FILE_COLUMN, read_many

    options = task[0][2]
    geocode, provenance = options["geocode"], options.get("provenance", False)
    paths = [source for source, _, _ in task]
    taken, together, reports = ([], None, []) if not all(map(is_path, paths)) else \
        read_many(paths, geocode=geocode, provenance=provenance)
    loaded: list[Any] = [None] * len(task)
    if together is not None:
        files = together[FILE_COLUMN].to_numpy()
        if len(taken) == len(task):  # the usual case: no need for a frame per input
            joined = together.rename(columns={FILE_COLUMN: _FILE})
            return [(None, report) for report in reports], joined
        bounds = np.searchsorted(files, np.arange(len(taken) + 1))
        plain = together.drop(columns=FILE_COLUMN)
        for k, position in enumerate(taken):
            part = plain.iloc[bounds[k]:bounds[k + 1]].reset_index(drop=True)
            loaded[position] = (part, reports[k])
    for position, (source, _, _) in enumerate(task):
        if loaded[position] is None:
            loaded[position] = _read_plain(source, geocode, provenance)
    return loaded, None


def _export_files(task: list[tuple[Any, Path, dict[str, Any]]]) -> list[tuple[str, int, Any]]:
    """Several inputs in one go: the small plain files read and validated together (each
    with its own report, its own ids, see :mod:`geomap.events.many`), the others one by one;
    then -- when they share their columns and the format is GeoJSON -- their features built
    and encoded together and cut into one file each: the same bytes as one by one, without
    the fixed cost of validation, the features builder and the encoder per small file."""
    from geomap.geometry.features import build_features, event_keys

    options = task[0][2]
    if len(task) == 1 or options["fmt"] not in ("geojson", "geojsonseq"):
        return [done for job in task for done in _export_file(job)]
    loaded, joined = _load_task(task)
    if joined is None:
        kept = [(k, frame) for k, (frame, _) in enumerate(loaded) if len(frame)]
        if not kept or any(list(frame.columns) != list(kept[0][1].columns)
                           for _, frame in kept):
            return [done for job in task for done in _export_file(job)]
        joined = pd.concat([frame.assign(**{_FILE: k}) for k, frame in kept],
                           ignore_index=True)
    keys = event_keys(joined["id"], scope=joined[_FILE].to_numpy())
    features = build_features(joined, uncertainty=options["uncertainty"], keys=keys)
    feature_files = features.pop(_FILE).to_numpy()
    bounds = np.searchsorted(feature_files, np.arange(len(task) + 1))
    ids = _task_feature_ids(features, feature_files, bounds)
    texts, extents = encode_features(features, precision=options["precision"],
                                     bbox=options["bbox"], ids=ids)
    done = []
    for (_, path, _), (frame, report), a, b in zip(task, loaded, bounds[:-1], bounds[1:],
                                                   strict=True):
        write_texts(texts[a:b], path, options["fmt"], overwrite=options["overwrite"],
                    extents=extents[a:b] if options["bbox"] else None)
        done.append((str(path), int(b - a), report if report is not None else len(frame)))
    return done


def _task_feature_ids(features: pd.DataFrame, files: np.ndarray,
                      bounds: np.ndarray) -> list[str]:
    """:func:`feature_ids` of each input's features, as if each were encoded alone."""
    values = features["id"].tolist()
    if all(type(v) is str for v in values) and \
            len(set(zip(files.tolist(), values, strict=True))) == len(values):
        return values  # unique within each input: what feature_ids gives each
    return [i for a, b in zip(bounds[:-1], bounds[1:], strict=True)
            for i in feature_ids(features.iloc[a:b])]


def _write_group_task(task: list[tuple[Path, int, int]]) -> list[tuple[str, int, Any]]:
    features, ids, options = _SPLIT["features"], _SPLIT["ids"], _SPLIT["options"]
    start, stop = task[0][1], task[-1][2]
    fmt = options["fmt"]
    done = []
    if fmt in ("geojson", "geojsonseq"):
        texts, extents = encode_features(features.iloc[start:stop], precision=options["precision"],
                                         bbox=options["bbox"], ids=ids[start:stop])
        for path, a, b in task:
            write_texts(texts[a - start:b - start], path, fmt, overwrite=options["overwrite"],
                        extents=extents[a - start:b - start] if options["bbox"] else None)
            done.append((str(path), b - a, None))
        return done
    for path, a, b in task:
        write_features(features.iloc[a:b], path, fmt, precision=options["precision"],
                       bbox=options["bbox"], overwrite=options["overwrite"])
        done.append((str(path), b - a, None))
    return done


def _batch_tasks(spans: list[tuple[Path, int, int]]) -> list[list[tuple[Path, int, int]]]:
    tasks: list[list[tuple[Path, int, int]]] = []
    for span in spans:
        if tasks and len(tasks[-1]) < _TASK_FILES and span[1] - tasks[-1][0][1] < _TASK_ROWS \
                and tasks[-1][-1][2] == span[1]:
            tasks[-1].append(span)
        else:
            tasks.append([span])
    return tasks


def _split_export(sources: Any, out_dir: Path, split_by: str, options: dict[str, Any],
                  summary: ExportSummary, workers: int | None, progress: bool | None) -> None:
    from geomap.geometry import event_features

    frame, report = load_events(sources, geocode=options["geocode"],
                                provenance=options.get("provenance", False))
    summary.add_report(report, len(frame))
    features = event_features(frame, uncertainty=options["uncertainty"])
    groups = split_groups(features, split_by)
    allocator = NameAllocator(out_dir, EXTENSIONS[options["fmt"]])
    paths = [allocator.allocate(label) for label, _ in groups]
    skip = check_existing(paths, overwrite=options["overwrite"],
                          skip_existing=options["skip_existing"], inputs=sources)
    order = np.concatenate([rows for _, rows in groups]) if groups else np.empty(0, int)
    ordered = features.iloc[order].reset_index(drop=True)
    spans, start = [], 0
    for path, (_, rows) in zip(paths, groups, strict=True):
        if path in skip:
            summary.files_skipped.append(path)
        else:
            spans.append((path, start, start + len(rows)))
        start += len(rows)
    all_ids = feature_ids(features)
    _SPLIT.update(features=ordered, ids=[all_ids[i] for i in order.tolist()], options=options)
    try:
        with _progress(len(spans), progress) as bar:
            # writing many small files waits on the file system more than on the CPU
            io_workers = workers or 2 * (os.cpu_count() or 1)
            results = _run(_batch_tasks(spans), _write_group_task, io_workers, bar)
    finally:
        _SPLIT.clear()
    for path, count, _ in results:
        summary.files_written.append(Path(path))
        summary.features += count


def _per_input_export(sources: list[Any], out_dir: Path, options: dict[str, Any],
                      summary: ExportSummary, workers: int | None,
                      progress: bool | None) -> None:
    allocator = NameAllocator(out_dir, EXTENSIONS[options["fmt"]])
    paths = [allocator.allocate(source_label(s)) for s in sources]
    skip = check_existing(paths, overwrite=options["overwrite"],
                          skip_existing=options["skip_existing"], inputs=sources)
    jobs = []
    for source, path in zip(sources, paths, strict=True):
        if path in skip:
            summary.files_skipped.append(path)
        else:
            jobs.append((source, path, options))
    cores = workers or os.cpu_count() or 1
    # one task per core, up to _BATCH_FILES inputs each: the per-task cost (validation,
    # the features builder, the encoder) is paid as few times as the cores allow
    size = max(1, min(_BATCH_FILES, -(-len(jobs) // cores)))
    tasks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
    if len(tasks) > 1 and options["geocode"] is True:
        from geomap.events.resolve import warm_up

        warm_up()  # the gazetteer and the geocoder's tables, once, before the pool forks
    with _progress(len(jobs), progress) as bar:
        results = _run(tasks, _export_files, workers, bar)
    for path, count, report in results:
        summary.files_written.append(Path(path))
        summary.features += count
        summary.add_report(None if isinstance(report, int) else report,
                           report if isinstance(report, int) else None)


def export_batch(
    sources: Any,
    out_dir: str | os.PathLike[str],
    *,
    fmt: str = "geojson",
    split_by: str | None = None,
    overwrite: bool = False,
    skip_existing: bool = False,
    uncertainty: bool = False,
    precision: int = 6,
    bbox: bool = False,
    workers: int | None = None,
    progress: bool | None = None,
    geocode: bool = True,
    provenance: bool = False,
) -> ExportSummary:
    """Export many inputs, or one input split into groups, into the folder ``out_dir``.

    Parameters
    ----------
    sources : path, list of paths, Events or GeoDataFrame
        Events files (read with :func:`geomap.read_events`) or already read events.
    out_dir : path-like
        Output folder (created if missing). Nothing is ever written outside it.
    fmt : {"geojson", "geojsonseq", "gpkg", "fgb", "parquet"}
        Output format.
    split_by : {"id", "date", "attacker"} or None
        One file per group of this event field; None writes one file per input.
    overwrite, skip_existing : bool
        What to do with output files that already exist (default: refuse, write nothing).
    uncertainty, precision, bbox
        As for :func:`geomap.export.write_geojson` and :func:`geomap.event_features`.
    workers : int or None
        Processes to use (default: one per core; two per core to write split groups,
        which waits on the file system more than on the CPU).
    progress : bool or None
        Show a progress bar (default: only when stderr is a terminal).
    provenance : bool, default False
        Passed to :func:`geomap.read_events`: ``source_file`` names each input (base name).
    geocode : bool, default True
        Passed to :func:`geomap.read_events` (False: only coordinates place a row).

    Returns
    -------
    ExportSummary
    """
    check_format(fmt)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise GeomapInputError(f"{out}: is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out)
    options = {"fmt": fmt, "overwrite": overwrite, "skip_existing": skip_existing,
               "uncertainty": uncertainty, "precision": precision, "bbox": bbox,
               "geocode": geocode,
               "provenance": provenance}
    summary = ExportSummary()
    listed = list(sources) if isinstance(sources, list | tuple) else [sources]
    if split_by is not None:
        _split_export(listed if len(listed) > 1 else listed[0], out, split_by, options,
                      summary, workers, progress)
    elif all(is_path(s) for s in listed) or len(listed) > 1:
        _per_input_export(listed, out, options, summary, workers, progress)
    else:
        _per_input_export(listed, out, options, summary, 1, progress)
    return summary
