"""The client's side of the partitioned dask engine (:mod:`geomap.export.partitions`): the
partitions' results in input order, the merged file (blocks the workers spooled beside it,
appended byte for byte, or blocks and tables sent back), the list of parts written, and, with
``overwrite``, the parts of an earlier, longer run removed."""

from __future__ import annotations

import contextlib
import glob
import os
import re
import secrets
import shutil
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geomap.atomic import atomic_path, atomic_write
from geomap.export.core import ExportSummary

__all__ = ["PART_FORMATS", "part_name", "remove_stale_parts", "write_spooled_table",
           "read_spooled_table"]

#: Formats written as parts into ``out_dir`` (one per partition).
PART_FORMATS: dict[str, str] = {"parquet": ".parquet", "geojsonseq": ".geojsons"}


def part_name(index: int, suffix: str) -> str:
    """``part-00003.parquet``: the file partition (or task) ``index`` writes; ``suffix`` with
    its dot (:data:`PART_FORMATS`, or ``.jsonl`` for ``geomap extract`` on dask)."""
    return f"part-{index:05d}{suffix}"


def _spool_template(client: Any, output: Path) -> tuple[str, str] | None:
    """Where the workers write the encoded blocks of a merged ``output``: hidden temporary
    files beside it, ``head + "00003" + tail`` (``.out.geojson.p00003.geomap-PID-TOKEN.tmp``,
    names :func:`geomap.atomic.remove_stale_temporaries` knows), or None when a worker does
    not see the output's folder (no shared file system: the blocks come back instead)."""
    folder = os.path.abspath(output.parent)
    tail = f".geomap-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    probe = Path(folder) / f".{output.name}.probe{tail}"
    try:
        probe.touch(exist_ok=False)
    except OSError:
        return None
    try:
        seen = client.run(os.path.exists, str(probe))
    except Exception:  # noqa: BLE001 - any failure: send the blocks instead
        seen = {}
    finally:
        probe.unlink(missing_ok=True)
    if not seen or not all(seen.values()):
        return None
    return os.path.join(folder, f".{output.name}.p"), tail


def _spooled_path(spool: tuple[str, str], part: int) -> Path:
    return Path(f"{spool[0]}{part:05d}{spool[1]}")


def _remove_spooled(spool: tuple[str, str]) -> None:
    """Delete the spooled blocks left by a run that stopped early."""
    for path in glob.glob(glob.escape(spool[0]) + "[0-9]*" + glob.escape(spool[1])):
        Path(path).unlink(missing_ok=True)


def write_spooled_table(table: Any, path: Path) -> None:
    """Write a partition's Arrow table where the client reads it (Arrow IPC file: its schema
    and metadata kept, no encoding)."""
    import pyarrow as pa

    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def read_spooled_table(path: Path) -> Any:
    """The table :func:`write_spooled_table` wrote, read into memory; the file is deleted."""
    import pyarrow as pa

    with pa.OSFile(str(path), "rb") as source:
        table = pa.ipc.open_file(source).read_all()
    path.unlink()
    return table


class _Spooled:
    """The merged output's stream: a block that is a :class:`~pathlib.Path` (a file a worker
    wrote) is appended byte for byte, then deleted; bytes are written as they are."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, data: Any) -> None:
        if isinstance(data, Path):
            with open(data, "rb") as part:
                shutil.copyfileobj(part, self.stream, 1 << 20)
            data.unlink()
        else:
            self.stream.write(data)


def _in_order(client: Any, jobs: list[Any], window: int) -> Iterator[Any]:
    """The jobs' results in order, at most ``window`` computed ahead of the one consumed (the
    workers and the client hold a few partitions' results, never all of them)."""
    pending: deque[Any] = deque()
    queued = iter(jobs)
    for job in queued:
        pending.append(client.compute(job))
        if len(pending) >= window:
            break
    try:
        while pending:
            future = pending.popleft()
            result = future.result()
            future.release()
            job = next(queued, None)
            if job is not None:
                pending.append(client.compute(job))
            yield result
    finally:  # stopped early: let the tasks in flight end (they may be writing files)
        if pending:
            from distributed import wait

            with contextlib.suppress(Exception):
                wait(list(pending))


def _gather(results: Iterator[Any], total: int, summary: ExportSummary, output: Path | None,
            fmt: str, options: dict[str, Any], out_dir: Path | None,
            progress: bool | None) -> None:
    """Collect the partitions' results in order (writing the merged file, if any)."""
    from tqdm import tqdm

    show = sys.stderr.isatty() if progress is None else bool(progress)
    bar = tqdm(total=total, unit="part", disable=not show, file=sys.stderr, leave=False)
    try:
        if output is None:
            for k, (report, count, _) in enumerate(results):
                summary.add_report(report)
                summary.features += count
                summary.files_written.append(Path(out_dir) / part_name(k, PART_FORMATS[fmt]))
                bar.update(1)
            if options["overwrite"]:
                remove_stale_parts(Path(out_dir), PART_FORMATS[fmt], len(summary.files_written))
            return
        _merge(results, summary, output, fmt, options, bar)
    finally:
        bar.close()


def _merge(results: Iterator[Any], summary: ExportSummary, output: Path, fmt: str,
           options: dict[str, Any], bar: Any) -> None:
    from geomap.export.stream import _Writer
    from geomap.export.tables import open_sink

    if fmt in ("geojson", "geojsonseq"):
        with atomic_write(output, overwrite=options["overwrite"], binary=True) as stream:
            writer = _Writer(_Spooled(stream), fmt == "geojsonseq")  # type: ignore[arg-type]
            writer.start()
            for report, _, block in results:
                summary.add_report(report)
                if block is not None:
                    writer.add(block)
                bar.update(1)
            writer.finish(options["bbox"])
        summary.features += writer.count
    else:
        with atomic_path(output, overwrite=options["overwrite"]) as temp:
            sink = open_sink(temp, fmt, output.stem or "features")
            for report, _, table in results:
                summary.add_report(report)
                if isinstance(table, Path):  # an Arrow file a worker wrote
                    table = read_spooled_table(table)
                if table is not None:
                    sink.add(table)
                bar.update(1)
            sink.finish()
        summary.features += sink.count
    summary.files_written.append(output)


def remove_stale_parts(folder: Path, suffix: str, count: int) -> list[Path]:
    """Delete the parts of an earlier, longer run, which a reader of the folder
    (``read_parquet(folder)``, a glob of ``*.geojsons``) would take for this run's.

    Called after a run that overwrote and wrote parts 0 to ``count - 1``; other files, and
    parts of another format, are left alone.

    Parameters
    ----------
    folder : pathlib.Path
        The parts' folder.
    suffix : str
        The parts' suffix with its dot (``.parquet``, ``.geojsons``, ``.jsonl``).
    count : int
        Parts this run wrote: ``part-NNNNN<suffix>`` numbered ``count`` and above go.

    Returns
    -------
    list of pathlib.Path
        The files deleted.
    """
    pattern = re.compile(r"part-(\d{5,})" + re.escape(suffix))
    stale = []
    for path in sorted(folder.glob(f"part-*{glob.escape(suffix)}")):
        found = pattern.fullmatch(path.name)
        if found and int(found.group(1)) >= count and path.is_file():
            path.unlink(missing_ok=True)
            stale.append(path)
    return stale
