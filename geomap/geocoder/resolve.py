"""Resolve one name: clean the input, gather candidates (alias, normalised, fuzzy), decide."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import islice

from geomap.errors import GeomapInputError
from geomap.gazetteer import Gazetteer, load_gazetteer, normalize_name, split_generic
from geomap.gazetteer.index import FLAG_CODE, FLAG_DEMONYM
from geomap.gazetteer.normalize import exact_form_uncached, normalize_name_uncached
from geomap.geocoder.decision import confidence, decide
from geomap.geocoder.place import ALTERNATIVE_KEYS, Place, place_from_entry, unresolved
from geomap.geocoder.rank import Candidate, Evidence, Hit, score_candidates
from geomap.geocoder.trust import (
    elsewhere,
    other_division,
    own_capital,
    own_name_rivals,
    own_named_area,
    short_collision,
    weak_variant,
)

__all__ = [
    "resolve",
    "resolve_cached",
    "clean_query",
    "resolve_qualified",
    "check_countries",
    "ranked_candidates",
    "MAX_QUERY_CHARS",
]

#: Longer input is not a place name: it comes back unresolved without being scanned.
MAX_QUERY_CHARS = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]+")
_CODE = re.compile(r"^[A-Z]{3,4}$")
_CC = re.compile(r"^[A-Za-z]{2}$")
_AREA_GENERICS = frozenset(("admin1", "district", "region"))
#: split_generic without its cache: each distinct query is split once (resolve_cached holds
#: the answers), and a cache filled with one-off keys costs time and collector work
_split_generic = split_generic.__wrapped__


def clean_query(name: object) -> str:
    """The name as a str with control characters turned into spaces.

    Raises
    ------
    GeomapInputError
        When ``name`` is not a string.
    """
    if not isinstance(name, str):
        raise GeomapInputError(f"a place name must be a str, not {type(name).__name__}")
    return _CONTROL.sub(" ", name)


def check_countries(country: str | Iterable[str] | None) -> frozenset[str]:
    """ISO alpha-2 hint(s) upper-cased; ``"IQ,SY"`` and lists allowed.

    Raises
    ------
    GeomapInputError
        When a code is not two letters.
    """
    if country is None:
        return frozenset()
    items = country.split(",") if isinstance(country, str) else list(country)
    codes = [str(c).strip() for c in items if str(c).strip()]
    bad = [c for c in codes if not _CC.match(c)]
    if bad:
        raise GeomapInputError(f"country must be ISO 3166-1 alpha-2 codes (e.g. IQ), not {bad!r}")
    return frozenset(c.upper() for c in codes)


def _hits(gaz: Gazetteer, query: str, core: str) -> list[Hit]:
    found = gaz.postings(core)
    hits = [(p.entry, p.generic, p.flags, "normalized", 100.0) for p in found]
    if any(p.flags & FLAG_CODE for p in found) and _CODE.match(query.strip()) is None:
        # a code (IATA, ICAO ...) counts only when typed as one
        hits = [h for h in hits if not h[2] & FLAG_CODE]
    return hits


def _fuzzy_hits(gaz: Gazetteer, core: str) -> list[Hit]:
    found = _fuzzy_search(gaz)(core)
    if not found:
        return []
    hits: list[Hit] = []
    for pos, ratio in found:
        hits += [
            (p.entry, p.generic, p.flags, "fuzzy", ratio)
            for p in gaz.postings_at(pos)
            if not p.flags & FLAG_CODE
        ]
    return hits


@lru_cache(maxsize=4)
def _fuzzy_search(gaz: Gazetteer) -> Callable[[str], list[tuple[int, float]]]:
    """The fuzzy index's search of ``gaz``, imported and built on first use (rapidfuzz is
    loaded only when a name needs it)."""
    from geomap.geocoder.fuzzy import fuzzy_index

    return fuzzy_index(gaz).search


def _province_of_city(gaz: Gazetteer, hits: list[Hit], qgen: str, ev: Evidence) -> list:
    """``Erbil Governorate`` when the province is filed under another name (``Arbil``):
    the provinces named as the admin1 of the cities that match."""
    cities = score_candidates(gaz, hits, None, frozenset(), ev)
    admin_names = {c.entry.admin1 for c in cities if c.entry.kind in ("city", "capital")}
    prov_hits: list[Hit] = []
    for name in sorted(n for n in admin_names if n):
        core, _g = split_generic(normalize_name(name))
        prov_hits += [
            (p.entry, qgen, p.flags, "normalized", 100.0)
            for p in gaz.postings(core)
            if gaz.kind_of(p.entry) == "admin1" and gaz.entry(p.entry).name == name
        ]
    return score_candidates(gaz, prov_hits, qgen, frozenset(), ev)


#: the words of a district named after its seat (``Nikopol district``, ``Bakhmut Raion``)
_DISTRICT_WORD = re.compile(r"\b(?:district|raion|rayon)\b", re.IGNORECASE)
#: radius of a district around its seat when the gazetteer has no entry for the district:
#: Ukraine's raions of 2020 cover some 3,000-10,000 km2 (a disc of 31-56 km)
DISTRICT_AROUND_TOWN_KM = 40.0


def _district_around_town(gaz: Gazetteer, hits: list[Hit], query: str,
                          ev: Evidence) -> Place | None:
    """``Nikopol district``, ``Bakhmut Raion``: the district around the town it is named
    after, when the gazetteer knows the town and not the district (it has no raions): the
    town's point with a district's precision and radius, rather than the whole province.
    None when no town, or not one town, bears the name."""
    town_name = _DISTRICT_WORD.sub(" ", query).strip(" ,-")
    typed = exact_form_uncached(town_name)
    towns = [c for c in score_candidates(gaz, hits, None, frozenset(gaz.exact_entries(typed)),
                                         ev, typed)
             if c.entry.kind in ("city", "capital")]
    if not towns:
        return None
    winner, _rivals = (towns[0], []) if len(towns) == 1 else decide(towns, None, ev, typed)
    if winner is None or weak_variant(winner, ev) or own_name_rivals(winner, towns,
                                                                      town_name, ev):
        return None
    e = winner.entry
    place = place_from_entry(query, e, match=winner.match, confidence=confidence(winner, towns))
    return dataclasses.replace(
        place, name=f"{e.name} district", precision="district", kind="district",
        radius_km=max(DISTRICT_AROUND_TOWN_KM, place.radius_km or 0.0),
        source_id=f"{e.source_id}:district",
    )


def ranked_candidates(query: str, ev: Evidence) -> list[Candidate]:
    """The scored candidates of ``query`` (no fuzzy search, no decision), best first: what
    the context of a document is read from."""
    norm = normalize_name(query) if query.strip() and len(query) <= MAX_QUERY_CHARS else ""
    if not norm:
        return []
    core, qgen = split_generic(norm)
    gaz = load_gazetteer()
    return _scored(gaz, exact_form_uncached(query), _hits(gaz, query, core), qgen, ev)[0]


def _scored(
    gaz: Gazetteer, typed: str, hits: list[Hit], qgen: str | None, ev: Evidence
) -> tuple[list[Candidate], list[Hit], bool]:
    """``(candidates, hits kept, the query is a demonym)`` for the exact and normalised hits
    of a query typed as ``typed`` (its :func:`~geomap.gazetteer.normalize.exact_form`): the
    scoring :func:`resolve` and :func:`ranked_candidates` share."""
    if not hits:
        return [], hits, False
    exact = frozenset(gaz.exact_entries(typed))
    demonyms, hits = _split_demonyms(hits, exact)
    if demonyms:  # "Syrian", "Texan": the country or area, never a town spelled like them
        hits = demonyms
    return score_candidates(gaz, hits, qgen, exact, ev, typed), hits, bool(demonyms)


def _split_demonyms(hits: list[Hit], exact: frozenset[int]) -> tuple[list[Hit], list[Hit]]:
    """``(demonym hits typed exactly, the other hits)``: a demonym that only collides with the
    query after normalisation is dropped."""
    if not any(h[2] & FLAG_DEMONYM for h in hits):
        return [], hits
    demonyms = [h for h in hits if h[2] & FLAG_DEMONYM and h[0] in exact]
    return demonyms, [h for h in hits if not h[2] & FLAG_DEMONYM]


def resolve(query: str, ev: Evidence, *, use_fuzzy: bool = True) -> Place:
    """Geocode one cleaned query with the given evidence."""
    if not query.strip() or len(query) > MAX_QUERY_CHARS:
        return unresolved(query)
    norm = normalize_name_uncached(query)  # resolve_cached holds the answers
    if not norm:
        return unresolved(query)
    core, qgen = _split_generic(norm)
    gaz = load_gazetteer()
    hits = _hits(gaz, query, core)
    if not hits and "," in query:
        qualified = resolve_qualified(query, ev, use_fuzzy=use_fuzzy)
        if qualified is not None:
            return qualified
    typed = exact_form_uncached(query)
    ranked, hits, demonym = _scored(gaz, typed, hits, qgen, ev)
    use_fuzzy = use_fuzzy and not demonym
    if not ranked and hits and qgen == "district" and _DISTRICT_WORD.search(query):
        around = _district_around_town(gaz, hits, query, ev)
        if around is not None:
            return around
    if not ranked and hits and qgen in _AREA_GENERICS:
        ranked = _province_of_city(gaz, hits, qgen, ev)
    if not ranked and use_fuzzy:
        ranked = score_candidates(gaz, _fuzzy_hits(gaz, core), qgen, frozenset(), ev)
    if not ranked:
        return unresolved(query)
    owners = own_name_rivals(ranked[0], ranked, query, ev)
    area = own_named_area(ranked[0], ranked, query)
    if area is not None:
        owners = [area]
    if len(owners) == 1:  # the one place that bears the name as its own comes first
        ranked = [owners[0], *(c for c in ranked if c is not owners[0])]
    # one candidate: decide() would return it with no rival (nothing to outweigh or nest)
    winner, rivals = (ranked[0], []) if len(ranked) == 1 else decide(ranked, qgen, ev, typed)
    if winner is None:
        alts = tuple(c.as_alternative() for c in rivals[:5])
        match = ranked[0].match if alts else "none"
        return unresolved(query, ambiguous=bool(alts), alternatives=alts, match=match)
    winner = own_capital(winner, ranked) or winner
    if weak_variant(winner, ev) or short_collision(winner, ev, query) or (
        elsewhere(winner, ranked, ev) or own_name_rivals(winner, ranked, query, ev)
    ) or other_division(winner, ev):
        alts = tuple(c.as_alternative() for c in ranked[:5])
        return unresolved(query, alternatives=alts, match=winner.match)
    e = winner.entry
    alts = (
        tuple(islice((c.as_alternative() for c in ranked if c is not winner), 5))
        if len(ranked) > 1
        else ()
    )
    return place_from_entry(
        query, e, match=winner.match, confidence=confidence(winner, ranked),
        alternatives=alts, kind="demonym" if demonym else None,
    )


_QUALIFIED = re.compile(r"^\s*([^,]{2,80}?)\s*,\s*([^,]{2,60}?)\s*$")
_QUALIFIER_KINDS = frozenset(("country", "admin1", "district"))


def _qualifier_areas(tail: str, ev: Evidence) -> list[tuple[str | None, str | None]]:
    """``(country code, admin1 name)`` of each country or division ``tail`` may name: one when
    it resolves, else each country/first-level candidate (``Georgia``: the state and the
    country)."""
    area = resolve(tail, Evidence(countries=ev.countries), use_fuzzy=False)
    if area.resolved:
        if area.kind not in _QUALIFIER_KINDS:
            return []
        return [(area.country_code, area.name if area.kind == "admin1" else area.admin1)]
    return [
        (a["country_code"], a["name"] if a["kind"] == "admin1" else None)
        for a in area.alternatives[:3]
        if a["kind"] in ("country", "admin1")
    ]


def resolve_qualified(query: str, ev: Evidence, *, use_fuzzy: bool = True) -> Place | None:
    """``Kent, Ohio``, ``Paris, Texas``, ``Hampshire, England``: the head resolved inside the
    country or division the qualifier names.

    Returns None when the part after the comma is not a country or division (the query is
    then not a qualified name); an unresolved Place when the head has no answer inside it.
    """
    m = _QUALIFIED.match(query)
    if m is None:
        return None
    head, tail = m.groups()
    areas = _qualifier_areas(tail, ev)
    if not areas:
        return None
    last = None
    for cc, admin1 in areas:
        inner = dataclasses.replace(  # the caller's evidence, and the qualifier as a hint
            ev,
            countries=frozenset({cc}) if cc else ev.countries,
            context_admin1=ev.context_admin1 | (frozenset({admin1}) if admin1 else frozenset()),
        )
        place = last = resolve(head, inner, use_fuzzy=use_fuzzy)
        inside = place.resolved and (not cc or place.country_code == cc) and (
            admin1 is None or place.admin1 == admin1 or place.name == admin1
        )
        if inside:
            return dataclasses.replace(place, query=query)
    alts = last.alternatives or (
        ({k: getattr(last, k) for k in ALTERNATIVE_KEYS[:-1]}
         | {"score": last.confidence},) if last.resolved else ()
    )
    return unresolved(query, alternatives=tuple(alts)[:5], match=last.match)


@lru_cache(maxsize=50_000)
def resolve_cached(query: str, ev: Evidence) -> Place:
    """:func:`resolve` with a per-process cache (answers are immutable)."""
    return resolve(query, ev)
