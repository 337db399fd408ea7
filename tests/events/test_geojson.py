"""GeoJSON: geomap's own exports read back into the same events (the round trip)."""

from __future__ import annotations

import json

import pandas as pd

from geomap.events import read_events
from geomap.events.geojson import geojson_records

#: File-specific: where the event was read from.
NOT_ROUND_TRIPPED = ["row", "source_file"]


def test_csv_to_geojson_and_back_gives_the_same_events(data_dir, tmp_path, fake_geocoder):
    from geomap.export import write_geojson
    from geomap.geometry import event_features

    original = read_events(data_dir / "events_roundtrip.csv", geocode=fake_geocoder)
    assert original.report.ok
    path = tmp_path / "events.geojson"
    write_geojson(event_features(original), path)
    back = read_events(path, geocode=fake_geocoder)
    assert back.report.ok, back.report.format()
    left = original.frame.drop(columns=NOT_ROUND_TRIPPED)
    right = back.frame.drop(columns=NOT_ROUND_TRIPPED)
    pd.testing.assert_frame_equal(pd.DataFrame(left), pd.DataFrame(right))
    assert list(back.frame["row"]) == [1, 4, 5, 6]  # the first feature of each event


def test_extra_columns_renamed_by_the_exporter_come_back(data_dir, tmp_path, fake_geocoder):
    from geomap.export import write_geojson
    from geomap.geometry import event_features

    original = read_events(data_dir / "events_roundtrip.csv", geocode=fake_geocoder)
    path = tmp_path / "events.geojson"
    write_geojson(event_features(original), path)
    properties = json.loads(path.read_text())["features"][0]["properties"]
    assert properties["type_"] == "drone strike"  # how the exporter writes them
    back = read_events(path, geocode=fake_geocoder).frame
    assert back.loc[0, "type"] == "drone strike" and back.loc[0, "name"] == "Tower 22 attack"


def _feature(event_id, role, lon, lat, **props):
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lon is not None else None
    return {"type": "Feature", "id": f"{event_id}/{role}", "geometry": geometry,
            "properties": {"event_id": event_id, "role": role, **props}}


def test_features_are_grouped_by_event_with_place_hints():
    document = {"type": "FeatureCollection", "features": [
        _feature("a", "target", 44.0, 36.2, name="Erbil", precision="city", radius_km=10.0,
                 source="geonames", source_id="95446", geocoded_name="Erbil",
                 date="2024-02-02", killed=3, killed_high=5, sources=["https://x.org"]),
        _feature("a", "origin", 41.1, 34.4, name="Al-Qaim", precision="city"),
        {"type": "Feature", "id": "a/path", "geometry": None,
         "properties": {"event_id": "a", "role": "path", "distance_km": 300.0}},
        _feature("b", "target", 40.0, 35.0, name="Somewhere"),
    ]}
    records, numbers, problems = geojson_records("x.geojson", document)
    assert numbers == [1, 4] and problems == []
    first = records[0]
    assert first["id"] == "a" and first["killed"] == "3-5" and first["target"] == "Erbil"
    assert (first["target_lon"], first["target_lat"]) == (44.0, 36.2)
    assert (first["origin"], first["origin_lat"]) == ("Al-Qaim", 34.4)
    assert first["__geomap_target_precision"] == "city"
    assert first["__geomap_origin_precision"] == "city"
    assert "distance_km" not in first and "role" not in first


def test_a_plain_point_collection_gives_one_event_per_point(tmp_path):
    path = tmp_path / "plain.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "p1", "geometry": {"type": "Point", "coordinates": [1, 2]},
         "properties": {"date": "2024-02-02", "label": "kept"}},
        "junk",
    ]}), encoding="utf-8")
    events = read_events(path, geocode=False)
    assert [p.message for p in events.report.problems] == [
        f"{path}, row 2: is not a GeoJSON feature"]
    row = events.frame.iloc[0]
    assert (row["id"], row["target_lat"], row["target_lon"], row["label"]) == ("p1", 2, 1, "kept")
    assert row["target_source"] == "user"


def test_a_geojson_text_sequence_export_reads_back(data_dir, tmp_path, fake_geocoder):
    from geomap.export import export_events

    original = read_events(data_dir / "events_roundtrip.csv", geocode=fake_geocoder)
    path = tmp_path / "events.geojsons"
    export_events(original, output=path, fmt="geojsonseq")
    assert path.read_text("utf-8").startswith("\x1e{")
    back = read_events(path, geocode=fake_geocoder)
    assert back.report.ok, back.report.format()
    assert list(back.frame["id"]) == list(original.frame["id"])
    pd.testing.assert_frame_equal(pd.DataFrame(original.frame.drop(columns=NOT_ROUND_TRIPPED)),
                                  pd.DataFrame(back.frame.drop(columns=NOT_ROUND_TRIPPED)))


def test_country_hints_confidence_and_an_unplaced_origin_survive_the_round_trip(
        tmp_path, fake_geocoder):
    from geomap.export import write_geojson
    from geomap.geometry import event_features

    source = tmp_path / "hints.csv"
    source.write_text(
        "id,date,origin,target,origin_country,target_country,target_lat,target_lon\n"
        "h1,2024-02-02,Nowhere Town,Erbil,IQ,IQ,,\n"
        "h2,2024-02-03,Al-Qaim,Deir ez-Zor,iq,SY,35.3,40.1\n", encoding="utf-8")
    original = read_events(source, geocode=fake_geocoder)
    path = tmp_path / "hints.geojson"
    write_geojson(event_features(original), path)
    properties = json.loads(path.read_text())["features"][0]["properties"]
    assert (properties["origin"], properties["origin_country"],
            properties["target_country"], properties["confidence"]) == (
        "Nowhere Town", "IQ", "IQ", 0.9)
    back = read_events(path, geocode=fake_geocoder)
    assert back.report.summary() == original.report.summary()
    left = original.frame.drop(columns=NOT_ROUND_TRIPPED)
    right = back.frame.drop(columns=NOT_ROUND_TRIPPED)
    pd.testing.assert_frame_equal(pd.DataFrame(left), pd.DataFrame(right))
    assert back.frame.loc[0, "origin"] == "Nowhere Town"
    assert back.frame.loc[1, "origin_country"] == "iq"
