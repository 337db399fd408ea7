"""Many small events files read, validated and placed together, as if each were read alone.

A batch of small spreadsheets (twenty strikes each) is cheap to parse but, read one by one,
pays pandas' fixed cost of every validation step per file. Here the plain CSV files among
them are parsed with the csv module (the reader :mod:`geomap.events.readers` uses for irregular
rows), put in one chunk that knows the file of each row (:attr:`RawChunk.files`), validated
and placed once by the same rules (:func:`geomap.events.core._process`: ids unique within each
file, each file's own geocoding context, every problem naming its file and row), and the
report cut back into one report per file: the same frame rows and reports as reading each
file alone.

A file that is not plain -- not UTF-8, larger than :data:`SMALL_BYTES`, a control character, a
row with more cells than the header, a blank or repeated column name, an ACLED layout, a
header other than the first plain file's, a quote that never closes, not CSV at all -- is left
to the caller, who reads it alone (and gets its exact problems or error).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from geomap.errors import GeomapDataError
from geomap.events.acled import is_acled
from geomap.events.core import _process
from geomap.events.csvfile import SAMPLE_BYTES, csv_records, sniff_delimiter, text_encoding
from geomap.events.readers import (
    _CONTROL_BYTES,
    RawChunk,
    _canonical_columns,
    _dedupe,
    _finish,
    _kind,
)
from geomap.events.report import ValidationReport
from geomap.events.validate import FILE_COLUMN, ValidationState

__all__ = ["SMALL_BYTES", "read_many", "FILE_COLUMN"]

#: Files up to this size may be read together (the bytes the readers sniff a file from).
SMALL_BYTES = SAMPLE_BYTES


def _plain_records(path: str) -> tuple[list[str], list[list[str]]] | None:
    """The header and records of a small plain CSV file, or None when it is not one."""
    try:
        if not os.path.isfile(path) or _kind(path) != "csv":
            return None
        with open(path, "rb") as handle:
            data = handle.read(SMALL_BYTES + 1)
    except OSError:
        return None
    if len(data) > SMALL_BYTES or text_encoding(data) != "utf-8-sig":
        return None
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        return None
    try:
        text = data.decode("utf-8-sig")
        records = list(csv_records(io.StringIO(text, newline=""), sniff_delimiter(text), path))
    except (UnicodeDecodeError, GeomapDataError):
        return None
    if not records or not any(cell.strip() for cell in records[0]):
        return None
    header, body = records[0], records[1:]
    width = len(header)
    if any(len(record) > width for record in body):
        return None
    return header, body


def _plain_chunk(paths: Sequence[str]) -> tuple[RawChunk | None, list[int]]:
    """One chunk of the plain files among ``paths`` (those sharing the first one's header),
    and the positions in ``paths`` of the files it holds."""
    header: list[str] | None = None
    taken: list[int] = []
    cells: list[list[str]] = []
    rows: list[int] = []
    files: list[int] = []
    seen: set[str] = set()
    for position, path in enumerate(paths):
        got = None if path in seen else _plain_records(path)
        if got is None or (header is not None and got[0] != header):
            continue
        if header is None:  # the first plain file: its header must be plain too
            columns = _canonical_columns(got[0])
            if len(set(columns)) != len(columns) or is_acled(columns):
                continue
        header = got[0]
        seen.add(path)
        width = len(header)
        for number, record in enumerate(got[1], start=2):
            if any(record):  # a row of empty cells is not an event (as the readers drop it)
                cells.append(record + [""] * (width - len(record)))
                rows.append(number)
                files.append(len(taken))
        taken.append(position)
    if header is None:
        return None, []
    frame = pd.DataFrame(cells, columns=_dedupe(header), dtype=object)
    if not cells:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in _dedupe(header)})
    chunk = _finish(None, frame, np.asarray(rows, dtype="int64"), clean=True)
    chunk.files = [paths[k] for k in taken]
    chunk.file_of = np.asarray(files, dtype="int64")
    return chunk, taken


def _split_report(report: ValidationReport, chunk: RawChunk) -> list[ValidationReport]:
    """One report per file of ``chunk``, as reading the file alone gives it."""
    assert chunk.files is not None and chunk.file_of is not None
    parts = {path: ValidationReport() for path in chunk.files}
    for problem in report.problems:
        parts[problem.path].add(problem)
    for path, row in report.unresolved_rows:
        parts[path].unresolved_rows.add((path, row))
    counts = np.bincount(chunk.file_of, minlength=len(chunk.files))
    for path, count in zip(chunk.files, counts.tolist(), strict=True):
        part = parts[path]
        part.rows_in = count
        part.rows_mapped = count - len(part.rejected_rows | part.unresolved_rows)
    return [parts[path] for path in chunk.files]


def read_many(
    paths: Sequence[Any], *, geocode: bool | Callable[..., Any] = True,
    provenance: bool = False,
) -> tuple[list[int], pd.DataFrame | None, list[ValidationReport]]:
    """Read the plain small CSV files among ``paths`` together.

    Parameters
    ----------
    paths : sequence of path-like
        Events files.
    geocode, provenance
        As :func:`geomap.events.read_events`.

    Returns
    -------
    (taken, frame, reports)
        The positions in ``paths`` of the files read (the others are the caller's to read
        alone); their events (contract 2 without the point geometry, as
        :func:`geomap.events.core.iter_frames` gives them, in file order) with the column
        :data:`FILE_COLUMN` holding each row's file as a position in ``taken``; and one
        report per file read. None and ``[]`` when no file was plain.
    """
    chunk, taken = _plain_chunk([os.fspath(p) for p in paths])
    if chunk is None:
        return [], None, []
    frame, report = _process(chunk, ValidationState(provenance=provenance), {}, geocode,
                             True, False)
    return taken, frame, _split_report(report, chunk)
