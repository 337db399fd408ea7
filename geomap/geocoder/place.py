"""``Place``: the answer to one geocoding question (docs/design.md, contract 1)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from geomap.errors import GeomapInputError
from geomap.precision import DEFAULT_RADIUS_KM, PRECISIONS

__all__ = ["Place", "MATCHES", "ALTERNATIVE_KEYS", "unresolved", "place_from_entry"]

MATCHES = ("exact", "normalized", "fuzzy", "none")
ALTERNATIVE_KEYS = (
    "name", "lat", "lon", "precision", "kind", "country_code", "source", "source_id", "score",
)


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place name: where, how precisely, how sure, and from which source.

    ``precision`` is ``unresolved`` (and ``lat``/``lon`` None) when nothing trustworthy was
    found; ``ambiguous`` is True when several candidates fit and nothing decided between
    them: they are then in ``alternatives``. Equality and hashing ignore ``alternatives``.

    Examples
    --------
    >>> p = Place(query="x", name=None, lat=None, lon=None, precision="unresolved")
    >>> p.resolved
    False
    """

    query: str
    name: str | None
    lat: float | None
    lon: float | None
    precision: str
    kind: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    radius_km: float | None = None
    confidence: float = 0.0
    source: str | None = None
    source_id: str | None = None
    match: str = "none"
    ambiguous: bool = False
    alternatives: tuple[dict[str, Any], ...] = field(default=(), hash=False, compare=False)

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise GeomapInputError(f"precision must be one of {PRECISIONS}, not {self.precision!r}")
        if self.match not in MATCHES:
            raise GeomapInputError(f"match must be one of {MATCHES}, not {self.match!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise GeomapInputError(f"confidence must be within [0, 1], not {self.confidence!r}")
        resolved = self.precision != "unresolved"
        if resolved and (self.lat is None or self.lon is None):
            raise GeomapInputError("a resolved Place needs lat and lon")
        if not resolved and (self.lat is not None or self.lon is not None):
            raise GeomapInputError("an unresolved Place has no lat/lon")
        if self.lat is not None and not (-90.0 <= self.lat <= 90.0 and math.isfinite(self.lat)):
            raise GeomapInputError(f"lat {self.lat!r} is outside [-90, 90]")
        if self.lon is not None and not (-180.0 <= self.lon <= 180.0 and math.isfinite(self.lon)):
            raise GeomapInputError(f"lon {self.lon!r} is outside [-180, 180]")
        if not isinstance(self.alternatives, tuple):
            object.__setattr__(self, "alternatives", tuple(self.alternatives))

    @property
    def resolved(self) -> bool:
        """True unless ``precision`` is ``unresolved``."""
        return self.precision != "unresolved"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field, in field order (alternatives as a list)."""
        return {
            "query": self.query,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "kind": self.kind,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "radius_km": self.radius_km,
            "confidence": self.confidence,
            "source": self.source,
            "source_id": self.source_id,
            "match": self.match,
            "ambiguous": self.ambiguous,
            "alternatives": [dict(a) for a in self.alternatives],
        }


def unresolved(
    query: str,
    *,
    ambiguous: bool = False,
    alternatives: tuple[dict[str, Any], ...] = (),
    match: str = "none",
    confidence: float = 0.0,
) -> Place:
    """An unresolved answer for ``query`` (ambiguous ones carry their candidates)."""
    return Place(
        query=query,
        name=None,
        lat=None,
        lon=None,
        precision="unresolved",
        confidence=confidence,
        match=match,
        ambiguous=ambiguous,
        alternatives=alternatives,
    )


def place_from_entry(
    query: str,
    entry: Any,
    *,
    match: str,
    confidence: float,
    alternatives: tuple[dict[str, Any], ...] = (),
    kind: str | None = None,
) -> Place:
    """The answer for ``query`` that a gazetteer entry gives: the one place where an entry
    becomes a :class:`Place` (its own radius, else the default radius of its precision).

    ``kind`` overrides the entry's kind (``"demonym"`` when the query was a demonym).
    """
    return Place(
        query=query,
        name=entry.name,
        lat=float(entry.lat),
        lon=float(entry.lon),
        precision=entry.precision,
        kind=kind or entry.kind,
        country_code=entry.country_code,
        admin1=entry.admin1,
        radius_km=entry.radius_km or DEFAULT_RADIUS_KM[entry.precision],
        confidence=confidence,
        source=entry.source,
        source_id=entry.source_id,
        match=match,
        ambiguous=False,
        alternatives=alternatives,
    )
