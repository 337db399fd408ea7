"""Abbreviations have one owner: what "U.S." or "Ky." stands for is the gazetteer's entry."""

from __future__ import annotations

from types import SimpleNamespace

import geomap.gazetteer
from geomap.extract.rules import ABBREVIATIONS, STATE_ABBREVIATIONS, abbreviation_forms
from geomap.gazetteer import load_gazetteer
from geomap.gazetteer.normalize import exact_form


def test_every_abbreviation_is_read_from_the_gazetteer():
    gaz = load_gazetteer()
    tables = ((ABBREVIATIONS, ("country", "region")), (STATE_ABBREVIATIONS, ("admin1",)))
    for table, kinds in tables:
        for form, (name, code) in table.items():
            entries = [gaz.entry(i) for i in gaz.exact_entries(exact_form(form))]
            assert (name, code) in {(e.name, e.country_code) for e in entries if e.kind in kinds}
    # the gazetteer's spelling of the state, the one its towns carry
    assert STATE_ABBREVIATIONS["N.Y."] == ("New York State", "US")
    assert ABBREVIATIONS["U.S."] == ("United States", "US")


def test_the_gazetteers_list_of_abbreviations_is_the_one_read(monkeypatch):
    entries = {0: SimpleNamespace(name="Narnia", kind="country", country_code="NA"),
               1: SimpleNamespace(name="Calormen", kind="admin1", country_code="NA"),
               2: SimpleNamespace(name="Delmarva", kind="admin1", country_code="NA")}
    stub = SimpleNamespace(abbreviations=lambda: {"NRN": 0, "Clm.": 1, "Del.": 2},
                           entry=entries.get)
    monkeypatch.setattr(geomap.gazetteer, "load_gazetteer", lambda: stub)
    assert abbreviation_forms("country") == {"NRN": ("Narnia", "NA")}
    # a form running text uses as a word or title is left out
    assert abbreviation_forms("admin1") == {"Clm.": ("Calormen", "NA")}


def test_news_abbreviations_of_the_data_tables_are_read():
    """AP-style and Canadian forms of data/admin1_aliases.csv, none of them typed in code."""
    assert STATE_ABBREVIATIONS["Tex."] == ("Texas", "US")
    assert STATE_ABBREVIATIONS["Ont."] == ("Ontario", "CA")
    assert ABBREVIATIONS["DRC"][1] == "CD"
    assert "Miss." not in STATE_ABBREVIATIONS


def test_the_eu_is_found_as_written():
    """``EU``, ``E.U.`` and ``European Union`` name the EU, a place news maps
    (data/world_areas.csv): the abbreviations were not the gazetteer's and "European Union" was
    read as an organisation."""
    from geomap.extract import extract_places

    assert ABBREVIATIONS["EU"] == ("European Union", None)
    for text, form in (("The EU imposed new sanctions on Russia.", "EU"),
                       ("The E.U. and the U.S. condemned the attack.", "E.U."),
                       ("Leaders of the European Union met in Brussels.", "European Union")):
        found = {m.text: m.place.name for m in extract_places(text) if m.is_place}
        assert found.get(form) == "European Union", (text, found)
    # the town of Eu in Normandy is not the EU, and it is not found in lower case
    assert "Eu" not in {m.text for m in extract_places("Eu is a town in Normandy.")}
