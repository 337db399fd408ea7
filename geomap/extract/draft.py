"""A draft events table from a dispatch, for a journalist to check and finish.

:func:`draft_events` reads the sentences of an article that report an attack (a strike,
drone, missile, rocket, shelling, raid ... and at least one place) and drafts one event row
each, in the events schema (``docs/design.md``, contract 2):

* ``date`` -- from the sentence ("on Friday", "Saturday evening", "the previous night",
  "January 28"), resolved against the article date; else the article date;
* ``target`` -- the finest place named after the attack word (a base before a province
  before a country), with its coordinates and country; ``origin`` -- a place after
  "launched from", "fired from", "flew from";
* ``weapon``, ``killed``, ``injured``, ``attacker`` and ``claim`` when the sentence says;
* ``notes`` -- ``DRAFT:`` and the sentence.

Every value the drafter filled is listed in the extra column ``draft_fields`` (``;``-separated)
so that nothing drafted passes for checked. Rows with the same date and target are merged.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geomap.errors import GeomapFileError
from geomap.extract.dates import sentence_date
from geomap.extract.model import Extraction, Mention
from geomap.precision import PRECISIONS

__all__ = ["EVENT_COLUMNS", "DRAFT_COLUMNS", "draft_events", "write_draft", "draft_csv"]

EVENT_COLUMNS: tuple[str, ...] = (
    "id", "date", "attacker", "target_party", "weapon", "origin", "target", "origin_lat",
    "origin_lon", "target_lat", "target_lon", "origin_country", "target_country", "killed",
    "injured", "claim", "sources", "notes",
)
DRAFT_COLUMNS: tuple[str, ...] = (*EVENT_COLUMNS, "draft_fields")

_ATTACK = re.compile(
    r"(?<!\w)(?:air ?strikes?|strikes?|struck|striking|attack(?:s|ed)?|drones?|missiles?|"
    r"rockets?|bomb(?:s|ed|ing)?|shell(?:s|ed|ing)|raids?|fired|explosions?|blasts?|"
    r"hit|killed|barrage)(?!\w)",
    re.IGNORECASE,
)
_WEAPONS: tuple[tuple[str, str], ...] = (
    (r"ballistic missiles?", "ballistic missile"), (r"cruise missiles?", "cruise missile"),
    (r"anti-ship missiles?", "anti-ship missile"), (r"drones?", "drone"),
    (r"missiles?", "missile"), (r"rockets?", "rocket"), (r"air ?strikes?|warplanes?", "air strike"),
    (r"shell(?:s|ed|ing)|artillery", "artillery"), (r"bombs?|explosives?", "bomb"),
)
_NUM_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUM = r"(\d+|" + "|".join(_NUM_WORDS) + r")"
_KILLED = (
    re.compile(rf"(?<!\w)kill(?:ed|ing)\s+(?:at least\s+|about\s+|some\s+|more than\s+)?{_NUM}",
               re.IGNORECASE),
    re.compile(rf"(?<!\w){_NUM}\s+(?:[\w-]+\s+){{0,4}}(?:were\s+|was\s+)?killed", re.IGNORECASE),
)
_INJURED = (
    re.compile(rf"(?<!\w)(?:wound|injur)(?:ed|ing)\s+(?:at least\s+|about\s+)?{_NUM}",
               re.IGNORECASE),
    re.compile(rf"(?<!\w){_NUM}\s+(?:[\w-]+\s+){{0,4}}(?:were\s+)?(?:wounded|injured)",
               re.IGNORECASE),
)
_ORIGIN = re.compile(r"(?<!\w)(?:launched|fired|flew|flown|took off)\s+from\s+", re.IGNORECASE)
_CLAIMS = (("claimed", r"claimed responsibility|claimed the attack|claimed it"),
           ("denied", r"denied"), ("attributed", r"blamed|accused"))
_BOUNDARY = re.compile(r"[.!?]+[\"”’)]*\s+(?=[A-Z\"“‘(])|\n\s*\n|\n(?=\S)")
_ABBREV = re.compile(
    r"(?:\b[A-Z]\.(?:[A-Z]\.)*|\b(?:Gen|Lt|Col|Maj|Sgt|Spc|Capt|Adm|Mr|Mrs|Ms|Dr|St|Rep|Sen|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Co|Inc|vs)\.)$"
)
#: a place right after one of these (and up to three words) can be what was hit
_TARGET_LEAD = re.compile(
    r"(?:\b(?:on|in|at|near|against|into|across|over|off|outside|inside|toward|towards|"
    r"around)\s+(?:[\w'’-]+\s+){0,4}|\b(?:struck|hit|targeted|attacked|bombed|shelled|"
    r"pounded|raided)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_ACTS = (r"(?:'s\s+)?(?:[\w-]+\s+)?(?:fired|launched|claimed|attacked|struck|hit|drones?|"
         r"missiles?|rockets?|attacks?|strikes?|air ?strikes?|warplanes?|jets|forces)(?!\w)")


def _sentences(text: str, start: int) -> list[tuple[int, int]]:
    """Sentence spans from ``start`` on; a full stop after "U.S." or "Gen." ends none."""
    spans = []
    begin = start
    for m in _BOUNDARY.finditer(text, start):
        if m.group().startswith(".") and _ABBREV.search(text, max(begin, m.start() - 12),
                                                          m.start() + 1):
            continue
        if text[begin : m.start()].strip():
            spans.append((begin, m.end()))
        begin = m.end()
    if text[begin:].strip():
        spans.append((begin, len(text)))
    return spans


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUM_WORDS[text.lower()]


def _first(patterns: Iterable[re.Pattern[str]], sentence: str) -> str | None:
    for p in patterns:
        m = p.search(sentence)
        if m:
            return str(_number(m.group(1)))
    return None


def _weapon(sentence: str) -> str | None:
    for pattern, name in _WEAPONS:
        if re.search(rf"(?<!\w)(?:{pattern})(?!\w)", sentence, re.IGNORECASE):
            return name
    return None


def _claim(sentence: str) -> str | None:
    for value, pattern in _CLAIMS:
        if re.search(pattern, sentence, re.IGNORECASE):
            return value
    return None


def _target(places: list[Mention], text: str, start: int, after: int) -> Mention | None:
    """The finest place after the attack word that follows "on/in/at/near ..." or "struck"."""
    hit = [m for m in places if _TARGET_LEAD.search(text, max(start, m.start - 40), m.start)]
    later = [m for m in hit if m.start >= after] or hit
    if not later:
        return None
    return min(later, key=lambda m: (PRECISIONS.index(m.place.precision), m.start))


def _attacker(mentions: list[Mention], start: int, end: int, text: str) -> str | None:
    """An organisation, or a demonym's country, written just before an act of attack."""
    from geomap.extract.spans import organisation_spans

    sentence = text[start:end]
    for s, e in organisation_spans(sentence):
        before = sentence[max(0, s - 15) : s]
        if re.match(rf"\s*{_ACTS}", sentence[e:], re.IGNORECASE) and not re.search(
            r"(?:on|against|targeting|at)\s+(?:\d+\s+)?$", before
        ):
            return sentence[s:e]
    for m in mentions:
        if (start <= m.start < end and set(m.flags) & {"demonym", "abbreviation"}
                and "organisation" not in m.flags):
            if re.match(rf"\s*(?:and\s+\w+\s+)?{_ACTS}", text[m.end : m.end + 40],
                        re.IGNORECASE):
                return m.place.name
    return None


def _row(sentence: str, span: tuple[int, int], ex: Extraction, text: str,
         starts: list[int]) -> dict[str, str] | None:
    start, end = span
    trigger = _ATTACK.search(sentence)
    if trigger is None:
        return None
    inside = ex[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
    places = [m for m in inside if not m.flags and m.role == "mention" and m.place.resolved]
    origin = _origin(places, sentence, start)
    target = _target([m for m in places if m is not origin], text, start,
                     start + trigger.start())
    if target is None:
        return None
    row = dict.fromkeys(DRAFT_COLUMNS, "")
    drafted: list[str] = []

    def put(column: str, value: Any) -> None:
        if value not in (None, ""):
            row[column] = str(value)
            drafted.append(column)

    when = sentence_date(sentence, ex.date) or ex.date
    put("date", when.isoformat() if when else None)
    for role, m in (("target", target), ("origin", origin)):
        if m is None:
            continue
        put(role, m.text)
        put(f"{role}_lat", m.place.lat)
        put(f"{role}_lon", m.place.lon)
        put(f"{role}_country", m.place.country_code)
    put("weapon", _weapon(sentence))
    put("killed", _first(_KILLED, sentence))
    put("injured", _first(_INJURED, sentence))
    put("attacker", _attacker(inside, start, end, text))
    put("claim", _claim(sentence))
    row["notes"] = "DRAFT: " + " ".join(sentence.split())[:400]
    row["draft_fields"] = ";".join(drafted)
    return row


def _origin(places: list[Mention], sentence: str, offset: int) -> Mention | None:
    m = _ORIGIN.search(sentence)
    if m is None:
        return None
    after = offset + m.end()
    return next((p for p in places if after <= p.start <= after + 40), None)


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
        One row per (date, target), ``id`` = ``draft-<date>-<n>``; empty strings for
        unknown values; ``draft_fields`` lists every value the drafter filled.
    """
    body_start = extraction.dateline.end if extraction.dateline else 0
    rows: dict[tuple[str, str], dict[str, str]] = {}
    starts = [m.start for m in extraction]  # the mentions are in text order
    for start, end in _sentences(text, body_start):
        row = _row(text[start:end], (start, end), extraction, text, starts)
        if row is None:
            continue
        key = (row["date"], row["target_lat"] + row["target_lon"])
        if key in rows:
            kept = rows[key]
            kept["notes"] += " | " + row["notes"][len("DRAFT: "):]
            for column in DRAFT_COLUMNS[:-1]:
                if not kept[column] and row[column]:
                    kept[column] = row[column]
                    kept["draft_fields"] += ";" + column
            continue
        rows[key] = row
    out = list(rows.values())
    for n, row in enumerate(out, start=1):
        row["id"] = f"draft-{row['date'] or 'undated'}-{n}"
    return out


def draft_csv(rows: list[dict[str, str]]) -> str:
    """The rows as CSV text with the :data:`DRAFT_COLUMNS` header."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=DRAFT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def write_draft(rows: list[dict[str, str]], path: str | Path) -> Path:
    """Write the rows to ``path`` as CSV (UTF-8); raises GeomapFileError when it cannot."""
    path = Path(path)
    try:
        path.write_text(draft_csv(rows), encoding="utf-8")
    except OSError as err:
        raise GeomapFileError(f"cannot write the draft events: {err.strerror}", path=path) from err
    return path
