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
from typing import NamedTuple

from geomap.extract.dateline import MONTH_NUMBERS
from geomap.extract.named_days import FIXED_DAY_RE, fixed_day
from geomap.extract.rules import WEEKDAYS

__all__ = ["sentence_date", "weekday_date", "event_date", "told_date", "EventDate",
           "MONTH_DAY_RE"]

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


# -- the date of an event, a day or a range ------------------------------------------------
class EventDate(NamedTuple):
    """``first``-``last`` (inclusive) and the words it was read from, ``text[start:end]``."""

    first: dt.date
    last: dt.date
    start: int
    end: int
    #: read relative to the event before ("hours later", "the day before")
    relative: bool = False

    def iso(self) -> str:
        """``2024-02-04``, or ``2024-02-03/2024-02-04`` for a range."""
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()}/{self.last.isoformat()}"


#: a weekday said of the report, not of the event: "said on Monday", "claimed ... Monday"
_REPORT_DAY = re.compile(
    rf"(?<!\w)(?:said|says|claimed responsibility|claimed|announced|reported|confirmed|told "
    rf"\w+|statement)\s+(?:on\s+)?(?P<day>{'|'.join(WEEKDAYS)})(?!\w)")
_PART = re.compile(rf"(?<!\w)(?P<part>early|mid|late)[\s-]+(?P<m>{_MONTHS})(?!\w)",
                   re.IGNORECASE)
_IN_MONTH = re.compile(rf"(?<!\w)(?P<since>since|in)\s+(?P<m>{_MONTHS})(?!\w)(?!\.?\s+\d)",
                       re.IGNORECASE)
#: "last week", "last month", "earlier this month", "two days ago", "three days earlier"
_VAGUE = re.compile(rf"(?<!\w)(?:last (?P<m>{_MONTHS})|"
                    r"(?P<unit>last (?:week|month)|earlier this (?:week|month))|"
                    r"(?P<n>a|one|two|three|four|five|six|\d) (?P<span>days?|weeks?) "
                    r"(?P<rel>ago|earlier))(?!\w)", re.IGNORECASE)
#: "from Saturday to Monday", "began on Saturday night and went on until Monday"
_WEEKDAY_RANGE = re.compile(
    rf"(?<!\w)(?:from|between|began(?:\s+on)?|started(?:\s+on)?)\s+(?P<a>{'|'.join(WEEKDAYS)})"
    rf"(?:\s+(?:night|evening|morning))?[^.;]{{0,40}}?\s(?:to|and|until|till|through)\s+"
    rf"(?P<b>{'|'.join(WEEKDAYS)})(?!\w)")
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_HOURS_LATER = re.compile(r"(?<!\w)(?:hours|minutes) later(?!\w)", re.IGNORECASE)
_DAY_AFTER = re.compile(r"(?<!\w)(?:just\s+)?(?P<n>a|one|two|three|four|five|six|\d) "
                        r"(?P<span>days?|weeks?) after(?!\w)", re.IGNORECASE)
_WEEKEND = re.compile(r"(?<!\w)weekend(?!\w)", re.IGNORECASE)
_DAY_BEFORE = re.compile(r"(?<!\w)(?:the day before|a day earlier|the previous day)(?!\w)",
                         re.IGNORECASE)


def _month_start(month_name: str, reference: dt.date) -> dt.date:
    month = MONTH_NUMBERS[month_name.lower().rstrip(".")]
    year = reference.year - (1 if month > reference.month else 0)
    return dt.date(year, month, 1)


def _month_end(first: dt.date) -> dt.date:
    nxt = first.replace(day=28) + dt.timedelta(days=4)
    return nxt - dt.timedelta(days=nxt.day)


def _one(day: dt.date, m: re.Match[str], group: int | str = 0, *,
         relative: bool = False) -> EventDate:
    return EventDate(day, day, m.start(group), m.end(group), relative)


def _span(m: re.Match[str]) -> dt.timedelta:
    """"two days", "a week": the time a match's ``n`` and ``span`` groups say."""
    n = _SMALL.get(m.group("n").lower()) or int(m.group("n"))
    return dt.timedelta(days=n * (7 if m.group("span").lower().startswith("week") else 1))


def _vague(m: re.Match[str], article_date: dt.date, previous: dt.date | None) -> EventDate | None:
    """"last May", "last week" (the seven days before), "last month", "earlier this week/month"
    (to the article date), "two days ago", "three days earlier" (before ``previous``)."""
    unit = (m.group("unit") or "").lower()
    if m.group("m"):
        first = _month_start(m.group("m"), article_date)
        if first.month == article_date.month:
            first = first.replace(year=first.year - 1)  # "last March", said in March
        return EventDate(first, _month_end(first), m.start(), m.end())
    if unit == "last month":
        last = article_date.replace(day=1) - dt.timedelta(days=1)
        return EventDate(last.replace(day=1), last, m.start(), m.end())
    if unit:
        days = 7 if unit == "last week" else None
        first = (article_date - dt.timedelta(days=days) if days else
                 article_date.replace(day=1) if unit.endswith("month") else
                 article_date - dt.timedelta(days=article_date.weekday()))
        last = article_date - dt.timedelta(days=1) if days else article_date
        return EventDate(first, max(first, last), m.start(), m.end())
    back = _span(m)
    if m.group("rel").lower() == "ago":
        return _one(article_date - back, m)
    return _one(previous - back, m, relative=True) if previous is not None else None


#: "overnight" alone: the night before the report, on either side of midnight
_OVERNIGHT = re.compile(r"(?<![\w-])overnight(?![\w-])(?!\s+(?:into|to|on|before)\b)",
                        re.IGNORECASE)
#: a named day the event fell on: "on Christmas Eve", "during the Fourth of July parade"
_ON_NAMED = re.compile(r"(?:\b(?:on|during|over|at)\s+(?:the\s+)?)$", re.IGNORECASE)


def _named_day(text: str, start: int, end: int, article_date: dt.date) -> EventDate | None:
    """The date of a fixed named day the clause says the event fell on ("on Christmas Eve");
    not "on the eve of the Fourth of July", not a moveable feast (Easter, Eid)."""
    for m in FIXED_DAY_RE.finditer(text, start, end):
        if not _ON_NAMED.search(text, max(start, m.start() - 12), m.start()):
            continue
        day = fixed_day(m.group(), article_date)
        if day is not None:
            return _one(day, m)
    return None


def event_date(text: str, start: int, end: int, article_date: dt.date | None,
               previous: dt.date | None = None) -> EventDate | None:
    """The date ``text[start:end]`` gives an event, resolved against the article date.

    "on January 28" -> that day; "late July" -> the 21st to the month's end; "since May" -> the 1st
    of May to the article date; "last May", "last month" -> that month; "last week" -> the seven
    days before; "two days ago"; "three days earlier" (before ``previous``); "on Friday", "Saturday
    evening" -> that day on or before the article date ("hours later, during Friday prayers":
    Friday); "from Saturday to Monday" -> that range; "the previous night" / "overnight" -> the
    day before the day of the report ("said on Monday that ... the previous night": Sunday), and
    "overnight" alone that day and the one before it (the night spans midnight); "on Christmas
    Eve", "on the Fourth of July" -> that day (:mod:`~geomap.extract.named_days`); "the
    day before" -> the day before the date written; "hours later" -> ``previous`` or the day
    after it; "a day after", "two days after" -> that long before ``previous``. A weekday of the
    report alone ("claimed responsibility Monday for a drone strike") says nothing of the event:
    None.
    """
    sentence = text[start:end]
    m = MONTH_DAY_RE.search(text, start, end)
    if m:
        found = _month_day(m, article_date)
        if found is not None:
            if _DAY_BEFORE.search(sentence):
                found -= dt.timedelta(days=1)
            return _one(found, m)
    if article_date is None:
        return None
    if m := _PART.search(text, start, end):
        first = _month_start(m.group("m"), article_date)
        last = _month_end(first)
        lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, last.day)}[
            m.group("part").lower()]
        return EventDate(first.replace(day=lo), first.replace(day=hi), m.start(), m.end())
    if m := _IN_MONTH.search(text, start, end):
        first = _month_start(m.group("m"), article_date)
        last = article_date if m.group("since").lower() == "since" else _month_end(first)
        return EventDate(first, min(last, article_date), m.start(), m.end())
    report = _REPORT_DAY.search(text, start, end)
    days = [w for w in _WEEKDAY_RE.finditer(text, start, end)
            if report is None or w.start() != report.start("day")]
    if previous is not None and not days and (m := _HOURS_LATER.search(text, start, end)):
        return EventDate(previous, previous + dt.timedelta(days=1), m.start(), m.end(), True)
    if previous is not None and (m := _DAY_AFTER.search(text, start, end)):
        return _one(previous - _span(m), m, relative=True)
    if m := _WEEKEND.search(text, start, end):
        sunday = weekday_date("Sunday", article_date)
        return EventDate(sunday - dt.timedelta(days=1), sunday, m.start(), m.end())
    base = weekday_date(report.group("day"), article_date) if report else None
    if m := _WEEKDAY_RANGE.search(text, start, end):
        first = weekday_date(m.group("a"), article_date)
        last = weekday_date(m.group("b"), article_date)
        if first < last:
            return EventDate(first, last, m.start(), m.end())
    for w in days:
        day = weekday_date(w.group(1), article_date)
        if (n := _NIGHT_BEFORE.search(text, start, end)) and n.start() > w.end():
            day -= dt.timedelta(days=1)
        return _one(day, w)
    if n := _OVERNIGHT.search(text, start, end):
        day = base or article_date  # the night that ended on the day of the report
        return EventDate(day - dt.timedelta(days=1), day, n.start(), n.end())
    if n := _NIGHT_BEFORE.search(text, start, end):
        return _one((base or article_date) - dt.timedelta(days=1), n)
    if named := _named_day(text, start, end, article_date):
        return named
    if m := _VAGUE.search(text, start, end):
        return _vague(m, article_date, previous)
    if y := _YESTERDAY.search(text, start, end):
        return _one(article_date - dt.timedelta(days=1), y)
    if t := _TODAY.search(text, start, end):
        return _one(article_date, t)
    if previous is not None and (d := _DAY_BEFORE.search(text, start, end)):
        return _one(previous - dt.timedelta(days=1), d, relative=True)
    return None


_ACT = (r"attacks?|strikes?|air ?strikes?|bombings?|shelling|assault|raids?|blasts?|explosions?|"
        r"shooting|massacre|ambush")
#: the date a later sentence gives the event: "after the strike on Wednesday", "Friday's attack"
_TOLD = re.compile(
    rf"(?<!\w)(?:the|that|this|its|their|his|her)\s+(?:[\w-]+\s+){{0,2}}?(?:{_ACT})\s+on\s+|"
    rf"(?<!\w)(?P<day>{'|'.join(WEEKDAYS)})['’]s\s+(?:[\w-]+\s+){{0,2}}?(?:{_ACT})(?!\w)",
    re.IGNORECASE)


def told_date(text: str, start: int, end: int, article_date: dt.date | None) -> EventDate | None:
    """The date of "the attack" as a later sentence tells it: "after the strike on Wednesday",
    "the bombing on January 28", "blamed the RSF for Friday's attack"; else None.

    Examples
    --------
    >>> told_date("fire broke out after the strike on Wednesday", 0, 44,
    ...           dt.date(2022, 8, 25)).iso()
    '2022-08-24'
    """
    if article_date is None:
        return None
    for m in _TOLD.finditer(text, start, end):
        if m.group("day"):
            if m.group("day") in WEEKDAYS:
                return _one(weekday_date(m.group("day"), article_date), m, "day")
            continue
        if (w := _WEEKDAY_RE.match(text, m.end())) and w.end() <= end:
            return _one(weekday_date(w.group(1), article_date), w)
        if (d := MONTH_DAY_RE.match(text, m.end())) and d.end() <= end:
            found = _month_day(d, article_date)
            if found is not None:
                return _one(found, d)
    return None
