"""Turn the entry chosen for a name into a :class:`~geomap.geocoder.Place`.

A name with a single believable entry (most: countries, seas, curated sites, the towns of
the article's countries) becomes a Place straight from that entry. A *contested* name (several
believable entries: Aden, Tripoli, Homs, Deir ez-Zor) goes to the geocoder, with the
article's dateline place and countries as ``context`` (contract 1): its answer is kept when
it is the chosen entry. Else it is asked again with the chosen entry's country as the hint;
when it still disagrees (it may call the name ambiguous where the article's context decided)
the Place is made from the chosen entry, with a confidence from the extractor's ranking. The
geocoder's fuzzy search is never used here: every name asked exists in the gazetteer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from geomap.extract.resolve import Context, rank

__all__ = ["PlaceMaker"]

class PlaceMaker:
    """Make Places for one gazetteer, caching answers per name and context.

    Parameters
    ----------
    gazetteer : Gazetteer
    geocode : callable, optional
        ``geocode(name, *, country=None, context=None) -> Place``; default
        :func:`geomap.geocoder.geocode`.
    """

    def __init__(self, gazetteer: Any, geocode: Callable[..., Any] | None = None) -> None:
        if geocode is None:
            from geomap.geocoder import geocode
        self.gazetteer = gazetteer
        self.geocode = geocode
        self._cache: dict[tuple[Any, ...], Any] = {}

    def _remember(self, key: tuple[Any, ...], value: Any) -> Any:
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[key] = value
        return value

    @staticmethod
    def context_names(ctx: Context) -> tuple[str, ...]:
        """The geocoder's ``context``: the dateline place and the article's countries."""
        return ctx.geocoder_context()

    def make(self, query: str, index: int, ctx: Context, confidence: float = 0.8, *,
             contested: bool = True) -> Any:
        """The Place for ``query`` read as gazetteer entry ``index``.

        ``contested``: other entries were believable too, so the geocoder is asked.
        """
        if not contested:  # the confidence is the caller's: part of the key
            key: tuple[Any, ...] = (query, index, confidence)
            if key not in self._cache:
                self._remember(key, self.from_entry(query, self.gazetteer.entry(index),
                                                    confidence))
            return self._cache[key]
        names = self.context_names(ctx)
        key = (query, index, names, confidence)
        if key in self._cache:
            return self._cache[key]
        entry = self.gazetteer.entry(index)
        for country in (None, entry.country_code):
            try:
                place = self.geocode(query, country=country, context=list(names))
            except Exception:  # noqa: BLE001 - a geocoder failure falls back to the entry
                break
            if place.source == entry.source and place.source_id == entry.source_id:
                return self._remember(key, place)
            if entry.country_code is None:
                break
        return self._remember(key, self.from_entry(query, entry, confidence))

    def choose(self, query: str, options: list[tuple[int, Any]], ctx: Context) -> int | None:
        """The option (entry index) the geocoder answers for ``query`` with the article's
        other names as context; None when it answers none of them (or nothing)."""
        names = tuple(n for n in ctx.names if n != query)
        key = ("choose", query, names, tuple(i for i, _e in options))
        if key in self._cache:
            return self._cache[key]
        try:
            place = self.geocode(query, context=list(names))
        except Exception:  # noqa: BLE001 - a geocoder failure leaves the extractor's ranking
            return self._remember(key, None)
        ids = {(e.source, e.source_id): i for i, e in options}
        return self._remember(key, ids.get((place.source, place.source_id)))

    def from_entry(self, query: str, entry: Any, confidence: float = 0.8) -> Any:
        """A Place made straight from a gazetteer entry."""
        from geomap.gazetteer import normalize_name
        from geomap.geocoder.place import place_from_entry

        written = " ".join(query.lower().split())
        exact = written in (entry.name.lower(), normalize_name(entry.name))
        return place_from_entry(query, entry, match="exact" if exact else "normalized",
                                confidence=confidence)

    def country(self, target: str, code: str | None, ctx: Context) -> Any:
        """The Place of the country (or region) a demonym or abbreviation stands for."""
        key = ("country", target, code)
        if key in self._cache:
            return self._cache[key]
        from geomap.gazetteer import normalize_name

        options = [
            (i, e) for i, e in self._lookup(normalize_name(target))
            if code is None or e.country_code == code
        ]
        if not options:
            return self._remember(key, None)
        best = rank(options, target, None, ctx)[0]
        return self._remember(key, self.from_entry(target, best[2], 0.9))

    def _lookup(self, key: str) -> list[tuple[int, Any]]:
        """``(n, entry)`` for the gazetteer's entries of a normalised name."""
        return list(enumerate(self.gazetteer.lookup(key)))

    def geocode_name(self, name: str, ctx: Context, kinds: frozenset[str] | None = None) -> Any:
        """Geocode a name the matcher could not settle; None if unresolved or not of ``kinds``.

        Used for a dateline place the matcher did not find, and for a name whose generic
        word fits none of its entries ("the province of Sweida" when only the town matched).
        """
        from geomap.gazetteer import normalize_name

        names = self.context_names(ctx)
        key = ("name", name, kinds, names, ctx.dateline_country)
        if key in self._cache:
            return self._cache[key]
        known = {(e.source, e.source_id) for _i, e in self._lookup(normalize_name(name))}
        if not known:
            return self._remember(key, None)  # unknown: no fuzzy guessing in running text
        try:
            place = self.geocode(name, country=ctx.dateline_country, context=list(names))
            if not place.resolved and ctx.dateline_country:
                place = self.geocode(name, context=list(names))
        except Exception:  # noqa: BLE001 - an unanswerable name is simply not reported
            place = None
        if (place is None or not place.resolved or (kinds and place.kind not in kinds)
                or (place.source, place.source_id) not in known):
            place = None
        return self._remember(key, place)
