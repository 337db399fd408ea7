"""Find the spans of a text that hold names which are not places, and the demonyms.

Each function scans the original text and returns ``(start, end)`` spans (or richer tuples);
:mod:`geomap.extract.core` then drops, or flags, the gazetteer matches that fall inside them:

* :func:`organisation_spans` -- armed groups, agencies, media ("Islamic Resistance in Iraq"):
  a place inside is reported flagged ``organisation``;
* :func:`person_spans` -- a title and the capitalised name after it ("Prime Minister Mohammed
  Shia al-Sudani"), a given name and the name after it, known people ("Lloyd Austin");
* :func:`vessel_spans` -- "the tanker Marlin Luanda", "INS Kolkata": the name, and every later
  occurrence of it in the text;
* :func:`media_spans` -- "the local news website Suwayda 24";
* :func:`team_spans` -- sports teams beside a match score ("beat Ittihad 4-1");
* :func:`demonym_spans` / :func:`abbreviation_spans` -- "Iraqi", "Yemenis"; "U.S.", "UK".

Patterns are compiled once, on first use.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

from geomap.extract.rules import (
    ABBREVIATIONS,
    DEMONYMS,
    GIVEN_NAMES,
    INSTITUTION_HEADS,
    KNOWN_PERSONS,
    MEDIA_WORDS,
    NAME_PARTICLES,
    ORGANISATIONS,
    PERSON_TITLES,
    PLACE_GIVEN_NAMES,
    STATE_ABBREVIATIONS,
    VESSEL_WORDS,
)

__all__ = [
    "Span",
    "organisation_spans",
    "person_spans",
    "vessel_spans",
    "team_spans",
    "media_spans",
    "demonym_spans",
    "abbreviation_spans",
    "is_capital",
    "inside",
    "Intervals",
]

Span = tuple[int, int]

_ALL_ABBREVIATIONS = {**ABBREVIATIONS, **STATE_ABBREVIATIONS}

#: words after a surname that make it a place again ("Henry County", "Lewis Street")
_PLACE_WORDS = (r"(?:County|Parish|City|Township|Town|Street|St\.|Avenue|Ave\.|Road|Rd\.|"
                r"Boulevard|Drive|Lake|River|Island|Park|Heights|Hills?|Falls|Springs|Beach|"
                r"Valley|Bay|Creek|Mountains?|Village|Borough|Square|Islands?|Harbou?r|Port|"
                r"International|Regional|Municipal|Memorial|Airport|Station|Police|Fire|"
                r"Sheriff|Public|State|University|College|High|Middle|Elementary|School|"
                r"Hospital|Center|Centre|Mall|Zoo|Metro|Area|Region|Province)\b")

_SEP = r"[\s\-‐‑]+"
_L = r"A-Za-z\u00C0-\u024F"
#: one capitalised word (may carry inner apostrophes/hyphens: Abdul-Malik, Sa'dah)
_CAP_WORD = rf"[A-Z][{_L}'’]*(?:-[A-Za-z][{_L}'’]*)*"
_PARTICLE = "|".join(sorted(NAME_PARTICLES, key=len, reverse=True))
#: a capitalised word, perhaps after a name particle ("al-Sudani", "bin Salman")
_NAME_PART = rf"(?:(?:{_PARTICLE})[\s\-]+)?{_CAP_WORD}"
#: a run of capitalised words and name particles ("Mohammed Shia al-Sudani")
_NAME_RUN = rf"{_CAP_WORD}(?:[\s\-]+{_NAME_PART})*"


def _phrase(name: str) -> str:
    words = re.split(r"[\s\-]+", name)
    return _SEP.join(re.escape(w).replace("'", "['’]?") for w in words)


def _alternation(names: list[str] | tuple[str, ...]) -> str:
    return "|".join(_phrase(n) for n in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _org_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    caps = [n for n in ORGANISATIONS if n.isupper()]
    mixed = [n for n in ORGANISATIONS if not n.isupper()]
    return (
        re.compile(rf"(?<![\w'’])(?:{_alternation(caps)})(?![\w'’])"),
        re.compile(rf"(?<![\w'’])(?:{_alternation(mixed)})(?!\w)", re.IGNORECASE),
    )


def inside(spans: list[Span], start: int, end: int) -> bool:
    """True when ``[start, end)`` lies within one of ``spans`` (see :class:`Intervals`)."""
    return Intervals(spans).contains(start, end)


class Intervals:
    """Spans sorted once, for O(log n) "is this inside / does this overlap one of them"."""

    __slots__ = ("_starts", "_max_end")

    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _e in ordered]
        self._max_end: list[int] = []
        best = -1
        for _s, e in ordered:
            best = max(best, e)
            self._max_end.append(best)

    def _reach(self, i: int) -> int:
        """The furthest end among the first ``i`` spans (by start); -1 for none."""
        return self._max_end[i - 1] if i else -1

    def contains(self, start: int, end: int) -> bool:
        """True when some span has ``s <= start`` and ``end <= e``."""
        return self._reach(bisect.bisect_right(self._starts, start)) >= end

    def overlaps(self, start: int, end: int) -> bool:
        """True when some span has ``s < end`` and ``start < e``."""
        return self._reach(bisect.bisect_left(self._starts, end)) > start


def organisation_spans(text: str) -> list[Span]:
    """Spans of organisation names (a mixed-case name must start with a capital), and of
    capitalised names ending in an institution's head ("Concordia College")."""
    caps, mixed = _org_patterns()
    spans = [m.span() for m in caps.finditer(text)]
    spans += [m.span() for m in mixed.finditer(text)
              if text[m.start()].isupper() or text.startswith(("al-", "al "), m.start())]
    spans += [m.span() for m in _institution_pattern().finditer(text)]
    return sorted(spans)


@lru_cache(maxsize=1)
def _institution_pattern() -> re.Pattern[str]:
    heads = _alternation(INSTITUTION_HEADS)
    return re.compile(rf"(?<![\w\-]){_CAP_WORD}(?:\s+{_CAP_WORD}){{0,3}}?\s+(?:{heads})(?!\w)")


@lru_cache(maxsize=1)
def _score_pattern() -> re.Pattern[str]:
    """A team beside a match score: "beat Ittihad 4-1", "Petrojet beat Ismaili on Monday 1-0"."""
    verbs = r"beat|beating|beats|defeated|defeating|drew with|lost to|loss to|thrashed|edged"
    return re.compile(rf"(?:{verbs})\s+(?P<name>{_CAP_WORD})(?:\s+on\s+[A-Z][a-z]+)?"
                      rf"\s+\d{{1,2}}-\d{{1,2}}(?!\d)")


def team_spans(text: str) -> list[Span]:
    """Sports teams named beside a score, and every other occurrence of the same names (a
    team that is a country's name stays the country: "Egypt beat Algeria 2-1")."""
    names = {m.group("name") for m in _score_pattern().finditer(text)}
    spans: list[Span] = []
    for name in names - set(_COUNTRY_NAMES):
        spans += [m.span() for m in re.finditer(rf"(?<![\w\-]){re.escape(name)}(?!\w)", text)]
    return sorted(spans)


@lru_cache(maxsize=1)
def _person_patterns() -> tuple[re.Pattern[str], ...]:
    titles = _alternation(PERSON_TITLES)
    given = "|".join(sorted(GIVEN_NAMES, key=len, reverse=True))
    placed = "|".join(sorted(PLACE_GIVEN_NAMES, key=len, reverse=True))
    initial = r"(?:[A-Z]\.\s+)?"
    # a capitalised word that is not a place word ("Charlotte Graham", not "Virginia Beach")
    surname = rf"(?!{_PLACE_WORDS}){_CAP_WORD}"
    # (?=...) checks the shape first: an alternation of hundreds of names is slow to fail
    return (
        re.compile(rf"(?<!\w)(?:{titles})\s+(?P<name>{_NAME_RUN})"),
        re.compile(rf"(?<![\w\-])(?=[A-Z][a-z]+[\s\-])(?P<name>(?:{given})(?:\s+[A-Z]\.)?"
                   rf"(?:[\s\-]+{_NAME_PART})+)"),
        re.compile(rf"(?<![\w\-])(?:{_alternation(KNOWN_PERSONS)})(?!\w|-[a-z])"),
        re.compile(rf"(?<![\w\-])(?=[A-Z][a-z]+\s)(?P<name>(?:{placed})\s+{initial}{surname}"
                   rf"(?:\s+{surname})?)(?![\w\-])"),
        # "Chiquita Raquel Henry, 19, of ...": a name and an age
        re.compile(rf"(?<![\w\-])(?P<name>{_CAP_WORD}(?:\s+(?:[A-Z]\.|{_NAME_PART}))+)"
                   rf",\s+\d{{1,3}},"),
        # "Lindsay and Charlotte Graham": the first given name of a pair
        re.compile(rf"(?<![\w\-])(?=[A-Z][a-z]+\s+and\s+[A-Z])(?P<name>(?:{given}|{placed}))"
                   rf"\s+and\s+(?:{given}|{placed})\s+{initial}{_CAP_WORD}"),
    )


def person_spans(text: str) -> list[Span]:
    """Spans of person names: after a title, from a given name on, and known people; then
    every other occurrence of a surname so found ("Mitch Lewis ... Lewis said"), and a
    capitalised word that speaks ("Jones said", "said Campbell") when it is such a surname."""
    titled, given, known, placed, aged, paired = _person_patterns()
    spans = [m.span("name") for p in (titled, given, placed, aged, paired)
             for m in p.finditer(text)]
    surnames = {_last_word(text[s:e]) for s, e in spans} - {""}
    # a given name of a person named in the article stands for that person ("Roy", "Lindsay")
    surnames |= {w for s, e in spans if (w := text[s:e].split()[0]) in PLACE_GIVEN_NAMES
                 or w in GIVEN_NAMES}
    spans += [m.span() for m in known.finditer(text) if not _qualified(text, m.end())]
    spans += _demonym_people(text)
    for pattern in _speaker_patterns():
        spans += [m.span("name") for m in pattern.finditer(text)
                  if _COUNTRY_NAMES.get(m.group("name")) is None
                  and not is_capital(m.group("name"))  # "Moscow said": its government
                  and not _AFTER_PREPOSITION.search(text, max(0, m.start() - 8), m.start())]
    if surnames:
        words, place_after = _word_patterns()
        for m in words.finditer(text):
            word = m.group()
            while word and word not in surnames and word[-1] in "'’s-":
                word = word[:-1]  # "Underwood’s" is Underwood
            end = m.start() + len(word)
            if word in surnames and not place_after.match(text, end):
                spans.append((m.start(), end))
    return sorted(spans)


@lru_cache(maxsize=1)
def _word_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Capitalised words (compiled once: a pattern per article's surnames cost more than the
    scan), and the place word that makes a surname a place again ("Henry County")."""
    return (re.compile(r"(?<![\w\-])[A-Z][\w'’\-]*"),
            re.compile(rf"\s+{_PLACE_WORDS}"))


@lru_cache(maxsize=1)
def _speaker_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One capitalised word that speaks: "Jones said", "said Campbell." -- a person (not a
    country: "Russia said")."""
    verbs = r"said|says|told|added|admitted|stressed|noted|wrote|explained|testified"
    word = r"[A-Z][a-z]+"
    return (re.compile(rf"(?<![\w\-.])(?P<name>{word})(?:['’]s)?\s+(?:{verbs})\b"),
            re.compile(rf"(?<=said\s)(?P<name>{word})(?=[.,])"))


_COUNTRY_NAMES = {name: code for name, code in DEMONYMS.values()}
_QUALIFIED = re.compile(r",[ \t]+(?P<area>[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)")


def _qualified(text: str, end: int) -> bool:
    """A name followed by ", " and a state or country is a place: "Austin, Texas"."""
    m = _QUALIFIED.match(text, end)
    if m is None:
        return False
    two = m.group("area")
    for area in dict.fromkeys((two, two.split()[0])):  # "North Carolina", "Texas. Austin"
        if (area in _ALL_ABBREVIATIONS or area.rstrip(".") in _COUNTRY_NAMES
                or _is_division(area.rstrip("."))):
            return True
    return False


@lru_cache(maxsize=4096)
def _is_division(name: str) -> bool:
    from geomap.gazetteer import load_gazetteer
    from geomap.gazetteer.normalize import exact_form

    gaz = load_gazetteer()
    return any(gaz.kind_of(i) in ("admin1", "country") for i in gaz.exact_entries(exact_form(name)))


@lru_cache(maxsize=4096)
def is_capital(word: str) -> bool:
    """A country's capital, which speaks for its government ("Washington said")."""
    from geomap.gazetteer import load_gazetteer
    from geomap.gazetteer.normalize import exact_form

    gaz = load_gazetteer()
    return any(gaz.kind_of(i) == "capital" for i in gaz.exact_entries(exact_form(word)))


#: "officials in Aden said": the place of the speakers, not a person
_AFTER_PREPOSITION = re.compile(r"(?<!\w)(?:in|at|from|of|and|near)\s+$")


def _last_word(name: str) -> str:
    words = [w for w in re.split(r"[\s]+", name.strip()) if w[:1].isupper() and len(w) > 2]
    return words[-1].rstrip(".,'’") if len(words) >= 2 else ""


@lru_cache(maxsize=1)
def _vessel_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = _alternation(VESSEL_WORDS)
    run = rf"{_CAP_WORD}(?:\s+(?:{_CAP_WORD}|\d+))*"
    return (
        # "the tanker Marlin Luanda", "INS Kolkata"
        re.compile(rf"(?<!\w)(?:{words})\s+(?:the\s+)?(?P<name>{run})"),
        # "The Rubymar, a cargo ship ...", "The Marlin Luanda, a Marshall Islands-flagged vessel"
        re.compile(rf"(?<!\w)[Tt]he\s+(?P<name>{run}),\s+an?\s+[^,.;]{{0,60}}?(?<!\w)(?:{words})(?!\w)"),
    )


def vessel_spans(text: str) -> list[Span]:
    """Ship names next to a vessel word, and every other occurrence of the same names."""
    names = {m.group("name") for p in _vessel_patterns() for m in p.finditer(text)}
    spans: list[Span] = []
    for name in names:
        spans += [m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    return sorted(spans)


@lru_cache(maxsize=1)
def _media_pattern() -> re.Pattern[str]:
    words = _alternation(MEDIA_WORDS)
    return re.compile(rf"(?<!\w)(?:{words})\s+(?P<name>{_CAP_WORD}(?:\s+(?:{_CAP_WORD}|\d+))*)")


def media_spans(text: str) -> list[Span]:
    """Names of news outlets written after "website", "newspaper", "channel" ..."""
    return [m.span("name") for m in _media_pattern().finditer(text)]


@lru_cache(maxsize=1)
def _demonym_pattern() -> re.Pattern[str]:
    # every capitalised word (and two-word demonyms such as "Sri Lankan"), looked up after
    seconds = sorted({f.split()[1] for f in DEMONYMS if " " in f}, key=len, reverse=True)
    return re.compile(rf"(?<![\w'’])[A-Z][a-z]+(?: (?:{'|'.join(seconds)}))?(?![\w'’])")


#: after a demonym, a word that makes it a person, a language or a sports body: "the
#: Portuguese tactician", "Angolan hitman", "spoke only French", "the Egyptian club", "the
#: Egyptian Premier League"
_PERSON_AFTER = re.compile(
    r"\s+(?:(?:goal)?keeper|tactician|coach|striker|hitman|defender|midfielder|forward|"
    r"winger|playmaker|international|club|Premier League|League|Cup)\b")
_LANGUAGE_BEFORE = re.compile(r"(?<!\w)(?:spoke|speaks|speak|speaking|fluent in|translated "
                              r"(?:into|from))\s+(?:only\s+|fluent\s+)?$")


#: "The Nigerian successfully sent ...", "the American killed in the attack": one person
_THE_BEFORE = re.compile(r"(?<!\w)[Tt]he\s+$")
_ACTS_AFTER = re.compile(r"\s+(?:[a-z]{3,}ly\s+[a-z]+|[a-z]{2,}ed|said|told|sent|made|took|"
                         r"gave|struck|shot|won|lost|left|came|went)\b")


def _demonym_people(text: str) -> list[Span]:
    """Demonyms that name a person, a language or a sports body, not a country's people."""
    out = []
    for m in _demonym_pattern().finditer(text):
        if m.group() in DEMONYMS and (
                _PERSON_AFTER.match(text, m.end())
                or _LANGUAGE_BEFORE.search(text, max(0, m.start() - 30), m.start())
                or (_THE_BEFORE.search(text, max(0, m.start() - 4), m.start())
                    and _ACTS_AFTER.match(text, m.end()))):
            out.append(m.span())
    return out


def demonym_spans(text: str) -> list[tuple[int, int, str, str | None]]:
    """``(start, end, country name, country code)`` for every demonym written."""
    out = []
    for m in _demonym_pattern().finditer(text):
        target = DEMONYMS.get(m.group())
        if target is not None:
            out.append((m.start(), m.end(), *target))
    return out


@lru_cache(maxsize=1)
def _abbreviation_pattern() -> re.Pattern[str]:
    forms = sorted(_ALL_ABBREVIATIONS, key=len, reverse=True)
    return re.compile(rf"(?<![\w.])(?:{'|'.join(map(re.escape, forms))})(?![\w])")


def abbreviation_spans(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, country name, country code)`` for "U.S.", "UK", "UAE" ..."""
    out = []
    for m in _abbreviation_pattern().finditer(text):
        name, code = _ALL_ABBREVIATIONS[m.group()]
        out.append((m.start(), m.end(), name, code))
    return out
