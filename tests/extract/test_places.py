"""Making Places for chosen entries (geomap.extract.places), with stand-in geocoders."""

from __future__ import annotations

import pytest

from geomap.extract.places import PlaceMaker
from geomap.extract.resolve import Context
from geomap.gazetteer import load_gazetteer, normalize_name, split_generic
from geomap.geocoder import Place


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _index(gaz, name: str, kind: str) -> int:
    key = split_generic(normalize_name(name))[0]
    for p in gaz.postings(key):
        if gaz.kind_of(p.entry) == kind:
            return p.entry
    raise AssertionError(f"{name} ({kind}) not in the gazetteer")


def _elsewhere(name, *, country=None, context=None):
    return Place(query=name, name="Elsewhere", lat=1.0, lon=2.0, precision="city", kind="city",
                 country_code="XX", confidence=0.5, source="geonames", source_id="1",
                 match="exact")


def _broken(name, *, country=None, context=None):
    raise RuntimeError("geocoder down")


def test_geocoder_answer_is_kept_when_it_is_the_chosen_entry(gaz):
    calls = []

    def same(name, *, country=None, context=None):
        calls.append((name, country, tuple(context or ())))
        return maker.from_entry(name, gaz.entry(i), 0.99)

    maker = PlaceMaker(gaz, same)
    i = _index(gaz, "Aden", "city")
    ctx = Context(dateline_place="ADEN")
    ctx.add_country("YE", 2, "Yemen")
    place = maker.make("Aden", i, ctx)
    assert place.confidence == 0.99 and place.country_code == "YE"
    assert calls == [("Aden", None, ("ADEN", "Yemen"))]
    assert maker.make("Aden", i, ctx) is place  # cached


def test_an_uncontested_name_does_not_ask_the_geocoder(gaz):
    maker = PlaceMaker(gaz, _broken)
    i = _index(gaz, "Aden", "city")
    place = maker.make("Aden", i, Context(), 0.95, contested=False)
    assert (place.name, place.match, place.confidence) == ("Aden", "exact", 0.95)


@pytest.mark.parametrize("contested", [False, True])
def test_the_cache_keeps_each_callers_confidence(gaz, contested):
    # one process extracting many articles (geomap extract DIR, a dask worker's batch) gave
    # an article the confidence an earlier article had asked for: answers depended on order
    maker = PlaceMaker(gaz, _broken)
    i = _index(gaz, "Aden", "city")
    first = maker.make("Aden", i, Context(), 0.95, contested=contested)
    later = maker.make("Aden", i, Context(), 0.8, contested=contested)
    assert (first.confidence, later.confidence) == (0.95, 0.8)


@pytest.mark.parametrize("geocode", [_elsewhere, _broken])
def test_entry_is_used_when_the_geocoder_disagrees_or_fails(gaz, geocode):
    maker = PlaceMaker(gaz, geocode)
    i = _index(gaz, "Aden", "city")
    place = maker.make("Aden", i, Context(), confidence=0.7)
    entry = gaz.entry(i)
    assert (place.name, place.source_id, place.match, place.confidence) == (
        entry.name, entry.source_id, "exact", 0.7)
    assert place.radius_km and place.radius_km > 0


def test_country_for_a_demonym(gaz):
    maker = PlaceMaker(gaz, _broken)
    assert maker.country("Iraq", "IQ", Context()).source_id == "IQ"
    assert maker.country("Nowhere Land", "QQ", Context()) is None


def test_geocode_name_keeps_only_known_readings_of_the_kinds_asked(gaz):
    i = _index(gaz, "Sweida province", "admin1")

    def governorate(name, *, country=None, context=None):
        return maker.from_entry(name, gaz.entry(i))

    maker = PlaceMaker(gaz, governorate)
    admin1 = frozenset({"admin1"})
    assert maker.geocode_name("Sweida province", Context(), kinds=admin1).kind == "admin1"
    assert maker.geocode_name("Sweida province", Context(), kinds=frozenset({"sea"})) is None
    assert maker.geocode_name("Qxzvbnk province", Context(), kinds=admin1) is None
    assert PlaceMaker(gaz, _elsewhere).geocode_name("Sweida province", Context()) is None
    assert PlaceMaker(gaz, _broken).geocode_name("Sweida", Context()) is None
