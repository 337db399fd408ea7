"""Which place of a clause was attacked, and where the attack came from.

:func:`targets_of` -- the places named after the attack word ("on / in / at / near / against / of
...", "struck / hit ..."), or opening the clause ("In Kyiv, 22 people were killed"); never a place
that only qualifies a group ("Iran-linked targets"), the origin, the reporter's source (", a
security source in Lebanon said"), a place after a plan ("missiles ready to be launched against
ships in the Red Sea") or in the attacker's motive (", saying it was a response to the killing of a
commander in Beirut"), a place a distance is measured from ("160km south of the capital Colombo"),
where a weapon was shot down ("shot down over the Haifa area") or a demonym (but "Ukrainian cities"
is Ukraine). :func:`origin_place` -- the place after "launched from", "fired from", "operating
from" ...
"""

from __future__ import annotations

import bisect
import re

from geomap.extract.actors import subject_span
from geomap.extract.attacks import origin_span
from geomap.extract.model import Extraction, Mention
from geomap.precision import PRECISIONS

__all__ = ["candidates", "targets_of", "finest", "origin_place", "origin_reach", "this_place"]

#: a place right after one of these (and up to four words) can be what was hit
_TARGET_LEAD = re.compile(
    r"(?:\b(?:on|in|at|near|against|into|across|over|off|outside|inside|toward|towards|"
    r"around|of|through)\s+(?:[\w'’-]+\s+){0,4}|"
    # "in Somalia's capital, Mogadishu"
    r"\b(?:in|at|near|on)\s+(?:[\w'’-]+\s+){0,3}(?:capital|city|town|port),\s+|"
    r"\b(?:struck|hit|hitting|targeted|attacked|bombed|shelled|shelling|pounded|raided|"
    r"besieged|besieging|stormed)\s+(?:[\w'’-]+\s+){0,3})$",
    re.IGNORECASE,
)
#: "In Kyiv, ...", "In the southeastern city of Dnipro, ..."
_CLAUSE_OPEN = re.compile(r"^\W*(?:In|At|Near|Across)\s+(?:the\s+)?(?:(?:[\w'’-]+\s+){0,2}"
                          r"(?:city|town|village|region|province|district|capital|port)\s+of\s+)?$")
_QUALIFIER = re.compile(r"[-‐‑](?:linked|backed|based|aligned|allied|held|controlled|run|"
                        r"born|led|made|supported|sponsored)", re.IGNORECASE)
_PLAN = re.compile(r"(?<!\w)(?:ready to|to be launched|bound for|headed for|heading|would|"
                   r"will|flee|fled|fleeing|planned)(?!\w)", re.IGNORECASE)
_REFERENCE = re.compile(
    r"\d+\s*(?:km|kilometres|kilometers|miles|mi|nautical miles)\s+(?:\w+\s+)?(?:of|from)\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
_SOURCE_TAIL = re.compile(r",[^,]{0,80}\b(?:said|says|reported|according to)\b[^,]*$")
#: what the attacker said of it, or why: ", saying it was a response to the killing ... in
#: Beirut" names no place that was hit
_MOTIVE = re.compile(r",\s*(?:saying|adding|calling it|claiming)\b|\s(?:in (?:response|"
                     r"retaliation|revenge) (?:to|for))\b", re.IGNORECASE)
#: a part of the toll: "..., including seven in Rafah", "including fighters, medics and the
#: Iranian envoy in Beirut" (not "including 91 that targeted the
#: Moscow region": a part of the attack, named after its own verb)
_PART = re.compile(r"(?<!\w)including\s+(?!(?:[\w'’-]+\s+){0,2}(?:that|which)\s)"
                   r"(?:[\w'’-]+,?\s+){1,8}$", re.IGNORECASE)
_FROM = re.compile(r"(?<!\w)from\s+(?:the\s+)?(?:(?:north|south|east|west|central|occupied|"
                   r"Russian-occupied)\w*\s+)?$", re.IGNORECASE)
#: a war named as the background: "since the war in Gaza began" (not "the largest air attack
#: of the war on Ukraine": the attack's target)
_BACKGROUND = re.compile(r"(?<!\w)(?:war|wars|conflict|invasion|occupation|civil war)\s+"
                         r"(?:in|of|with)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,1}$",
                         re.IGNORECASE)
#: where a weapon was stopped, not what it hit: "were shot down over the Haifa area"
_STOPPED = re.compile(r"(?<!\w)(?:shot down|intercepted|downed|destroyed|neutrali[sz]ed)\s+"
                      r"(?:[\w'’-]+\s+){0,3}?(?:over|above)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
                      re.IGNORECASE)
_AREA_WORDS = re.compile(r"\s+(?:cities|towns|villages|soil|territory|regions|airspace|"
                         r"waters)\b")


def candidates(ex: Extraction, starts: list[int], start: int, end: int) -> list[Mention]:
    """The resolved mentions of ``ex`` (starting at ``starts``) inside ``[start, end)``."""
    inside = ex[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
    return [m for m in inside if m.place.resolved]


def targets_of(text: str, places: list[Mention], start: int, end: int, first: int,
             excluded: list[tuple[int, int]]) -> list[Mention]:
    """The places of the clause ``text[start:end]`` that can be what was attacked."""
    subject = subject_span(text, start, end)
    subject_end = subject[1] if subject else end
    tail = _SOURCE_TAIL.search(text, start, end)
    stop = tail.start() if tail else end
    motive = _MOTIVE.search(text, first, stop)
    if motive:
        stop = motive.start()
    plan = _PLAN.search(text, first, stop)
    if plan:
        stop = plan.start()
    out = []
    for m in places:
        if m.role != "mention" or m.end > stop or _QUALIFIER.match(text, m.end):
            continue
        if _REFERENCE.search(text, max(start, m.start - 40), m.start):
            continue  # "160km south of the capital Colombo": where it is measured from
        if _FROM.search(text, max(start, m.start - 30), m.start):
            continue  # "some of them from the Black Sea": where from, not what was hit
        if _BACKGROUND.search(text, max(start, m.start - 40), m.start):
            continue  # "since the war in Gaza began", "Russia's invasion of Ukraine"
        if _STOPPED.search(text, max(start, m.start - 60), m.start):
            continue  # "two drones were shot down over the Haifa area"
        if any(s <= m.start < e for s, e in excluded):
            continue
        if m.flags and not ("demonym" in m.flags and _AREA_WORDS.match(text, m.end)):
            continue
        lead = text[max(start, m.start - 40) : m.start]
        if m.start >= first and _TARGET_LEAD.search(lead):
            out.append(m)
        elif m.start < first and (_CLAUSE_OPEN.match(text[start : m.start])
                                  or re.search(r"(?:besieged|besieging)\s+$", lead)
                                  or (_TARGET_LEAD.search(lead) and subject_end <= m.start
                                      and re.search(r"\band\s+(?:then\s+)?$",
                                                    text[m.end : first]))):
            out.append(m)
    whole = [m for m in out if not _PART.search(text, max(start, m.start - 80), m.start)]
    out = whole or out  # "killed 24 people across Gaza, including seven in Rafah": Gaza
    after = [m for m in out if m.start >= first]
    return after or out


def finest(targets: list[Mention]) -> Mention:
    """The finest place (a site before a town before a province before a country), first."""
    return min(targets, key=lambda m: (PRECISIONS.index(m.place.precision), m.start))


def origin_place(text: str, places: list[Mention], start: int, end: int) -> Mention | None:
    """The place after "launched from", "fired from" ... in ``text[start:end]``, or None."""
    span = origin_span(text, start, end)
    if span is None:
        return None
    inside = [m for m in places if span[0] <= m.start < span[1] and "organisation" not in m.flags
              and ("demonym" not in m.flags or _AREA_WORDS.match(text, m.end))]
    # ("from Syrian territory": Syria)
    return finest(inside) if inside else None


def origin_reach(text: str, origin: Mention, start: int, end: int) -> tuple[int, int]:
    """The words of the origin phrase that holds ``origin`` in ``text[start:end]``: no place
    in them was hit ("took off from the Engels air base in Russia's Saratov region")."""
    span = origin_span(text, start, end)
    if span is None or not span[0] <= origin.start < span[1]:
        return origin.start, origin.end
    return span[0], max(span[1], origin.end)


#: the dateline's town in AP style: "in this Dallas suburb", "in this small South Texas town"
_THIS_PLACE = re.compile(
    r"(?<!\w)(?:in|at|on|near|outside|of)\s+this\s+(?:[\w'’.-]+\s+){0,3}?(?:suburb|city|town|"
    r"village|community|neighbou?rhood|capital|port|county|enclave)(?!\w)", re.IGNORECASE)


def this_place(ex: Extraction, text: str, start: int, end: int) -> tuple[Mention, int, int] | None:
    """``(dateline place, start, end)`` when ``text[start:end]`` places the act "in this Dallas
    suburb": the town of the dateline (its finest resolved place); else None."""
    m = _THIS_PLACE.search(text, start, end)
    if m is None:
        return None
    dateline = [d for d in ex if d.role == "dateline" and d.place.resolved]
    return (finest(dateline), m.start(), m.end()) if dateline else None
