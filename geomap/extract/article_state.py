"""The first-level division a local story is set in, from the places it names together.

Local news rarely names its country or state: "Schaumburg trustees ... Northbrook-based Crate
& Barrel ... Woodfield". Each such name is a town in several states (or abroad), but the states
they share tell where the story is: the one division that several different names of the
article can lie in, written exactly as named, when no other reading is as well supported.
Only for an article that names no country but the division's own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from geomap.gazetteer.normalize import exact_form

__all__ = ["shared_state"]

#: the votes the best division needs, and by how much it must lead the next one
MIN_VOTES = 1.0
LEAD = 1.5


def shared_state(names: Iterable[tuple[str, Sequence[Any]]],
                 countries: Iterable[str]) -> tuple[str, str] | None:
    """``(country code, admin1)`` that the names share, or None.

    Parameters
    ----------
    names : iterable of (str, sequence of gazetteer entries)
        Each distinct name as written, with every entry it matched.
    countries : iterable of str
        The country codes the article names (by name, demonym, abbreviation, dateline).

    Each name votes 1, shared between the divisions of the entries written exactly as the
    name ("Northbrook" in Ohio and in Illinois: half each); a country among its entries, or
    an entry abroad when the article names a country, takes its share. The best division
    wins with at least ``MIN_VOTES`` from two names or more, and ``LEAD`` times the votes of
    the next.
    """
    named = set(countries)
    votes: Counter[tuple[str, str]] = Counter()
    voters: Counter[tuple[str, str]] = Counter()
    for written, entries in names:
        form = exact_form(written)
        homes: set[tuple[str, str] | None] = set()
        for entry in entries:
            if entry.kind == "country":
                homes.add(None)
            elif entry.country_code and entry.admin1 and _as_named(form, entry.name):
                homes.add((entry.country_code, entry.admin1))
        if not homes or homes == {None}:
            continue
        for home in homes:
            if home is not None and (not named or named == {home[0]}):
                votes[home] += 1.0 / len(homes)
                voters[home] += 1
    if not votes:
        return None
    (best, top), *rest = votes.most_common(2) + [((None, None), 0.0)]
    runner = rest[0][1]
    if top >= MIN_VOTES and top >= LEAD * runner and voters[best] >= 2:
        return best
    return None


def _as_named(form: str, name: str) -> bool:
    other = exact_form(name)
    return other == form or other.startswith(form + " ")
