"""One exception hierarchy for geomap.

Every error geomap raises is a :class:`GeomapError`; the leaves also inherit a builtin
(``ValueError``, ``FileNotFoundError`` ...) so callers can catch either. Facts travel as
attributes (``path``, ``row``, ``field``, ``value``), not only inside the message.
This module never imports click: the CLI translates these at its edge.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "GeomapError",
    "GeomapDataError",
    "GeomapInputError",
    "GeomapFileError",
    "GazetteerError",
    "ExportError",
    "format_location",
]


def format_location(path: Any = None, row: int | None = None, field: str | None = None) -> str:
    """Return ``"file.csv, row 12, field 'lat'"`` with whatever parts are known."""
    parts = []
    if path is not None:
        parts.append(str(path))
    if row is not None:
        parts.append(f"row {row}")
    if field is not None:
        parts.append(f"field {field!r}")
    return ", ".join(parts)


class GeomapError(Exception):
    """Root of every exception geomap raises."""


class GeomapDataError(GeomapError, ValueError):
    """A value in the user's data is wrong.

    Raised when a file, row or field cannot be used. ``path``, ``row`` (as a spreadsheet
    shows it: the header is row 1), ``field`` and ``value`` say where; the message reads
    ``events.csv, row 12, field 'lat': 123.4 is outside [-90, 90]``.
    """

    def __init__(
        self,
        reason: str,
        *,
        path: Any = None,
        row: int | None = None,
        field: str | None = None,
        value: Any = None,
    ) -> None:
        self.reason = reason
        self.path = path
        self.row = row
        self.field = field
        self.value = value
        where = format_location(path, row, field)
        super().__init__(f"{where}: {reason}" if where else reason)


class GeomapInputError(GeomapError, ValueError):
    """An argument to a geomap function is invalid (wrong type, unknown option value)."""


class GeomapFileError(GeomapError, OSError):
    """A file cannot be read or written; ``path`` names it."""

    def __init__(self, reason: str, *, path: Any = None) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}" if path is not None else reason)


class GazetteerError(GeomapError, RuntimeError):
    """The embedded gazetteer is missing or corrupt; reinstall geomap or run ``make data``."""


class ExportError(GeomapError, RuntimeError):
    """An export could not be completed; nothing partial was left behind."""
