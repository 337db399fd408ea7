"""What a document's other place names tell about one name (the evidence of
:class:`~geomap.geocoder.rank.Evidence`).

Each context name is looked up without fuzzy search. One that resolves gives its country, its
first-level division and its point. One that stays ambiguous still says something: the
country all its close candidates share (``Hall County``: several states, all in the US), and
the divisions its candidates are or lie in (``Georgia``: the US state or the country), which
count as weaker evidence. ``Gainesville`` beside ``Georgia`` is then Gainesville, Georgia,
though ``Georgia`` alone is ambiguous.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from geomap.errors import GeomapInputError
from geomap.gazetteer import Entry, normalize_name
from geomap.geocoder.rank import MARGIN, Candidate, Evidence
from geomap.geocoder.resolve import (
    check_countries,
    clean_query,
    ranked_candidates,
    resolve,
)
from geomap.geocoder.trust import WEAK_VARIANT_PROMINENCE

__all__ = ["evidence_for", "MAX_CONTEXT_NAMES"]

#: at most this many distinct context names are read
MAX_CONTEXT_NAMES = 50
#: an ambiguous context name with more close candidates than this says nothing about where
MAX_WEAK_CANDIDATES = 8
_LOCAL = frozenset(("site", "city", "district"))


def _admin1_of(entry: Entry) -> str | None:
    return entry.name if entry.kind == "admin1" else entry.admin1


def _telling(candidate: Candidate) -> bool:
    """A candidate of an ambiguous context name that says where the document is: matched on
    a recorded spelling, or a large place. A small town that collides with the name only after
    normalisation (``Prisi`` ~ Prissé, France) is no evidence."""
    return candidate.match == "exact" or candidate.entry.prominence >= WEAK_VARIANT_PROMINENCE


@lru_cache(maxsize=1024)
def _context_evidence(names: tuple[str, ...], hint: frozenset[str]) -> Evidence:
    countries: set[str] = set()
    admin1: set[str] = set()
    admin1_country: dict[str, str | None] = {}
    weak_admin1: Counter[str] = Counter()
    points: list[tuple[float, float]] = []
    weak_points: list[tuple[float, float, int]] = []
    plain = Evidence(countries=hint)
    for number, name in enumerate(names):
        place = resolve(name, plain, use_fuzzy=False)
        if place.resolved and place.lat is not None and place.lon is not None:
            if place.country_code:
                countries.add(place.country_code)
            if place.kind == "admin1" and place.name:
                admin1.add(place.name)
                admin1_country[place.name] = place.country_code
            elif place.admin1:
                weak_admin1[place.admin1] += 1
            if place.kind not in ("country", "region", "sea", "demonym"):
                points.append((place.lat, place.lon))
            continue
        ranked = ranked_candidates(name, plain)
        if not ranked:
            continue
        top = ranked[0].score
        close = [c for c in ranked[:8] if c.score >= top - MARGIN and _telling(c)]
        if not close:
            continue
        shared = {c.entry.country_code for c in close}
        if len(shared) == 1 and None not in shared:
            countries |= shared
        weak_admin1.update({a for c in close if (a := _admin1_of(c.entry))})
        if len(close) <= MAX_WEAK_CANDIDATES:
            weak_points += [(c.entry.lat, c.entry.lon, number) for c in close
                            if c.entry.precision in _LOCAL]
    return Evidence(
        countries=hint,
        context_countries=frozenset(countries),
        context_admin1=frozenset(admin1),
        context_points=tuple(points),
        context_weak_points=tuple(weak_points),
        context_admin1_weak=tuple(sorted(
            (name, n) for name, n in weak_admin1.items() if name not in admin1
        )),
        context_home=frozenset(
            (admin1_country[name], name) for name in admin1 if weak_admin1[name]
        ),
    )


def evidence_for(
    country: str | Iterable[str] | None,
    context: str | Iterable[str] | None,
    exclude: str | None = None,
) -> Evidence:
    """Evidence from a country hint and context names (a list, or one ``|``-separated str).

    A context name spelt like ``exclude`` (the name being resolved, in any case or spelling
    that normalises alike: ``MANSFIELD`` beside ``Mansfield``) is left out: a name is no
    evidence for itself, and its namesakes would vote for every one of its candidates.

    Raises
    ------
    GeomapInputError
        When ``country`` is not alpha-2 codes or ``context`` is neither a str nor an
        iterable of str.
    """
    countries = check_countries(country)
    if context is None:
        return Evidence(countries=countries)
    if isinstance(context, str):
        items = context.split("|")
    else:
        try:
            items = [c for c in context if isinstance(c, str)]
        except TypeError as err:
            raise GeomapInputError(
                f"context must be a list of place names, not {type(context).__name__}"
            ) from err
    cleaned = sorted({clean_query(c).strip() for c in items if c and c.strip()})
    if exclude and cleaned:
        own = normalize_name(exclude)
        cleaned = [c for c in cleaned if normalize_name(c) != own]
    return _context_evidence(tuple(cleaned)[:MAX_CONTEXT_NAMES], countries)
