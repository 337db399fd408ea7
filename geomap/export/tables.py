"""GeoPackage, FlatGeobuf and GeoParquet written chunk by chunk: memory bounded by the chunk.

A *table chunk* is one chunk of validated events turned into its features as an Arrow table
(:func:`table_chunk`: WKB geometry, containers as JSON text). A *sink* appends chunks, in input
order, to a file it was given (the temporary file of :func:`geomap.atomic.atomic_path`):

* :class:`OgrSink` -- GeoPackage and FlatGeobuf through one ``pyogrio.write_arrow`` call that
  reads the chunks as an Arrow stream (FlatGeobuf without its spatial index, so features keep
  their order); the layer's geometry type is ``Unknown``, as a chunk of points may be
  followed by one with paths or areas;
* :class:`ParquetSink` -- GeoParquet through ``pyarrow.parquet.ParquetWriter``, one row group
  per chunk; the ``geo`` metadata (geometry types, bbox) covers every chunk and is written
  when the file is closed.

The column set is the first chunk's; a chunk with other columns (files whose extra columns
differ) raises :class:`ColumnsChanged`, and the caller then writes in memory instead.
"""

from __future__ import annotations

import json
import queue
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geomap.errors import ExportError

__all__ = ["DRIVERS", "ColumnsChanged", "table_chunk", "open_sink", "OgrSink", "ParquetSink"]

#: pyogrio driver per format
DRIVERS: dict[str, str] = {"gpkg": "GPKG", "fgb": "FlatGeobuf"}


class ColumnsChanged(Exception):
    """A chunk's columns differ from the first chunk's."""


def table_chunk(frame: pd.DataFrame, keys: np.ndarray | None, options: dict[str, Any]) -> Any:
    """Features of one chunk of events as an Arrow table (WKB geometry, containers as JSON
    text) with this chunk's GeoParquet ``geo`` metadata: cheap to send between processes."""
    from geopandas.io.arrow import _geopandas_to_arrow

    from geomap.export.formats import ogr_ready
    from geomap.export.stream import chunk_keys
    from geomap.geometry.features import build_features

    if keys is None:
        keys = chunk_keys(frame["id"])
    features = ogr_ready(build_features(frame, uncertainty=options["uncertainty"], keys=keys))
    return _geopandas_to_arrow(features, index=False)


class _Sink:
    """The first chunk fixes the columns (an empty column is text); later chunks are cast
    to them. Keeps the geometry types and the extent of everything written."""

    def __init__(self, temp: Path) -> None:
        self.temp = temp
        self.schema: Any = None
        self.geo: dict[str, Any] = {}
        self.types: set[str] = set()
        self.box = np.array([np.inf, np.inf, -np.inf, -np.inf])
        self.count = 0

    @property
    def started(self) -> bool:
        """True once a chunk was written."""
        return self.schema is not None

    def _conform(self, table: Any) -> Any:
        import pyarrow as pa

        if self.schema is None:
            fields = [pa.field(f.name, pa.large_string(), True, f.metadata)
                      if pa.types.is_null(f.type) else f for f in table.schema]
            self.schema = pa.schema(fields, metadata=table.schema.metadata)
            self.geo = json.loads(table.schema.metadata[b"geo"])
        elif table.schema.names != self.schema.names:
            raise ColumnsChanged(self.schema.names, table.schema.names)
        column = json.loads(table.schema.metadata[b"geo"])["columns"]["geometry"]
        self.types.update(column.get("geometry_types", ()))
        if column.get("bbox") and len(column["bbox"]) == 4:
            low, high = np.asarray(column["bbox"][:2]), np.asarray(column["bbox"][2:])
            self.box = np.r_[np.minimum(self.box[:2], low), np.maximum(self.box[2:], high)]
        self.count += table.num_rows
        return table.cast(self.schema)


class OgrSink(_Sink):
    """Streams chunks into a GeoPackage or FlatGeobuf file: one ``pyogrio.write_arrow`` call,
    opened on the first chunk, reads the chunks from a bounded queue in a writer thread (the
    file is opened once: appending to a FlatGeobuf rewrites it, so one call per chunk would
    cost the square of the size)."""

    def __init__(self, temp: Path, fmt: str, layer: str) -> None:
        super().__init__(temp)
        self.fmt, self.layer = fmt, layer
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=2)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def _write(self, schema: Any) -> None:
        import pyarrow as pa
        import pyogrio

        def batches() -> Any:
            while (table := self._queue.get()) is not None:
                yield from table.to_batches()

        try:
            extra = {"SPATIAL_INDEX": "NO"} if self.fmt == "fgb" else {}
            pyogrio.write_arrow(pa.RecordBatchReader.from_batches(schema, batches()),
                                self.temp, layer=self.layer, driver=DRIVERS[self.fmt],
                                geometry_name="geometry", geometry_type="Unknown",
                                crs="EPSG:4326", **extra)
        except BaseException as err:  # noqa: BLE001 -- raised again by the caller's thread
            self._error = err
            while self._queue.get() is not None:  # let the producer finish
                pass

    def _put(self, item: Any) -> None:
        while True:
            if self._error is not None:
                raise self._error
            try:
                self._queue.put(item, timeout=0.5)
                return
            except queue.Full:
                if self._thread is None or not self._thread.is_alive():
                    raise ExportError("the GeoPackage/FlatGeobuf writer stopped") from None

    def add(self, table: Any) -> None:
        """Queue one chunk for the writer (the first starts it)."""
        table = self._conform(table)
        if self._thread is None:
            self._thread = threading.Thread(target=self._write, args=(self.schema,),
                                            name="geomap-ogr-writer", daemon=True)
            self._thread.start()
        self._put(table)

    def abort(self) -> None:
        """Stop the writer (after an error elsewhere) so the file can be removed."""
        if self._thread is not None and self._thread.is_alive():
            try:
                self._put(None)
            except BaseException:  # noqa: BLE001 -- the writer failed too: it is stopping
                pass
            self._thread.join()

    def finish(self) -> None:
        """Close the stream and wait for the writer."""
        if self._thread is None:
            return
        self._put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error


class ParquetSink(_Sink):
    """Appends chunks to a GeoParquet file (one row group each)."""

    writer: Any = None

    def add(self, table: Any) -> None:
        """Write one chunk (the first opens the file)."""
        import pyarrow.parquet as pq

        table = self._conform(table)
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.temp, self.schema)
        self.writer.write_table(table)

    def abort(self) -> None:
        """Close the file (after an error elsewhere) so it can be removed."""
        if self.writer is not None:
            self.writer.close()

    def finish(self) -> None:
        """Write the ``geo`` metadata of the whole file and close it."""
        if self.writer is None:
            return
        column = self.geo["columns"]["geometry"]
        column["geometry_types"] = sorted(self.types)
        if np.isfinite(self.box).all():
            column["bbox"] = [float(v) for v in self.box]
        else:
            column.pop("bbox", None)
        self.writer.add_key_value_metadata({"geo": json.dumps(self.geo)})
        self.writer.close()


def open_sink(temp: Path, fmt: str, layer: str) -> OgrSink | ParquetSink:
    """The sink for ``fmt`` writing ``temp`` (layer name for GeoPackage/FlatGeobuf)."""
    if fmt == "parquet":
        return ParquetSink(temp)
    if fmt in DRIVERS:
        return OgrSink(temp, fmt, layer)
    raise ExportError(f"{fmt} is not a table format")
