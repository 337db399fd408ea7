"""Apply the rule spans to gazetteer candidates: drop the names that are not places, flag the
ones inside organisation names, and widen a name over the generic word after it.

:class:`RuleSpans` holds every rule span of one text (see :mod:`geomap.extract.spans`);
:meth:`RuleSpans.judge` returns ``None`` to drop a candidate, else its flags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geomap.extract.matcher import Candidate
from geomap.extract.named_days import named_day_spans
from geomap.extract.rules import (
    FACILITY_WORDS,
    FUNCTION_WORDS,
    GENERIC_PREFIXES,
    GENERIC_SUFFIXES,
    PERSON_TITLES,
)
from geomap.extract.spans import (
    Intervals,
    Span,
    abbreviation_spans,
    demonym_spans,
    media_spans,
    organisation_spans,
    person_spans,
    team_spans,
    vessel_spans,
)

__all__ = ["RuleSpans", "generic_after", "generic_before", "generic_of_key"]


@lru_cache(maxsize=1)
def _facility_after() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(FACILITY_WORDS, key=len, reverse=True))
    return re.compile(rf"[ \t]+(?P<word>{words})(?!\w)", re.IGNORECASE)


#: facility words that make a street or a road of the name before them, in any case
_WAYS = frozenset(w.lower() for w in ("Street", "St.", "Road", "Avenue", "Boulevard", "Square",
                                      "Highway"))
_CAPITAL_NEXT = re.compile(r"[ \t]+[A-Z]")


def _names_a_facility(text: str, end: int) -> bool:
    """True when a facility word after ``end`` makes the name before it the facility's own.

    "Palestine Street", "Baghdad Hotel", "St. Cloud Hospital": the name is the facility's. Not
    when the word is in lower case ("an Ohio church", "the Uvalde school shooting": a church, a
    school in that place; a street is a street in any case), nor when a road word opens a
    longer capitalised name ("Minnesota Highway Safety Center", "Ohio Highway Patrol": the
    state's own body names the state).
    """
    m = _facility_after().match(text, end)
    if m is None:
        return False
    word = m.group("word")
    if word.lower() in _WAYS:
        return _CAPITAL_NEXT.match(text, m.end()) is None
    return word[0].isupper()


@dataclass
class RuleSpans:
    """The rule spans of one text."""

    organisations: list[Span]
    persons: list[Span]
    vessels: list[Span]
    media: list[Span]
    #: named days ("Fourth of July", "Independence Day"): never a place
    days: list[Span]
    demonyms: list[tuple[int, int, str, str | None]]
    abbreviations: list[tuple[int, int, str, str]]

    def __post_init__(self) -> None:
        self._orgs = Intervals(self.organisations)
        self._names = Intervals([*self.persons, *self.vessels, *self.media, *self.days])
        self._demonyms = Intervals((s, e) for s, e, *_ in self.demonyms)
        self._abbreviations = Intervals((s, e) for s, e, *_ in self.abbreviations)

    @classmethod
    def find(cls, text: str) -> RuleSpans:
        """Scan ``text`` with every rule."""
        return cls(
            organisations=organisation_spans(text),
            persons=person_spans(text),
            vessels=vessel_spans(text) + team_spans(text),
            media=media_spans(text),
            days=named_day_spans(text),
            demonyms=demonym_spans(text),
            abbreviations=abbreviation_spans(text),
        )

    def not_a_name(self, start: int, end: int) -> bool:
        """True inside a person's, a ship's or an outlet's name, or a named day's."""
        return self._names.contains(start, end)

    def judge(self, cand: Candidate, text: str) -> tuple[str, ...] | None:
        """``None`` to drop ``cand``; else its flags (``()`` or ``("organisation",)``)."""
        start, end = cand.start, cand.end
        if _only_function_words(text[start:end]):
            return None  # "To me" (Tomé), "Itâ s" (mojibake of "It's": Etah)
        if text[start:end + 1] in _TITLE_ABBREVIATIONS:
            return None  # "Sen." (Essen), "Gov.", "Rep." before a name
        facility = generic_of_key(cand.key) is not None
        if not facility and self.not_a_name(start, end):
            return None
        if _names_a_facility(text, end):
            return None  # "Palestine Street", "Baghdad Hotel"
        if self._demonyms.contains(start, end):
            return None  # "Saudi" officials: the demonym is reported instead
        if self._abbreviations.overlaps(start, end):
            return None
        if self._orgs.contains(start, end):
            return ("organisation",)
        return ()

    def demonym_flags(self, start: int, end: int) -> tuple[str, ...] | None:
        """Flags for a demonym or abbreviation at ``[start, end)``; None to drop it."""
        if self.not_a_name(start, end):
            return None
        return ("organisation",) if self._orgs.contains(start, end) else ()


def _only_function_words(written: str) -> bool:
    """True when every word is an English function word (a trailing mojibake "â" aside)."""
    return all(w.rstrip("â").lower() in _FUNCTION_WORDS for w in written.split())


_FUNCTION_WORDS = frozenset(FUNCTION_WORDS)
_TITLE_ABBREVIATIONS = frozenset(t for t in PERSON_TITLES if t.endswith(".") and " " not in t)


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern[str]:
    words = "|".join(
        re.escape(w).replace(r"\-", r"[\s\-]?").replace(r"\ ", r"[\s\-]+")
        for w in sorted(GENERIC_SUFFIXES, key=len, reverse=True)
    )
    return re.compile(rf"[ \t\-]+(?P<word>{words})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _prefix_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(GENERIC_PREFIXES, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?P<word>{words})\s+$", re.IGNORECASE)


@lru_cache(maxsize=256)
def generic_of_key(key: str) -> str | None:
    """The generic class in a normalised alias (``"rid sia"`` → ``"sea"``), or None."""
    from geomap.gazetteer import split_generic

    return split_generic(key)[1]


@lru_cache(maxsize=64)
def _class_of_word(word: str) -> str | None:
    from geomap.gazetteer import normalize_name, split_generic

    return split_generic(normalize_name(f"x {word}"))[1]


def generic_after(text: str, end: int) -> tuple[int, str | None, str]:
    """A generic word right after ``end``: ``(new_end, class, word)``, else ``(end, None, "")``."""
    m = _suffix_pattern().match(text, end)
    if not m:
        return end, None, ""
    word = m.group("word")
    return m.end(), _class_of_word(" ".join(re.split(r"[\s\-]+", word.lower()))), word


def generic_before(text: str, start: int) -> tuple[str | None, str]:
    """A generic word before ``start`` ("province of Sweida"): ``(class, word)``."""
    m = _prefix_pattern().search(text, max(0, start - 30), start)
    if not m:
        return None, ""
    word = GENERIC_PREFIXES[m.group("word").lower()]
    return _class_of_word(word), word
