"""Streaming export: read and validate chunk by chunk, encode each chunk elsewhere, write in order.

The reader (:func:`geomap.events.core.iter_frames`: validated events without the point geometry,
which the features are rebuilt from anyway) runs in this process, chunk by chunk, so memory is
bounded by a few chunks, never the whole input. Each validated chunk is handed to a *runner*
that builds its features and encodes them (:func:`encode_chunk`): this process (GeoJSON: its
Arrow encoder is cheaper than a hand-over, see :func:`runner_for`), a process pool on this
machine (the reader and the encoders then work at the same time, on different cores) or a dask
cluster (:mod:`geomap.export.dask`). With a local pool the last chunk is encoded here, while
the workers finish the earlier ones. Results are written in input order, so the output is
byte-identical to encoding everything at once.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import IO, Any, Protocol

import numpy as np
import pandas as pd

from geomap.atomic import atomic_path, atomic_write
from geomap.cores import idle_cores
from geomap.errors import ExportError
from geomap.export.bbox import covering_box
from geomap.export.core import ExportSummary
from geomap.export.formats import RS
from geomap.export.geojson import box_text

__all__ = ["STREAM_CHUNK_ROWS", "IN_PROCESS_FORMATS", "Runner", "LocalRunner", "runner_for",
           "encode_chunk", "chunk_keys", "stream_export", "pump_chunks", "idle_cores"]

#: Input rows per chunk when streaming.
STREAM_CHUNK_ROWS = 10_000


class Runner(Protocol):
    """Something that runs :func:`encode_chunk` jobs: ``submit`` returns an object with
    ``result()``; ``window`` is how many jobs may be in flight."""

    window: int

    def submit(self, func: Callable[..., Any], *args: Any) -> Any: ...


class _Done:
    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


class LocalRunner:
    """Run jobs in a fork process pool (``workers`` > 0) or right here (``workers`` = 0).

    By default one worker per core but the reader's, as long as other work leaves a core
    idle: on a machine whose cores are all busy, handing chunks over (pickled there and
    back) costs more than it gains (measured: 100k rows at load 7 on 2 cores, 3.4-4.1 s
    encoded here against 4.0-5.2 s with a worker), so the chunks are encoded here."""

    def __init__(self, workers: int | None = None) -> None:
        if workers is None:  # the reader keeps one core busy
            workers = max(min((os.cpu_count() or 1) - 1, idle_cores()), 0)
        if "fork" not in multiprocessing.get_all_start_methods():
            workers = 0
        self.workers = workers
        self.window = 2 * workers  # here: each block written as soon as it is made
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalRunner:
        if self.workers:
            self._pool = ProcessPoolExecutor(self.workers, multiprocessing.get_context("fork"))
            # fork the workers now, while this process is small, and let them import the
            # encoder while the reader reads the first chunk
            self._pool.submit(_warm_up)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, func: Callable[..., Any], *args: Any) -> Future | _Done:
        if self._pool is None:
            return _Done(func(*args))
        return self._pool.submit(func, *args)


#: Formats whose chunks are encoded in the reader's process, never by a worker: their
#: Arrow encoder (:mod:`geomap.export.feature_block`) costs less than handing a validated
#: chunk over and its block back. Measured, 100k rows: the reader's process spent as much
#: CPU with a worker as without (1.00-1.14 s against 1.01-1.21 s) and the worker 0.5-0.6 s.
IN_PROCESS_FORMATS = frozenset({"geojson", "geojsonseq"})


def runner_for(fmt: str) -> LocalRunner:
    """The local runner of an export to ``fmt``: no worker for :data:`IN_PROCESS_FORMATS`,
    else :class:`LocalRunner`'s own choice (idle cores)."""
    return LocalRunner(0 if fmt in IN_PROCESS_FORMATS else None)


def _warm_up() -> None:
    import geomap.export.feature_block  # noqa: F401
    import geomap.geometry.features  # noqa: F401


def encode_chunk(frame: pd.DataFrame, keys: np.ndarray | None, options: dict[str, Any]
                 ) -> tuple[Any, int, np.ndarray | None]:
    """Features of one chunk of events, encoded as one block of UTF-8 text (features joined
    as the format wants them: bytes in an Arrow buffer); with the feature count and, when
    ``bbox``, the part extents.
    ``keys`` None: :func:`chunk_keys` of the chunk, computed here (off the reader's core)."""
    from geomap.export.feature_block import encode_table_bytes
    from geomap.geometry.features import feature_table

    if keys is None:
        keys = chunk_keys(frame["id"])
    features = feature_table(frame, uncertainty=options["uncertainty"], keys=keys)
    wrap = {"before": RS, "after": "\n"} if options["fmt"] == "geojsonseq" else {"between": ",\n"}
    block, count, extents = encode_table_bytes(features, precision=options["precision"],
                                               bbox=options["bbox"], **wrap)
    parts = [e for e in extents if len(e)] if options["bbox"] else []
    return block, count, np.concatenate(parts) if parts else None


def chunk_keys(ids: pd.Series) -> np.ndarray:
    """Event keys for a chunk of *validated* events: the ids as text. Validation rejects a
    repeated id (in any earlier chunk or file, see :class:`geomap.events.validate.IdRegistry`),
    so these are unique across chunks; a repeat within the chunk still gets ``#2``."""
    from geomap.geometry.features import event_keys

    return event_keys(ids)


class _Failed:
    """A job that raised: raises again when its result is collected (in input order)."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def result(self) -> Any:
        raise self.error


def _last_chunk(runner: Runner, encode: Callable[..., Any], frame: pd.DataFrame,
                options: dict[str, Any]) -> Any:
    """The last chunk: a local pool's workers are busy with the earlier ones and this
    process has nothing left to read, so it encodes the chunk itself, at the same time."""
    if not isinstance(runner, LocalRunner):
        return runner.submit(encode, frame, None, options)
    try:
        return _Done(encode(frame, None, options))
    except Exception as error:  # raised in order, after the earlier chunks
        return _Failed(error)


class _Writer:
    """Writes encoded chunks (UTF-8) in order; keeps the count and the extents for the bbox."""

    def __init__(self, stream: IO[bytes], seq: bool) -> None:
        self.stream, self.seq = stream, seq
        self.count = 0
        self.extents: list[np.ndarray] = []

    def start(self) -> None:
        if not self.seq:
            self.stream.write(b'{"type":"FeatureCollection","features":[')

    def add(self, result: tuple[Any, int, np.ndarray | None]) -> None:
        block, count, extents = result
        if self.seq:
            self.stream.write(block)
        elif count:
            self.stream.write(b"\n" if self.count == 0 else b",\n")
            self.stream.write(block)
        self.count += count
        if extents is not None:
            self.extents.append(extents)

    def finish(self, bbox: bool) -> None:
        if self.seq:
            return
        self.stream.write(b"\n]")
        box = covering_box(np.concatenate(self.extents)) if bbox and self.extents else None
        if box is not None:
            self.stream.write(f',"bbox":{box_text(box)}'.encode())
        self.stream.write(b"}\n")


def pump_chunks(source: Any, runner: Runner, options: dict[str, Any], summary: ExportSummary,
                encode: Callable[..., Any], add: Callable[[Any], None]) -> pd.DataFrame | None:
    """Read ``source`` chunk by chunk, run ``encode(frame, None, options)`` on each through
    ``runner`` and hand the results to ``add`` in input order; fold every chunk's report into
    ``summary``. Returns the last chunk read when no chunk had rows (None when none at all),
    for writers that must still create an empty file with the right columns."""
    from geomap.events.core import iter_frames

    pending: deque[Any] = deque()
    held: pd.DataFrame | None = None  # the newest chunk, submitted when the next one is read
    empty: pd.DataFrame | None = None
    mapped = False  # a chunk with rows was read
    for frame, report in iter_frames(source, geocode=options["geocode"],
                                     provenance=options.get("provenance", False),
                                     chunksize=options["chunk"],
                                     progress=options.get("progress", False)):
        summary.add_report(report)
        if not len(frame):
            empty = frame
            continue
        mapped = True
        if not runner.window:  # encoded here: at once, and the chunk is not kept
            add(runner.submit(encode, frame, None, options).result())
            continue
        if held is not None:
            pending.append(runner.submit(encode, held, None, options))
        held = frame
        while len(pending) > runner.window:
            add(pending.popleft().result())
    if held is not None:
        pending.append(_last_chunk(runner, encode, held, options))
    while pending:
        add(pending.popleft().result())
    return None if mapped else empty


def stream_export(source: Any, path: Path, runner: Runner, options: dict[str, Any],
                  summary: ExportSummary) -> None:
    """Export ``source`` (files or a raw DataFrame) to ``path`` through ``runner``.

    ``options``: ``fmt`` (any of :data:`geomap.export.FORMATS`), ``overwrite``,
    ``uncertainty``, ``precision``, ``bbox``, ``geocode``, ``chunk`` (rows per chunk), and
    optionally ``progress`` (the reader's progress bar: None = on a terminal only). The
    table formats (gpkg, fgb, parquet) raise :class:`geomap.export.tables.ColumnsChanged`
    when a later input brings other columns than the first (nothing is then written).
    """
    if options["fmt"] not in ("geojson", "geojsonseq"):
        _stream_table(source, path, runner, options, summary)
        return
    with atomic_write(path, overwrite=options["overwrite"], binary=True) as stream:
        writer = _Writer(stream, options["fmt"] == "geojsonseq")
        writer.start()
        pump_chunks(source, runner, options, summary, encode_chunk, writer.add)
        writer.finish(options["bbox"])
    summary.features += writer.count
    summary.files_written.append(path)


def _stream_table(source: Any, path: Path, runner: Runner, options: dict[str, Any],
                  summary: ExportSummary) -> None:
    from geomap.export.tables import open_sink, table_chunk

    with atomic_path(path, overwrite=options["overwrite"]) as temp:
        sink = open_sink(temp, options["fmt"], path.stem or "features")
        try:
            empty = pump_chunks(source, runner, options, summary, table_chunk, sink.add)
            if not sink.started and empty is not None:  # no row mapped: an empty layer
                sink.add(table_chunk(empty, None, options))
            sink.finish()
        except BaseException as err:
            from geomap.export.tables import ColumnsChanged

            sink.abort()
            if not isinstance(err, Exception) or isinstance(err, ExportError | ColumnsChanged):
                raise
            raise ExportError(f"{path}: cannot write {options['fmt']}: {err}") from err
    summary.features += sink.count
    summary.files_written.append(path)
