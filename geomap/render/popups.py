"""What popups and the events table show: every event attribute, as display text.

Values leave Python as plain strings (or lists of strings for ``sources``) inside the page's
JSON data; the page puts them into the DOM with ``textContent`` only, and makes a link of a
source only when it parses as an absolute ``http``/``https`` URL (the same rule as
:func:`geomap.render.escape.safe_url`), with ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "FEATURE_FIELDS",
    "PLACE_FIELDS",
    "attribute_columns",
    "column_label",
    "display_value",
    "split_sources",
    "event_table",
    "event_columns",
]

#: Columns of the features frame (contract 3) that describe the feature, not the event.
FEATURE_FIELDS: tuple[str, ...] = (
    "id", "event_id", "role", "name", "geocoded_name", "precision", "radius_km", "kind",
    "country_code", "source", "source_id", "distance_km", "bearing",
)
#: Place fields shown at the top of a place popup: (column, label).
PLACE_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "Place as reported"),
    ("geocoded_name", "Geocoded as"),
    ("precision", "Precision"),
    ("radius_km", "Uncertainty radius (km)"),
    ("kind", "Kind"),
    ("country_code", "Country"),
    ("source", "Gazetteer"),
    ("source_id", "Gazetteer id"),
)
_FIRST = (
    "date", "attacker", "target_party", "weapon", "killed", "killed_high", "injured",
    "injured_high", "claim", "sources", "notes",
)
_LABELS = {
    "target_party": "Target party",
    "killed_high": "Killed (high estimate)",
    "injured_high": "Injured (high estimate)",
    "date_start": "Date from",
    "date_end": "Date to",
    "source_file": "Source file",
    "row": "Row in source file",
}
_SOURCE_SPLIT = re.compile(r"[\s;|]+")


def attribute_columns(frame: pd.DataFrame) -> list[str]:
    """Event attribute columns of a features frame, in display order.

    The well-known contract-2 attributes come first, then every other column in frame
    order; feature columns and ``geometry`` are left out; columns empty in every row too.
    """
    geometry = getattr(frame, "_geometry_column_name", "geometry")
    skip = set(FEATURE_FIELDS) | {"geometry", geometry}
    present = [c for c in frame.columns if c not in skip and _has_values(frame[c])]
    first = [c for c in _FIRST if c in present]
    return first + [c for c in present if c not in first]


def _has_values(series: pd.Series) -> bool:
    if series.dtype == object or str(series.dtype) in ("str", "string"):
        return any(display_value(v) is not None for v in series.dropna())
    return bool(series.notna().any())


def column_label(column: str) -> str:
    """Human label for an attribute column (``target_party`` -> ``Target party``)."""
    if column in _LABELS:
        return _LABELS[column]
    text = str(column).replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else str(column)


def split_sources(value: Any) -> list[str]:
    """The sources of an event as a list of strings (a tuple, a list, or ``a; b`` text)."""
    if value is None:
        return []
    if isinstance(value, tuple | list) and all(type(v) is str for v in value):
        return [v for v in value if v.strip()]  # the common case, fast
    if isinstance(value, list | tuple | np.ndarray):
        items: Iterable[Any] = value
    else:
        text = display_value(value)
        items = _SOURCE_SPLIT.split(text) if text else []
    return [s for s in (display_value(v) for v in items) if s]


def display_value(value: Any) -> str | None:
    """Display text for one attribute value; ``None`` for missing (None, NaN, NA, "")."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating):
        if not math.isfinite(value):
            return None
        return str(int(value)) if float(value).is_integer() else f"{value:.6g}"
    if isinstance(value, np.integer | int) and not isinstance(value, bool):
        return str(int(value))
    if isinstance(value, list | tuple | np.ndarray):
        parts = [display_value(v) for v in value]
        return "; ".join(p for p in parts if p) or None
    text = str(value)
    return text if text.strip() else None


def _cell(column: str, value: Any) -> Any:
    if column == "sources":
        return split_sources(value) or None
    if type(value) is str:  # the common case, fast
        return value if value.strip() else None
    return display_value(value)


def event_table(events: pd.DataFrame, columns: list[str]) -> list[list[Any]]:
    """Rows of display values, one per event, for ``columns``.

    ``sources`` cells are lists of strings; the page links only ``http``/``https`` URLs.
    """
    if not columns:
        return [[] for _ in range(len(events))]
    data = [expand(cells, codes) for cells, codes in event_columns(events, columns)]
    return [list(row) for row in zip(*data, strict=True)]


def event_columns(events: pd.DataFrame,
                  columns: list[str]) -> list[tuple[list[Any], np.ndarray | None]]:
    """The cells of :func:`event_table`, column by column.

    Each column is ``(cells, codes)``: with ``codes`` (an integer array, one entry per event,
    ``-1`` for a missing value) ``cells`` holds the display value of each distinct value, so
    a value repeated in many rows is turned into text once; without (``None``) ``cells`` is
    one display value per event. :func:`expand` gives the plain list.
    """
    return [_column_cells(c, events[c]) for c in columns]


def expand(cells: list[Any], codes: np.ndarray | None) -> list[Any]:
    """One display value per event from an :func:`event_columns` entry."""
    if codes is None:
        return cells
    table = np.empty(len(cells) + 1, dtype=object)
    table[:len(cells)] = cells
    table[len(cells)] = None  # code -1: a missing value
    return table[codes].tolist()


_PLAIN_TYPES = frozenset({str, float, type(None)})


def _codable(series: pd.Series, values: list[Any]) -> bool:
    """Whether equal values of ``series`` (as pandas hashes them) always show the same text,
    so the display text can be made once per distinct value."""
    if series.dtype != object:
        return series.dtype.kind in "biuf" or pd.api.types.is_string_dtype(series.dtype)
    return set(map(type, values)) <= _PLAIN_TYPES


def _column_cells(column: str, series: pd.Series) -> tuple[list[Any], np.ndarray | None]:
    values = series.tolist()
    if column == "sources" or not values or not _codable(series, values):
        return [_cell(column, v) for v in values], None
    codes, _ = pd.factorize(series, use_na_sentinel=True)
    codes = np.asarray(codes, dtype=np.int64)
    _, first = np.unique(codes, return_index=True)
    if len(first) and codes[first[0]] < 0:
        first = first[1:]
    return [_text_cell(values[i]) for i in first.tolist()], codes


def _text_cell(value: Any) -> str | None:
    """:func:`_cell` of a column other than ``sources``."""
    if type(value) is str:  # the common case, fast
        return value if value.strip() else None
    return display_value(value)
