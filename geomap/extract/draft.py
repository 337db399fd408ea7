"""A draft events table from a dispatch, for a reporter to check in a minute and finish.

One draft event per clause that reports an attack that happened (:mod:`~geomap.extract.attacks`:
not a threat, a pledge or a running total) and names the place attacked:

* ``target`` -- the finest place named after the attack word ("on / in / at / near / against /
  of ...", "struck / hit ..."), or opening the clause ("In Kyiv, 22 people were killed"); never
  a place that only qualifies a group ("Iran-linked targets"), the place of origin, the
  reporter's source ("a source in Lebanon said") or a place after a plan ("missiles ready to be
  launched against ships in the Red Sea");
* ``date`` -- :func:`~geomap.extract.dates.event_date` of the clause, else of its sentence, else
  (in the same paragraph, or after "also") the date of the event before; a range where the
  text is vague; empty when the text gives none;
* ``attacker`` and ``claim`` -- :mod:`~geomap.extract.actors`, as written; a later sentence
  that claims or blames "the attack" completes the event before it;
* ``origin`` -- a place after "launched from", "fired from", "operating from" ...;
* ``weapon`` -- a term of :data:`~geomap.extract.attacks.WEAPONS`; ``killed``/``injured`` --
  :mod:`~geomap.extract.casualties` (``"30-40"``; "at least 22" is ``22``);
* ``evidence`` -- for every drafted field, ``field@start-end`` and the words, offsets into
  the text; ``notes`` -- ``DRAFT:`` and the sentence; ``draft_fields`` -- every drafted column.

Clauses about the same place and day are merged; so is a lead's "a base in eastern Syria"
with the base the next paragraph names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geomap.csv_writer import csv_text, write_csv
from geomap.errors import ExportError, GeomapFileError
from geomap.extract.actors import blame_or_claim, find_actor, refers_back, target_party
from geomap.extract.attacks import PERIOD_RE, triggers, weapon
from geomap.extract.casualties import format_count, injured, killed
from geomap.extract.clauses import clauses, sentences
from geomap.extract.dates import EventDate, event_date, told_date
from geomap.extract.draft_event import Event, agree, merge_events
from geomap.extract.draft_links import (
    anaphoric,
    first_day,
    holds,
    same_actor,
    same_paragraph,
    share_words,
)
from geomap.extract.model import Extraction, Mention, place_id
from geomap.extract.targets import (
    candidates,
    finest,
    origin_place,
    origin_reach,
    targets_of,
    this_place,
)

__all__ = ["EVENT_COLUMNS", "DRAFT_COLUMNS", "draft_events", "draft_text", "write_draft",
           "draft_csv"]

EVENT_COLUMNS: tuple[str, ...] = (
    "id", "date", "attacker", "target_party", "weapon", "origin", "target", "origin_lat",
    "origin_lon", "target_lat", "target_lon", "origin_country", "target_country", "killed",
    "injured", "claim", "sources", "notes",
)
DRAFT_COLUMNS: tuple[str, ...] = (*EVENT_COLUMNS, "evidence", "draft_fields")

#: a clause that shares the subject of the one before: "..., killing 31 and hitting ..."
_NO_SUBJECT = re.compile(r"\W*(?:and\s+)?(?:then\s+)?[a-z]+ing\b")
_ALSO = re.compile(r"(?<!\w)also(?!\w)")
#: an armed attacker: "A gunman killed 10 people" is an attack even as the first death told
_ARMED = re.compile(r"(?<!\w)(?:gunm[ae]n|shooters?|assailants?|attackers?|militants|"
                    r"bombers?)(?!\w)", re.IGNORECASE)


class _Drafter:
    def __init__(self, ex: Extraction, text: str) -> None:
        self.ex, self.text = ex, text
        self.starts = [m.start for m in ex]
        self.events: list[Event] = []
        self.pending: Event | None = None

    def run(self) -> list[Event]:
        text = self.text
        body = self.ex.dateline.end if self.ex.dateline else 0
        for s_start, s_end in sentences(text, body):
            made = self._sentence(s_start, s_end)
            if not made:
                self._follow_up(s_start, s_end)
        return merge_events(self.events, text)

    def _previous(self) -> Event | None:
        return self.events[-1] if self.events else None

    # -- one sentence ------------------------------------------------------------------
    def _sentence(self, s_start: int, s_end: int) -> bool:
        """Draft the events of one sentence; True when it made or completed one."""
        text = self.text
        pending, self.pending = self.pending, None
        sentence_date = event_date(text, s_start, s_end, self.ex.date,
                                   first_day(self._previous()))
        anaphor = anaphoric(text, s_start, s_end) and (pending is not None or bool(self.events))
        made: list[Event] = []
        for c_start, c_end in clauses(text, (s_start, s_end)):
            if anaphor:
                anaphor = not self._anaphora(c_start, c_end, pending)
                if self.events:
                    made.append(self.events[-1])
                continue
            event = self._clause(c_start, c_end, (s_start, s_end), made, sentence_date)
            if event is not None:
                made.append(event)
                self.events.append(event)
        if not made and self.pending is None and not triggers(text, s_start, s_end):
            self.pending = pending  # an aside ("The Houthis receive ... from Iran") between
        return bool(made)

    def _clause(self, c_start: int, c_end: int, sentence: tuple[int, int], made: list[Event],
                sentence_date: EventDate | None) -> Event | None:
        text = self.text
        trig = triggers(text, c_start, c_end)
        if trig and all(t.weak for t in trig) and not self.events and not made \
                and weapon(text, *sentence) is None and not _ARMED.search(text, *sentence):
            trig = []  # "An 80-year-old was killed in Arlington by a neighbor backing up"
        if not trig:
            if made:
                self._continue(made[-1], c_start, c_end)
            return None
        places = candidates(self.ex, self.starts, c_start, c_end)
        origin = origin_place(text, places, c_start, c_end)
        actor = None
        for t in trig:
            actor = find_actor(text, c_start, c_end, t.start, t.end)
            if actor:
                break
        excluded = [(actor.start, actor.end)] if actor else []
        if origin is not None:
            excluded.append(origin_reach(text, origin, c_start, c_end))
        targets = targets_of(text, places, c_start, c_end, trig[0].start, excluded)
        if here := this_place(self.ex, text, c_start, c_end):
            # "opened fire at a mall in this Dallas suburb": the dateline's town, not Dallas
            targets = [here[0], *(m for m in targets if not here[1] <= m.start < here[2])]
        if not targets:
            if made:
                self._continue(made[-1], c_start, c_end)
            elif self.events and refers_back(text, c_start, c_end) and same_paragraph(
                    text, self.events[-1].sentence[1], c_start):
                # "... said three people were killed in the Israeli strikes": the last event
                self._continue(self.events[-1], c_start, c_end)
            elif actor is not None and not refers_back(text, c_start, c_end):
                self.pending = self._new(None, sentence, (c_start, c_end), actor, origin,
                                         sentence_date)
            return None
        if actor is not None and self._claims_those_before(finest(targets), actor, c_start,
                                                           c_end, sentence_date):
            return None
        event = self._new(finest(targets), sentence, (c_start, c_end), actor, origin,
                          sentence_date)
        if made and _NO_SUBJECT.match(text, c_start):
            event.inherit(made[-1], ("attacker", "claim", "weapon"))
        return event

    def _claims_those_before(self, target: Mention, actor: Any, start: int, end: int,
                             sentence_date: EventDate | None) -> bool:
        """"Hezbollah said it had fired barrages at northern Israel": a claim of the events
        drafted in that country on that day, not one more event; True when it was one."""
        if actor.claim != "claimed" or target.place.precision != "country":
            return False
        when = event_date(self.text, start, end, self.ex.date) or sentence_date
        those = [e for e in self.events if holds(target, e.target)
                 and (when is None or e.date is None or e.date.first <= when.last
                      and when.first <= e.date.last)]
        for event in those:
            if event.values.get("claim") != "claimed":
                event.put("attacker", self.text[actor.start : actor.end], actor.start, actor.end)
                event.put("claim", actor.claim, actor.start, actor.end)
        return bool(those)

    def _new(self, target: Mention | None, sentence: tuple[int, int], clause: tuple[int, int],
             actor: Any, origin: Mention | None, sentence_date: EventDate | None) -> Event:
        text = self.text
        previous = self._previous()
        event = Event(sentence, clause, text)
        if target is not None:
            event.set_target(target, text)
        when = event_date(text, *clause, self.ex.date, first_day(previous))
        if sentence_date is not None and (when is None or (
                when.relative and not clause[0] <= sentence_date.start < clause[1]
                and text[clause[0] : when.start].strip(" ,"))):
            # a relative date that opens the clause is its own: ", two days after Iran struck"
            when = sentence_date
        if when is not None:
            event.set_date(when)
        elif previous is not None and previous.date is not None and not PERIOD_RE.search(
                text, *clause) and (_ALSO.search(text, *sentence) or same_paragraph(
                    text, previous.sentence[1], sentence[0])):
            # (not "... has attacked Israel almost daily since the war began": a period of its
            # own, which the text does not date)
            event.set_date(previous.date)
        if actor is not None:
            event.put("attacker", text[actor.start : actor.end], actor.start, actor.end)
            event.put("claim", actor.claim, actor.start, actor.end)
        party = target_party(text, *clause)
        if party is not None and (actor is None or party[0] >= actor.end):
            event.put("target_party", text[party[0] : party[1]], *party)
        self._fill(event, clause, origin)
        return event

    def _fill(self, event: Event, clause: tuple[int, int], origin: Mention | None) -> None:
        if origin is not None and not event.values.get("origin"):
            event.set_origin(origin)
        self._continue(event, *clause)

    def _continue(self, event: Event, start: int, end: int) -> None:
        """Weapon and casualty figures of a clause that adds to the event before it, and the
        date it tells of "the strike on Wednesday" when the event has none."""
        text = self.text
        self._told(event, start, end)
        if not event.values.get("weapon") and (w := weapon(text, start, end)):
            event.put("weapon", w.term, w.start, w.end)
        for column, find in (("killed", killed), ("injured", injured)):
            if not event.values.get(column) and (count := find(text, start, end)):
                event.put(column, format_count(count), count.start, count.end)

    def _told(self, event: Event, start: int, end: int) -> None:
        """The date a later clause tells of "the strike on Wednesday", for an undated event."""
        if event.date is None and (when := told_date(self.text, start, end, self.ex.date)):
            event.set_date(when)

    def _anaphora(self, start: int, end: int, pending: Event | None) -> bool:
        """A clause of "The attack ...", "The drones were launched from ...": the event before.

        A pending event (an attacker and an act, no place yet: "U.S. forces said they had hit
        several Houthi cruise missiles") takes its place from here when the two share a word
        ("The attack to neutralize Houthi cruise missiles -- ... carried out in Yemen"); else
        the event of the place named, or the last one, takes what it lacks. True once a place
        was found (the clauses after it are read as usual).
        """
        text = self.text
        places = candidates(self.ex, self.starts, start, end)
        origin = origin_place(text, places, start, end)
        excluded = [origin_reach(text, origin, start, end)] if origin else []
        targets = [m for m in targets_of(text, places, start, end, start, excluded)
                   if not m.flags]
        if pending is not None and targets and share_words(text, pending.clause, start):
            event = pending
            event.set_target(targets[0], text)
            self.events.append(event)
        elif self.events:
            same = [e for e in self.events if e.target is not None and any(
                place_id(e.target.place) == place_id(m.place) for m in targets)]
            wider = [e for e in self.events if targets and holds(e.target, targets[0])]
            event = same[-1] if same else wider[-1] if wider else self.events[-1]
            if not same and wider:
                # "Pakistan ... said the strikes hit ... the Iranian town of Saravan": the
                # strike on Iran, now placed
                event.set_target(targets[0], text)
        else:
            return True
        if event.date is None and (when := event_date(text, start, end, self.ex.date)):
            event.set_date(when)  # "The vessel came under attack ... late on Monday"
        self._fill(event, (start, end), origin)
        self._claimed(event, start, end)  # "The attack was claimed by Jaish al-Fursan"
        if origin is not None:
            self._same_volley(event, origin)
        return bool(targets)

    def _same_volley(self, event: Event, origin: Mention) -> None:
        """"The missiles were fired from several sites in Iran": the origin of every event of
        that volley (same dates, the same or no attacker -- "Iran", "Iran's Revolutionary Guard"
        -- and a target outside the origin's country)."""
        for other in self.events:
            if (other is not event and not other.values.get("origin") and other.date is not None
                    and event.date is not None and other.date[:2] == event.date[:2]
                    and (agree(other, event, "attacker") or same_actor(
                        other.values["attacker"], event.values["attacker"]))
                    and other.target is not None
                    and other.target.place.country_code != origin.place.country_code):
                other.set_origin(origin)

    # -- a sentence with no event of its own ---------------------------------------------
    def _follow_up(self, start: int, end: int) -> None:
        """A claim or blame of "the attack" completes the event before it."""
        if not self.events or self.pending is not None:
            return
        last = self.events[-1]
        text = self.text
        self._told(last, start, end)  # "A local official blamed the RSF for Friday's attack."
        if (same_paragraph(text, last.sentence[1], start)
                and all(t.weak for t in triggers(text, start, end))
                and not candidates(self.ex, self.starts, start, end)
                and event_date(text, start, end, self.ex.date) is None):
            # "Eight more people were injured." or "Between 25 and 57 people were killed."
            # right after the event, in its paragraph, naming no place of its own
            for column, find in (("killed", killed), ("injured", injured)):
                if not last.values.get(column) and (count := find(text, start, end)):
                    last.put(column, format_count(count), count.start, count.end)
        for c_start, c_end in clauses(text, (start, end)):
            self._claimed(last, c_start, c_end)

    def _claimed(self, last: Event, start: int, end: int) -> None:
        """A claim or blame of "the attack" in ``text[start:end]`` completes ``last`` (a claim
        replaces a blame)."""
        text = self.text
        actor = blame_or_claim(text, start, end)
        if actor is not None and (not last.values.get("attacker")
                                  or (actor.claim == "claimed"
                                      and last.values.get("claim") != "claimed")):
            if not same_actor(last.values.get("attacker", ""), text[actor.start : actor.end]):
                last.put("attacker", text[actor.start : actor.end], actor.start, actor.end)
            # "The military government confirmed it": Myanmar's military, now claimed
            last.put("claim", actor.claim, actor.start, actor.end)


def draft_events(extraction: Extraction, text: str) -> list[dict[str, str]]:
    """Draft event rows (dicts over :data:`DRAFT_COLUMNS`) from an extraction of ``text``.

    Parameters
    ----------
    extraction : Extraction
        ``extract_places(text)``.
    text : str
        The same text.

    Returns
    -------
    list of dict
        One row per event, ``id`` = ``draft-<date>-<n>``; empty strings for unknown values;
        ``evidence`` gives the offsets of every drafted value, ``draft_fields`` lists them.
    """
    events = _Drafter(extraction, text).run()
    rows = [event.row(DRAFT_COLUMNS) for event in events]
    for n, row in enumerate(rows, start=1):
        row["id"] = f"draft-{(row['date'] or 'undated').replace('/', '-')}-{n}"
    return rows


def draft_text(text: str, *, date: dt.date | str | None = None) -> list[dict[str, str]]:
    """Extract the places of a dispatch and draft its events: ``draft_events`` in one call.

    Parameters
    ----------
    text : str
        The dispatch.
    date : date or str, optional
        The article date (default: a ``date YYYY-MM-DD`` header line, or the dateline).

    Returns
    -------
    list of dict
        The draft rows, as :func:`draft_events`.
    """
    from geomap.extract.core import extract_places

    return draft_events(extract_places(text, date=date), text)


def draft_csv(rows: list[dict[str, str]]) -> str:
    """The rows as CSV text with the :data:`DRAFT_COLUMNS` header, through the one CSV
    writer (:mod:`geomap.csv_writer`: a value a spreadsheet would run gets a leading ``'``)."""
    return csv_text(DRAFT_COLUMNS, _cells(rows))


def _cells(rows: list[dict[str, str]]) -> Iterable[list[str]]:
    return ([row.get(c, "") for c in DRAFT_COLUMNS] for row in rows)


def write_draft(rows: list[dict[str, str]], path: str | Path, *,
                overwrite: bool = True) -> Path:
    """Write the rows to ``path`` as CSV (UTF-8, atomically); raises GeomapFileError when it
    cannot.

    With ``overwrite=False`` an existing file is an error (a draft the reporter corrected).
    """
    path = Path(path)
    try:
        write_csv(path, DRAFT_COLUMNS, _cells(rows), overwrite=overwrite)
    except ExportError:
        raise GeomapFileError(
            "a draft already exists there (corrected? map it directly, or remove it)", path=path
        ) from None
    except GeomapFileError as err:
        raise GeomapFileError(f"cannot write the draft events: {err.reason}", path=path) from err
    return path
