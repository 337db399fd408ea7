"""Named days of the calendar: holidays and feasts, which are never places, and their dates.

"on the Fourth of July", "Independence Day", "Christmas Eve", "Eid al-Fitr", "Palm Sunday": a
gazetteer reads "Fourth" as Fürth and "Day" as Daye (China), so recognition drops every name
inside one of these spans (:func:`named_day_spans`). :func:`fixed_day` gives the date of the
ones that fall on the same day every year (Christmas Eve, New Year's Day, the Fourth of July,
Halloween ...); the others (Independence Day of which country? Easter, Eid, Ramadan: moveable
or lunar) have none here, so an event dated only by them stays undated rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["NAMED_DAY_RE", "FIXED_DAY_RE", "named_day_spans", "fixed_day"]

#: the named days that fall on the same month and day every year
_FIXED: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas eve": (12, 24),
    "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
    "fourth of july": (7, 4), "4th of july": (7, 4), "july fourth": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "bastille day": (7, 14),
    "canada day": (7, 1), "australia day": (1, 26), "anzac day": (4, 25), "juneteenth": (6, 19),
    "veterans day": (11, 11), "armistice day": (11, 11), "may day": (5, 1),
}
_DAY_NAMES = (
    r"New Year's|Christmas|Independence|Victory|Memorial|Labou?r|Veterans'?|Armistice|"
    r"Remembrance|Boxing|Valentine's|Mother's|Father's|Presidents'?|Columbus|"
    r"Martin Luther King(?:,? Jr\.?)?|MLK|Bastille|Canada|Australia|Anzac|Unity|Flag|National|"
    r"Republic|Constitution|Liberation|Revolution|Martyrs'?|Women's|Workers'?|May|Election|"
    r"Inauguration|Armed Forces|Quds|Nakba|Jerusalem|Army|Navy|Air Force|Police|Reunification|"
    r"Heroes'?|Children's"
)
_PATTERN = (
    rf"(?<![\w-])(?:(?:{_DAY_NAMES})\s+Day|"
    r"(?:Christmas|New Year's|Easter|Halloween)\s+(?:Eve|Night)|"
    r"(?:the\s+)?(?:Fourth|4th)\s+of\s+July|July\s+Fourth|Day\s+of\s+the\s+Dead|"
    r"(?:Palm|Easter|Orthodox\s+Easter|Trinity|Whit)\s+Sunday|Good\s+Friday|Easter\s+Monday|"
    r"Holy\s+(?:Week|Thursday|Saturday)|Maundy\s+Thursday|Ash\s+Wednesday|Easter|Pentecost|"
    r"Christmas|Eid(?:\s+(?:al|el|ul|e)[-\s][A-Z][\w-]*|\s+Milad[-\s]un[-\s]Nabi)?|Ramadan|"
    r"Muharram|Ashura|Mawlid|Nowruz|Navruz|Yom\s+Kippur|Rosh\s+Hashanah|Passover|Hanukkah|"
    r"Chanukah|Simchat\s+Torah|Sukkot|Shavuot|Purim|Diwali|Vesak|Thingyan|Songkran|Juneteenth|"
    r"Thanksgiving|Halloween|Kwanzaa|(?:Lunar|Chinese)\s+New\s+Year|Guy\s+Fawkes\s+Night|"
    r"Bonfire\s+Night)(?![\w-])"
)
#: a named day as written (an apostrophe may be typographic)
NAMED_DAY_RE = re.compile(_PATTERN.replace("'", "['’]"))


#: the named days that have a date of their own (:func:`fixed_day`), as written
FIXED_DAY_RE = re.compile(
    r"(?<![\w-])(?:the\s+)?(?:"
    + "|".join(re.sub(r"\b[a-z]", lambda w: w.group().upper(), re.escape(k))
               .replace(r"\ ", r"\s+").replace("'S", "['’]s").replace("Of", "of")
               for k in sorted(_FIXED, key=len, reverse=True))
    + r")(?![\w-])(?!\s+[A-Z])")  # not "Christmas Island"


def _key(written: str) -> str:
    key = " ".join(written.replace("’", "'").lower().split())
    return key[4:] if key.startswith("the ") else key


def named_day_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every named day in ``text`` ("Fourth of July", "Eid al-Adha")."""
    return [m.span() for m in NAMED_DAY_RE.finditer(text)]


def fixed_day(written: str, article_date: dt.date) -> dt.date | None:
    """The date of a named day written as ``written``: its latest occurrence on or before
    ``article_date``; None for a day with no fixed date (Easter, Eid, Independence Day).

    Examples
    --------
    >>> fixed_day("Christmas Eve", dt.date(2023, 12, 26))
    datetime.date(2023, 12, 24)
    >>> fixed_day("New Year's Eve", dt.date(2025, 1, 2))
    datetime.date(2024, 12, 31)
    >>> fixed_day("Eid al-Fitr", dt.date(2025, 4, 1)) is None
    True
    """
    month_day = _FIXED.get(_key(written))
    if month_day is None:
        return None
    day = dt.date(article_date.year, *month_day)
    return day if day <= article_date else dt.date(article_date.year - 1, *month_day)
