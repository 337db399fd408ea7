"""How a clause links to the events drafted before it: the same paragraph, an anaphor ("The
attack", "The drones were launched from ...", "... said the strikes hit ..."), shared words, the
same actor, a country that holds a place."""

from __future__ import annotations

import datetime as dt
import re

from geomap.extract.attacks import origin_span
from geomap.extract.draft_event import Event
from geomap.extract.model import Mention

__all__ = ["share_words", "same_actor", "holds", "first_day", "same_paragraph", "anaphoric"]

_CONTENT = re.compile(r"[A-Za-z][\w-]{4,}")
_COMMON = frozenset({"attack", "attacks", "strike", "strikes", "which", "their", "there",
                     "about", "after", "these", "those", "would"})


def share_words(text: str, clause: tuple[int, int], start: int) -> bool:
    """The opening of the clause at ``start`` shares a content word with ``clause``."""
    opening = " ".join(text[start : start + 120].split()[:8])
    words = {w.lower() for w in _CONTENT.findall(opening)} - _COMMON
    return bool(words & {w.lower() for w in _CONTENT.findall(text[clause[0] : clause[1]])})


def same_actor(named: str, claimant: str) -> bool:
    """The claimant is the attacker already named ("military government", "Myanmar's
    military"): they share a word."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", named)}
    return bool(words & {w.lower() for w in re.findall(r"[A-Za-z]{4,}", claimant)})


def holds(wide: Mention | None, fine: Mention) -> bool:
    """``wide`` is the country ``fine`` lies in."""
    return (wide is not None and wide.place.precision == "country"
            and fine.place.precision != "country"
            and wide.place.country_code == fine.place.country_code)


def first_day(event: Event | None) -> dt.date | None:
    """The first day of the event's date, or None."""
    return event.date.first if event is not None and event.date is not None else None


def same_paragraph(text: str, end: int, start: int) -> bool:
    """No line break between ``end`` and ``start``."""
    return "\n" not in text[end:start].strip(" ")


_ANAPHOR = re.compile(
    r"^\W*(?:The|These|This|Those|Its)\s+(?:[\w-]+\s+){0,2}(?:attack|strikes?|drones?|missiles?|"
    r"rockets?|building|vessel|ship|gunm[ae]n|attackers|shooter|assault|bombing|shelling|"
    r"bombs?|shells?|blasts?|explosions?|projectiles?|munitions|warplanes|jets)\b")


#: "The military said the drone had been launched from ...", "the building was hit by a missile
#: launched from ...": a source, then the weapon or the place hit, told again
_SAID_ANAPHOR = re.compile(
    r"^\W*(?:[\w'’.-]+\s+){1,6}?(?:said|says|added|confirmed)\s+(?:that\s+)?(?:the|two|both|"
    r"three)\s+(?:[\w-]+\s+){0,2}(?:drones?|missiles?|rockets?|projectiles?|bombs?|shells?|"
    r"building|vessel|ship|hospital|school|base|"
    r"(?P<act>strikes|attacks|air ?strikes)(?=\s+(?:had\s+)?(?:hit|struck|targeted)\b))\b")


def anaphoric(text: str, start: int, end: int) -> bool:
    """The sentence opens on "The attack", "The drones", "The gunmen" ...: the event before;
    or a source says where "the drone" was launched from, or what "the strikes hit"."""
    opening = text[start : start + 100]
    said = _SAID_ANAPHOR.match(opening)
    return bool(_ANAPHOR.match(opening)) or (said is not None and (
        bool(said.group("act")) or origin_span(text, start, end) is not None))
