""""X, Y" qualifiers: "Alexandria, Va.", "Wintersville, Ohio", "Tyre, Lebanon".

A name followed by a comma and a state (written, or in AP style) or a country is in that
state or country; that reading holds for every bare repeat of the name in the article (one
document, one meaning). :func:`qualifiers` finds them; :func:`within` keeps the entries that
agree, or all of them when none does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["Area", "qualifiers", "within"]

#: ``(country code, first-level division or None)``
Area = tuple[str, str | None]

_COMMA = re.compile(r",[ \t]*")


def qualifiers(names: Sequence[Any], areas: dict[int, Area], text: str, gazetteer: Any,
               min_population: int) -> dict[int, Area]:
    """``start -> area`` for every matched name followed by ", " and a state or country.

    Parameters
    ----------
    names : sequence
        The selected names (``start``, ``end`` and ``cand.entries``, gazetteer indices).
    areas : dict
        Start offset -> area of the states written in AP style ("Va.").
    text : str
        The article.
    gazetteer : Gazetteer
        Whose entries say which names are countries or first-level divisions.
    min_population : int
        The least population of a division whose name qualifies ("Ohio", not a parish).
    """
    areas = dict(areas)
    for name in names:
        for i in name.cand.entries:
            entry = gazetteer.entry(i)
            if entry.kind == "country" or (entry.kind == "admin1"
                                           and entry.population >= min_population):
                areas.setdefault(name.start, (entry.country_code,
                                              entry.admin1 if entry.kind == "admin1" else None))
    out = {}
    for name in names:
        m = _COMMA.match(text, name.end)
        if m and m.end() in areas and m.end() != name.start:
            out[name.start] = areas[m.end()]
    return out


def within(options: list[tuple[int, Any]], area: Area | None,
           same: Callable[[Any, Area], bool] | None = None) -> list[tuple[int, Any]]:
    """The ``(index, entry)`` options in ``area``; all of them when none is (or no area)."""
    if area is None:
        return options
    test = same or _in_area
    kept = [(i, e) for i, e in options if test(e, area)]
    return kept or options


def _in_area(entry: Any, area: Area) -> bool:
    code, admin1 = area
    return entry.country_code == code and (admin1 is None or entry.admin1 == admin1)
