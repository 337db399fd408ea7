"""The decision between scored candidates (:mod:`geomap.geocoder.rank` scores them).

Outside towns that a larger town of the region outweighs are set aside first
(:func:`drop_outweighed`: ``Palmyra`` is Tadmur, not Palmyra PA), unless they carry the name as
their own and are within ``OWN_NAME_FACTOR`` of its size (``Salt``: As-Salt JO and Salt ES stay
ambiguous). The best candidate then wins unless a *rival* -- a candidate that is not the same
place (further apart than their radii) -- scores within ``MARGIN``: then the answer is ambiguous
-- unless the rival bears the name only as an old or foreign name and the winner as its own
(:func:`other_name_only`: ``Russia`` is not Krasna Kosa, a village once called so). ``MARGIN``
(0.14) sits just under what a population ten times larger weighs (log10(10) / 7 = 0.143): a city
ten times the size of its namesake decides (Raqqa, 532,000, over Ar Riqqah, Kuwait, 52,000).
Between nested candidates (a city and its province of the same name) the finer one wins when the
query names no generic word and it scores within ``NESTED_MARGIN``; a town that wins only on
another of its names gives way, within the same margin, to the country or province around it
whose own name was typed (``Mexico`` beside ``Mexico City`` is the country). A small town
matched only through normalisation, or a place of unknown size matched only on an alternate
name, with nothing to corroborate it, stays unresolved
(:func:`geomap.geocoder.trust.weak_variant`, with the other checks that turn a winner into no
answer).
"""

from __future__ import annotations

from geomap.gazetteer import Entry
from geomap.gazetteer.normalize import exact_form, plain_form
from geomap.geocoder.rank import (
    HEAD,
    MARGIN,
    NESTED_MARGIN,
    OWN_NAME_FACTOR,
    Candidate,
    Evidence,
    haversine_km,
)
from geomap.precision import PRECISIONS

__all__ = ["decide", "drop_outweighed", "same_place", "confidence", "other_name_only"]

#: confidence before the gap for exact and normalised matches (fuzzy ones go by their ratio)
_MATCH_BASE = {"exact": 0.97, "normalized": 0.92}


def same_place(a: Candidate, b: Candidate) -> bool:
    """True when one candidate lies within the other's radius or the other's first-level
    division (nested or duplicate): the town of Ménaka lies in the region of Ménaka, though
    77 km from the point that stands for the region."""
    d = haversine_km(a.entry.lat, a.entry.lon, b.entry.lat, b.entry.lon)
    return d <= max(a.radius, b.radius) + 5.0 or _in_division(a.entry, b.entry) or (
        _in_division(b.entry, a.entry))


def _in_division(place: Entry, division: Entry) -> bool:
    return (division.kind == "admin1" and place.kind != "admin1"
            and place.admin1 == division.name and place.country_code == division.country_code)


def _own_name_typed(entry: Entry, typed: str) -> bool:
    """True when ``typed`` (an :func:`exact_form`) is the entry's own name, with or without its
    diacritics (``Bihar`` for Bihār)."""
    return typed in (exact_form(entry.name), plain_form(entry.name))


def _finer_nested(top: Candidate, ranked: list[Candidate], typed: str = "") -> Candidate:
    """A finer candidate nested in ``top`` that scores close enough replaces it (``Deir
    ez-Zor`` is the city, not the province). When the division's own name was typed, the
    finer one must bear it as its own too, lie in the region (where transliterations are
    alternate names) or outweigh the division: ``Bihar`` is the Indian state, not Bihar
    Sharif, a smaller city inside it once called so; ``Santa Cruz`` in Bolivia is the city of
    1.5 million more than its department; ``Washington, D.C.`` (an alias of the district) is
    still the city."""
    level = PRECISIONS.index(top.entry.precision)
    own_typed = bool(typed) and _own_name_typed(top.entry, typed)
    for c in ranked[1:]:
        if c.score < top.score - NESTED_MARGIN:
            break
        if own_typed and not (c.own_name or c.in_region
                              or c.entry.prominence >= top.entry.prominence):
            continue
        if PRECISIONS.index(c.entry.precision) < level and c.entry.kind in ("city", "capital"):
            if same_place(top, c):
                return c
    return top


def _coarser_named(top: Candidate, ranked: list[Candidate], typed: str) -> Candidate:
    """A town that wins only on another of its names gives way to the country or province
    around it whose own name was typed, when that scores close enough: ``Mexico`` in a story
    that also names Mexico City is the country (the reverse of :func:`_finer_nested`, where the
    town's own name was typed: ``Deir ez-Zor`` is the city)."""
    if _own_name_typed(top.entry, typed):
        return top
    for c in ranked[1:]:
        if c.score < top.score - NESTED_MARGIN:
            break
        if (c.entry.kind in ("country", "admin1") and _own_name_typed(c.entry, typed)
                and same_place(top, c)):
            return c
    return top


def _outweighed(c: Candidate, regional: list[Candidate]) -> bool:
    """A town outside the region that a larger town of the region outweighs.

    geomap maps the Middle East: ``Palmyra`` is Tadmur (51,000 people), not Palmyra,
    Pennsylvania (7,000). An outside town is set aside when a regional town matched just as
    well is larger -- ``OWN_NAME_FACTOR`` times larger when the outside town carries the
    name as its own (``Salt``, Spain, 31,000, keeps As-Salt, Jordan, 108,000, ambiguous).
    """
    if c.in_region or c.entry.kind not in ("city", "capital") or not c.entry.population:
        return False
    need = c.entry.population * (OWN_NAME_FACTOR if c.own_name else 1.0)
    return any(
        r.entry.population > need and r.match == c.match and r.score >= c.score - MARGIN
        for r in regional
    )


def drop_outweighed(ranked: list[Candidate]) -> list[Candidate]:
    """``ranked`` without the outside towns a regional town outweighs (see :func:`_outweighed`)."""
    head, tail = ranked[:HEAD], ranked[HEAD:]  # beyond the head no candidate decides
    regional = [c for c in head if c.in_region and c.entry.kind in ("city", "capital")]
    if not regional or len(regional) == len(head):
        return ranked
    return [c for c in head if not _outweighed(c, regional)] + tail


def other_name_only(rival: Candidate, top: Candidate) -> bool:
    """A rival outside the region that bears the name only as an old or foreign name does not
    make a winner that bears it as its own ambiguous (``Russia`` in a Ukrainian story is the
    country, not Krasna Kosa, a village once called so; ``Pokrovsk`` is not Engels). Nor, in
    the region too, does one that bears the English name of a sea or wide area the winner
    bears as its own (``Red Sea``: the Red Sea governorates of Egypt and Sudan)."""
    return top.own_name and not rival.own_name and (
        not rival.in_region or top.entry.kind in ("sea", "region"))


def decide(
    ranked: list[Candidate], qgen: str | None = None, ev: Evidence | None = None,
    typed: str = "",
) -> tuple[Candidate | None, list[Candidate]]:
    """``(winner, rivals)``: winner None when rivals within ``MARGIN`` make it ambiguous.

    With a document that names countries (``ev.context_countries``), a candidate outside all
    of them is no rival to a winner inside one (Alexandria, Egypt, in a Minnesota story)."""
    ranked = drop_outweighed(ranked)
    if not ranked:
        return None, []
    top = ranked[0]
    inside = (ev.countries | ev.context_countries) if ev and ev.context_countries else None
    home = inside is not None and top.entry.country_code in inside
    rivals = [
        c for c in ranked[1:]
        if c.score >= top.score - MARGIN and not same_place(top, c)
        and not (home and c.entry.country_code not in inside)
        and not other_name_only(c, top)
    ]
    if rivals:
        return None, [top, *rivals]
    if qgen is None and top.entry.kind in ("admin1", "district"):
        top = _finer_nested(top, ranked, typed)
    elif typed and top.entry.kind in ("city", "capital"):
        top = _coarser_named(top, ranked, typed)
    return top, []


def confidence(top: Candidate, ranked: list[Candidate]) -> float:
    """0..1 from the match kind and the gap to the best candidate elsewhere."""
    base = _MATCH_BASE.get(top.match)
    if base is None:
        base = 0.5 + 0.4 * (top.ratio - 80) / 20
    # ranked is sorted best first: the first candidate elsewhere is the best one elsewhere
    other = next((c.score for c in ranked if c is not top and not same_place(top, c)), None)
    gap = top.score - other if other is not None else 1.0
    return round(max(0.05, min(1.0, base * min(1.0, 0.6 + gap))), 3)
