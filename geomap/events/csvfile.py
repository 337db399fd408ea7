"""CSV files as geomap reads them: the encoding, the separator, the header and the records.

One owner for the CSV rules every reader shares (the events readers and ``geomap geocode
--input``): UTF-8 with or without BOM, or UTF-16 with a BOM; the separator ``,`` ``;`` or tab
sniffed from the header (the one giving most fields, ``,`` on a tie); the header read whole,
however long; and a quote that is never closed refused with the row where it opens (pandas and
Python's strict csv reader call it "EOF inside string"), never read as one value swallowing
the rest of the file. No pandas here, so ``geomap geocode`` starts fast.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Iterable, Iterator

from geomap.errors import GeomapDataError, GeomapFileError

__all__ = ["DELIMITERS", "SAMPLE_BYTES", "text_encoding", "sniff_delimiter", "read_header",
           "csv_records", "unclosed_quote_error", "not_utf8_error"]

DELIMITERS: tuple[str, ...] = (",", ";", "\t")
#: Bytes read to tell the encoding and the separator.
SAMPLE_BYTES = 65_536


def text_encoding(head: bytes) -> str:
    """``utf-16`` when ``head`` starts with a UTF-16 byte order mark, else ``utf-8-sig``."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def sniff_delimiter(sample: str) -> str:
    """The separator giving the most fields in the first record of ``sample`` (``,`` on a
    tie). A header cut by the end of the sample is fine: only the count matters."""
    best, most = ",", 0
    for delimiter in DELIMITERS:
        first = next(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), [])
        if len(first) > most:
            best, most = delimiter, len(first)
    return best


def unclosed_quote_error(path: str | None, row: int) -> GeomapDataError:
    """The one message for a quote that never closes."""
    return GeomapDataError(
        "a quoted value opens in this row and is never closed (EOF inside string): the rest "
        "of the file would be read as one value; close the quote and try again",
        path=path, row=row)


def not_utf8_error(path: str | os.PathLike[str] | None,
                   lines: Iterable[bytes] | None = None) -> GeomapFileError:
    """The one message for a file that is not text in its encoding (a spreadsheet's
    Windows-1252 'CSV'): the line and the first bad byte, with the text before it; or, for a
    file with a UTF-16 byte order mark, that it is cut or damaged.

    ``lines`` are the file's bytes as lines (default: read from ``path``), scanned up to the
    first line that does not decode.
    """
    reason = None
    try:
        if lines is None:
            with open(path, "rb") as handle:  # type: ignore[arg-type]
                reason = _why_not_utf8(handle)
        else:
            reason = _why_not_utf8(lines)
    except OSError:
        pass
    return GeomapFileError(f"{reason or 'is not UTF-8 text'}; save it as UTF-8 ('CSV UTF-8' "
                           "in a spreadsheet)", path=None if path is None else os.fspath(path))


def _why_not_utf8(lines: Iterable[bytes]) -> str | None:
    """Where the bytes stop being UTF-8 text, in words (None: they do not)."""
    for number, line in enumerate(lines, start=1):
        if number == 1 and line.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return ("is UTF-16 text (it starts with a UTF-16 byte order mark) that cannot be "
                    "read: cut, damaged, or not a CSV file")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as err:
            before = line[: err.start].decode("utf-8").lstrip("\ufeff")
            shown = before if len(before) <= 40 else "…" + before[-39:]
            return f"line {number} is not UTF-8 text (byte 0x{line[err.start]:02x} after {shown!r})"
    return None


def _ends_inside_quotes(lines: list[str], delimiter: str) -> bool:
    """True when the record made of ``lines`` ends inside a quoted value."""
    try:
        for _ in csv.reader(lines, delimiter=delimiter, strict=True):
            pass
    except csv.Error as err:
        return "end of data" in str(err)
    return False


class _Lines:
    """The lines of a text, remembering those read since :meth:`mark`."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self.current: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.current.append(line)
        return line

    def mark(self) -> list[str]:
        taken, self.current = self.current, []
        return taken


def csv_records(lines: Iterable[str], delimiter: str, path: str | None = None,
                first_row: int = 1) -> Iterator[list[str]]:
    """The records of ``lines`` (a file opened with ``newline=""``), as :func:`csv.reader`
    gives them; ``first_row`` is the row number of the first record (the header is 1).

    Raises
    ------
    GeomapDataError
        The last record opens a quote that never closes, or a value is longer than the csv
        module's field limit; the message names the row.
    """
    source = _Lines(lines)
    reader = csv.reader(source, delimiter=delimiter)
    row, last = first_row - 1, []
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            raise GeomapDataError(f"cannot be read as CSV ({err})", path=path,
                                  row=row + 1) from err
        row += 1
        last = source.mark()
        yield record
    if last and _ends_inside_quotes(last, delimiter):
        raise unclosed_quote_error(path, row)


def read_header(path: str | os.PathLike[str]) -> tuple[str, str, list[str]]:
    """``(encoding, separator, header)`` of a CSV file; the header is read whole, however
    long (``[]`` for an empty file).

    Raises
    ------
    GeomapFileError
        The file cannot be read.
    GeomapDataError
        The header opens a quote that never closes.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(SAMPLE_BYTES)
        encoding = text_encoding(head)
        delimiter = sniff_delimiter(head.decode(encoding, errors="ignore"))
        with open(path, encoding=encoding, errors="replace", newline="") as handle:
            source = _Lines(handle)
            try:
                header = next(csv.reader(source, delimiter=delimiter), [])
            except csv.Error as err:
                raise GeomapDataError(f"the header cannot be read as CSV ({err})",
                                      path=os.fspath(path), row=1) from err
            if header and _ends_inside_quotes(source.mark(), delimiter):
                raise unclosed_quote_error(os.fspath(path), 1)
    except OSError as err:
        raise GeomapFileError(f"cannot read: {err.strerror or err}", path=path) from err
    return encoding, delimiter, header
