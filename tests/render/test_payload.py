"""Features to page data: one layer per role, places grouped, events once."""

from __future__ import annotations

import geopandas as gpd
import pytest

from geomap.errors import GeomapInputError
from geomap.render.payload import build_layers, event_keys, places, to_features


def test_one_place_per_position_and_name(seed_like: gpd.GeoDataFrame) -> None:
    built = build_layers(seed_like)
    targets = places(built["layers"]["target"])
    # six events, Yemen twice at one place -> five target places
    assert len(targets) == 5
    yemen = [p for p in targets if p["n"] == "Yemen"]
    assert len(yemen) == 1 and yemen[0]["ev"] == [3, 4]
    assert (yemen[0]["lon"], yemen[0]["lat"]) == (47.5, 15.5)
    assert len(places(built["layers"]["origin"])) == 1
    assert len(built["layers"]["path"]["features"]) == 1


def test_events_table_rows_and_indices(seed_like: gpd.GeoDataFrame) -> None:
    built = build_layers(seed_like)
    keys = [c[0] for c in built["columns"]]
    assert keys[:2] == ["event_id", "date"]
    assert built["table"][:4] == ["event_id", "@target", "@origin", "date"]
    assert len(built["events"]) == 6
    ids = [row[0] for row in built["events"]]
    assert ids == ["e1", "e2", "e3", "e4", "e5", "e6"]
    for role in ("target", "origin"):
        for place in places(built["layers"][role]):
            assert all(0 <= i < 6 for i in place["ev"])
    assert built["layers"]["path"]["features"][0]["properties"]["ev"] == [5]
    origin = places(built["layers"]["origin"])[0]
    assert origin["n"] == "Iraq" and origin["ev"] == [5]
    assert "g" not in origin  # the geocoded name equals the name: sent once


def test_sources_are_lists_of_text(seed_like: gpd.GeoDataFrame) -> None:
    frame = seed_like.copy()
    frame["sources"] = [("https://example.org/a", "javascript:alert(1)")] * len(frame)
    built = build_layers(frame)
    col = [c[0] for c in built["columns"]].index("sources")
    assert built["events"][0][col] == ["https://example.org/a", "javascript:alert(1)"]


def test_symbol_and_size(seed_like: gpd.GeoDataFrame) -> None:
    built = build_layers(seed_like)
    by_name = {p["n"]: p for p in places(built["layers"]["target"])}
    assert by_name["al-Omar base"]["sym"] == "triangle"
    assert by_name["Yemen"]["sym"] == "diamond"
    assert by_name["al-Omar base"]["kd"] == 6
    assert by_name["al-Omar base"]["sz"] > by_name["Yemen"]["sz"]


def test_bounds_and_days(seed_like: gpd.GeoDataFrame) -> None:
    built = build_layers(seed_like)
    minx, miny, maxx, maxy = built["bounds"]
    assert minx == pytest.approx(38.5) and maxx == pytest.approx(47.5)
    assert miny == pytest.approx(15.5) and maxy == pytest.approx(35.07)
    days = built["days"]
    assert days["start"] == "2024-01-28" and days["days"] == 8
    assert (days["first"][4], days["last"][4]) == (6, 7)  # 2024-02-03/2024-02-04


def test_event_keys_strip_role() -> None:
    frame = gpd.GeoDataFrame({"id": ["a/b/target", "a/b/origin", "c#2/target"],
                              "event_id": ["a/b", "a/b", "c"]})
    assert event_keys(frame).tolist() == ["a/b", "a/b", "c#2"]


def test_to_features_passes_features_through(seed_like: gpd.GeoDataFrame) -> None:
    assert to_features(seed_like) is not seed_like  # a reset copy
    assert len(to_features(seed_like)) == len(seed_like)


def test_to_features_refuses_other_input() -> None:
    with pytest.raises(GeomapInputError, match="Events object"):
        to_features([1, 2, 3])


def test_to_features_from_events_frame() -> None:
    events = gpd.GeoDataFrame(
        {"id": ["e1"], "date": ["2024-02-02"], "target": ["Aden"], "target_lon": [45.03],
         "target_lat": [12.8], "origin": ["Sanaa"], "origin_lon": [44.2],
         "origin_lat": [15.35]},
        geometry=gpd.points_from_xy([45.03], [12.8]), crs="EPSG:4326")
    features = to_features(events)
    assert features["role"].tolist() == ["target", "origin", "path"]
    built = build_layers(features)
    assert len(built["layers"]["path"]["features"]) == 1
