"""Candidate scoring: the evidence each candidate earns.

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
* a country hint: +0.5 inside, -0.5 outside; context: +0.3 in a country the text names, +0.4
  in a province it names (a province typed by its name and named again another way, ``Montana``
  beside ``Mont.``, gets the same), up to +0.3 within 300 km of a place it names; +0.1 for the
  capital of a country it names (``Washington`` beside ``U.S.``); +0.3 for a country typed by
  its name when the text names two other countries, or a province when it names another
  province (``Kansas`` beside ``Illinois``: the state, not Kansas, Illinois).

The decision between the scored candidates is :mod:`geomap.geocoder.decision`'s.

``EXACT_BONUS`` (0.35) makes a recorded spelling outweigh a mere normalisation collision
unless the other place is several orders of magnitude larger: ``Deraa`` is Dar'a, Syria
(recorded spelling), not Dayrah, Dubai (``Deira``, equal only after folding), ``Samarra`` is
Samarra, Iraq, not Samara, Russia. Swept on ``tests/data/geocode_cases.csv`` (488 cases) with
the region filter on: exact 0.15/0.25/0.35 x own-name 0.10/0.25 x margin 0.15/0.14 gave
480-484 right; every own-name 0.25 setting gave 2-3 confident wrong answers (``Sur`` and
``Sour`` to Oman, ``Saida`` to Algeria); exact 0.35, own-name 0.10, margin 0.14 gave 484 right
and none wrong. The region weight (0.10) is the largest with no confident wrong answer in the
earlier sweep (0.15 sent ``Salt`` to Jordan, which the file holds ambiguous).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geomap.distance import haversine_km
from geomap.gazetteer import Entry, Gazetteer
from geomap.gazetteer.kinds import GENERIC_KINDS
from geomap.gazetteer.normalize import exact_form
from geomap.precision import DEFAULT_RADIUS_KM

__all__ = [
    "Candidate",
    "Evidence",
    "Hit",
    "score_candidates",
    "haversine_km",
    "distance_to",
    "division_score",
    "HEAD",
    "NEAR_KM",
    "MARGIN",
    "PROMINENCE_WEIGHT",
]

PROMINENCE_WEIGHT = 1.0
EXACT_BONUS = 0.35
PRIMARY_BONUS = 0.1
NAME_BONUS = 0.05
REGION_BONUS = 0.1
#: the capital of a country the document names is what it means by the name (``Washington``
#: beside ``U.S.``: the city, not the state)
CAPITAL_BONUS = 0.1
#: an outside town that carries the name as its own must be this many times smaller than
#: the regional town for the latter to win outright (see :func:`drop_outweighed`)
OWN_NAME_FACTOR = 5.0
HEAD = 40
MARGIN = 0.14
NESTED_MARGIN = 0.35
_COUNTRY_HINT = 0.5
_CONTEXT_COUNTRY = 0.3
_CONTEXT_ADMIN1 = 0.4
#: per context name that may lie in the entry's division, up to ``_CONTEXT_ADMIN1``
_CONTEXT_ADMIN1_WEAK = 0.15
_CONTEXT_NEAR = 0.3
#: a country (first-level division) name in a document that names other countries (divisions):
#: names of that level are in play (``Italy`` beside ``Canada`` and ``Japan`` is the country,
#: not Italy, Texas; ``Kansas`` beside ``Illinois`` is the state)
_LEVEL_IN_PLAY = 0.3
#: per ambiguous context name with a candidate within ``_CLUSTER_KM`` (up to 0.4): swept on
#: LGL (dev) 0.15/0.2/0.25/0.3/0.4: within 161 km 82.5/82.7/83.2/83.2/83.2%, wrong
#: 3.56/3.52/3.59/3.74/3.70%; the Middle-East cases 484/488 with none wrong at each
_CONTEXT_CLUSTER = 0.25
_CLUSTER_KM = 50.0
NEAR_KM = 300.0
_WATER_GENERIC = frozenset(("sea", "gulf", "strait", "canal"))

#: ``(entry index, posting generic, posting flags, match, fuzzy ratio)``
Hit = tuple[int, str | None, int, str, float]


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the caller knows besides the name: a country hint and the text's context."""

    countries: frozenset[str] = frozenset()
    context_countries: frozenset[str] = frozenset()
    context_admin1: frozenset[str] = frozenset()
    context_points: tuple[tuple[float, float], ...] = ()
    #: divisions ambiguous context names may be or lie in, with how many names point to
    #: each: ``(("Georgia", 2), ("Texas", 1))`` (weaker than ``context_admin1``)
    context_admin1_weak: tuple[tuple[str, int], ...] = ()
    #: points of the close candidates of ambiguous context names, ``(lat, lon, name number)``:
    #: a candidate near those of other names is where the document is (``Alexandria`` beside
    #: ``Douglas County`` and ``Brandon``, Minnesota)
    context_weak_points: tuple[tuple[float, float, int], ...] = ()
    #: ``(country code, division)`` the document names that also hold another place it names
    #: (``Virginia`` beside ``Richmond``): where the story is
    context_home: frozenset[tuple[str | None, str]] = frozenset()


@dataclass(slots=True)
class Candidate:
    """One scored entry."""

    index: int
    entry: Entry
    score: float
    match: str
    ratio: float
    in_region: bool = False
    #: matched through the entry's own name (not only an alternate name)
    own_name: bool = False

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


def _generic_score(qgen: str | None, pgen: str | None, kind: str) -> float | None:
    """Score change for the generic word; None rules the candidate out."""
    if qgen is not None:
        fits = kind in GENERIC_KINDS.get(qgen, ())
        if pgen == qgen:
            return 0.3 if fits else 0.15
        return 0.1 if fits else None
    if pgen is None:
        return 0.0
    if pgen in _WATER_GENERIC:
        return None
    return -0.25


@lru_cache(maxsize=256)
def _votes(pairs: tuple[tuple[str, int], ...]) -> dict[str, int]:
    return dict(pairs)


def division_score(entry: Entry, ev: Evidence) -> float:
    """The context names the entry's first-level division (or, for a division, names a
    place inside it): ``Gainesville`` beside ``Georgia``, ``Ontario`` beside ``Toronto``."""
    own = entry.name if entry.kind == "admin1" else entry.admin1
    if not own:
        return 0.0
    if entry.kind != "admin1" and own in ev.context_admin1:
        return _CONTEXT_ADMIN1
    if ev.context_admin1_weak:
        votes = _votes(ev.context_admin1_weak).get(own, 0)
        return min(_CONTEXT_ADMIN1, _CONTEXT_ADMIN1_WEAK * votes)
    return 0.0


def _named_again(entry: Entry, ev: Evidence) -> float:
    """A division typed by its own name that the document also names another way (``Montana``
    beside ``Mont.``) gets the vote a town inside it gets (not Montana City)."""
    return _CONTEXT_ADMIN1 if entry.kind == "admin1" and entry.name in ev.context_admin1 else 0.0


def _level_in_play(entry: Entry, ev: Evidence) -> float:
    """``_LEVEL_IN_PLAY`` for a country typed as its name when the document names two others
    (one may be where its namesake towns are: ``Jordan`` beside ``United States`` stays open),
    or for a division typed as its name when the document names another one."""
    if entry.kind == "country":
        in_play = len(ev.context_countries - {entry.country_code}) >= 2
    elif entry.kind == "admin1":
        in_play = bool(ev.context_admin1 - {entry.name})
    else:
        return 0.0
    return _LEVEL_IN_PLAY if in_play else 0.0


#: km per degree of latitude on the sphere of :mod:`geomap.distance`: no two points further
#: apart in latitude than d / this are within d km of each other
_KM_PER_DEGREE = 111.19


def distance_to(entry: Entry, points: tuple[tuple[float, float], ...],
                within: float = NEAR_KM) -> float:
    """km from the nearest context point to the entry's area (its radius counts as inside);
    exact below ``within`` km, else ``inf`` (the points beyond are skipped by latitude, as
    every caller asks only whether a point is within ``NEAR_KM``)."""
    radius = entry.radius_km or 0.0
    band = (within + radius) / _KM_PER_DEGREE
    lat, lon = entry.lat, entry.lon
    d = min((haversine_km(lat, lon, la, lo) for la, lo in points if abs(la - lat) <= band),
            default=math.inf)
    d = max(0.0, d - radius)
    return d if d < within else math.inf


def _names_nearby(entry: Entry, points: tuple[tuple[float, float, int], ...]) -> int:
    """How many ambiguous context names have a candidate within ``_CLUSTER_KM`` of the entry."""
    reach = _CLUSTER_KM + (entry.radius_km or 0.0)
    dlat = reach / 111.0
    names = {
        n for la, lo, n in points
        if abs(la - entry.lat) <= dlat and haversine_km(entry.lat, entry.lon, la, lo) <= reach
    }
    return len(names)


def _evidence_score(entry: Entry, ev: Evidence, in_region: bool) -> float:
    s = REGION_BONUS if in_region else 0.0
    cc = entry.country_code
    if ev.countries and cc:
        s += _COUNTRY_HINT if cc in ev.countries else -_COUNTRY_HINT
    if cc and cc in ev.context_countries:
        s += _CONTEXT_COUNTRY
    s += division_score(entry, ev)
    if ev.context_points:
        d = distance_to(entry, ev.context_points)
        if d < NEAR_KM:
            s += _CONTEXT_NEAR * (1.0 - d / NEAR_KM)
    if ev.context_weak_points:
        s += min(_CONTEXT_ADMIN1, _CONTEXT_CLUSTER * _names_nearby(entry, ev.context_weak_points))
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
    if not hits:
        return []
    best: dict[int, Candidate] = {}
    # no hint and no context: the evidence is the region bonus alone
    plain = not (ev.countries or ev.context_countries or ev.context_admin1 or ev.context_points
                 or ev.context_admin1_weak or ev.context_weak_points)
    entry_of, region_of = gaz.entry, gaz.in_region
    for index, pgen, flags, match, ratio in hits:
        entry = entry_of(index)
        g = _generic_score(qgen, pgen, entry.kind)
        if g is None:
            continue
        base = 1.0 if match != "fuzzy" else 1.0 - 3.0 * (1.0 - ratio / 100.0)
        score = base + g + PROMINENCE_WEIGHT * entry.prominence
        if entry.kind == "capital" and entry.country_code in ev.context_countries:
            score += CAPITAL_BONUS
        in_region = region_of(index)
        if plain:
            score += REGION_BONUS if in_region else 0.0
        else:
            score += _evidence_score(entry, ev, in_region)
        if index in exact and match != "fuzzy":
            match = "exact"
            score += EXACT_BONUS
            if typed and exact_form(entry.name) == typed:
                score += NAME_BONUS + _named_again(entry, ev) + _level_in_play(entry, ev)
        if flags & 1:
            score += PRIMARY_BONUS
        cur = best.get(index)
        own = bool(flags & 1) or (cur is not None and cur.own_name)
        if cur is None or score > cur.score:
            best[index] = Candidate(index, entry, score, match, ratio, in_region, own)
        else:
            cur.own_name = own
    if len(best) == 1:
        return list(best.values())
    return sorted(best.values(), key=lambda c: (-c.score, c.index))
