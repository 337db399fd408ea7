"""The time filter: day offsets of every event, for a slider that works offline.

When the events span more than one day the page shows two range inputs (from / to day);
an event is visible while its inclusive ``[date_start, date_end]`` overlaps the chosen days.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["event_days", "time_range", "date_range_text"]


def _days(values: Any, *, last: bool = False) -> pd.Series:
    """``YYYY-MM-DD...`` text -> datetime64 (NaT when missing or not a day); with ``last``,
    the text after the last ``/`` (the end of a ``start/end`` range).

    Each distinct value is parsed once (events share few dates)."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    texts = [(v.split("/")[-1] if last else v) if isinstance(v, str) else None
             for v in uniques.tolist()]
    text = pd.Series([*texts, None], dtype=object)
    parsed = pd.to_datetime(text.str.strip().str[:10], format="%Y-%m-%d", errors="coerce")
    return pd.Series(parsed.to_numpy()[np.asarray(codes, dtype=np.int64)])


def _bounds(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """First and last day of every event (NaT when unknown)."""
    n = len(events)
    empty = [None] * n
    dates = events["date"].tolist() if "date" in events else empty
    start = _days(events["date_start"].tolist() if "date_start" in events else empty)
    end = _days(events["date_end"].tolist() if "date_end" in events else empty)
    first = start.fillna(_days(dates))
    last = end.fillna(_days(dates, last=True)).fillna(first)
    last = last.where(~(last < first), first)
    return first, last


def time_range(events: pd.DataFrame) -> tuple[date, date] | None:
    """First and last day of the events, or ``None`` when no event has a day."""
    return _span(*_bounds(events))


def _span(lo: pd.Series, hi: pd.Series) -> tuple[date, date] | None:
    known = pd.concat([lo, hi]).dropna()
    if known.empty:
        return None
    return known.min().date(), known.max().date()


def event_days(events: pd.DataFrame) -> dict[str, Any] | None:
    """Slider data: ``{"start": "YYYY-MM-DD", "days": n, "labels", "first", "last"}``.

    ``first`` and ``last`` hold each event's first and last day as offsets from ``start``
    (``-1`` when the event has no day: it is always shown). Returns ``None`` when the events
    do not span more than one day (no slider is needed).
    """
    lo, hi = _bounds(events)
    span = _span(lo, hi)
    if span is None or span[0] == span[1]:
        return None
    start, end = span
    origin = pd.Timestamp(start)
    a = (lo - origin).dt.days.to_numpy(dtype=float, na_value=np.nan)
    b = (hi - origin).dt.days.to_numpy(dtype=float, na_value=np.nan)
    unknown = np.isnan(a) | np.isnan(b)
    labels = [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]
    return {
        "start": start.isoformat(),
        "days": len(labels),
        "labels": labels,
        "first": np.where(unknown, -1, np.nan_to_num(a)).astype(int).tolist(),
        "last": np.where(unknown, -1, np.nan_to_num(b)).astype(int).tolist(),
    }


def date_range_text(events: pd.DataFrame) -> str | None:
    """``"28 January 2024 – 4 February 2024"`` (or one day), ``None`` without dates."""
    span = time_range(events)
    if span is None:
        return None

    def fmt(d: date) -> str:
        return f"{d.day} {d.strftime('%B')} {d.year}"

    return fmt(span[0]) if span[0] == span[1] else f"{fmt(span[0])} – {fmt(span[1])}"
