"""Validation rules: one pass over a chunk collects every problem, names file, row and field.

Rules (severity in brackets; an ``error`` rejects the row):

* ``id`` -- empty: derived as ``<file stem>-row<N>`` [warning]; a duplicate of an earlier row,
  in this file or an earlier one: the later row [error], naming the row of the first.
* ``date`` -- impossible (2024-02-30) or unparseable [error]; in the future [warning];
  empty [warning] (the event is kept without a date); no ``date`` column [warning, once].
* ``killed``, ``injured`` -- negative, not a whole number, a reversed range, NaN/inf [error].
* ``{role}_lat``, ``{role}_lon`` -- not a number, NaN/inf, outside [-90, 90] / [-180, 180]
  [error] (with a hint when latitude and longitude look swapped); one without the other [error].
* ``claim`` -- not one of the claim values [error], suggesting the closest.
* ``sources`` -- a URL that is not http(s) (``javascript:``, ``data:``, a bare domain) [error].
* ``{role}_country`` -- not an ISO 3166-1 alpha-2 code [warning]; the hint is ignored.
* ``target`` -- neither a name nor coordinates [error].
* a column geomap computes (``row``, ``date_start`` ...) given in the input [warning, once].
* any field -- a control character other than tab, line feed and carriage return (NUL, ESC
  ...) [error]: GeoPackage and FlatGeobuf would cut the value there, and it is not text.

Place names are checked later, by :mod:`geomap.events.resolve`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from geomap.events import fields
from geomap.events.dates import parse_dates
from geomap.events.readers import RawChunk
from geomap.events.report import Problem
from geomap.events.schema import (
    DERIVED_COLUMNS,
    EVENT_COLUMNS,
    HINT_PREFIX,
    ROLES,
    TEXT_COLUMNS,
)

__all__ = ["ValidationState", "validate_chunk", "IdRegistry", "hint_columns", "published_name",
           "FILE_COLUMN"]

#: In a chunk of many files (:attr:`RawChunk.files`): the file of each validated row.
FILE_COLUMN = f"{HINT_PREFIX}file"

#: C0 control characters but tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class IdRegistry:
    """Every id seen so far, as 64-bit hashes (bounded memory: 20 bytes per row), with the
    file and row of its first appearance.

    The hashes are held in a few sorted runs whose sizes at least double from the newest to
    the oldest (each chunk's new ids a run of their own, two runs merged when the newer is
    as large as the older): an id is looked for in each run, and over a file each held id
    is copied by merges about log2(chunks) times -- not once per chunk, as merging every
    chunk into one sorted array would (quadratic: 1.5 s of 5 s validating 1M rows)."""

    def __init__(self) -> None:
        self._runs: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # hashes, rows, files
        self._paths: list[str | None] = []

    def _file_index(self, path: str | None) -> int:
        if path in self._paths:
            return self._paths.index(path)
        self._paths.append(path)
        return len(self._paths) - 1

    def _first(self, sorted_h: np.ndarray, order: np.ndarray) -> dict[int, tuple]:
        """``{position: (path, row)}`` of the hashes already held (``sorted_h``: the hashes
        in order, ``order``: their positions; searching sorted hashes walks each run once)."""
        found: dict[int, tuple] = {}
        for hashes, rows, files in self._runs:
            where = np.searchsorted(hashes, sorted_h)
            known = where < len(hashes)
            known[known] = hashes[where[known]] == sorted_h[known]
            for k in np.flatnonzero(known).tolist():
                j = where[k]
                found[int(order[k])] = (self._paths[files[j]], int(rows[j]))
        return found

    def add(self, ids: np.ndarray, rows: np.ndarray, path: str | None) -> dict[int, tuple]:
        """Register ``ids``; return ``{position: (path, row of the first)}`` for duplicates."""
        n = len(ids)
        if n == 0:
            return {}
        h = pd.util.hash_array(ids.astype(object))
        order = np.argsort(h, kind="stable")
        sorted_h = h[order]
        starts = np.r_[True, sorted_h[1:] != sorted_h[:-1]]
        first_sorted = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
        first_pos = np.empty(n, dtype="int64")
        first_pos[order] = order[first_sorted]
        duplicates = self._first(sorted_h, order)
        known = np.zeros(n, dtype=bool)
        known[list(duplicates)] = True
        for i in np.flatnonzero(~known & (first_pos != np.arange(n))):
            duplicates[int(i)] = (path, int(rows[first_pos[i]]))
        new = order[starts & ~known[order]]  # the chunk's new ids (first of each), by hash
        if len(new):
            files = np.full(len(new), self._file_index(path), dtype="int32")
            self._runs.append((h[new], np.asarray(rows, dtype="int64")[new], files))
            while len(self._runs) > 1 and len(self._runs[-2][0]) <= len(self._runs[-1][0]):
                self._runs.append(_merge(self._runs.pop(-2), self._runs.pop()))
        return duplicates


def _merge(older: tuple[np.ndarray, ...], newer: tuple[np.ndarray, ...]
           ) -> tuple[np.ndarray, ...]:
    """Two sorted runs as one (the newer's items inserted where they belong: no sort)."""
    at = np.searchsorted(older[0], newer[0])
    return tuple(np.insert(old, at, new) for old, new in zip(older, newer, strict=True))


@dataclass
class ValidationState:
    """What validation remembers across chunks and files."""

    ids: IdRegistry = field(default_factory=IdRegistry)
    files_seen: set = field(default_factory=set)
    today: dt.date | None = None
    provenance: bool = False


class _Collector:
    """Problems of one chunk, keyed by position, turned into :class:`Problem` objects."""

    def __init__(self, chunk: RawChunk) -> None:
        self.chunk = chunk
        self.problems: list[Problem] = []
        self.rejected = np.zeros(len(chunk.frame), dtype=bool)
        self._cells: dict[str, np.ndarray] = {}

    def cell(self, column: str, i: int) -> str | None:
        """The cell as written (None when empty or the column is absent)."""
        if column not in self.chunk.frame.columns:
            return None
        if column not in self._cells:
            self._cells[column] = self.chunk.frame[column].to_numpy(dtype=object)
        value = self._cells[column][i]
        return value if value != "" else None

    def name(self, column: str) -> str:
        """The column as the user's file names it (ACLED ``latitude`` for ``target_lat``)."""
        return self.chunk.aliases.get(column, column)

    def add(self, i: int, column: str, severity: str, reason: str,
            value: str | None = None) -> None:
        field_name = self.name(column)
        shown = self.cell(column, i) if value is None else value
        self.problems.append(Problem(
            self.chunk.path_of(i), int(self.chunk.rows[i]), field_name, shown, reason, severity))
        if severity == "error":
            self.rejected[i] = True

    def extend(self, column: str, findings: list[fields.Finding]) -> None:
        for i, severity, reason in findings:
            self.add(i, column, severity, reason)


@functools.lru_cache(maxsize=4)
def _empty_text(n: int) -> pd.Series:
    """``n`` empty cells (shared: callers never modify it)."""
    return pd.Series(np.full(n, "", dtype=object), dtype="str")


def _text(frame: pd.DataFrame, name: str) -> pd.Series:
    """A schema column as stripped, arrow-backed text (``""`` when the column is absent)."""
    if name not in frame.columns:
        return _empty_text(len(frame))
    return frame[name].astype("str").str.strip().reset_index(drop=True)


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A schema column as a writable numpy array of stripped strings."""
    return _text(frame, name).to_numpy(dtype=object, copy=True)


def _none_if_empty(values: np.ndarray) -> np.ndarray:
    out = values.copy()
    out[out == ""] = None
    return out


def _file_checks(chunk: RawChunk, state: ValidationState, out: _Collector) -> None:
    """Once per file: computed columns given in the input, a missing ``id`` column."""
    for path, start, stop in chunk.spans():
        if path not in state.files_seen:
            state.files_seen.add(path)
            _one_file_checks(path, chunk.frame.columns, stop - start, out)


def _one_file_checks(path: str | None, columns: pd.Index, rows: int, out: _Collector) -> None:
    for column in columns:
        if column in DERIVED_COLUMNS and column != "geometry":
            out.problems.append(Problem(
                path, 1, column, None,
                f"column {column!r} is computed by geomap; the input values are ignored",
                "warning"))
    if "id" not in columns and rows:
        out.problems.append(Problem(
            path, None, "id", None,
            f"no 'id' column; ids are derived from row numbers ({_derived_id(path, 2)} "
            "...)", "warning"))
    names = set(columns)
    if names and not names & {"target", "target_lat", "target_lon"}:
        found = ", ".join(map(str, columns[:8]))
        out.problems.append(Problem(
            path, None, "target", None,
            f"no 'target' column (nor 'target_lat'/'target_lon'): is this an events file? "
            f"columns found: {found}"))
    if "date" not in columns and rows:
        out.problems.append(Problem(path, None, "date", None,
                                    "no 'date' column; the events have no dates", "warning"))


def _control_characters(chunk: RawChunk, out: _Collector) -> None:
    """Reject every row with a control character in any field, naming the field."""
    if chunk.clean:
        return
    frame = chunk.frame
    cells = [frame[c].to_numpy(dtype=object) for c in frame.columns]
    if not any(_CONTROL.search("\n".join(map(str, values))) for values in cells):
        return  # the usual case: one search per column
    for column, values in zip(frame.columns, cells, strict=True):
        for i, value in enumerate(values):
            found = _CONTROL.search(str(value))
            if found is None:
                continue
            shown = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))[:200]
            out.add(i, str(column), "error",
                    f"contains the control character U+{ord(found.group()):04X} at character "
                    f"{found.start() + 1} of \"{shown}\"; remove it: it is not text, and "
                    "GeoPackage and FlatGeobuf would cut the value there", shown)


def published_name(path: str | None, provenance: bool) -> str | None:
    """What ``source_file`` says: nothing unless the user asks for provenance, and then the
    file's base name only -- a published map or GeoJSON never shows where a reporter keeps
    their files. The one place that decides it: every output follows."""
    return Path(path).name if provenance and path else None


def _derived_id(path: str | None, row: int) -> str:
    return f"{Path(path).stem}-row{row}" if path else f"row{row}"


def _ids(chunk: RawChunk, state: ValidationState, out: _Collector) -> np.ndarray:
    ids = _column(chunk.frame, "id")
    has_column = "id" in chunk.frame.columns
    for i in np.flatnonzero(ids == ""):
        ids[i] = _derived_id(chunk.path_of(i), int(chunk.rows[i]))
        if has_column:
            out.add(i, "id", "warning", f"no id; using {ids[i]!r}")
    if chunk.files is None:
        found = state.ids.add(ids, chunk.rows, chunk.path)
    else:  # a chunk of many whole files: each file's ids are unique within that file
        scope = np.array([f"{k}\x1f" for k in chunk.file_of.tolist()], dtype=object)
        found = IdRegistry().add(scope + ids, chunk.rows, chunk.path)
    for i, (path, row) in sorted(found.items()):
        where = f"row {row}" if path == chunk.path else f"{path}, row {row}"
        out.add(i, "id", "error", f"duplicate id {ids[i]!r} (first in {where})", ids[i])
    return ids


def _coordinates(chunk: RawChunk, role: str,
                 out: _Collector) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Latitudes, longitudes (NaN when missing or bad) and where both cells are empty."""
    lat_text = _text(chunk.frame, f"{role}_lat")
    lon_text = _text(chunk.frame, f"{role}_lon")
    lat, lat_findings = fields.parse_coordinate(lat_text, 90)
    lon, lon_findings = fields.parse_coordinate(lon_text, 180)
    lat_text, lon_text = lat_text.to_numpy(dtype=object), lon_text.to_numpy(dtype=object)
    for i, severity, reason in lat_findings:
        if "is outside" in reason and np.isfinite(lon[i]) and abs(lon[i]) <= 90:
            reason += (f"; latitude and longitude look swapped "
                       f"({out.name(role + '_lon')} is {lon_text[i]})")
        out.add(i, f"{role}_lat", severity, reason)
    out.extend(f"{role}_lon", lon_findings)
    for i in np.flatnonzero((lat_text == "") != (lon_text == "")):
        given, missing = (("lat", "lon") if lon_text[i] == "" else ("lon", "lat"))
        given_name, missing_name = out.name(f"{role}_{given}"), out.name(f"{role}_{missing}")
        out.add(i, f"{role}_{missing}", "error", f"{given_name} is given without {missing_name}")
    absent = (lat_text == "") & (lon_text == "")
    return lat, lon, absent


def validate_chunk(chunk: RawChunk, state: ValidationState,
                   keep: bool = True) -> tuple[pd.DataFrame, list[Problem]]:
    """Check one chunk; return the accepted rows (parsed, not yet geocoded) and the problems.

    The returned frame has the contract-2 input-derived columns, the extra input columns
    (unchanged), the reader hints (``__geomap_*``) and ``__{role}_hint`` (usable country
    codes); :func:`geomap.events.resolve.resolve_places` completes it. ``keep=False`` (a
    report only) leaves out the free-text and extra columns.
    """
    frame = chunk.frame
    out = _Collector(chunk)
    _file_checks(chunk, state, out)
    _control_characters(chunk, out)
    parsed: dict[str, object] = {"id": _ids(chunk, state, out), "row": chunk.rows}
    names = np.array([published_name(p, state.provenance) for p, _, _ in chunk.spans()],
                     dtype=object)
    parsed["source_file"] = (names[chunk.file_of] if chunk.files is not None
                             else np.full(len(frame), names[0], dtype=object))
    if chunk.files is not None:
        parsed[FILE_COLUMN] = chunk.file_of
    parsed.update(_dates(frame, state, out))
    for column in TEXT_COLUMNS if keep else ():
        parsed[column] = _none_if_empty(_column(frame, column))
    for role in ROLES:
        parsed.update(_place(chunk, role, out))
    for column in ("killed", "injured"):
        low, high, findings = fields.parse_casualties(_text(frame, column))
        out.extend(column, findings)
        parsed[column], parsed[f"{column}_high"] = low, high
    parsed["claim"], findings = fields.parse_claims(_text(frame, "claim"))
    out.extend("claim", findings)
    parsed["sources"], findings = fields.parse_sources(_text(frame, "sources"))
    out.extend("sources", findings)
    for column in frame.columns:
        if keep and column not in EVENT_COLUMNS and column not in DERIVED_COLUMNS:
            parsed[column] = frame[column].to_numpy(dtype=object)
    keep_rows = np.flatnonzero(~out.rejected) if out.rejected.any() else None
    columns = {}
    for name, values in parsed.items():
        if keep_rows is not None:
            values = values[keep_rows]
        columns[name] = (pd.Series(values, dtype=object)
                         if isinstance(values, np.ndarray) and values.dtype == object
                         else pd.Series(values))
    result = pd.DataFrame(columns)
    chunk.sort_problems(out.problems)
    return result, out.problems


def _dates(frame: pd.DataFrame, state: ValidationState, out: _Collector) -> dict[str, object]:
    """``date, date_start, date_end, date_precision``; an empty date is a warning."""
    text = _text(frame, "date")
    columns, findings = parse_dates(text, state.today)
    text = text.to_numpy(dtype=object)
    for i in np.flatnonzero(text == "") if "date" in frame.columns else ():
        findings[int(i)] = ("warning", "no date; the event is kept without one")
    out.extend("date", [(i, s, r) for i, (s, r) in sorted(findings.items())])
    return columns


def _place(chunk: RawChunk, role: str, out: _Collector) -> dict[str, object]:
    """A role's name, coordinates and country hint (as written, and usable by the geocoder);
    a target needs a name or coordinates."""
    names = _column(chunk.frame, role)
    lat, lon, no_coordinates = _coordinates(chunk, role, out)
    hints_text = _text(chunk.frame, f"{role}_country")
    hints, findings = fields.parse_country_hints(hints_text)
    out.extend(f"{role}_country", findings)
    if role == "target":
        for i in np.flatnonzero((names == "") & no_coordinates):
            out.add(i, "target", "error",
                    "no target: give a target name or target_lat and target_lon")
    return {role: _none_if_empty(names), f"{role}_lat": lat, f"{role}_lon": lon,
            f"{role}_country": _none_if_empty(hints_text.to_numpy(dtype=object, copy=True)),
            f"__{role}_hint": hints}


def hint_columns(frame: pd.DataFrame) -> list[str]:
    """The reader-internal columns of a validated frame."""
    return [c for c in frame.columns if c.startswith((HINT_PREFIX, "__origin_", "__target_"))]
