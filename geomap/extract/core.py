"""Find and geocode every place a dispatch names: :func:`extract_places`.

The steps, for one text:

1. the header date and the dateline (:mod:`geomap.extract.dateline`);
2. gazetteer names on word boundaries (:mod:`geomap.extract.matcher`);
3. the rule spans: persons, ships, outlets and streets drop a name, an organisation flags it,
   demonyms and abbreviations become flagged mentions of their country
   (:mod:`geomap.extract.filters`);
4. leftmost-longest selection, then a generic word after a name widens it ("Deir el-Zour
   province");
5. the article's context -- its countries (named, by demonym, abbreviation, dateline) -- and,
   for every name, the believable gazetteer entries ranked in that context
   (:mod:`geomap.extract.resolve`); the geocoder makes the :class:`~geomap.geocoder.Place`;
6. streets and roads, placed in their town (:mod:`geomap.extract.streets`).

One name keeps one reading within an article: a bare "Sweida" after "the province of Sweida"
is the province.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from geomap.errors import GeomapInputError
from geomap.extract.article_state import shared_state
from geomap.extract.dateline import Dateline, as_date, parse_dateline, parse_header_date
from geomap.extract.filters import RuleSpans, generic_after, generic_before, generic_of_key
from geomap.extract.matcher import AliasMatcher, Candidate, default_matcher, select_longest
from geomap.extract.model import Extraction, Mention
from geomap.extract.name_parts import is_tail, starts_longer_name
from geomap.extract.names import Name, apart
from geomap.extract.places import PlaceMaker
from geomap.extract.qualifiers import qualifiers, within
from geomap.extract.resolve import FEATURE_KINDS, GENERIC_KINDS, Context, plausible, rank
from geomap.extract.rules import COUNTY_WORDS
from geomap.extract.rules import STATE_ABBREVIATIONS as STATES
from geomap.extract.spans import Intervals
from geomap.extract.streets import street_mentions
from geomap.gazetteer.normalize import exact_form, plain_form

#: the least population of a first-level division whose name alone sets an article's state
STATE_POPULATION = 500_000
_POSSESSIVE = re.compile(r"['’]s?$")

__all__ = ["Extractor", "extract_places", "default_extractor"]


class Extractor:
    """Extract place mentions with a given matcher, gazetteer and geocoder.

    Parameters
    ----------
    matcher : AliasMatcher, optional
        Default: the cached matcher over the shipped gazetteer.
    gazetteer : Gazetteer, optional
        Default: :func:`geomap.gazetteer.load_gazetteer`.
    geocode : callable, optional
        ``geocode(name, *, country=None, context=None) -> Place``; default
        :func:`geomap.geocoder.geocode`.
    """

    def __init__(self, matcher: AliasMatcher | None = None, gazetteer: Any = None,
                 geocode: Callable[..., Any] | None = None) -> None:
        if gazetteer is None:
            from geomap.gazetteer import load_gazetteer

            gazetteer = load_gazetteer()
        self.gazetteer = gazetteer
        self.matcher = matcher or default_matcher()
        self.places = PlaceMaker(gazetteer, geocode)
        #: the entries named a word as spelt (or with "County"/"Parish" after it), cached
        self._exact_entries = lru_cache(maxsize=65536)(
            lambda word: frozenset(self.gazetteer.exact_entries(exact_form(word))).union(
                *(self.gazetteer.exact_entries(exact_form(f"{word} {w}")) for w in COUNTY_WORDS)))

    # -- steps --------------------------------------------------------------------------
    def _names(self, text: str, rules: RuleSpans) -> list[Name]:
        toks = self.matcher.tokenize(text)
        cands = self.matcher.candidates(toks)
        flags_of: dict[Candidate, tuple[str, ...]] = {}
        for cand in cands:
            verdict = rules.judge(cand, text)
            if verdict is not None:
                flags_of[cand] = verdict
        names = []
        selected = select_longest(list(flags_of))
        starts = {c.first for c in selected}
        for cand in selected:
            generic = generic_of_key(cand.key)
            end, query = cand.end, text[cand.start : cand.end]
            fits = True
            if generic is None:
                new_end, suffix_class, _word = generic_after(text, cand.end)
                prefix_class, word = generic_before(text, cand.start)
                if suffix_class:
                    end, generic, query = new_end, suffix_class, text[cand.start : new_end]
                elif prefix_class:
                    generic, query = prefix_class, f"{query} {word}"
                fits = generic is None or self._fits(cand, generic)
            tail = (is_tail(toks.tokens, cand.first, starts)
                    or starts_longer_name(toks.tokens, cand.last, starts))
            names.append(Name(cand, end, generic, flags_of[cand], query, tail=tail, fits=fits))
        return names

    def _fits(self, cand: Candidate, generic: str) -> bool:
        kinds = GENERIC_KINDS.get(generic, frozenset())
        return any(self.gazetteer.kind_of(i) in kinds for i in cand.entries)

    def _context(self, names: list[Name], rules: RuleSpans, text: str,
                 dateline: Dateline | None) -> Context:
        ctx = Context(names=tuple(dict.fromkeys(
            text[n.start : n.end] for n in names if not n.flags)))
        for s, e, target, code in (*rules.demonyms, *rules.abbreviations):
            state = text[s:e] in STATES  # "Ky.": a US mention, but not the country's name
            ctx.add_country(code, 1, target if len(target) > 3 and not state else None)
            if state:
                ctx.add_state(code, target, 2)
        for name in names:
            self._name_context(name, text, ctx)
        if dateline is not None:
            ctx.dateline_country = self._dateline_country(names, dateline, ctx, text)
            ctx.dateline_place = dateline.place
            ctx.add_country(ctx.dateline_country, 2)
        if not ctx.states:
            ctx.add_state(*self._shared_state(names, text, ctx))
        # then the countries of the places that can only be in one country ("Tyre", "Khan
        # Younis"): they steer the names that could be in several ("Rafah", "Bekaa")
        found = []
        for name in names:
            written = text[name.start : name.end]
            options = self._options(name, written, ctx)
            countries = {e.country_code for _i, e in options}
            if len(countries) == 1 and all(e.kind != "country" for _i, e in options):
                found.append(countries.pop())
                states = {e.admin1 for _i, e in options if e.kind == "district"}
                if len(states) == 1 and len(options) == 1:
                    ctx.add_state(found[-1], states.pop(), 1)  # "Rapides Parish": Louisiana
        for code in found:
            ctx.add_country(code, 2)
        return ctx

    def _shared_state(self, names: list[Name], text: str,
                      ctx: Context) -> tuple[str | None, str | None]:
        """The state several names of a local story share (:mod:`geomap.extract.article_state`)."""
        seen: dict[str, tuple[str, list[Any]]] = {}
        for name in names:
            if not name.flags and not name.tail and name.cand.key not in seen:
                seen[name.cand.key] = (text[name.start : name.end],
                                       [self.gazetteer.entry(i) for i in name.cand.entries])
        return shared_state(seen.values(), ctx.countries) or (None, None)

    def _name_context(self, name: Name, text: str, ctx: Context) -> None:
        """A country named counts for its country; a first-level division written as named
        ("Minnesota", not "Georgia", which is a country too) for itself."""
        written = text[name.start : name.end]
        state = None
        for i in name.cand.entries:
            kind = self.gazetteer.kind_of(i)
            if kind == "country":
                entry = self.gazetteer.entry(i)
                ctx.add_country(entry.country_code, 2, entry.name)
                return
            if kind == "admin1" and state is None:
                entry = self.gazetteer.entry(i)
                # a state or province people know by name, not a parish called "Douglas"
                if (exact_form(entry.name) == exact_form(written)
                        and entry.population >= STATE_POPULATION):
                    state = entry
        if state is not None and not name.flags:
            ctx.add_state(state.country_code, state.admin1, 2)

    def _dateline_country(self, names: list[Name], dateline: Dateline, ctx: Context,
                          text: str) -> str | None:
        spans = [(dateline.region_start, dateline.region_end),
                 (dateline.place_start, dateline.place_end)]
        for start, end in spans:
            if start is None:
                continue
            for name in names:
                if start <= name.start and name.end <= end:
                    name.role = "dateline"
                    best = self._best(name, text[name.start : name.end], ctx)
                    if best is not None:
                        return self.gazetteer.country_of(best[1])
        return None

    def _options(self, name: Name, written: str, ctx: Context) -> list[tuple[int, Any]]:
        """``(index, entry)`` of the believable entries of a name."""
        multi = name.cand.last > name.cand.first
        strict = bool(name.flags) or (name.role != "dateline" and written.isupper())
        spelt = self._spelt_as_written(name, written)
        plain = plain_form(written[: name.cand.end - name.start])  # without a generic word
        options = within([
            (i, e) for i in name.cand.entries
            if plausible(e := self.gazetteer.entry(i), written, ctx, multiword=multi,
                         strict=strict)
            and (spelt is None or i in spelt or plain_form(e.name) == plain
                 or (self.gazetteer.in_region(i) and e.kind != "country"))
            and (not name.tail or e.kind == "country" or e.kind in FEATURE_KINDS)
            and (not name.flags or e.kind == "country")  # in an organisation: a country only
        ], name.area)
        if name.town:
            towns = [(i, e) for i, e in options if e.kind in ("city", "capital")]
            return towns or options
        return options

    def _spelt_as_written(self, name: Name, written: str) -> frozenset[int] | None:
        """For one Latin-script word, the entries that have it as a name (as spelt, or with
        "County" or "Parish" after it: "Avoyelles").

        The gazetteer's transliteration folding ("Hodeidah" = "Al Hudaydah") is for the
        region's names written from Arabic and Persian; outside it, a word that only folds into
        the name of a place, or of a country ("Room" -> Rome, "Code" -> Cody, "Morris" ->
        Mauritius, "Let" -> Lit, India, "Alliance" -> Liancai, China), is not that place
        (spelt as its name without the diacritics is: "Anantnag" for Anantnāg). None: no such
        restriction.
        """
        written = written.replace("’", "'")  # "We’ll" is English (Vail)
        if name.cand.last > name.cand.first or not written.isascii():
            return None
        written = written[: name.cand.end - name.start]  # not a generic word after it
        bare = _POSSESSIVE.sub("", written)
        return self._exact_entries(bare)

    def _best(self, name: Name, written: str, ctx: Context) -> tuple[float, int, float] | None:
        """``(score, entry index, confidence)`` of the best believable entry, or None.

        Confidence: 0.95 for a single believable entry, else 0.5 + the score margin over the
        runner-up (at most 0.95); a negative confidence marks a contested name.
        """
        options = self._options(name, written, ctx)
        if not options:
            return None
        ranked = rank(options, written, name.generic, ctx)
        if len(ranked) == 1:
            return ranked[0][0], ranked[0][1], 0.95
        margin = ranked[0][0] - ranked[1][0]
        confidence = min(0.95, 0.5 + margin / 4)
        if margin >= 1.0:  # a clear winner (its country is the article's, the rival's not)
            return ranked[0][0], ranked[0][1], confidence
        # contested: the geocoder, reading the article's other names, decides when it
        # answers with one of the believable readings ("Doha" beside Qatar in a Gaza story)
        chosen = None
        top = ranked[0][2]
        # readings that are all one place (one kind, close together) need no decision
        if any(e.kind != top.kind or apart(top, e) for _s, _i, e in ranked[1:]):
            chosen = self.places.choose(written, [(i, e) for _s, i, e in ranked], ctx)
        if chosen is not None:
            return next(t for t in ranked if t[1] == chosen)[0], chosen, -confidence
        return ranked[0][0], ranked[0][1], -confidence

    # -- the whole ---------------------------------------------------------------------
    def extract(self, text: str, *, date: dt.date | str | None = None) -> Extraction:
        """Find and geocode the places ``text`` names; see :func:`extract_places`."""
        if not isinstance(text, str):
            raise GeomapInputError(f"extract_places needs a str, not {type(text).__name__}")
        reference = as_date(date)
        header_date, _ = parse_header_date(text)
        dateline = parse_dateline(text, reference=reference or header_date)
        article_date = reference or header_date or (dateline.date if dateline else None)
        rules = RuleSpans.find(text)
        names = self._names(text, rules)
        ctx = self._context(names, rules, text, dateline)
        areas = {s: (code, target) for s, e, target, code in rules.abbreviations
                 if text[s:e] in STATES}
        found = qualifiers(names, areas, text, self.gazetteer, STATE_POPULATION)
        for name in names:
            name.area = found.get(name.start)
        mentions = self._place_mentions(names, text, ctx, dateline)
        mentions += self._country_mentions(rules, text, ctx, mentions)
        if dateline is not None and not any(
            dateline.place_start <= m.start < dateline.place_end for m in mentions
        ):
            mentions += self._dateline_fallback(dateline, ctx)
        mentions += street_mentions(text, mentions)
        return Extraction(mentions, dateline=dateline, date=article_date)

    def _place_mentions(self, names: list[Name], text: str, ctx: Context,
                        dateline: Dateline | None) -> list[Mention]:
        chosen: dict[str, Any] = {}  # key -> entry index, or the Place the geocoder gave
        out = []
        # names with a generic word or a qualifier decide first: a bare repeat reads the same
        for name in sorted(names, key=lambda n: (n.generic is None and n.area is None,
                                                 n.start)):
            written = text[name.start : name.end]
            key = name.cand.key
            if dateline is not None and dateline.covers(name.start, name.end):
                name.role = "dateline"
                name.town = dateline.place_start <= name.start and name.end <= dateline.place_end
            if name.generic is None and key in chosen and not name.flags and not name.area:
                reading = chosen[key]
            elif not name.fits:
                reading = self.places.geocode_name(name.query, ctx,
                                                   kinds=GENERIC_KINDS[name.generic])
                if reading is None:
                    # "the port of Odesa", "Matara district" with no such entry: the town
                    name.end = name.cand.end
                    written = name.query = text[name.start : name.end]
                    best = self._best(name, written, ctx)
                    reading = None if best is None else (best[1], best[2])
            else:
                best = self._best(name, written, ctx)
                reading = None if best is None else (best[1], best[2])
            if reading is None:
                continue
            chosen.setdefault(key, reading)
            if isinstance(reading, tuple):
                index, confidence = reading
                place = self.places.make(name.query, index, ctx, abs(confidence),
                                         contested=confidence < 0)
            else:
                place = reading
            out.append(Mention(written, name.start, name.end, place, name.role, name.flags))
        return out

    def _country_mentions(self, rules: RuleSpans, text: str, ctx: Context,
                          taken: list[Mention]) -> list[Mention]:
        out = []
        places = Intervals((m.start, m.end) for m in taken)
        for kind, spans in (("demonym", rules.demonyms), ("abbreviation", rules.abbreviations)):
            for start, end, target, code in spans:
                extra = rules.demonym_flags(start, end)
                if extra is None or places.contains(start, end):
                    continue  # "Saudi" inside "Saudi Arabia"
                place = self.places.country(target, code, ctx)
                if place is not None:
                    out.append(Mention(text[start:end], start, end, place, "mention",
                                       (kind, *extra)))
        return out

    def _dateline_fallback(self, dateline: Dateline, ctx: Context) -> list[Mention]:
        place = self.places.geocode_name(dateline.place, ctx)
        if place is None:
            return []
        return [Mention(dateline.place, dateline.place_start, dateline.place_end, place,
                        "dateline")]


_LOCK = threading.Lock()
_DEFAULT: Extractor | None = None


def default_extractor() -> Extractor:
    """The extractor over the shipped gazetteer and geocoder, built once."""
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = Extractor()
    return _DEFAULT


def extract_places(text: str, *, date: dt.date | str | None = None) -> Extraction:
    """Find and geocode every place ``text`` names.

    Parameters
    ----------
    text : str
        A dispatch, in English (Arabic-script names inside it are found too).
    date : datetime.date or str, optional
        The article date (``YYYY-MM-DD``); default: a `` date YYYY-MM-DD `` header line, else
        the date in the dateline.

    Returns
    -------
    Extraction
        A ``list`` of :class:`Mention` in text order; ``.places`` groups them per place (one
        :class:`PlaceMentions` each, in order of first mention); ``.dateline`` and ``.date``.

    Raises
    ------
    GeomapInputError
        When ``text`` is not a string or ``date`` is not ``YYYY-MM-DD``.

    Examples
    --------
    >>> ex = extract_places("ERBIL, Iraq — A drone struck the al-Omar base in Syria.")
    >>> [(m.text, m.role) for m in ex][:2]
    [('ERBIL', 'dateline'), ('Iraq', 'dateline')]
    >>> [p.place.name for p in ex.places][2:]
    ['Al-Omar oil field', 'Syria']
    """
    return default_extractor().extract(text, date=date)
