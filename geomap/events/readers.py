"""Readers: every events source becomes chunks of text cells with their spreadsheet rows.

Everything is read as text (``NA``, ``None``, ``null`` stay text; an empty cell is missing).
CSV is UTF-8 with or without BOM (UTF-16 with a BOM too, as Excel's "Unicode text"), separated by
``,`` ``;`` or tab (sniffed from the header), and read in chunks with bounded memory. JSON
(an array of objects, or ACLED's ``{"data": [...]}``), JSON Lines, and geomap's own GeoJSON
exports (a FeatureCollection, or a GeoJSON text sequence) are read whole. ACLED layouts are
recognised by their columns and mapped onto the schema (:mod:`geomap.events.acled`).
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geomap.errors import GeomapFileError, GeomapInputError
from geomap.events.acled import is_acled, map_acled
from geomap.events.csvfile import SAMPLE_BYTES, csv_records, not_utf8_error, read_header
from geomap.events.csvframes import CellCountError, csv_frames
from geomap.events.jsonfile import RS, json_records, jsonl_records, to_text
from geomap.events.report import Problem
from geomap.events.schema import EVENT_COLUMNS

__all__ = ["RawChunk", "iter_raw", "to_text", "DEFAULT_CHUNKSIZE"]

DEFAULT_CHUNKSIZE = 20_000
_JSON_SUFFIXES = {".json": "json", ".geojson": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
                  ".geojsons": "jsonl", ".geojsonl": "jsonl"}


@dataclass
class RawChunk:
    """Text cells of some rows of one source.

    ``frame`` has one column per input column (text, ``""`` = missing) and a RangeIndex;
    ``rows`` the spreadsheet row (or JSON record number) of each; ``problems`` holds what was
    found while reading (a file-level problem has ``row=None``); ``rejected`` counts the rows
    the reader itself rejected (they are not in ``frame`` but count as rows in); ``aliases``
    maps a schema column to the column it was read from (ACLED), for messages; ``clean`` is
    True when the file's bytes hold no control character (so validation need not look).
    """

    path: str | None
    frame: pd.DataFrame
    rows: np.ndarray
    problems: list[Problem] = field(default_factory=list)
    rejected: int = 0
    aliases: dict[str, str] = field(default_factory=dict)
    clean: bool = False
    #: A chunk holding several whole files (:mod:`geomap.events.many`): their paths, and the
    #: file (an index into ``files``) of each row; rows are in file order. ``path`` is None.
    files: list[str] | None = None
    file_of: np.ndarray | None = None

    def path_of(self, i: int) -> str | None:
        """The file of row position ``i``."""
        return self.path if self.files is None else self.files[int(self.file_of[i])]

    def row_paths(self) -> np.ndarray | str | None:
        """The file of every row (an object array), or the one path of the chunk."""
        if self.files is None:
            return self.path
        return np.asarray(self.files, dtype=object)[self.file_of]

    def spans(self) -> list[tuple[str | None, int, int]]:
        """``(path, start, stop)`` of each file's rows (every file, even without rows)."""
        if self.files is None:
            return [(self.path, 0, len(self.frame))]
        bounds = np.searchsorted(self.file_of, np.arange(len(self.files) + 1))
        return [(p, int(a), int(b)) for p, a, b in zip(self.files, bounds[:-1], bounds[1:],
                                                       strict=True)]

    def sort_problems(self, problems: list[Problem]) -> None:
        """File by file (in order), file-level problems first, then by row."""
        if self.files is None:
            problems.sort(key=lambda p: (p.row is not None, p.row or 0))
            return
        rank = {p: k for k, p in enumerate(self.files)}
        problems.sort(key=lambda p: (rank.get(p.path, -1), p.row is not None, p.row or 0))


def _canonical_columns(columns: list[str]) -> list[str]:
    """Schema column names matched case-insensitively, ignoring surrounding spaces."""
    known = {c.lower(): c for c in EVENT_COLUMNS}
    return [known.get(str(c).strip().lower(), str(c)) for c in columns]


def _finish(path: str | None, frame: pd.DataFrame, rows: np.ndarray, **kw: Any) -> RawChunk:
    """Canonical column names, map ACLED layouts, drop rows with every cell empty."""
    frame.columns = _dedupe(_canonical_columns(list(frame.columns)))
    aliases: dict[str, str] = {}
    if is_acled(frame.columns):
        frame = map_acled(frame)
        aliases = dict(frame.attrs.pop("geomap_aliases", {}))
    if len(frame.columns):
        blank = (frame == "").all(axis=1).to_numpy()
        if blank.any():
            frame, rows = frame[~blank], rows[~blank]
    frame = frame.reset_index(drop=True)
    return RawChunk(path, frame, np.asarray(rows, dtype="int64"), aliases=aliases, **kw)


# -- CSV ---------------------------------------------------------------------------------------
def _duplicate_columns(path: str, header: list[str]) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for name in _canonical_columns(header):
        if name in seen:
            problems.append(Problem(path, 1, name, name,
                                    f"column {name!r} appears twice; the second is read as "
                                    f"{name + '.1'!r}", "warning"))
        seen.add(name)
    return problems


#: Bytes of the C0 control characters that are not tab, line feed or carriage return.
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])


def _scan(path: str) -> tuple[bool, bool]:
    """(no control byte, no double quote) of a UTF-8 file, in one fast pass."""
    clean, unquoted = True, True
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            clean = clean and len(block.translate(None, _CONTROL_BYTES)) == len(block)
            unquoted = unquoted and b'"' not in block
            if not (clean or unquoted):
                break
    return clean, unquoted


def _blank_file(path: str, encoding: str) -> bool:
    """True when the file holds nothing but white space."""
    with open(path, encoding=encoding, errors="replace") as handle:
        return not any(line.strip() for line in handle)


def _read_csv(path: str, chunksize: int) -> Iterator[RawChunk]:
    encoding, delimiter, header = read_header(path)
    clean, unquoted = _scan(path) if encoding == "utf-8-sig" else (False, False)
    if not any(cell.strip() for cell in header):
        reason = ("the file is empty (no header row)" if _blank_file(path, encoding) else
                  "row 1 is blank: the column names must be on the first line; nothing was read")
        yield RawChunk(path, pd.DataFrame(), np.empty(0, "int64"),
                       [Problem(path, None, None, None, reason)])
        return
    problems = _duplicate_columns(path, header)
    done = 0
    try:  # the slow reader too: a ragged row early, a Windows-1252 byte far below it
        try:
            for frame in csv_frames(path, delimiter, encoding, header, chunksize,
                                    clean and unquoted):
                rows = np.arange(done, done + len(frame), dtype="int64") + 2
                done += len(frame)
                yield _finish(path, frame, rows, problems=problems, clean=clean)
                problems = []
        except (pd.errors.ParserError, pd.errors.ParserWarning, CellCountError):
            yield from _read_csv_slow(path, delimiter, encoding, chunksize, done, problems)
    except UnicodeDecodeError as err:
        raise not_utf8_error(path) from err


def _read_csv_slow(
    path: str, delimiter: str, encoding: str, chunksize: int, skip: int, notes: list[Problem]
) -> Iterator[RawChunk]:
    """The csv-module reader, used when a row has more cells than the header: such rows
    are rejected (named), the others padded. ``skip`` records were already read; ``notes``
    (file-level warnings not yet reported) go with the first chunk."""
    with open(path, encoding=encoding, newline="") as handle:
        records = csv_records(handle, delimiter, path)
        header = next(records)
        width = len(header)
        batch: list[list[str]] = []
        rows: list[int] = []
        problems: list[Problem] = []
        for index, record in enumerate(records):
            if index < skip:
                continue
            row = index + 2
            if len(record) > width and not any(record):
                continue  # every cell empty: not an event, however many separators
            if len(record) > width:
                problems.append(Problem(
                    path, row, None, delimiter.join(record)[:200],
                    f"has {len(record)} cells but the header has {width} "
                    f"(an unquoted {delimiter!r} inside a value?)"))
            else:
                batch.append(record + [""] * (width - len(record)))
                rows.append(row)
            if len(batch) >= chunksize:
                yield _slow_chunk(path, header, batch, rows, problems, notes)
                batch, rows, problems, notes = [], [], [], []
        if batch or problems or notes:
            yield _slow_chunk(path, header, batch, rows, problems, notes)


def _slow_chunk(path: str, header: list[str], batch: list[list[str]], rows: list[int],
                rejected: list[Problem], notes: list[Problem]) -> RawChunk:
    frame = pd.DataFrame(batch, columns=_dedupe(header), dtype=object)
    return _finish(path, frame, np.asarray(rows, dtype="int64"),
                   problems=notes + rejected, rejected=len(rejected))


def _dedupe(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in header:
        count = seen.get(name, 0)
        out.append(name if count == 0 else f"{name}.{count}")
        seen[name] = count + 1
    return out


# -- JSON, JSON Lines, GeoJSON -------------------------------------------------------------------
def _records_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    data = {c: [to_text(r.get(c), c) for r in records] for c in columns}
    return pd.DataFrame(data, columns=list(columns), dtype=object)


def _json_chunk(path: str, records: list[dict[str, Any]], numbers: list[int],
                problems: list[Problem]) -> RawChunk:
    return _finish(path, _records_frame(records), np.asarray(numbers, dtype="int64"),
                   problems=problems, rejected=len(problems))


# -- dispatch ------------------------------------------------------------------------------------
def _kind(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in _JSON_SUFFIXES:
        return _JSON_SUFFIXES[suffix]
    try:
        with open(path, "rb") as handle:
            start = handle.read(SAMPLE_BYTES).lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    except OSError as err:
        raise GeomapFileError(f"cannot read: {err.strerror}", path=path) from err
    if start.startswith(b"["):
        return "json"
    if start.startswith(RS.encode()):
        return "jsonl"
    if start.startswith(b"{"):
        first = start.split(b"\n", 1)[0].strip()
        return "jsonl" if first.endswith(b"}") and b"\n{" in start else "json"
    return "csv"


def _read_dataframe(frame: pd.DataFrame, chunksize: int) -> Iterator[RawChunk]:
    for start in range(0, max(len(frame), 1), chunksize):
        part = frame.iloc[start : start + chunksize]
        text = pd.DataFrame(
            {str(c): [to_text(v, str(c)) for v in part[c].tolist()] for c in part.columns},
            dtype=object,
        )
        rows = np.arange(start, start + len(part), dtype="int64") + 2
        yield _finish(None, text, rows)


def iter_raw(source: Any, chunksize: int | None = None) -> Iterator[RawChunk]:
    """Yield :class:`RawChunk` objects for a path, a DataFrame, or a list of them.

    Raises
    ------
    GeomapFileError
        When a file is missing or unreadable (the message names it).
    GeomapInputError
        When ``source`` is of an unsupported type.
    """
    size = chunksize or DEFAULT_CHUNKSIZE
    if isinstance(source, pd.DataFrame):
        yield from _read_dataframe(source, size)
    elif isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        if not os.path.exists(path):
            raise GeomapFileError("no such file", path=path)
        if os.path.isdir(path):
            raise GeomapFileError("is a directory, not an events file", path=path)
        kind = _kind(path)
        try:
            if kind == "csv":
                yield from _read_csv(path, size)
            elif kind == "jsonl":
                yield _json_chunk(path, *jsonl_records(path))
            else:
                yield _json_chunk(path, *json_records(path))
        except RecursionError as err:  # JSON arrays or objects nested thousands deep
            raise GeomapFileError("is nested too deeply to be events (JSON arrays or objects "
                                  "inside each other thousands of times)", path=path) from err
    elif isinstance(source, list | tuple):
        for item in source:
            yield from iter_raw(item, chunksize)
    else:
        raise GeomapInputError(
            f"read_events expects a path, a pandas DataFrame or a list of them, "
            f"not {type(source).__name__}"
        )
