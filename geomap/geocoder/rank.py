"""Candidate scoring and the decision between them.

A candidate's score is its match quality plus evidence (weights are module constants):

* match: 1.0 for an alias with the same key, ``1 - 3 * (1 - ratio/100)`` for a fuzzy one;
  +``EXACT_BONUS`` when the name as typed (:func:`~geomap.gazetteer.normalize.exact_form`,
  diacritics kept) is one of the entry's aliases, +``PRIMARY_BONUS`` when the key is that
  of the entry's own name;
* prominence: ``PROMINENCE_WEIGHT`` x the entry's prominence (log10 population / 7 for
  places, ~0.75 for provinces, 0.8 for curated sites, 1.05 for countries), so a population
  ten times larger weighs ~0.14;
* the region (Iraq, Syria ... the Horn of Africa: what geomap is for) +``REGION_BONUS``;
* the generic word: the same as the alias's (``Gulf of Aden``) +0.3 (+0.15 if the entry's
  kind does not fit it), a kind that fits +0.1, else the candidate is ruled out; an alias
  that needs a generic word the query lacks (``Aden`` for ``Aden International Airport``)
  -0.25, or is ruled out for water bodies (``Aden`` is never the Gulf of Aden);
* a country hint: +0.5 inside, -0.5 outside; context: +0.3 in a country the text names, +0.3
  in a province it names, up to +0.3 within 300 km of a place it names.

The best candidate wins unless a *rival* -- a candidate that is not the same place (further
apart than their radii) -- scores within ``MARGIN``: then the answer is ambiguous. Between
nested candidates (a city and its province of the same name) the finer one wins when the
query names no generic word and it scores within ``NESTED_MARGIN``. A small town matched
only through normalisation, with nothing to corroborate it, stays unresolved
(:func:`weak_variant`).

The region and own-name weights were swept on ``tests/data/geocode_cases.csv`` (488 cases):
region 0.05/0.10/0.15/0.20 with own-name 0.05 gave 476/478/479/480 right and 0/0/1/1
confident wrong answers ("Salt": As-Salt, Jordan vs Salt, Spain, which the file holds
ambiguous); 0.10 is the largest region weight with none.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from geomap.gazetteer import Entry, Gazetteer
from geomap.gazetteer.normalize import exact_form
from geomap.precision import DEFAULT_RADIUS_KM, PRECISIONS

__all__ = [
    "Candidate",
    "Evidence",
    "Hit",
    "score_candidates",
    "decide",
    "same_place",
    "confidence",
    "corroborated",
    "weak_variant",
    "haversine_km",
    "MARGIN",
    "PROMINENCE_WEIGHT",
]

PROMINENCE_WEIGHT = 1.0
EXACT_BONUS = 0.15
PRIMARY_BONUS = 0.1
NAME_BONUS = 0.05
#: a town below this prominence (~16,000 people) is not matched on a spelling that is not
#: one of its recorded names unless a country hint or the context corroborates it
WEAK_VARIANT_PROMINENCE = 0.6
REGION_BONUS = 0.1
MARGIN = 0.15
NESTED_MARGIN = 0.35
_COUNTRY_HINT = 0.5
_CONTEXT_COUNTRY = 0.3
_CONTEXT_ADMIN1 = 0.3
_CONTEXT_NEAR = 0.3
_NEAR_KM = 300.0
_WATER_GENERIC = frozenset(("sea", "gulf", "strait", "canal"))
_COMPATIBLE: dict[str, frozenset[str]] = {
    "admin1": frozenset({"admin1"}),
    "region": frozenset({"region", "admin1"}),
    "district": frozenset({"district", "admin1"}),
    "city": frozenset({"city", "capital"}),
    "camp": frozenset({"base", "site", "city"}),
    "base": frozenset({"base", "airbase", "airport", "site", "oilfield", "gasfield"}),
    "airport": frozenset({"airport", "airbase"}),
    "port": frozenset({"port", "terminal"}),
    "island": frozenset({"island"}),
    "strait": frozenset({"strait"}),
    "gulf": frozenset({"gulf", "sea"}),
    "sea": frozenset({"sea", "gulf"}),
    "canal": frozenset({"canal"}),
    "field": frozenset({"oilfield", "gasfield"}),
    "dam": frozenset({"dam"}),
    "crossing": frozenset({"crossing"}),
}

#: ``(entry index, posting generic, posting flags, match, fuzzy ratio)``
Hit = tuple[int, str | None, int, str, float]


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the caller knows besides the name: a country hint and the text's context."""

    countries: frozenset[str] = frozenset()
    context_countries: frozenset[str] = frozenset()
    context_admin1: frozenset[str] = frozenset()
    context_points: tuple[tuple[float, float], ...] = ()


@dataclass(slots=True)
class Candidate:
    """One scored entry."""

    index: int
    entry: Entry
    score: float
    match: str
    ratio: float

    @property
    def radius(self) -> float:
        return self.entry.radius_km or DEFAULT_RADIUS_KM.get(self.entry.precision, 10.0)

    def as_alternative(self) -> dict[str, Any]:
        e = self.entry
        return {
            "name": e.name,
            "lat": e.lat,
            "lon": e.lon,
            "precision": e.precision,
            "kind": e.kind,
            "country_code": e.country_code,
            "source": e.source,
            "source_id": e.source_id,
            "score": round(self.score, 3),
        }


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (spherical Earth, R = 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _generic_score(qgen: str | None, pgen: str | None, kind: str) -> float | None:
    """Score change for the generic word; None rules the candidate out."""
    if qgen is not None:
        fits = kind in _COMPATIBLE.get(qgen, ())
        if pgen == qgen:
            return 0.3 if fits else 0.15
        return 0.1 if fits else None
    if pgen is None:
        return 0.0
    if pgen in _WATER_GENERIC:
        return None
    return -0.25


def _evidence_score(entry: Entry, ev: Evidence, in_region: bool) -> float:
    s = REGION_BONUS if in_region else 0.0
    cc = entry.country_code
    if ev.countries and cc:
        s += _COUNTRY_HINT if cc in ev.countries else -_COUNTRY_HINT
    if cc and cc in ev.context_countries:
        s += _CONTEXT_COUNTRY
    if entry.admin1 and entry.admin1 in ev.context_admin1 and entry.kind != "admin1":
        s += _CONTEXT_ADMIN1
    if ev.context_points:
        d = min(haversine_km(entry.lat, entry.lon, la, lo) for la, lo in ev.context_points)
        if d < _NEAR_KM:
            s += _CONTEXT_NEAR * (1.0 - d / _NEAR_KM)
    return s


def score_candidates(
    gaz: Gazetteer,
    hits: list[Hit],
    qgen: str | None,
    exact: frozenset[int],
    ev: Evidence,
    typed: str = "",
) -> list[Candidate]:
    """Score the hits; the best per entry, sorted best first.

    ``exact`` holds the entries one of whose aliases is the query as typed; ``typed`` is the
    query's :func:`~geomap.gazetteer.normalize.exact_form` (the entry's own name typed
    exactly earns ``NAME_BONUS``).
    """
    best: dict[int, Candidate] = {}
    for index, pgen, flags, match, ratio in hits:
        entry = gaz.entry(index)
        g = _generic_score(qgen, pgen, entry.kind)
        if g is None:
            continue
        base = 1.0 if match != "fuzzy" else 1.0 - 3.0 * (1.0 - ratio / 100.0)
        score = base + g + PROMINENCE_WEIGHT * entry.prominence
        score += _evidence_score(entry, ev, gaz.in_region(index))
        if index in exact and match != "fuzzy":
            match = "exact"
            score += EXACT_BONUS
            if typed and exact_form(entry.name) == typed:
                score += NAME_BONUS
        if flags & 1:
            score += PRIMARY_BONUS
        cur = best.get(index)
        if cur is None or score > cur.score:
            best[index] = Candidate(index, entry, score, match, ratio)
    return sorted(best.values(), key=lambda c: (-c.score, c.index))


def same_place(a: Candidate, b: Candidate) -> bool:
    """True when one candidate lies within the other's radius (nested or duplicate)."""
    d = haversine_km(a.entry.lat, a.entry.lon, b.entry.lat, b.entry.lon)
    return d <= max(a.radius, b.radius) + 5.0


def _finer_nested(top: Candidate, ranked: list[Candidate]) -> Candidate:
    """A finer candidate nested in ``top`` that scores close enough replaces it."""
    level = PRECISIONS.index(top.entry.precision)
    for c in ranked[1:]:
        if c.score < top.score - NESTED_MARGIN:
            break
        if PRECISIONS.index(c.entry.precision) < level and c.entry.kind in ("city", "capital"):
            if same_place(top, c):
                return c
    return top


def decide(
    ranked: list[Candidate], qgen: str | None = None
) -> tuple[Candidate | None, list[Candidate]]:
    """``(winner, rivals)``: winner None when rivals within ``MARGIN`` make it ambiguous."""
    if not ranked:
        return None, []
    top = ranked[0]
    rivals = [c for c in ranked[1:] if c.score >= top.score - MARGIN and not same_place(top, c)]
    if rivals:
        return None, [top, *rivals]
    if qgen is None and top.entry.kind in ("admin1", "district"):
        top = _finer_nested(top, ranked)
    return top, []


def corroborated(entry: Entry, ev: Evidence) -> bool:
    """True when a country hint or the context supports the entry."""
    cc = entry.country_code
    if cc and (cc in ev.countries or cc in ev.context_countries):
        return True
    if entry.admin1 and entry.admin1 in ev.context_admin1:
        return True
    return any(
        haversine_km(entry.lat, entry.lon, la, lo) < _NEAR_KM for la, lo in ev.context_points
    )


def weak_variant(top: Candidate, ev: Evidence) -> bool:
    """A small town matched only through normalisation, with nothing to support it."""
    return (
        top.match != "exact"
        and top.entry.kind in ("city", "capital")
        and top.entry.prominence < WEAK_VARIANT_PROMINENCE
        and not corroborated(top.entry, ev)
    )


def confidence(top: Candidate, ranked: list[Candidate]) -> float:
    """0..1 from the match kind and the gap to the best candidate elsewhere."""
    base = {"exact": 0.97, "normalized": 0.92}.get(top.match, 0.5 + 0.4 * (top.ratio - 80) / 20)
    others = [c.score for c in ranked if c is not top and not same_place(top, c)]
    gap = top.score - max(others) if others else 1.0
    return round(max(0.05, min(1.0, base * min(1.0, 0.6 + gap))), 3)
