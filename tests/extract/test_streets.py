"""Streets and roads are reported, placed in the town they are in (the gazetteer has none)."""

from __future__ import annotations

from geomap.extract import extract_places
from geomap.extract.streets import street_spans


def _streets(text: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.place.name, m.place.precision) for m in extract_places(text)
            if m.text != m.place.query}


def test_street_names_and_numbered_roads_are_found():
    text = ("She lives at 420 Augusta St. and works on North Cooper Street near Green Oaks "
            "Boulevard, off 40th Avenue South, at the corner of Lakeview and Harrison streets. "
            "County Road 43 and Interstate 395 were closed. The Drive was long.")
    found = [text[s:e] for s, e in street_spans(text)]
    assert found == ["Augusta St.", "North Cooper Street", "Green Oaks Boulevard",
                     "40th Avenue South", "Lakeview", "Harrison", "County Road 43",
                     "Interstate 395"]


def test_a_street_is_placed_in_its_town_at_the_towns_precision():
    text = "Police arrested a man of 2517 Memphis St., Alexandria, La., on Sunday."
    mentions = {m.text: m.place for m in extract_places(text)}
    street = mentions["Memphis St."]
    assert street == mentions["Alexandria"]
    assert street.admin1 == "Louisiana" and street.precision == "city"


def test_a_strike_on_a_street_is_in_the_city_not_the_country_it_is_named_after():
    text = ("BAGHDAD — A drone strike on a militia headquarters on Palestine Street in eastern "
            "Baghdad on Thursday killed a commander.")
    mentions = {m.text: m.place for m in extract_places(text)}
    assert mentions["Palestine Street"].name == "Baghdad"
    assert all(p.country_code == "IQ" for p in mentions.values())


def test_no_town_no_street():
    assert [m.text for m in extract_places("Crews repaved Elm Street on Monday.")] == []
