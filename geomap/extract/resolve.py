"""Decide which gazetteer entry a matched name means, using the article's own context.

A name in an article is judged against the *context* of that article: the countries it
names (by name, demonym or abbreviation), its dateline, and the places it names outright.
:func:`plausible` says whether an entry is believable at all (a small town in Malaysia is not
what "The" means in a dispatch from Erbil); :func:`rank` orders the believable ones (Aden in
Yemen in a Yemen story; "Deir el-Zour province" is the governorate, "Deir ez-Zor" alone the
city). The geocoder (:func:`geomap.geocoder.geocode`, given the same context) then makes the
:class:`~geomap.geocoder.Place`; when it answers with an entry outside the believable set, the
best-ranked entry is used instead, so the geocode always agrees with what was matched.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from anyascii import anyascii
from rapidfuzz import fuzz

from geomap.gazetteer import normalize_name
from geomap.gazetteer.kinds import GENERIC_KINDS

__all__ = ["Context", "plausible", "rank", "similarity", "GENERIC_KINDS", "FEATURE_KINDS"]

_SETTLEMENT = frozenset({"city", "capital", "district"})
_ADMIN = frozenset({"admin1"})
FEATURE_KINDS = _FEATURE = frozenset({
    "sea", "gulf", "strait", "canal", "region", "island", "base", "airbase", "site", "port",
    "terminal", "oilfield", "gasfield", "dam", "crossing",
})
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")
_ARTICLE = re.compile(r"^(?:the|al|el|ad|an|ar|as|ash|at|az|ez|ed)[\s\-]+", re.IGNORECASE)


@dataclass
class Context:
    """What an article tells about where it is.

    ``countries`` counts every mention of a country (by name, demonym, abbreviation, dateline
    or a place that can only be in it).
    """

    countries: Counter[str] = field(default_factory=Counter)
    dateline_country: str | None = None
    dateline_place: str | None = None
    #: country code -> a name of it the gazetteer knows ("Iraq")
    country_names: dict[str, str] = field(default_factory=dict)
    #: ``(country code, first-level division)`` the article names ("Minnesota", "Ky.", the
    #: state of a place that can only be in one): a town there is believable and preferred
    states: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: every name the article writes as a place (not inside an organisation's name): the
    #: geocoder's context when the believable readings of a name contest
    names: tuple[str, ...] = ()

    def add_country(self, code: str | None, weight: int = 1, name: str | None = None) -> None:
        """Count one more mention of country ``code`` (ignored when None)."""
        if code:
            self.countries[code] += weight
            if name:
                self.country_names.setdefault(code, name)

    def add_state(self, code: str | None, admin1: str | None, weight: int = 1) -> None:
        """Count one more mention of first-level division ``admin1`` of country ``code``."""
        if code and admin1:
            self.states[(code, admin1)] += weight

    def states_of(self, code: str | None) -> int:
        """How often the article names first-level divisions of country ``code``."""
        return sum(n for (cc, _admin1), n in self.states.items() if cc == code)

    def in_state(self, entry: Any) -> int:
        """How often the article names the first-level division ``entry`` lies in."""
        if not self.states or not entry.country_code or not entry.admin1:
            return 0
        return self.states.get((entry.country_code, entry.admin1), 0)

    def geocoder_context(self, limit: int = 8) -> tuple[str, ...]:
        """The context for :func:`geomap.geocoder.geocode`: the dateline place and the names of
        the article's countries, most mentioned first (a short list, so it repeats across
        articles and the geocoder's own cache answers)."""
        names = [self.country_names[c] for c in self.codes() if c in self.country_names]
        if self.dateline_place:
            names.insert(0, self.dateline_place)
        return tuple(names[:limit])

    def codes(self) -> tuple[str, ...]:
        """Country codes, most mentioned first (the dateline country first of all)."""
        ranked = [c for c, _n in self.countries.most_common()]
        if self.dateline_country in ranked:
            ranked.remove(self.dateline_country)
            ranked.insert(0, self.dateline_country)
        return tuple(ranked)

    def key(self) -> tuple[str, ...]:
        """A hashable summary, for caching geocodes within an article."""
        return self.codes()


@lru_cache(maxsize=65536)
def _plain(text: str) -> str:
    text = anyascii(text).lower().replace("'", "").replace("’", "")
    return _ARTICLE.sub("", text).strip()


def _alike(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b or b.startswith(a + " ") or a.startswith(b + " "):
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def similarity(written: str, name: str) -> float:
    """How alike the name as written and an entry's name look (0..1, articles ignored), as
    spelt or after the gazetteer's transliteration rules (Hodeidah = Al Hudaydah)."""
    return max(_alike(_plain(written), _plain(name)),
               _alike(normalize_name(written), normalize_name(name)))


def plausible(entry: Any, written: str, ctx: Context, *, multiword: bool,
              strict: bool = False) -> bool:
    """Whether ``entry`` is a believable reading of ``written`` in this article.

    Countries always are; seas, bases and other named features when their country is in
    the article (or they have none) or the name is written nearly as the entry's; towns,
    provinces and airports only in a country the article names, or when large and written
    nearly as named (a name of several words, or in Arabic script, need only be alike: the
    normalisation already matched it, and such names rarely collide with English words).
    ``strict`` (a name inside an organisation's name, or in capitals outside the dateline)
    also asks a town in the article's countries to be written as named.
    """
    kind = entry.kind
    cc = entry.country_code
    if kind == "country":
        return True
    in_ctx = cc is not None and (cc in ctx.countries or ctx.in_state(entry) > 0)
    sim = similarity(written, entry.name)
    if not strict and (_ARABIC_SCRIPT.search(written) or (multiword and sim >= 0.6)):
        sim = max(sim, 0.85)
    if strict and (sim < 0.85 or not (in_ctx or cc is None)):
        return False
    if kind in _FEATURE:
        return cc is None or in_ctx or sim >= 0.85
    if in_ctx:
        # a hamlet that merely carries the name as an alternate spelling is not believed
        return sim >= 0.5 or entry.population >= 5_000 or kind != "city"
    if kind == "capital":
        return sim >= 0.8
    floor = 10_000 if multiword else 100_000
    if kind in _ADMIN:
        floor = max(floor, 1_000_000)
    return sim >= 0.85 and entry.population >= floor


def rank(entries: Iterable[tuple[int, Any]], written: str, generic: str | None,
         ctx: Context) -> list[tuple[float, int, Any]]:
    """Score ``(index, entry)`` pairs for ``written``; best first.

    Score = 2.5 x prominence (population, capital, admin level: London is the capital before a town
    in Ohio) + up to 1.5 as the article names the entry's country more often (+0.5 for the dateline
    country) + half the written-name similarity + 1 when the generic word fits the kind ("province"
    and an admin1) + 0.5 for a town over a province of the same bare name + 0.5 for a country over
    a town, + 1 for a first-level division of a country whose divisions the article names over a
    country of its name ("Georgia" beside Florida); -1.5 for a place fifty times smaller than a
    namesake of a million people -- unless it lies in a first-level division the article names
    ("Minn.", "Rapides Parish" in Louisiana): then up to 2 more.
    """
    fits = GENERIC_KINDS.get(generic or "", frozenset())
    entries = list(entries)
    biggest = max((int(e.population or 0) for _i, e in entries), default=0)
    # countries among the readings: a division of another country's name wins when the article
    # names its sister divisions ("Georgia" beside Florida); a division named like its own
    # country does not ("Mexico" beside Sinaloa is the country, not the State of Mexico)
    rival_countries = {e.country_code for _i, e in entries if e.kind == "country"}
    scored = []
    for index, entry in entries:
        score = 2.5 * float(entry.prominence)
        sim = similarity(written, entry.name)
        # a town of the state written as named (not "Minneota" for "Minnesota")
        in_state = ctx.in_state(entry) if sim >= 0.99 else 0
        if in_state:
            score += min(2.0, 1.5 + 0.25 * in_state)  # Alexandria in a story naming Minn.
        elif biggest >= 1_000_000 and biggest >= 50 * max(1, int(entry.population or 0)):
            score -= 1.5  # a town in Ohio is not what "London" means
        count = ctx.countries.get(entry.country_code or "", 0)
        if count:
            score += min(1.5, 0.4 + 0.2 * count)
            if entry.country_code == ctx.dateline_country:
                score += 0.5
        score += 0.5 * sim
        if entry.kind in fits:
            score += 1.0
        if generic is None and entry.kind in _SETTLEMENT:
            score += 0.5
        if entry.kind == "country":
            score += 0.5
        elif (entry.kind == "admin1" and rival_countries - {entry.country_code}
              and ctx.states_of(entry.country_code)):
            score += 1.0  # "Georgia" beside Florida and North Carolina is the state
        scored.append((score, index, entry))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return scored
