"""A name the extractor matched in a text (its span, generic word, flags, role) and when two
gazetteer readings of it are two places."""

from __future__ import annotations

from typing import Any

from geomap.distance import haversine_km
from geomap.extract.matcher import Candidate
from geomap.extract.qualifiers import Area

__all__ = ["Name", "apart", "APART_KM"]


class Name:
    """A selected candidate with its final span, generic class and flags."""

    __slots__ = ("cand", "start", "end", "generic", "flags", "role", "query", "tail", "fits",
                 "area", "town")

    def __init__(self, cand: Candidate, end: int, generic: str | None, flags: tuple[str, ...],
                 query: str, *, tail: bool = False, fits: bool = True) -> None:
        self.cand = cand
        self.start = cand.start
        self.end = end
        self.generic = generic
        self.flags = flags
        self.role = "mention"
        self.query = query
        #: the name is part of a longer capitalised name ("Khirbet Selm", "True Confidence"):
        #: a town reading is not believed
        self.tail = tail
        #: some candidate entry fits the generic word (else the geocoder is asked)
        self.fits = fits
        #: the state or country of an "X, Y" qualifier after it
        self.area: Area | None = None
        #: the dateline's place: where the reporter was, a town (``YANGON``: the city, not
        #: the region of that name)
        self.town = False


#: two readings of a name further apart than this are two places (the scorers' 161 km)
APART_KM = 161.0


def apart(a: Any, b: Any) -> bool:
    """True when entries ``a`` and ``b`` are not the same place (nor one inside the other)."""
    reach = APART_KM + (a.radius_km or 0.0) + (b.radius_km or 0.0)
    return haversine_km(a.lat, a.lon, b.lat, b.lon) > reach
