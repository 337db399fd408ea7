"""When the best candidate is still no answer: the checks that turn a winner into
``unresolved`` (a wrong confident answer is the worst failure a map can have).

* :func:`weak_variant` -- a small town matched only through normalisation, or a place of
  unknown size on one of its alternate names, with nothing to support it;
* :func:`short_collision` -- a short name matched only after normalisation (``Read``);
* :func:`elsewhere` -- the winner lies outside every country the document names while a close
  rival lies inside one, or it is only a fuzzy guess or (outside the region) a normalisation
  collision;
* :func:`own_name_rivals` -- the winner bears the name only as an old or foreign name while
  towns that bear it as their own are close behind (with one, that town is the answer).
"""

from __future__ import annotations

from geomap.gazetteer import Entry, normalize_name
from geomap.geocoder.decision import other_name_only, same_place
from geomap.geocoder.rank import HEAD, NEAR_KM, Candidate, Evidence, distance_to, division_score

__all__ = [
    "corroborated",
    "weak_variant",
    "short_collision",
    "elsewhere",
    "own_name_rivals",
    "own_named_area",
    "own_capital",
    "other_division",
    "WEAK_VARIANT_PROMINENCE",
    "UNKNOWN_SIZE_PROMINENCE",
    "SHORT_NAME_LETTERS",
    "ELSEWHERE_MARGIN",
    "OWN_NAME_MARGIN",
    "SPELLING_RATIO",
    "spelling_of",
]

#: a place of unknown population (GeoNames 0) gets prominence 0.2 + 0.02 per alternate name;
#: below this (fewer than 10 names) a match on an alternate name alone is not trusted
UNKNOWN_SIZE_PROMINENCE = 0.4
#: a town below this prominence (~16,000 people) is not matched on a spelling that is not
#: one of its recorded names unless a country hint or the context corroborates it
WEAK_VARIANT_PROMINENCE = 0.6
#: a rival in a country the document names, this close behind a winner outside all of them,
#: makes the answer ambiguous (``Dublin`` in an Ohio story is not settled by Dublin's size)
ELSEWHERE_MARGIN = 0.3


def elsewhere(top: Candidate, ranked: list[Candidate], ev: Evidence) -> bool:
    """The winner lies outside every country the hint and the context name, while a close
    enough candidate lies inside one (or the winner is only a fuzzy guess, or outside the
    region a spelling no source records): the document is probably about somewhere else."""
    inside = ev.countries | ev.context_countries
    cc = top.entry.country_code
    if not ev.context_countries or not cc or cc in inside:
        return False
    if top.match == "fuzzy":  # a guess, and the document is elsewhere: no answer
        return True
    if top.match == "normalized" and not top.in_region:
        # a spelling no source records, outside every country the document names: a
        # collision (``Holopaw`` in a Florida story is not Huolu, China)
        return True
    return any(
        c.entry.country_code in inside and c.score >= top.score - ELSEWHERE_MARGIN
        and not other_name_only(c, top)
        for c in ranked[1:HEAD]
    )


#: a winner matched only through one of its alternate names (an old or foreign name) gives way
#: to ambiguity when a place that carries the name as its own is this close behind
OWN_NAME_MARGIN = 0.4


#: a name this alike (rapidfuzz ratio of the normalised forms) to the entry's own name is a
#: spelling of it, not another name (``Zaporizhzhia`` for Zaporizhzhya)
SPELLING_RATIO = 85.0


def spelling_of(query: str, name: str) -> bool:
    """True when ``query`` is a spelling of ``name`` rather than another name."""
    from rapidfuzz import fuzz  # only reached for the rare alternate-name winner

    return fuzz.ratio(normalize_name(query), normalize_name(name)) >= SPELLING_RATIO


def own_name_rivals(
    top: Candidate, ranked: list[Candidate], query: str = "", ev: Evidence | None = None
) -> list[Candidate]:
    """The towns close behind that bear the name as their own, when ``top`` bears it only as
    an old or foreign name (one per place; empty when the rule does not apply).

    ``Maryville`` is an old name of Beeville, Texas, and the own name of several towns: a
    match on an alternate name does not beat a close rival that bears the name -- with one
    such rival the name is that rival's (``Islamabad`` beside ``Pakistan`` is the capital,
    not Anantnag, locally called so), with several it stays open. Not in the region, where
    transliterations are alternate names (``Palmyra`` is Tadmur), nor when the name is only
    another spelling of the winner's own (``Zaporizhzhia``, Zaporizhzhya). When the winner
    lies in a country the hint or the document names, a rival outside every such country is
    none (``Santa Cruz`` beside ``Bolivia`` is Santa Cruz de la Sierra, whatever the
    Philippine towns of that name)."""
    if top.own_name or top.in_region or top.entry.kind not in ("city", "capital"):
        return []
    if query and spelling_of(query, top.entry.name):
        return []
    named = (ev.countries | ev.context_countries) if ev is not None else frozenset()
    if top.entry.country_code not in named:
        named = frozenset()
    found: list[Candidate] = []
    for c in ranked[1:HEAD]:
        if named and c.entry.country_code not in named:
            continue
        if (c.own_name and c.entry.kind in ("city", "capital")
                and c.score >= top.score - OWN_NAME_MARGIN and not same_place(top, c)
                and not any(same_place(c, f) for f in found)):
            found.append(c)
    return found


#: kinds of the wide areas the gazetteer names in English (seas, straits, regions)
_AREA_KINDS = frozenset(("sea", "region"))


def own_named_area(top: Candidate, ranked: list[Candidate], query: str = "") -> Candidate | None:
    """A sea or wide area that bears the typed name as its own, close behind a division that
    bears it only as another name: the area (``Red Sea`` beside the Suez Canal is the sea,
    not Egypt's Red Sea Governorate, Al Bahr al Ahmar; ``Red Sea State`` is typed with the
    word ``State`` when the Sudanese state is meant)."""
    if top.own_name or top.entry.kind != "admin1":
        return None
    if query and spelling_of(query, top.entry.name):
        return None
    for c in ranked[1:HEAD]:
        if c.score < top.score - OWN_NAME_MARGIN:
            break
        if c.own_name and c.entry.kind in _AREA_KINDS:
            return c
    return None


def own_capital(top: Candidate, ranked: list[Candidate]) -> Candidate | None:
    """The country's capital, when the winner is a small town of the same country that bears
    the capital's name and wins on the story's state alone: ``Washington`` in a Maine story is
    the capital, not Washington, Maine (1,500 people); LGL's local news means the capital 24
    times of 26. A foreign capital gives way to the local town (``Paris`` in an Illinois
    story is Paris, Illinois)."""
    e = top.entry
    if e.kind != "city" or e.prominence >= OTHER_DIVISION_PROMINENCE:
        return None
    for c in ranked[1:HEAD]:
        if (c.entry.kind == "capital" and c.own_name and c.entry.country_code == e.country_code
                and c.entry.name == e.name):
            return c
    return None


#: a town below this prominence (~50,000 people) in another division than every one the
#: document names, with nothing near it, is not taken on its name alone
OTHER_DIVISION_PROMINENCE = 0.67


def other_division(top: Candidate, ev: Evidence) -> bool:
    """The story is in a first-level division (the document names it and another place in
    it: ``Virginia``, ``Richmond``); the winner is a town in another one that nothing in the
    document points to (``Charles City``, Iowa, in a story about Charles City County, Virginia)."""
    e = top.entry
    if e.kind not in ("city", "capital") or not e.admin1:
        return False
    if not any(cc == e.country_code for cc, _name in ev.context_home):
        return False
    if e.prominence >= OTHER_DIVISION_PROMINENCE or division_score(e, ev) > 0:
        return False  # large enough, or its division is named or voted for
    return not (ev.context_points and distance_to(e, ev.context_points) < NEAR_KM)


def corroborated(entry: Entry, ev: Evidence) -> bool:
    """True when a country hint or the context supports the entry."""
    cc = entry.country_code
    if cc and (cc in ev.countries or cc in ev.context_countries):
        return True
    if entry.admin1 and entry.admin1 in ev.context_admin1:
        return True
    return bool(ev.context_points) and distance_to(entry, ev.context_points) < NEAR_KM


#: a name this short (letters) matched only through normalisation is a collision more often
#: than a spelling (``Read`` ~ Riyadh's ``Riad``, ``Ill.`` ~ Eyl, ``Air`` ~ Hyeres): it needs a
#: country hint or the context to back it, however large the place
SHORT_NAME_LETTERS = 4


def short_collision(top: Candidate, ev: Evidence, query: str) -> bool:
    """A short query that matches ``top`` only after normalisation, with nothing to support it."""
    if top.match != "normalized":
        return False
    letters = sum(ch.isalpha() for ch in query)
    return letters <= SHORT_NAME_LETTERS and not corroborated(top.entry, ev)


def weak_variant(top: Candidate, ev: Evidence) -> bool:
    """A small town matched only through normalisation, or a place of unknown size with few
    recorded names matched only through one of its alternate names (``Arman`` is an old
    name of Kaymas, a Turkish village GeoNames gives population 0), with nothing to
    support it."""
    e = top.entry
    if e.kind not in ("city", "capital") or corroborated(e, ev):
        return False
    if top.match != "exact":
        return e.prominence < WEAK_VARIANT_PROMINENCE
    if top.own_name:
        return False
    if e.population == 0:
        return e.prominence < UNKNOWN_SIZE_PROMINENCE
    # outside the region (where transliterations are alternate names), a small town known
    # by the name only as an old or foreign name (``Ten Mile`` is an old name of Holbrook,
    # New South Wales)
    return not top.in_region and e.prominence < WEAK_VARIANT_PROMINENCE
