"""Rows that carry coordinates are placed by them: their names are never ranked with the
file's context nor searched fuzzily (at most an exact lookup, for the swap check)."""

from __future__ import annotations

import geomap
import geomap.geocoder.resolve as geocoder_resolve
from geomap.export import export_events

HEADER = "id,date,target,target_lat,target_lon\n"


def test_a_custom_geocoder_gets_no_context_for_rows_with_coordinates(tmp_path):
    source = tmp_path / "events.csv"
    source.write_text(HEADER + "e1,2024-02-02,Erbil,36.19,44.01\n"
                      "e2,2024-02-02,Mosul,,\n"
                      "e3,2024-02-02,Aden,12.78,45.04\n", encoding="utf-8")
    calls = []

    def geocoder(name, country=None, context=None):
        calls.append((name, context))
        return geomap.geocode(name, country=country, context=context)

    events = geomap.read_events(source, geocode=geocoder)
    assert events.report.rows_mapped == 3
    contexts = dict(calls)
    assert set(contexts) == {"Erbil", "Mosul", "Aden"}
    assert contexts["Erbil"] is None and contexts["Aden"] is None
    assert contexts["Mosul"]  # the row without coordinates is geocoded with its context


def test_names_with_coordinates_are_never_searched_fuzzily(tmp_path, monkeypatch):
    def no_fuzzy(gaz):
        raise AssertionError("fuzzy search for a row that has coordinates")

    monkeypatch.setattr(geocoder_resolve, "_fuzzy_search", no_fuzzy)
    source = tmp_path / "events.csv"
    source.write_text(HEADER + "e1,2024-02-02,Qzxwvbil Tower,36.19,44.01\n"
                      "e2,2024-02-02,Yqmmosul Bridge,36.34,43.13\n", encoding="utf-8")
    summary = export_events(source, output=tmp_path / "out.geojson")
    assert summary.rows_mapped == 2 and summary.exit_code == 0


def test_swapped_coordinates_are_still_named(tmp_path):
    source = tmp_path / "events.csv"
    source.write_text(HEADER + "e1,2024-02-02,Erbil,44.01,36.19\n", encoding="utf-8")
    events = geomap.read_events(source)
    warnings = [p for p in events.report.problems if p.field == "target_lat"]
    assert len(warnings) == 1 and "swapped" in warnings[0].reason
