"""A CSV file's records as frames of text cells, ``chunksize`` rows each.

Plain UTF-8 files (no control character, no double quote, distinct column names) go through
pyarrow's CSV reader (C++, parsing and conversion off the GIL): it gives the cells pandas' C
parser gives -- a blank line as a row of empty cells, text such as ``NA`` kept as text, spaces
kept -- in about a third of the CPU time. (A quote is left to pandas: pyarrow reads a quote
that never closes as one value running to the end of the file, where pandas raises and the
careful reader names the row.) It refuses a row whose cell
count is not the header's; then, if nothing was yielded yet, the file is read again by
pandas' C parser, else :class:`CellCountError` tells the caller to read the rest with the
careful reader (:func:`geomap.events.readers._read_csv_slow`), which names or pads such rows.
pandas' parser raises ``ParserError`` (or ``ParserWarning``) for a row with more cells than
the header, for the same caller.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["CellCountError", "csv_frames"]

#: Bytes pyarrow parses at a time (its batches are cut into ``chunksize`` rows).
BLOCK_BYTES = 1 << 20


class CellCountError(ValueError):
    """A row's cell count is not the header's (some rows were already yielded)."""


def _pandas_frames(path: str, delimiter: str, encoding: str,
                   chunksize: int) -> Iterator[pd.DataFrame]:
    """The C parser's chunks; a row with more cells than the header raises (ParserError, or
    ParserWarning when every row has them), so the careful reader can name those rows."""
    reader = pd.read_csv(
        path, sep=delimiter, dtype=str, keep_default_na=False, na_filter=False,
        skip_blank_lines=False, encoding=encoding, chunksize=chunksize, engine="c",
        index_col=False,
    )
    with reader:
        while True:
            with warnings.catch_warnings():
                warnings.simplefilter("error", pd.errors.ParserWarning)
                try:
                    frame = next(reader)
                except StopIteration:
                    return
            yield frame


def _arrow_reader(path: str, delimiter: str, header: list[str]) -> Any:
    """pyarrow's streaming CSV reader for the file, or None when it does not apply."""
    if len(set(header)) != len(header):
        return None
    try:
        import pyarrow as pa
        import pyarrow.csv as pcsv
    except ImportError:  # pragma: no cover - pyarrow comes with geopandas' arrow I/O
        return None
    try:
        reader = pcsv.open_csv(
            path, read_options=pcsv.ReadOptions(block_size=BLOCK_BYTES),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=False,
                                            ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, OSError):
        return None
    return reader if reader.schema.names == header else None


def _text_frame(table: Any) -> pd.DataFrame:
    frame = table.to_pandas(types_mapper=_STR.get)
    frame.index = pd.RangeIndex(len(frame))
    return frame


_STR: dict[Any, Any] = {}


def _arrow_frames(reader: Any, chunksize: int) -> Iterator[pd.DataFrame]:
    import pyarrow as pa

    if not _STR:
        _STR[pa.string()] = pd.StringDtype("pyarrow", na_value=np.nan)
    held: list[Any] = []
    count, given = 0, 0
    while True:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            break
        except pa.ArrowInvalid as err:
            raise CellCountError(str(err)) from err
        held.append(batch)
        count += batch.num_rows
        while count >= chunksize:
            table = pa.Table.from_batches(held)
            yield _text_frame(table.slice(0, chunksize))
            given += 1
            rest = table.slice(chunksize)
            held, count = rest.to_batches(), rest.num_rows
    if count or not given:
        yield _text_frame(pa.Table.from_batches(held, schema=reader.schema))


def csv_frames(path: str, delimiter: str, encoding: str, header: list[str], chunksize: int,
               clean: bool) -> Iterator[pd.DataFrame]:
    """The records of a CSV file (after its header) as text frames of ``chunksize`` rows.

    Parameters
    ----------
    path, delimiter, encoding, header
        The file, as :func:`geomap.events.csvfile.read_header` read it.
    chunksize : int
        Rows per frame (the last may have fewer; a file without records gives one empty
        frame).
    clean : bool
        The file is UTF-8 without control characters or double quotes: pyarrow's reader
        may read it.

    Raises
    ------
    CellCountError, pandas.errors.ParserError, pandas.errors.ParserWarning
        A row has another cell count than the header (see the module docstring).
    """
    reader = _arrow_reader(path, delimiter, header) if clean and encoding == "utf-8-sig" \
        else None
    if reader is not None:
        done = 0
        try:
            for frame in _arrow_frames(reader, chunksize):
                done += 1
                yield frame
            return
        except CellCountError:
            if done:
                raise
    yield from _pandas_frames(path, delimiter, encoding, chunksize)
