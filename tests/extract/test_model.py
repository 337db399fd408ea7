"""Mention, PlaceMentions and Extraction (geomap.extract.model)."""

from __future__ import annotations

import json

import pytest

from geomap.errors import GeomapInputError
from geomap.extract.model import Extraction, Mention
from geomap.geocoder import Place


def _place(name: str, sid: str) -> Place:
    return Place(query=name, name=name, lat=33.0, lon=44.0, precision="country", kind="country",
                 country_code=sid, confidence=0.9, source="pycountry", source_id=sid,
                 match="exact")


IRAQ = _place("Iraq", "IQ")
SYRIA = _place("Syria", "SY")


def test_mention_validates_role_offsets_and_flags():
    with pytest.raises(GeomapInputError, match="role"):
        Mention("Iraq", 0, 4, IRAQ, role="target")
    with pytest.raises(GeomapInputError, match="offsets"):
        Mention("Iraq", 5, 4, IRAQ)
    with pytest.raises(GeomapInputError, match="flags"):
        Mention("Iraq", 0, 4, IRAQ, flags=("person",))


def test_is_place_and_place_id():
    assert Mention("Iraq", 0, 4, IRAQ).is_place
    assert Mention("Iraq", 0, 4, IRAQ, flags=("abbreviation",)).is_place
    assert not Mention("Iraqi", 0, 5, IRAQ, flags=("demonym",)).is_place
    assert not Mention("Iraq", 0, 4, IRAQ, flags=("organisation",)).is_place
    assert Mention("Iraq", 0, 4, IRAQ).place_id == "pycountry:IQ"
    unresolved = Place(query="Nowhere", name=None, lat=None, lon=None, precision="unresolved")
    assert Mention("Nowhere", 0, 7, unresolved).place_id == "unresolved:Nowhere"


def test_to_dict_is_json_and_carries_the_geocode_fields():
    d = Mention("Iraq", 3, 7, IRAQ, role="dateline").to_dict()
    assert json.loads(json.dumps(d)) == d
    assert (d["text"], d["start"], d["end"], d["role"], d["flags"]) == ("Iraq", 3, 7,
                                                                         "dateline", [])
    for key in ("query", "name", "lat", "lon", "precision", "kind", "country_code",
                "radius_km", "confidence", "source", "source_id", "place_id"):
        assert key in d
    assert "alternatives" not in d


def test_extraction_is_a_sorted_list_and_groups_places_once():
    ms = [Mention("Syria", 20, 25, SYRIA), Mention("Iraqi", 0, 5, IRAQ, flags=("demonym",)),
          Mention("Iraq", 10, 14, IRAQ)]
    ex = Extraction(ms)
    assert isinstance(ex, list) and [m.start for m in ex] == [0, 10, 20]
    assert [g.place_id for g in ex.places] == ["pycountry:IQ", "pycountry:SY"]
    iraq = ex.places[0]
    assert [m.text for m in iraq.mentions] == ["Iraqi", "Iraq"]
    assert iraq.flags == ("demonym",) and iraq.roles == ("mention",) and iraq.is_place
    assert "2 places" in repr(ex)


def test_a_place_named_only_by_demonym_is_not_a_place():
    ex = Extraction([Mention("Iraqi", 0, 5, IRAQ, flags=("demonym",))])
    assert not ex.places[0].is_place
