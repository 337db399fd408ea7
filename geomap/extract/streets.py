"""Streets and roads a story names, placed in the town they are in.

Local news names streets and numbered roads ("420 Augusta St., Alexandria", "the corner of
Lakeview and Harrison streets", "County Road 43", "Interstate 395"), and a strike report names
the street that was hit ("Palestine Street in Baghdad"). The gazetteer has no streets, so a
street is reported as a mention of the town it is in, at the town's precision: the town of its
qualifier ("Augusta St., Alexandria"), else the town of the dateline, else the town the
article names most. With no town to put it in, it is not reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from geomap.extract.model import Mention
from geomap.extract.rules import FUNCTION_WORDS

__all__ = ["street_spans", "street_mentions"]

_SETTLEMENTS = frozenset({"city", "capital", "district"})
_WORD = r"[A-Z][a-z]+(?:['’][a-z]+)?"
_NAMED_KINDS = r"Street|St\.|Avenue|Ave\.|Road|Rd\.|Drive|Boulevard|Blvd\.|Lane|Parkway|Pike"
_FUNCTION = frozenset(w.capitalize() for w in FUNCTION_WORDS)
#: what may stand between a street and its town: "Augusta St., Alexandria", "Palestine Street
#: in eastern Baghdad"
_QUALIFIER = re.compile(r",?\s*(?:in\s+(?:(?:north|south|east|west|centr)[a-z]*\s+)?)?")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    side = r"(?:(?:North|South|East|West|[NSEW]\.)\s+)?"
    named = re.compile(
        rf"(?<![\w.])(?P<name>{side}(?:\d+(?:st|nd|rd|th)|{_WORD}(?:\s+{_WORD})?)"
        rf"\s+(?:{_NAMED_KINDS})(?:\s+(?:North|South|East|West)(?![a-z]))?)(?!\w)"
        r"(?!\s+(?:School|Elementary|Academy|Church|Library|Apartments|Neighborhood))")
    numbered = re.compile(
        r"(?<![\w.])(?P<name>(?:County Road|County Highway|State Highway|U\.S\. Highway|"
        r"Highway|Interstate|State Route|Route)\s+\d{1,4}[A-Z]?)(?!\w)")
    pair = re.compile(
        rf"(?<![\w.])(?P<a>{_WORD})\s+and\s+(?P<b>{_WORD})\s+(?:streets|roads|avenues)\b")
    return named, numbered, pair


def street_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every street or road name in ``text``."""
    named, numbered, pair = _patterns()
    spans = []
    for m in named.finditer(text):
        first = m.group("name").split()[0]
        if first not in _FUNCTION:  # "The Drive", "On Road" are not street names
            spans.append(m.span("name"))
    spans += [m.span("name") for m in numbered.finditer(text)]
    for m in pair.finditer(text):
        spans += [m.span("a"), m.span("b")]
    spans = sorted(set(spans))
    # "County Road" inside "County Road 43": the longest
    return [(s, e) for s, e in spans
            if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2 in spans)]


def street_mentions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """A mention for each street or road of ``text`` no place mention covers, placed in its
    town (see the module docstring)."""
    towns = [m for m in mentions if m.is_place and getattr(m.place, "resolved", False)
             and getattr(m.place, "kind", None) in _SETTLEMENTS]
    dateline_place = next((m.place for m in towns if m.role == "dateline"), None)
    if not towns and dateline_place is None:
        return []
    counts = Counter(m.place_id for m in towns)
    usual = max(towns, key=lambda m: (counts[m.place_id], -m.start)).place if towns else None
    out = []
    for start, end in street_spans(text):
        if any(m.start < end and start < m.end and m.start <= start for m in mentions):
            continue  # a place name already covers its beginning
        place = _qualifier(text, end, towns) or dateline_place or usual
        if place is not None:
            out.append(Mention(text[start:end], start, end, place, "mention"))
    return out


def _qualifier(text: str, end: int, towns: Sequence[Mention]) -> Any:
    """The town written right after the street: "Augusta St., Alexandria"."""
    m = _QUALIFIER.match(text, end)
    at = m.end() if m else end
    return next((t.place for t in towns if t.start == at), None)
