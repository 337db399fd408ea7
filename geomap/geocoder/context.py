"""What a document's other place names tell about one name (the evidence of
:class:`~geomap.geocoder.rank.Evidence`).

Each context name is looked up without fuzzy search. One that resolves gives its country, its
first-level division and its point. One that stays ambiguous still says something: the
country all its close candidates share (``Hall County``: several states, all in the US), and
the divisions its candidates are or lie in (``Georgia``: the US state or the country), which
count as weaker evidence. ``Gainesville`` beside ``Georgia`` is then Gainesville, Georgia,
though ``Georgia`` alone is ambiguous.

One document, one meaning: a name ambiguous on its own is read once more with what the names
that resolve say (``Georgia`` beside ``Texas`` is the state, and then says which ``Atlanta``
the story means). A name settled that way gives its country and division; its point counts
only as a weak one, since it was itself derived from the others' points.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from geomap.errors import GeomapInputError
from geomap.gazetteer import Entry, normalize_name
from geomap.geocoder.decision import same_place
from geomap.geocoder.rank import HEAD, MARGIN, Candidate, Evidence
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


@dataclass(frozen=True, slots=True)
class _Clue:
    """What one context name says about where the document is."""

    countries: frozenset[str] = frozenset()
    #: ``(division, its country)`` when the name resolves to a first-level division
    division: tuple[str, str | None] | None = None
    #: divisions it may be or lie in (weaker than ``division``)
    weak_divisions: tuple[str, ...] = ()
    point: tuple[float, float] | None = None
    #: points of the close candidates of an ambiguous name
    weak_points: tuple[tuple[float, float], ...] = ()
    #: the name resolved (else it is ambiguous and says only what its candidates share)
    firm: bool = False


_NOTHING = _Clue()


@lru_cache(maxsize=16384)
def _firm_clue(name: str, ev: Evidence) -> _Clue | None:
    """What ``name`` says when it resolves with ``ev`` (no fuzzy search), else None."""
    place = resolve(name, ev, use_fuzzy=False)
    if not place.resolved or place.lat is None or place.lon is None:
        return None
    division = (place.name, place.country_code) if place.kind == "admin1" and place.name \
        else None
    return _Clue(
        countries=frozenset({place.country_code}) if place.country_code else frozenset(),
        division=division,
        weak_divisions=(place.admin1,) if division is None and place.admin1 else (),
        point=None if place.kind in ("country", "region", "sea", "demonym")
        else (place.lat, place.lon),
        firm=True,
    )


@lru_cache(maxsize=16384)
def _clue(name: str, hint: frozenset[str]) -> _Clue:
    """Look one context name up (no fuzzy search): a name that resolves gives its country,
    division and point; one that stays ambiguous, what its close candidates share."""
    plain = Evidence(countries=hint)
    firm = _firm_clue(name, plain)
    if firm is not None:
        return firm
    ranked = ranked_candidates(name, plain)
    if not ranked:
        return _NOTHING
    top = ranked[0].score
    close = [c for c in ranked[:8] if c.score >= top - MARGIN and _telling(c)]
    if not close:
        return _NOTHING
    shared = {c.entry.country_code for c in close}
    weak_points = ()
    if len(close) <= MAX_WEAK_CANDIDATES:
        weak_points = tuple((c.entry.lat, c.entry.lon) for c in close
                            if c.entry.precision in _LOCAL)
    return _Clue(
        countries=frozenset(shared) if len(shared) == 1 and None not in shared else frozenset(),
        weak_divisions=tuple(sorted({a for c in close if (a := _admin1_of(c.entry))})),
        weak_points=weak_points,
    )


@lru_cache(maxsize=1024)
def _context_evidence(names: tuple[str, ...], hint: frozenset[str]) -> Evidence:
    clues = [_clue(name, hint) for name in names]
    firm = _evidence_of(clues, hint, weak=False)
    if firm.context_countries or firm.context_admin1 or firm.context_points:
        # one document, one meaning: a name ambiguous on its own is read again with what
        # the names that resolve say (``Georgia`` beside ``Texas`` is the state); a second
        # round changed nothing on LGL
        clues = [
            clue if clue.firm else (_read_again(name, firm) or clue)
            for name, clue in zip(names, clues, strict=True)
        ]
    clues = _read_with_the_others(names, clues, hint)
    return _evidence_of(clues, hint, weak=True)


def _read_with_the_others(names: tuple[str, ...], clues: list[_Clue], hint: frozenset[str]
                          ) -> list[_Clue]:
    """One document, one meaning, for names that resolve on their own too: a town read with
    what the document's other names say may be another town of that name (``Whitesboro``
    beside ``Cooke`` and ``Grayson``: Whitesboro, Texas, not the New York village); its clue
    is then that town's, its point a weak one (derived from the others' points). Each such
    name is read once more per context, so a document of n names costs up to n * n lookups
    when each of its names is geocoded with the others as context."""
    if len(clues) < 2:
        return clues
    out = []
    for i, (name, clue) in enumerate(zip(names, clues, strict=True)):
        if clue.firm and clue.point is not None and _has_namesakes(name, hint):
            others = _evidence_of(clues[:i] + clues[i + 1:], hint, weak=True)
            again = _firm_clue(name, others)
            if again is not None and again.point is not None and again.point != clue.point:
                clue = replace(again, point=None, weak_points=(again.point,))
        out.append(clue)
    return out


@lru_cache(maxsize=16384)
def _has_namesakes(name: str, hint: frozenset[str]) -> bool:
    """True when another place bears the name (``Whitesboro``: New York and Texas): only then
    can the document's other names make it another place. Most names have one candidate."""
    ranked = ranked_candidates(name, Evidence(countries=hint))
    return bool(ranked) and any(not same_place(ranked[0], c) for c in ranked[1:HEAD])


def _read_again(name: str, firm: Evidence) -> _Clue | None:
    """An ambiguous name read with what the resolved names say: its country and division
    count; its point only as a weak one (it is itself derived from the others' points)."""
    clue = _firm_clue(name, firm)
    if clue is None or clue.point is None:
        return clue
    return replace(clue, point=None, weak_points=(clue.point,))


def _evidence_of(clues: list[_Clue], hint: frozenset[str], *, weak: bool) -> Evidence:
    """The evidence of a document's clues (``weak=False``: only what resolved names say)."""
    countries: set[str] = set()
    admin1_country: dict[str, str | None] = {}
    weak_admin1: Counter[str] = Counter()
    points: list[tuple[float, float]] = []
    weak_points: list[tuple[float, float, int]] = []
    for number, clue in enumerate(clues):
        if not (weak or clue.firm):
            continue
        countries |= clue.countries
        if clue.division is not None:
            admin1_country[clue.division[0]] = clue.division[1]
        weak_admin1.update(clue.weak_divisions)
        if clue.point is not None:
            points.append(clue.point)
        weak_points += [(la, lo, number) for la, lo in clue.weak_points]
    admin1 = frozenset(admin1_country)
    return Evidence(
        countries=hint,
        context_countries=frozenset(countries),
        context_admin1=admin1,
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
