"""Streaming export: read and validate chunk by chunk, encode each chunk elsewhere, write in order.

The reader (:func:`geomap.events.iter_events`) runs in this process, chunk by chunk, so memory is
bounded by a few chunks, never the whole input. Each validated chunk is handed to a *runner*
that builds its features and encodes them (:func:`encode_chunk`): a process pool on this
machine (the reader and the encoders then work at the same time, on different cores) or a dask
cluster (:mod:`geomap.export.dask`). Results are written in input order, so the output is
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

from geomap.atomic import atomic_write
from geomap.export.bbox import covering_box
from geomap.export.core import ExportSummary
from geomap.export.formats import RS
from geomap.export.geojson import box_text, encode_features

__all__ = ["STREAM_CHUNK_ROWS", "Runner", "LocalRunner", "encode_chunk", "next_keys",
           "stream_export"]

#: Input rows per chunk when streaming.
STREAM_CHUNK_ROWS = 25_000


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
    """Run jobs in a fork process pool (``workers`` > 0) or right here (``workers`` = 0)."""

    def __init__(self, workers: int | None = None) -> None:
        if workers is None:
            workers = max((os.cpu_count() or 1) - 1, 0)  # the reader keeps one core busy
        if "fork" not in multiprocessing.get_all_start_methods():
            workers = 0
        self.workers = workers
        self.window = 2 * max(workers, 1)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalRunner:
        if self.workers:
            self._pool = ProcessPoolExecutor(self.workers, multiprocessing.get_context("fork"))
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, func: Callable[..., Any], *args: Any) -> Future | _Done:
        if self._pool is None:
            return _Done(func(*args))
        return self._pool.submit(func, *args)


def encode_chunk(frame: pd.DataFrame, keys: np.ndarray, options: dict[str, Any]
                 ) -> tuple[str, int, np.ndarray | None]:
    """Features of one chunk of events, encoded as one block of text (features joined as the
    format wants them); with the feature count and, when ``bbox``, the part extents."""
    from geomap.geometry.features import build_features

    features = build_features(frame, uncertainty=options["uncertainty"], keys=keys)
    texts, extents = encode_features(features, precision=options["precision"],
                                     bbox=options["bbox"])
    if options["fmt"] == "geojsonseq":
        block = "".join(f"{RS}{t}\n" for t in texts)
    else:
        block = ",\n".join(texts)
    parts = [e for e in extents if len(e)] if options["bbox"] else []
    return block, len(texts), np.concatenate(parts) if parts else None


def next_keys(ids: pd.Series, seen: dict[str, int]) -> np.ndarray:
    """Event keys as :func:`geomap.geometry.features.event_keys` gives them, kept unique
    across chunks by ``seen`` (event id -> times seen)."""
    out = []
    for value in ids.astype(object).where(ids.notna(), "").map(str).tolist():
        n = seen.get(value, 0) + 1
        seen[value] = n
        out.append(value if n == 1 else f"{value}#{n}")
    return np.asarray(out, dtype=object)


class _Writer:
    """Writes encoded chunks in order; keeps the count and the extents for the bbox."""

    def __init__(self, stream: IO[str], seq: bool) -> None:
        self.stream, self.seq = stream, seq
        self.count = 0
        self.extents: list[np.ndarray] = []

    def start(self) -> None:
        if not self.seq:
            self.stream.write('{"type":"FeatureCollection","features":[')

    def add(self, result: tuple[str, int, np.ndarray | None]) -> None:
        block, count, extents = result
        if self.seq:
            self.stream.write(block)
        elif count:
            self.stream.write(("\n" if self.count == 0 else ",\n") + block)
        self.count += count
        if extents is not None:
            self.extents.append(extents)

    def finish(self, bbox: bool) -> None:
        if self.seq:
            return
        self.stream.write("\n]")
        box = covering_box(np.concatenate(self.extents)) if bbox and self.extents else None
        if box is not None:
            self.stream.write(f',"bbox":{box_text(box)}')
        self.stream.write("}\n")


def stream_export(source: Any, path: Path, runner: Runner, options: dict[str, Any],
                  summary: ExportSummary) -> None:
    """Export ``source`` (files or a raw DataFrame) to ``path`` through ``runner``.

    ``options``: ``fmt`` (geojson or geojsonseq), ``overwrite``, ``uncertainty``,
    ``precision``, ``bbox``, ``geocode``, ``chunk`` (rows per chunk), and optionally
    ``progress`` (the reader's progress bar: None = on a terminal only).
    """
    from geomap.events import iter_events

    seen: dict[str, int] = {}
    pending: deque[Any] = deque()
    with atomic_write(path, overwrite=options["overwrite"]) as stream:
        writer = _Writer(stream, options["fmt"] == "geojsonseq")
        writer.start()
        for part in iter_events(source, geocode=options["geocode"], chunksize=options["chunk"],
                                progress=options.get("progress", False)):
            summary.add_report(part.report)
            if len(part.frame):
                keys = next_keys(part.frame["id"], seen)
                pending.append(runner.submit(encode_chunk, part.frame, keys, options))
            while len(pending) > runner.window:
                writer.add(pending.popleft().result())
        while pending:
            writer.add(pending.popleft().result())
        writer.finish(options["bbox"])
    summary.features += writer.count
    summary.files_written.append(path)
