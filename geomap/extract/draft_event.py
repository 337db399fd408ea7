"""One drafted event with the evidence of each value, and the merging of drafts.

:class:`Event` holds the drafted values of one event, each with the offsets of the words it was
read from (``evidence``), and turns into a row of the draft table. :func:`merge_events` folds
the drafts that describe the same event: the same place on compatible dates (the same day, a
short range holding it, or no date), and a lead's "a base in eastern Syria" into the base a
later paragraph names, when the country, the weapon and the dates agree.
"""

from __future__ import annotations

import re
from typing import Any

from geomap.extract.dates import EventDate
from geomap.extract.model import Mention, place_id

__all__ = ["Event", "merge_events", "agree"]

#: "a base in eastern Syria": a country that only locates a thing the text names vaguely
_VAGUE_THING = re.compile(
    r"(?:\b(?:a|an)\s+(?:[\w-]+\s+){1,3}(?:in|near)\s+(?:(?:the\s+)?(?:north|south|east|west|"
    r"central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?)$", re.IGNORECASE)


class Event:
    """The values drafted for one event, and where in the text each came from."""

    def __init__(self, sentence: tuple[int, int], clause: tuple[int, int], text: str) -> None:
        self.sentence = sentence
        self.clause = clause
        self.values: dict[str, str] = {}
        self.evidence: dict[str, tuple[int, int]] = {}
        self.order: list[str] = []
        self.target: Mention | None = None
        self.date: EventDate | None = None
        self.vague_target = False
        self.notes = [" ".join(text[sentence[0] : sentence[1]].split())]

    def put(self, column: str, value: Any, start: int, end: int) -> None:
        """Set a drafted value and its evidence ``text[start:end]``."""
        if value in (None, ""):
            return
        if column not in self.values:
            self.order.append(column)
        self.values[column] = str(value)
        self.evidence[column] = (start, end)

    def set_date(self, when: EventDate) -> None:
        """The event's date (a day or a range) and the words it was read from."""
        self.date = when
        self.put("date", when.iso(), when.start, when.end)

    def set_target(self, m: Mention, text: str) -> None:
        """The place attacked: its name as written, point and country."""
        self.target = m
        self._place("target", m)
        self.vague_target = (m.place.precision == "country"
                             and bool(_VAGUE_THING.search(text[max(0, m.start - 60) : m.start])))

    def set_origin(self, m: Mention) -> None:
        """Where the attack came from."""
        self._place("origin", m)

    def _place(self, role: str, m: Mention) -> None:
        for column in (role, f"{role}_lat", f"{role}_lon", f"{role}_country"):
            self.values.pop(column, None)
        self.put(role, m.text, m.start, m.end)
        self.put(f"{role}_lat", m.place.lat, m.start, m.end)
        self.put(f"{role}_lon", m.place.lon, m.start, m.end)
        self.put(f"{role}_country", m.place.country_code, m.start, m.end)

    def absorb(self, other: Event) -> None:
        """Take the other draft's values where this one has none (a claim beats a blame)."""
        for column in other.order:
            mine = self.values.get(column)
            if column in ("attacker", "claim") and other.values.get("claim") == "claimed" \
                    and self.values.get("claim") != "claimed":
                mine = None
            if not mine:
                self.put(column, other.values[column], *other.evidence[column])
        if other.date is not None and (self.date is None or _days(other.date) < _days(self.date)):
            self.set_date(other.date)
        self.notes += [n for n in other.notes if n not in self.notes]

    def inherit(self, other: Event, columns: tuple[str, ...]) -> None:
        """Copy these values of ``other`` (with their evidence) where this event has none."""
        for column in columns:
            if not self.values.get(column) and other.values.get(column):
                self.put(column, other.values[column], *other.evidence[column])

    def row(self, columns: tuple[str, ...]) -> dict[str, str]:
        """The draft row: values, ``evidence`` (``field@start-end``), notes, draft_fields."""
        row = dict.fromkeys(columns, "")
        drafted = [c for c in self.order if c in self.values]
        for column in drafted:
            row[column] = self.values[column]
        row["evidence"] = ";".join(
            f"{c}@{self.evidence[c][0]}-{self.evidence[c][1]}" for c in drafted
            if not c.endswith(("_lat", "_lon", "_country"))
        )
        row["notes"] = "DRAFT: " + " | ".join(self.notes)[:600]
        row["draft_fields"] = ";".join(drafted)
        return row


def _days(d: EventDate) -> int:
    return (d.last - d.first).days


def _dates_agree(a: EventDate | None, b: EventDate | None) -> bool:
    return a is None or b is None or (a.first, a.last) == (b.first, b.last)


def _norm(value: str | None) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", " ".join((value or "").lower().split()))


def agree(a: Event, b: Event, column: str) -> bool:
    """The two events have the same value in ``column``, or one has none."""
    va, vb = _norm(a.values.get(column)), _norm(b.values.get(column))
    return not va or not vb or va == vb


def _same(a: Event, b: Event) -> bool:
    if a.target is None or b.target is None or not _dates_agree(a.date, b.date):
        return False
    if not (agree(a, b, "attacker") or "claimed" in (a.values.get("claim"),
                                                        b.values.get("claim"))):
        return False
    if place_id(a.target.place) == place_id(b.target.place):
        return True
    coarse, fine = (a, b) if a.vague_target else (b, a)
    if not coarse.vague_target or fine.target.place.precision == "country":
        return False
    wa, wb = a.values.get("weapon"), b.values.get("weapon")
    return (coarse.target.place.country_code == fine.target.place.country_code
            and (not wa or not wb or wa == wb))


def merge_events(events: list[Event], text: str) -> list[Event]:
    """Fold the drafts of one event into the finer one, keeping the first one's place in order."""
    out: list[Event] = []
    for event in events:
        if event.target is None:
            continue
        match = next((kept for kept in out if _same(kept, event)), None)
        if match is None:
            out.append(event)
            continue
        if match.vague_target and not event.vague_target:
            event.absorb(match)
            out[out.index(match)] = event
        else:
            match.absorb(event)
    return out
