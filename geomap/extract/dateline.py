"""The dateline of a dispatch (where the reporter was) and the article's date.

Recognised at the start of the text, after an optional header line such as the seed's
`` date 2024-02-05 ``::

    ERBIL, Iraq —                    Erbil, Iraq —               WASHINGTON —
    BEIRUT (Reuters) -               SANAA, Yemen (AP) —         BEIRUT, Jan 2 (Reuters) -
    DUBAI, United Arab Emirates —    AMMAN, Jordan, Jan. 18 (AP) —

The place before the first comma is the dateline *place*, an optional capitalised name after it
the dateline *region* (a country or state), then an optional date and an optional agency in
brackets, then a dash. The dateline is where the reporter was, not where a strike fell: the
extractor reports its place with ``role="dateline"``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from geomap.errors import GeomapInputError

__all__ = ["Dateline", "parse_dateline", "parse_header_date", "as_date", "MONTH_NUMBERS"]

MONTH_NUMBERS: dict[str, int] = {
    m: i
    for i, name in enumerate(
        ("january february march april may june july august september october november "
         "december").split(), start=1)
    for m in (name, name[:3], name[:4])
}

_HEADER = re.compile(
    r"\A\s*(?:date|dated|published)\s*:?\s*(\d{4}-\d{2}-\d{2})[^\n]*\n", re.IGNORECASE
)
_NAME = r"[A-Z][A-Za-z\u00C0-\u024F'’.\-]*(?:\s+(?:[A-Z][A-Za-z\u00C0-\u024F'’.\-]*|of|el|al))*"
_DATE = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?)"
_DATELINE = re.compile(
    rf"""\A(?P<lead>\s*)
    (?P<place>{_NAME})(?:/{_NAME})*
    (?:\s*,\s*(?P<region>(?!{_DATE}\b){_NAME}))?
    (?:\s*,\s*(?P<date>{_DATE}))?
    \s*(?:\((?P<agency>[^)\n]{{1,40}})\))?
    \s*(?P<dash>—|–|--|-)\s""",
    re.VERBOSE,
)
_MONTH_DAY = re.compile(
    r"([A-Za-z]+)\.?\s+(\d{1,2})(?:,\s*(\d{4}))?|(\d{1,2})\s+([A-Za-z]+)\.?(?:\s+(\d{4}))?"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """A parsed dateline; offsets index the original text."""

    place: str
    place_start: int
    place_end: int
    region: str | None = None
    region_start: int | None = None
    region_end: int | None = None
    #: the date written in the dateline, resolved against the article date when known
    date: dt.date | None = None
    agency: str | None = None
    #: end of the whole dateline (after the dash)
    end: int = 0

    def covers(self, start: int, end: int) -> bool:
        """Whether ``start:end`` lies inside the dateline's place or region."""
        if self.place_start <= start and end <= self.place_end:
            return True
        return (self.region_start is not None and self.region_end is not None
                and self.region_start <= start and end <= self.region_end)


def parse_header_date(text: str) -> tuple[dt.date | None, int]:
    """The date of a `` date YYYY-MM-DD `` header line and the offset where the body starts.

    Returns ``(None, 0)`` when there is no header.
    """
    m = _HEADER.match(text)
    if not m:
        return None, 0
    try:
        return dt.date.fromisoformat(m.group(1)), m.end()
    except ValueError:
        return None, m.end()


def _dateline_date(written: str | None, reference: dt.date | None) -> dt.date | None:
    if not written:
        return None
    m = _MONTH_DAY.match(written)
    if not m:
        return None
    month_name, day, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (
        m.group(5), m.group(4), m.group(6))
    month = MONTH_NUMBERS.get(month_name.lower())
    if month is None:
        return None
    if year is None:
        if reference is None:
            return None
        year = reference.year - (1 if month > reference.month + 1 else 0)
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def parse_dateline(text: str, *, reference: dt.date | None = None) -> Dateline | None:
    """Find the dateline at the start of ``text`` (after a header line, if any).

    Parameters
    ----------
    text : str
        The whole article.
    reference : datetime.date, optional
        The article date, to give a year to a dateline date such as ``Jan 2``.

    Returns
    -------
    Dateline or None
        None when the first line does not start with a dateline.

    Examples
    --------
    >>> d = parse_dateline("ERBIL, Iraq — An Iranian-backed militia ...")
    >>> (d.place, d.region)
    ('ERBIL', 'Iraq')
    >>> parse_dateline("BEIRUT (Reuters) - Israeli strikes ...").agency
    'Reuters'
    """
    header_date, offset = parse_header_date(text)
    reference = reference or header_date
    while offset < len(text) and text[offset].isspace():
        offset += 1
    first_line_end = text.find("\n", offset)
    line = text[offset : first_line_end if first_line_end >= 0 else len(text)]
    m = _DATELINE.match(line)
    if not m or len(m.group("place")) > 40:
        return None
    place = m.group("place").rstrip(".")
    region = m.group("region")
    if region and (region.split()[0].rstrip(".").lower() in MONTH_NUMBERS):
        region = None
    return Dateline(
        place=place,
        place_start=offset + m.start("place"),
        place_end=offset + m.start("place") + len(place),
        region=region,
        region_start=offset + m.start("region") if region else None,
        region_end=offset + m.end("region") if region else None,
        date=_dateline_date(m.group("date"), reference),
        agency=m.group("agency"),
        end=offset + m.end(),
    )


def as_date(value: dt.date | str | None) -> dt.date | None:
    """``value`` as a date (``YYYY-MM-DD`` text is parsed); None stays None.

    Raises
    ------
    GeomapInputError
        When ``value`` is text that is not ``YYYY-MM-DD``.
    """
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as err:
        raise GeomapInputError(f"date must be YYYY-MM-DD, not {value!r}") from err
