"""Value objects of place extraction: :class:`Mention`, :class:`PlaceMentions`, :class:`Extraction`.

Contract 4 of ``docs/design.md``: ``Mention(text, start, end, place, role, flags)``. ``role``
is ``"dateline"`` (where the reporter was) or ``"mention"``; ``flags`` is a tuple of

* ``"demonym"`` -- "Iraqi", "Yemenis": names a country's people, not a place where anything
  happened; never a strike site;
* ``"organisation"`` -- the name is inside an organisation's name ("Islamic Resistance in
  Iraq"); not a strike site;
* ``"abbreviation"`` -- "U.S.", "UK": the country, written short.

A mention is *of a place* (:attr:`Mention.is_place`) unless it is flagged ``demonym`` or
``organisation``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geomap.errors import GeomapInputError

if TYPE_CHECKING:  # pragma: no cover
    from geomap.extract.dateline import Dateline
    from geomap.geocoder import Place

__all__ = ["Mention", "PlaceMentions", "Extraction", "ROLES", "FLAGS", "NOT_A_PLACE"]

ROLES: tuple[str, ...] = ("dateline", "mention")
FLAGS: tuple[str, ...] = ("demonym", "organisation", "abbreviation")
#: flags that make a mention something other than a place named in the story
NOT_A_PLACE: frozenset[str] = frozenset({"demonym", "organisation"})


def place_id(place: Any) -> str:
    """The grouping key of a place: ``"source:source_id"``, or ``"unresolved:<query>"``."""
    if getattr(place, "source", None) and getattr(place, "source_id", None):
        return f"{place.source}:{place.source_id}"
    return f"unresolved:{getattr(place, 'query', '')}"


@dataclass(frozen=True, slots=True)
class Mention:
    """One place name as written in a text.

    Parameters
    ----------
    text : str
        The name as written (``text == source[start:end]``).
    start, end : int
        Character offsets in the source text.
    place : Place
        Its geocode (contract 1).
    role : str
        ``"dateline"`` or ``"mention"``.
    flags : tuple of str
        See the module docstring.
    """

    text: str
    start: int
    end: int
    place: Place
    role: str = "mention"
    flags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise GeomapInputError(f"Mention role must be one of {ROLES}, not {self.role!r}")
        if not 0 <= self.start <= self.end:
            raise GeomapInputError(
                f"Mention offsets must satisfy 0 <= start <= end, not {self.start}, {self.end}"
            )
        unknown = set(self.flags) - set(FLAGS)
        if unknown:
            raise GeomapInputError(f"unknown Mention flags {sorted(unknown)}; known: {FLAGS}")

    @property
    def place_id(self) -> str:
        """Grouping key of the place (``"geonames:98182"``)."""
        return place_id(self.place)

    @property
    def is_place(self) -> bool:
        """False for a demonym or a name inside an organisation's name."""
        return not NOT_A_PLACE.intersection(self.flags)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``text, start, end, role, flags, place_id`` and the geocode fields."""
        out: dict[str, Any] = {
            "text": self.text, "start": self.start, "end": self.end, "role": self.role,
            "flags": list(self.flags), "place_id": self.place_id,
        }
        geo = self.place.to_dict()
        geo.pop("alternatives", None)
        for key, value in geo.items():
            out.setdefault(key, value)
        return out


@dataclass(frozen=True, slots=True)
class PlaceMentions:
    """One place of an article with all its mentions (in text order)."""

    place_id: str
    place: Place
    mentions: tuple[Mention, ...]

    @property
    def roles(self) -> tuple[str, ...]:
        """Distinct roles of the mentions, ``dateline`` first."""
        return tuple(r for r in ROLES if any(m.role == r for m in self.mentions))

    @property
    def flags(self) -> tuple[str, ...]:
        """Distinct flags of the mentions."""
        return tuple(f for f in FLAGS if any(f in m.flags for m in self.mentions))

    @property
    def is_place(self) -> bool:
        """True when at least one mention names the place itself (not only demonyms)."""
        return any(m.is_place for m in self.mentions)


def _representative(mentions: list[Mention]) -> Mention:
    """The mention whose geocode stands for its place: the first unflagged one."""
    return next((m for m in mentions if not m.flags), mentions[0])


class Extraction(list):  # type: ignore[type-arg]
    """The mentions of one text, in text order (a ``list[Mention]``), plus their grouping.

    Attributes
    ----------
    places : tuple of PlaceMentions
        One entry per place, in order of first mention, each with all its mentions.
    dateline : Dateline or None
        The parsed dateline.
    date : datetime.date or None
        The article date (given, from a `` date `` header, or from the dateline).
    """

    def __init__(self, mentions: list[Mention], *, dateline: Dateline | None = None,
                 date: dt.date | None = None) -> None:
        super().__init__(sorted(mentions, key=lambda m: (m.start, m.end)))
        self.dateline = dateline
        self.date = date
        groups: dict[str, list[Mention]] = {}
        for m in self:
            groups.setdefault(m.place_id, []).append(m)
        self.places: tuple[PlaceMentions, ...] = tuple(
            PlaceMentions(pid, _representative(ms).place, tuple(ms)) for pid, ms in groups.items()
        )

    def __repr__(self) -> str:
        return f"Extraction({len(self)} mentions of {len(self.places)} places)"
