"""Event dates: ISO 8601 days, partial dates and ranges, with their precision kept.

Accepted: ``2024-02-02`` (day), ``2024-02`` (month), ``2024`` (year), a date-time
``2024-02-02T10:30Z`` (kept as its day), and a range ``START/END`` of any of those
(``2024-02-02/2024-02-03``, ``2024-02/2024-03``). Every parse gives inclusive bounds
``start`` and ``end`` as ``YYYY-MM-DD``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["EventDate", "parse_date", "parse_dates", "DateError"]

_DAY = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_YEAR = re.compile(r"([0-9]{4})")
_HINT = "YYYY-MM-DD, YYYY-MM, YYYY or a range START/END"


class DateError(ValueError):
    """A date that cannot be used; the message is the reason shown to the user."""


@dataclass(frozen=True, slots=True)
class EventDate:
    """A parsed event date: ``text`` normalised, inclusive bounds, ``precision``."""

    text: str
    start: str
    end: str
    precision: str  # day | month | year | range


def _check_month(text: str, year: int, month: int) -> None:
    if not 1 <= month <= 12:
        raise DateError(f"{text!r} is not a valid date: there is no month {month:02d}")


def _one(text: str) -> EventDate:
    """Parse a single (non-range) date."""
    if m := _DAY.fullmatch(text):
        year, month, day = (int(g) for g in m.groups()[:3])
        _check_month(text, year, month)
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            name = calendar.month_name[month]
            raise DateError(f"{text!r} is not a valid date: {name} {year} has {last} days")
        hour, minute, second = (int(g or 0) for g in m.groups()[3:])
        if hour > 23 or minute > 59 or second > 60:  # 60: a leap second
            raise DateError(f"{text!r} is not a valid date: a day has no time "
                            f"{m.group(4)}:{m.group(5)}" + (f":{m.group(6)}" if m.group(6) else ""))
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        return EventDate(iso, iso, iso, "day")
    if m := _MONTH.fullmatch(text):
        year, month = int(m.group(1)), int(m.group(2))
        _check_month(text, year, month)
        last = calendar.monthrange(year, month)[1]
        iso = f"{year:04d}-{month:02d}"
        return EventDate(iso, f"{iso}-01", f"{iso}-{last:02d}", "month")
    if _YEAR.fullmatch(text):
        return EventDate(text, f"{text}-01-01", f"{text}-12-31", "year")
    raise DateError(f"{text!r} is not an ISO 8601 date ({_HINT})")


def parse_date(text: str) -> EventDate:
    """Parse one event date.

    Parameters
    ----------
    text : str
        The cell as written (surrounding spaces are ignored).

    Returns
    -------
    EventDate

    Raises
    ------
    DateError
        With the reason: ``'2024-02-30' is not a valid date: February 2024 has 29 days``.

    Examples
    --------
    >>> parse_date("2024-02")
    EventDate(text='2024-02', start='2024-02-01', end='2024-02-29', precision='month')
    >>> parse_date("2024-02-02/2024-02-03").precision
    'range'
    """
    text = text.strip()
    if "/" not in text:
        return _one(text)
    left, _, right = text.partition("/")
    try:
        first, last = _one(left.strip()), _one(right.strip())
    except DateError as err:
        raise DateError(f"{text!r}: {err}") from err
    if last.end < first.start:
        raise DateError(f"{text!r} is not a valid range: it ends before it starts")
    return EventDate(f"{first.text}/{last.text}", first.start, last.end, "range")


def parse_dates(values: pd.Series, today: dt.date | None = None) -> tuple[dict, dict]:
    """Parse a column of dates, fast for plain ``YYYY-MM-DD`` values.

    Parameters
    ----------
    values : pandas.Series of str
        The cells as written; empty means missing.
    today : datetime.date, optional
        What counts as the future (default: today, UTC).

    Returns
    -------
    (columns, problems)
        ``columns`` maps ``date, date_start, date_end, date_precision`` to object arrays
        (None when missing or bad) in the order of ``values``; ``problems`` maps a position
        to ``(severity, reason)``.
    """
    stripped = values.astype("str").str.strip().reset_index(drop=True)
    text = stripped.to_numpy(dtype=object)
    n = len(text)
    cols = {c: np.full(n, None, dtype=object)
            for c in ("date", "date_start", "date_end", "date_precision")}
    problems: dict[int, tuple[str, str]] = {}
    plain = stripped.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fillna(False).to_numpy(bool)
    parsed = pd.to_datetime(stripped.where(plain, None), format="%Y-%m-%d", errors="coerce")
    good = plain & parsed.notna().to_numpy()
    for col in ("date", "date_start", "date_end"):
        cols[col][good] = text[good]
    cols["date_precision"][good] = "day"
    for i in np.flatnonzero(~good & (text != "")):
        try:
            one = parse_date(text[i])
        except DateError as err:
            problems[int(i)] = ("error", str(err))
            continue
        cols["date"][i], cols["date_start"][i] = one.text, one.start
        cols["date_end"][i], cols["date_precision"][i] = one.end, one.precision
    limit = (today or dt.datetime.now(dt.UTC).date()).isoformat()
    future = (pd.Series(cols["date_start"], dtype="str") > limit).fillna(False).to_numpy(bool)
    for i in np.flatnonzero(future):
        problems[int(i)] = ("warning", f"{cols['date'][i]} is in the future")
    return cols, problems
