"""Abbreviations have one owner: what "U.S." or "Ky." stands for is the gazetteer's entry."""

from __future__ import annotations

from types import SimpleNamespace

import geomap.gazetteer
from geomap.extract.rules import ABBREVIATIONS, STATE_ABBREVIATIONS, abbreviation_forms
from geomap.gazetteer import load_gazetteer
from geomap.gazetteer.normalize import exact_form


def test_every_abbreviation_is_read_from_the_gazetteer():
    gaz = load_gazetteer()
    for table, kind in ((ABBREVIATIONS, "country"), (STATE_ABBREVIATIONS, "admin1")):
        for form, (name, code) in table.items():
            entries = [gaz.entry(i) for i in gaz.exact_entries(exact_form(form))]
            assert (name, code) in {(e.name, e.country_code) for e in entries if e.kind == kind}
    # the gazetteer's spelling of the state, the one its towns carry
    assert STATE_ABBREVIATIONS["N.Y."] == ("New York State", "US")
    assert ABBREVIATIONS["U.S."] == ("United States", "US")


def test_the_gazetteers_own_list_of_abbreviations_wins(monkeypatch):
    entries = {0: SimpleNamespace(name="Narnia", kind="country", country_code="NA"),
               1: SimpleNamespace(name="Calormen", kind="admin1", country_code="NA")}
    stub = SimpleNamespace(abbreviations=lambda: {"NRN": 0, "Cal.": 1}, entry=entries.get)
    monkeypatch.setattr(geomap.gazetteer, "load_gazetteer", lambda: stub)
    assert abbreviation_forms("country") == {"NRN": ("Narnia", "NA")}
    assert abbreviation_forms("admin1") == {"Cal.": ("Calormen", "NA")}
