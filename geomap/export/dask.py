"""``--engine dask``: the same export, chunk by chunk, with the heavy work on a dask cluster.

How it runs: the events are read and validated chunk by chunk with
:func:`geomap.events.iter_events` (memory bounded by the chunk, and validation exactly as the
local engine does it: duplicate ids across chunks are still caught). Each chunk's geometry
(geodesic paths, uncertainty areas) and GeoJSON encoding run as a dask task; the encoded text
comes back to the client, which streams it, in input order, into the atomically written output.
At most two chunks per worker are in flight, so an input larger than memory works. Workers need
no shared file system, so ``--scheduler tcp://host:8786`` works with any dask.distributed
cluster that has geomap installed.

``scheduler``: None starts a :class:`distributed.LocalCluster` (one process per core);
``"synchronous"``, ``"threads"`` or ``"processes"`` use dask's local schedulers without
distributed; a string address connects to that scheduler; a :class:`distributed.Client` is used
as it is. dask and distributed are imported only here, only when this engine is asked for.
On a distributed cluster, CSV inputs (paths, globs, fsspec URLs) take the partitioned path
instead (:mod:`geomap.export.partitions`): the workers read, validate and encode, and write
GeoParquet or GeoJSONSeq parts. distributed's log lines are silenced unless ``geomap -v``.
``split_by`` is a local-engine feature.
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from geomap.atomic import remove_stale_temporaries
from geomap.errors import ExportError, GeomapInputError
from geomap.export.core import ExportSummary, is_path, source_label
from geomap.export.names import EXTENSIONS, NameAllocator
from geomap.export.outputs import check_existing
from geomap.export.partitions import is_partitionable
from geomap.export.stream import stream_export

__all__ = ["export_dask", "DaskRunner", "LOCAL_SCHEDULERS", "DEFAULT_CHUNK_ROWS",
           "CONNECT_TIMEOUT"]

LOCAL_SCHEDULERS: tuple[str, ...] = ("synchronous", "threads", "processes")
DEFAULT_CHUNK_ROWS = 50_000
#: How long to try to reach a ``--scheduler`` address.
CONNECT_TIMEOUT = "10s"


def _import_dask() -> Any:
    try:
        import dask
    except ImportError as err:  # pragma: no cover - dask is a declared extra
        raise ExportError(
            "--engine dask needs dask and distributed: pip install 'geomap[dask]' "
            f"({err})"
        ) from err
    return dask


def _log_level() -> int:
    """distributed's log level: errors only, unless ``geomap -v`` asked for more."""
    level = logging.getLogger("geomap").getEffectiveLevel()
    return logging.ERROR if level >= logging.WARNING else level


def _worker_log_level() -> int:
    """The log level of the workers of a cluster geomap starts itself: nothing unless
    ``geomap -v`` (their errors at shutdown, such as a heartbeat that finds the scheduler
    gone, are not the user's; a failed task comes back to the client as its exception)."""
    level = _log_level()
    return logging.CRITICAL if level >= logging.ERROR else level


def _quiet_logs() -> None:
    """Every ``distributed`` logger of this process at :func:`_log_level` (distributed
    configures some of its loggers itself, so the parent's level is not enough)."""
    level = _log_level()
    logging.getLogger("distributed").setLevel(level)
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("distributed."):
            logging.getLogger(name).setLevel(level)


class DaskRunner:
    """The dask scheduler of a run, as a context manager: ``None`` starts (and stops) a quiet
    :class:`distributed.LocalCluster`, an address is connected to (one line on failure), a
    :class:`distributed.Client` is used as it is, a local scheduler name runs tasks here.
    ``client`` is the distributed client (None for a local scheduler); ``submit`` runs a
    task; distributed's logs stay quiet unless ``geomap -v``."""

    def __init__(self, scheduler: Any) -> None:
        self.scheduler = scheduler
        self.client: Any = None
        self._own: list[Any] = []
        self.window = 2 * (os.cpu_count() or 1)

    def __enter__(self) -> DaskRunner:
        _import_dask()
        if isinstance(self.scheduler, str) and self.scheduler in LOCAL_SCHEDULERS:
            self.window = 0  # computed one by one, when written
            return self
        from distributed import Client, LocalCluster

        _quiet_logs()  # after the import: importing distributed sets its loggers to INFO

        if isinstance(self.scheduler, Client):
            self.client = self.scheduler
        elif self.scheduler is None:
            with warnings.catch_warnings():  # "Port 8787 is already in use": not news
                if _log_level() >= logging.ERROR:
                    warnings.simplefilter("ignore", UserWarning)
                cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                                       processes=True, dashboard_address=None,
                                       silence_logs=_worker_log_level())
            self.client = Client(cluster)
            self._own = [self.client, cluster]
            _quiet_logs()  # the loggers the cluster created
        else:
            try:
                self.client = Client(str(self.scheduler), timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as err:
                raise ExportError(f"cannot reach the dask scheduler {self.scheduler}: {err}") \
                    from err
            self._own = [self.client]
        workers = len(self.client.scheduler_info().get("workers", {})) or 1
        self.window = 2 * workers
        return self

    def __exit__(self, *exc: Any) -> None:
        for thing in self._own:
            thing.close()

    def submit(self, func: Any, *args: Any) -> Any:
        if self.client is not None:
            return self.client.submit(func, *args, pure=False)
        import dask

        task = dask.delayed(func, pure=False)(*args)
        return _Computed(task, self.scheduler)


class _Computed:
    """A task on a local dask scheduler, computed when its result is asked for."""

    def __init__(self, task: Any, scheduler: str) -> None:
        self.task, self.scheduler = task, scheduler

    def result(self) -> Any:
        import dask

        return dask.compute(self.task, scheduler=self.scheduler)[0]


def _partitioned(listed: list[Any], scheduler: Any, output: Any, out_dir: Any, fmt: str,
                 options: dict[str, Any], progress: bool | None) -> ExportSummary:
    """CSV inputs on a distributed cluster: see :mod:`geomap.export.partitions`."""
    from geomap.export.partitions import export_partitioned

    sources = [os.fspath(s) for s in listed]
    target = None if output is None else Path(output)
    if target is not None:
        if check_existing([target], overwrite=options["overwrite"],
                          skip_existing=options.get("skip_existing", False)):
            summary = ExportSummary()
            summary.files_skipped.append(target)
            return summary
        if target.parent.is_dir():
            remove_stale_temporaries(target.parent)
    with DaskRunner(scheduler) as runner:
        return export_partitioned(sources, runner.client, output=target,
                                  out_dir=None if out_dir is None else Path(out_dir),
                                  fmt=fmt, options=options, progress=progress)


def export_dask(
    sources: Any, *, output: Any = None, out_dir: Any = None, fmt: str = "geojson",
    split_by: str | None = None, scheduler: Any = None, overwrite: bool = False,
    skip_existing: bool = False, uncertainty: bool = False, precision: int = 6,
    bbox: bool = False, geocode: bool = True, chunk_rows: int = DEFAULT_CHUNK_ROWS,
    progress: bool | None = None, provenance: bool = False,
) -> ExportSummary:
    """Export through dask; parameters as :func:`geomap.export.export_events`.

    On a distributed cluster (``scheduler`` None, an address or a client), CSV inputs
    (paths, globs, fsspec URLs) are read, validated, placed and encoded by the workers,
    partition by partition (:mod:`geomap.export.partitions`): with ``out_dir`` each
    partition writes its part (``parquet`` or ``geojsonseq``), with ``output`` the client
    merges the encoded partitions into one file. Other inputs, and the local schedulers,
    read on the client chunk by chunk (``chunk_rows`` rows per task) and encode elsewhere.
    """
    if split_by is not None:
        raise GeomapInputError("--split-by is not available with --engine dask; "
                               "use the local engine")
    listed = list(sources) if isinstance(sources, list | tuple) else [sources]
    if not all(is_path(s) or isinstance(s, pd.DataFrame) for s in listed):
        raise GeomapInputError("--engine dask reads events files (or raw DataFrames)")
    options = {"fmt": fmt, "overwrite": overwrite, "uncertainty": uncertainty,
               "precision": precision, "bbox": bbox, "geocode": geocode, "chunk": chunk_rows,
               "provenance": provenance}
    distributed = not (isinstance(scheduler, str) and scheduler in LOCAL_SCHEDULERS)
    if distributed and is_partitionable(listed):
        return _partitioned(listed, scheduler, output, out_dir, fmt,
                            {**options, "skip_existing": skip_existing}, progress)
    if out_dir is not None and fmt == "parquet" and distributed:
        raise GeomapInputError("--engine dask writes GeoParquet parts from CSV inputs only")
    if output is not None:
        plan = [(listed, Path(output))]
    else:
        folder = Path(out_dir)
        folder.mkdir(parents=True, exist_ok=True)
        allocator = NameAllocator(folder, EXTENSIONS[fmt])
        plan = [(s, allocator.allocate(source_label(s))) for s in listed]
    summary = ExportSummary()
    skip = check_existing([p for _, p in plan], overwrite=overwrite, skip_existing=skip_existing)
    with DaskRunner(scheduler) as runner:
        for source, path in plan:
            if path in skip:
                summary.files_skipped.append(path)
                continue
            if path.parent.is_dir():
                remove_stale_temporaries(path.parent)
            stream_export(source, path, runner, options, summary)
    return summary
