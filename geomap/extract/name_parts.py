"""Whether a matched name is only part of a longer capitalised name.

"Khirbet Selm": "Selm" ends a name the gazetteer does not know, so a town "Selm" is not
believed; "True Confidence" (a ship), "Sinai Peninsula" and "Cape of Good Hope" likewise.
Used by :mod:`geomap.extract.core` on the tokens of :mod:`geomap.extract.tokens`.
"""

from __future__ import annotations

from typing import Any

from geomap.extract.rules import DEMONYMS, GENERIC_FOLLOWERS, GEO_HEADS, GEO_TAILS, STOPWORDS

__all__ = ["is_tail", "starts_longer_name"]


def is_tail(tokens: tuple[Any, ...], first: int, starts: set[int]) -> bool:
    """True when the token before ``first`` is a capitalised word of the same name.

    "Khirbet Selm": "Selm" ends a name the gazetteer does not know. Not when that word
    starts its sentence or clause, is a stop-word or demonym, or starts another place name.
    """
    if first == 0 or tokens[first].barrier_before:
        return False
    prev = tokens[first - 1]
    if prev.raw in ("of", "de"):
        return _after_geo_head(tokens, first)
    if tokens[first].raw in GEO_TAILS and prev.capital:
        return True  # "Zarqa Plateau": a generic word ending a longer name is not Plateau, Nigeria
    if not prev.capital or prev.barrier_before or first - 1 == 0 or (first - 1) in starts:
        return False
    if prev.raw.isupper() or prev.raw.lower() in STOPWORDS or prev.raw in DEMONYMS:
        return _after_geo_head(tokens, first)
    return not prev.raw[:1].isdigit()


def starts_longer_name(tokens: tuple[Any, ...], last: int, starts: set[int]) -> bool:
    """The name is followed by a capitalised word of the same name: "Sinai Peninsula", the
    ship "True Confidence" -- not by a generic word ("Sanaa International Airport"), a
    stop-word, a demonym or another place name."""
    nxt = last + 1
    if nxt >= len(tokens) or tokens[nxt].barrier_before or not tokens[nxt].capital:
        return False
    raw = tokens[nxt].raw
    if raw in GEO_TAILS:
        return True
    if nxt in starts or raw.isupper() or raw[:1].isdigit() or raw in DEMONYMS:
        return False
    return raw.lower() not in STOPWORDS and raw not in GENERIC_FOLLOWERS


def _after_geo_head(tokens: tuple[Any, ...], first: int) -> bool:
    """"Cape of Good Hope", "Isle of Wight": the name is the tail of a longer place name."""
    if first < 2 or tokens[first - 1].raw not in ("of", "de"):
        return False
    return tokens[first - 2].raw in GEO_HEADS
