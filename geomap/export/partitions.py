"""The partitioned dask engine: CSV partitions read, validated, placed and encoded by the workers.

How a run goes (``export_partitioned``):

1. the inputs (local paths, globs, any fsspec URL) are opened lazily with
   ``dask.dataframe.read_csv(dtype=str)``: one partition per block of each file, read by the
   workers, never by the client;
2. a first pass over the partitions (read with only their id column) returns each one's
   record count (for spreadsheet row numbers) and the hashes of its ids, cut into one
   bucket per worker by value; each bucket is searched for repeats on a worker and only the
   ids that repeat come back to the client (the client never holds every id);
3. each partition is then validated by :func:`geomap.events.partition.validate_partition`
   (an id repeated from an earlier partition is rejected, naming the first row), placed,
   turned into features and encoded on its worker; it writes its own part
   (``part-00000.parquet`` GeoParquet or ``part-00000.geojsons`` GeoJSON Text Sequences) in
   ``out_dir``; for one merged ``output`` it writes its encoded block (GeoJSON, GeoJSONSeq)
   or its Arrow table (GeoPackage, FlatGeobuf, GeoParquet) to a hidden temporary file
   beside the output when the workers see that folder (probed once), and the client appends
   those in order (blocks byte for byte; no block or table crosses the scheduler);
   otherwise the block or table comes back to the client;
4. the reports come back (problems only) and are merged: rows in = mapped + reported.

Workers need the inputs (a shared file system or a URL) and, for parts, the output folder.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geomap.atomic import atomic_path, atomic_write
from geomap.errors import ExportError, GeomapInputError
from geomap.export.core import ExportSummary
from geomap.export.part_results import (
    PART_FORMATS,
    _gather,
    _in_order,
    _remove_spooled,
    _spool_template,
    _spooled_path,
    part_name,
    write_spooled_table,
)

__all__ = ["export_partitioned", "PART_FORMATS", "BLOCK_SIZE", "part_name"]

#: Most bytes of CSV per partition (fewer, so that each worker gets about four partitions).
BLOCK_SIZE = "32MB"
_PATH = "__partition_path"  # the column dask adds: the file of each record


def _first_pass(frame: pd.DataFrame, part: int, buckets: int
                ) -> tuple[int, str, list[pd.DataFrame]]:
    """A partition's record count, file, and id hashes cut into ``buckets`` by hash value;
    the count is -1 when the frame holds no id column (read with only the id column, a file
    without one gives no rows: :func:`_scan` then counts the whole partition)."""
    from geomap.events.partition import id_hashes

    path = str(frame[_PATH].iloc[0]) if _PATH in frame and len(frame) else ""
    hashes = id_hashes(frame, part)
    if len(frame.columns.drop(_PATH, errors="ignore")) == 0:
        return -1, path, [hashes] * buckets
    bucket = hashes["h"].to_numpy() % np.uint64(buckets)
    return len(frame), path, [hashes[bucket == b] for b in range(buckets)]


def _whole(frame: pd.DataFrame) -> tuple[int, str]:
    """A partition's record count and file, from all its columns."""
    return len(frame), str(frame[_PATH].iloc[0]) if _PATH in frame and len(frame) else ""


def _repeats(pieces: list[pd.DataFrame]) -> pd.DataFrame:
    """One bucket of id hashes from every partition: every id seen more than once."""
    hashes = pd.concat(pieces, ignore_index=True)
    if not len(hashes):
        return hashes
    counts = hashes.groupby("h")["h"].transform("size")
    return hashes[counts.to_numpy() > 1]


def _scan(client: Any, sources: list[str], workers: int, partitions: list[Any]
          ) -> tuple[list[int], list[str], pd.DataFrame]:
    """Pass 1 on the workers: each partition's record count and file, and the ids repeated
    anywhere (only those reach the client). The partitions are read a second time with only
    their id column (same blocks, so the same records); each one's hashes are cut into one
    bucket per worker by value, and each bucket is searched for repeats on its own."""
    import dask

    ids = _open_inputs(sources, workers, id_only=True).to_delayed()
    if len(ids) != len(partitions):  # pragma: no cover - same files, same block size
        ids = partitions
    buckets = max(workers, 1)
    first = [dask.delayed(_first_pass, nout=3)(p, k, buckets) for k, p in enumerate(ids)]
    found = [dask.delayed(_repeats)([f[2][b] for f in first]) for b in range(buckets)]
    counts, paths, repeats = client.compute(
        [[f[0] for f in first], [f[1] for f in first], found], sync=True)
    unknown = [k for k, count in enumerate(counts) if count < 0]
    if unknown:  # files without an id column: count their records from a whole read
        again = client.compute([dask.delayed(_whole)(partitions[k]) for k in unknown],
                               sync=True)
        for k, (count, path) in zip(unknown, again, strict=True):
            counts[k], paths[k] = count, path
    return counts, paths, pd.concat(repeats, ignore_index=True)


def _work(frame: pd.DataFrame, part: int, path: str, first_row: int,
          seen: list[tuple[str, str, int]], options: dict[str, Any],
          out_dir: str | None) -> tuple[Any, int, Any]:
    """Everything for one partition, on its worker: ``(report, features, payload)``; the
    payload is the encoded block (merged output) or None (the part was written here)."""
    from geomap.events.partition import validate_partition
    from geomap.export.stream import encode_chunk
    from geomap.export.tables import open_sink, table_chunk

    frame = frame.drop(columns=[_PATH], errors="ignore")
    events, report = validate_partition(frame, first_row, path, geocode=options["geocode"],
                                        seen=seen,
                                        provenance=options.get("provenance", False))
    fmt = options["fmt"]
    if out_dir is None:  # merged output: the client writes the blocks in order
        if fmt in ("geojson", "geojsonseq"):
            if not len(events):
                return report, 0, None
            block, count, extents = encode_chunk(events, None, options)
            if options.get("spool"):  # the client appends this file: no bytes sent back
                spooled = _spooled_path(options["spool"], part)
                spooled.write_bytes(block)
                return report, count, (spooled, count, extents)
            return report, count, (bytes(block), count, extents)  # the encoder's buffer
        table = table_chunk(events, None, options)
        if options.get("spool"):  # an Arrow file the client reads: no table sent back
            spooled = _spooled_path(options["spool"], part)
            write_spooled_table(table, spooled)
            return report, table.num_rows, spooled
        return report, table.num_rows, table
    target = Path(out_dir) / part_name(part, PART_FORMATS[fmt])
    if fmt == "parquet":
        with atomic_path(target, overwrite=options["overwrite"]) as temp:
            sink = open_sink(temp, fmt, target.stem)
            sink.add(table_chunk(events, None, options))
            sink.finish()
        return report, sink.count, None
    block, count, _ = encode_chunk(events, None, options) if len(events) else (b"", 0, None)
    with atomic_write(target, overwrite=options["overwrite"], binary=True) as stream:
        stream.write(block)
    return report, count, None


def _block_size(sources: list[str], workers: int) -> int:
    """Bytes per partition: about four partitions per worker, within 1 MB and
    :data:`BLOCK_SIZE`."""
    import fsspec
    from dask.utils import parse_bytes

    ceiling = parse_bytes(BLOCK_SIZE) if isinstance(BLOCK_SIZE, str) else int(BLOCK_SIZE)
    total = 0
    for source in sources:
        fs, _, paths = fsspec.get_fs_token_paths(source)
        total += sum(int(fs.size(p) or 0) for p in paths)
    return int(min(ceiling, max(min(ceiling, 1 << 20), total // max(4 * workers, 1))))


def _open_inputs(sources: list[str], workers: int, id_only: bool = False) -> Any:
    """The inputs as one lazy dask DataFrame of text cells, with the path of each record
    (``id_only``: only the id column, found as the validator finds it)."""
    import dask.dataframe as dd

    from geomap.events.csvfile import sniff_delimiter
    from geomap.events.partition import is_id_column

    head = _head(sources[0])
    try:
        return dd.read_csv(sources, dtype=str, keep_default_na=False, na_filter=False,
                           skip_blank_lines=False, sep=sniff_delimiter(head),
                           encoding="utf-8-sig", blocksize=_block_size(sources, workers),
                           include_path_column=_PATH, index_col=False,
                           usecols=is_id_column if id_only else None)
    except (OSError, ValueError) as err:
        raise ExportError(f"cannot read {', '.join(map(str, sources))}: {err}") from err


def _head(source: str) -> str:

    import fsspec

    if glob.has_magic(source) and "://" not in source:
        matches = sorted(glob.glob(source))
        if not matches:
            raise GeomapInputError(f"{source}: no file matches")
        source = matches[0]
    try:
        with fsspec.open(source, "rb") as handle:
            return handle.read(65_536).decode("utf-8-sig", errors="ignore")
    except OSError as err:
        raise ExportError(f"{source}: cannot read: {err}") from err


def _seen_by_part(repeats: pd.DataFrame, parts: list[tuple[str, int]]
                  ) -> dict[int, list[tuple[str, str, int]]]:
    """For each partition: the ids it repeats whose first appearance is in an earlier one,
    with that appearance's file and row."""
    out: dict[int, list[tuple[str, str, int]]] = {}
    if not len(repeats):
        return out
    repeats = repeats.sort_values(["h", "part", "pos"], kind="stable")
    first = repeats.groupby("h").head(1).set_index("h")
    for h, part in repeats[["h", "part"]].drop_duplicates().itertuples(index=False):
        origin = first.loc[h]
        if int(origin["part"]) == int(part):
            continue
        path, first_row = parts[int(origin["part"])]
        out.setdefault(int(part), []).append(
            (str(origin["id"]), path, first_row + int(origin["pos"])))
    return out


def export_partitioned(sources: list[str], client: Any, *, output: Path | None,
                       out_dir: Path | None, fmt: str, options: dict[str, Any],
                       progress: bool | None = None) -> ExportSummary:
    """Run the partitioned engine on ``client`` (a ``distributed.Client``); see the module
    docstring. ``options`` as for :func:`geomap.export.stream.stream_export`."""
    import dask

    if out_dir is not None and fmt not in PART_FORMATS:
        raise GeomapInputError(f"--engine dask writes parts as {' or '.join(PART_FORMATS)}, "
                               f"not {fmt}; or give -o FILE for one merged file")
    workers = len(client.scheduler_info().get("workers", {})) or 1
    partitions = _open_inputs(sources, workers).to_delayed()
    counts, paths, repeats = _scan(client, sources, workers, partitions)
    parts, rows_before = [], {}
    for path, count in zip(paths, counts, strict=True):
        start = rows_before.get(path, 0)
        parts.append((path, start + 2))
        rows_before[path] = start + count
    seen = _seen_by_part(repeats, parts)
    if out_dir is not None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    spool = None if output is None else _spool_template(client, output)
    target = None if out_dir is None else os.fspath(out_dir)
    jobs = [dask.delayed(_work)(p, k, parts[k][0], parts[k][1], seen.get(k, []),
                                {**options, "fmt": fmt, "spool": spool}, target)
            for k, p in enumerate(partitions)]
    summary = ExportSummary()
    results = _in_order(client, jobs, 2 * workers)
    try:
        _gather(results, len(jobs), summary, output, fmt, options, out_dir, progress)
    finally:
        results.close()  # a run stopped early waits for its tasks in flight
        if spool is not None:
            _remove_spooled(spool)
    return summary


def is_partitionable(sources: list[Any]) -> bool:
    """True for CSV inputs the workers can read (``.csv``/``.tsv``): local paths, globs,
    fsspec URLs."""
    if not sources:
        return False
    for source in sources:
        if not isinstance(source, str | os.PathLike):
            return False
        text = os.fspath(source)
        if not text.lower().endswith((".csv", ".tsv")):
            return False
    return True
