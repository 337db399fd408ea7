"""Dates written in a sentence, resolved against the article date.

"on Friday", "Saturday evening", "Monday" → the latest such weekday on or before the article
date; "the previous night", "overnight", "last night" → the day before the weekday named in
the same sentence (else before the article date); "yesterday" → the day before; "January 28",
"28 January", "Jan. 4, 2024" → that day (in the article's year, or the year before when the
month lies ahead of the article date).
"""

from __future__ import annotations

import datetime as dt
import re

from geomap.extract.dateline import MONTH_NUMBERS
from geomap.extract.rules import WEEKDAYS

__all__ = ["sentence_date", "weekday_date", "MONTH_DAY_RE"]

_MONTHS = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
MONTH_DAY_RE = re.compile(
    rf"(?<!\w)(?:(?P<m1>{_MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTHS})\.?(?:,?\s+(?P<y2>\d{{4}}))?)(?!\w)",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(rf"(?<!\w)({'|'.join(WEEKDAYS)})(?!\w)")
_NIGHT_BEFORE = re.compile(r"(?<!\w)(?:the previous night|previous night|last night|overnight"
                           r"|the night before)(?!\w)", re.IGNORECASE)
_YESTERDAY = re.compile(r"(?<!\w)yesterday(?!\w)", re.IGNORECASE)
_TODAY = re.compile(r"(?<!\w)(?:today|this morning|this evening|tonight)(?!\w)", re.IGNORECASE)


def weekday_date(weekday: str, article_date: dt.date) -> dt.date:
    """The latest ``weekday`` on or before ``article_date`` ("Friday" in a Monday story)."""
    back = (article_date.weekday() - WEEKDAYS.index(weekday.capitalize())) % 7
    return article_date - dt.timedelta(days=back)


def _month_day(m: re.Match[str], article_date: dt.date | None) -> dt.date | None:
    month = MONTH_NUMBERS.get((m.group("m1") or m.group("m2")).lower().rstrip("."))
    day = int(m.group("d1") or m.group("d2"))
    year_text = m.group("y1") or m.group("y2")
    if month is None:
        return None
    if year_text:
        year = int(year_text)
    elif article_date is not None:
        year = article_date.year - (1 if month > article_date.month + 1 else 0)
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def sentence_date(sentence: str, article_date: dt.date | None) -> dt.date | None:
    """The date a sentence speaks of, or None when it names none that can be resolved.

    Examples
    --------
    >>> d = dt.date(2024, 2, 5)  # a Monday
    >>> sentence_date("The United States on Friday began striking militias", d)
    datetime.date(2024, 2, 2)
    >>> sentence_date("said on Monday that a drone had struck the base the previous night", d)
    datetime.date(2024, 2, 4)
    >>> sentence_date("the deadly drone strike that killed three soldiers on January 28", d)
    datetime.date(2024, 1, 28)
    """
    m = MONTH_DAY_RE.search(sentence)
    if m:
        found = _month_day(m, article_date)
        if found is not None:
            return found
    if article_date is None:
        return None
    w = _WEEKDAY_RE.search(sentence)
    base = weekday_date(w.group(1), article_date) if w else None
    if _NIGHT_BEFORE.search(sentence):
        return (base or article_date) - dt.timedelta(days=1)
    if base is not None:
        return base
    if _YESTERDAY.search(sentence):
        return article_date - dt.timedelta(days=1)
    if _TODAY.search(sentence):
        return article_date
    return None
