"""The one CSV writer: every CSV geomap writes (reports, geocode answers, draft events) goes
through here, so a spreadsheet shows user text and never runs it.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be
taken as a formula by Excel, LibreOffice or Google Sheets (``=HYPERLINK(...)``, ``+cmd|...``,
``@SUM(...)``): it is written with a leading ``'`` (OWASP's advice for CSV injection).
Numbers (``-33.2``, ``+5``) are left alone. Files are written atomically and, unless asked,
never over an existing file (:mod:`geomap.atomic`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from geomap.atomic import atomic_write
from geomap.errors import GeomapFileError

__all__ = ["FORMULA_START", "neutralise", "csv_text", "write_csv"]

#: First characters that make a spreadsheet run a cell.
FORMULA_START: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Return ``value`` so that a spreadsheet cannot run it as a formula.

    Examples
    --------
    >>> neutralise("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise("-33.2"), neutralise(7)
    ('-33.2', 7)
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def _field(value: Any) -> str:
    text = "" if value is None else str(neutralise(value))
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text (RFC 4180 quoting, ``\n`` line ends): ``header``, then one line per row,
    every cell neutralised; ``None`` becomes an empty cell. A cell holding a comma, a quote,
    a carriage return or a line feed is quoted."""
    lines = [",".join(_field(h) for h in header)]
    lines.extend(",".join(_field(v) for v in row) for row in rows)
    return "\n".join(lines) + "\n"


def write_csv(path: str | os.PathLike[str], header: Sequence[str],
              rows: Iterable[Sequence[Any]], *, overwrite: bool = False) -> Path:
    """Write :func:`csv_text` to ``path`` (UTF-8) atomically.

    Parameters
    ----------
    path : path-like
        The CSV file.
    header : sequence of str
        Column names.
    rows : iterable of sequences
        The rows, in column order.
    overwrite : bool, default False
        Replace an existing file (otherwise it is refused).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ExportError
        ``path`` exists and ``overwrite`` is False.
    GeomapFileError
        ``path`` cannot be written (a folder, no such folder, no permission).
    """
    target = Path(path)
    if target.is_dir():
        raise GeomapFileError("is a folder, not a file", path=target)
    text = csv_text(header, rows)
    try:
        with atomic_write(target, overwrite=overwrite) as stream:
            stream.write(text)
    except OSError as err:
        if isinstance(err, GeomapFileError):
            raise
        raise GeomapFileError(f"cannot write: {err.strerror or err}", path=target) from err
    return target
