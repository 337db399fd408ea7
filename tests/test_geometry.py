"""Tests for geomap.geometry: geodesic paths, uncertainty areas, the features frame."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from geomap.errors import GeomapInputError
from geomap.geometry import (
    FEATURE_COLUMNS,
    cut_antimeridian,
    event_features,
    geodesic_path,
    path_metrics,
    uncertainty_circle,
)
from tests.export.helpers import make_events

GEOD = Geod(ellps="WGS84")
lons = st.floats(-180, 180, allow_nan=False)
lats = st.floats(-85, 85, allow_nan=False)


def _coords(geom):
    parts = shapely.get_parts(geom)
    return [np.asarray(g.exterior.coords if g.geom_type == "Polygon" else g.coords) for g in parts]


def _max_jump(geom) -> float:
    return max(np.abs(np.diff(c[:, 0])).max(initial=0) for c in _coords(geom))


# -- geodesic_path ----------------------------------------------------------------------

def test_path_keeps_endpoints_and_densifies():
    line = geodesic_path(44.2, 15.35, 45.03, 12.8)
    coords = np.asarray(line.coords)
    assert tuple(coords[0]) == (44.2, 15.35) and tuple(coords[-1]) == (45.03, 12.8)
    _, _, steps = GEOD.inv(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])
    assert np.max(steps) <= 50_000.0 + 1e-6
    assert len(coords) >= 5


def test_short_path_still_has_a_few_points():
    assert len(geodesic_path(10.0, 10.0, 10.01, 10.0).coords) == 5


def test_path_follows_the_geodesic_not_the_straight_line():
    line = geodesic_path(-74.0, 40.7, 37.6, 55.75)  # New York -> Moscow bends north
    assert max(y for _, y in line.coords) > 60.0


def test_path_crossing_antimeridian_is_cut_into_a_multilinestring():
    line = geodesic_path(170.0, 10.0, -170.0, 20.0)
    assert line.geom_type == "MultiLineString"
    first, second = _coords(line)
    assert first[-1][0] == 180.0 and second[0][0] == -180.0
    assert first[-1][1] == second[0][1]
    assert _max_jump(line) <= 180.0


def test_path_metrics_distance_and_bearing():
    distance, bearing = path_metrics(0.0, 0.0, 0.0, 1.0)
    assert distance == pytest.approx(110.574, abs=0.01)
    assert bearing == 0.0
    assert path_metrics(0.0, 1.0, 0.0, 0.0)[1] == pytest.approx(180.0)
    assert path_metrics(0.0, 0.0, -1.0, 0.0)[1] == pytest.approx(270.0)


@pytest.mark.parametrize("args", [(0, 0, 0, 0), (0, 95, 1, 1), (200, 0, 1, 1), (math.nan, 0, 1, 1)])
def test_path_rejects_bad_positions(args):
    with pytest.raises(GeomapInputError):
        geodesic_path(*args)


def test_cut_antimeridian_handles_vertex_on_the_line():
    line = cut_antimeridian([170.0, 180.0, -170.0], [0.0, 1.0, 2.0])
    assert [tuple(c[0]) for c in _coords(line)] == [(170.0, 0.0), (-180.0, 1.0)]


@settings(max_examples=60, deadline=None)
@given(lon1=lons, lat1=lats, lon2=lons, lat2=lats)
def test_property_paths_crossing_the_antimeridian_come_out_cut(lon1, lat1, lon2, lat2):
    distance, _ = path_metrics(lon1, lat1, lon2, lat2)
    if distance < 0.001:
        return
    line = geodesic_path(lon1, lat1, lon2, lat2)
    coords = shapely.get_coordinates(line)
    assert np.all(np.abs(coords[:, 0]) <= 180.0) and np.all(np.abs(coords[:, 1]) <= 90.0)
    assert _max_jump(line) <= 180.0  # no piece runs the long way round the world
    total = sum(GEOD.line_length(c[:, 0], c[:, 1]) for c in _coords(line)) / 1000.0
    assert total == pytest.approx(distance, rel=1e-3, abs=0.01)


# -- uncertainty_circle -------------------------------------------------------------------

def test_circle_is_ccw_and_at_the_radius():
    circle = uncertainty_circle(40.0, 35.0, 10.0)
    assert circle.geom_type == "Polygon" and circle.exterior.is_ccw
    ring = np.asarray(circle.exterior.coords)
    centre = np.full(len(ring), 40.0), np.full(len(ring), 35.0)
    _, _, dist = GEOD.inv(*centre, ring[:, 0], ring[:, 1])
    assert np.allclose(dist, 10_000.0, atol=0.01)


def test_circle_across_antimeridian_is_split_and_ccw():
    circle = uncertainty_circle(179.95, -17.0, 50.0)
    assert circle.geom_type == "MultiPolygon"
    assert all(p.exterior.is_ccw for p in circle.geoms)
    assert circle.bounds[0] == -180.0 and circle.bounds[2] == 180.0
    assert _max_jump(circle) <= 180.0


def test_circle_around_a_pole_is_a_cap():
    cap = uncertainty_circle(0.0, 89.5, 200.0)
    assert cap.is_valid and cap.exterior.is_ccw
    assert cap.bounds[3] == 90.0 and cap.bounds[0] == -180.0


@pytest.mark.parametrize("radius", [0, -1, math.inf, "x"])
def test_circle_rejects_bad_radius(radius):
    with pytest.raises(GeomapInputError):
        uncertainty_circle(0.0, 0.0, radius)


# -- event_features -------------------------------------------------------------------------

def _events():
    return make_events([
        {"id": "e1", "target": "Aden", "target_lat": 12.8, "target_lon": 45.03,
         "origin": "Sanaa", "origin_lat": 15.35, "origin_lon": 44.2, "origin_precision": "city",
         "origin_radius_km": 10.0, "killed": 3, "sources": ("https://example.org/a",),
         "name": "extra column called name"},
        {"id": "e2", "target": "Deir ez-Zor", "target_lat": 35.3, "target_lon": 40.1,
         "target_precision": "admin1", "target_radius_km": 100.0, "killed": None},
        {"id": "e3", "target": "Same", "target_lat": 10.0, "target_lon": 20.0,
         "origin": "Same", "origin_lat": 10.0, "origin_lon": 20.0, "killed": 0},
    ])


def test_features_columns_and_order_follow_contract_3():
    features = event_features(_events())
    assert tuple(features.columns[: len(FEATURE_COLUMNS)]) == FEATURE_COLUMNS
    assert features.columns[-1] == "geometry" and features.crs.to_epsg() == 4326
    assert features["id"].tolist() == [
        "e1/target", "e1/origin", "e1/path", "e2/target", "e3/target", "e3/origin"]
    assert features["role"].tolist() == ["target", "origin", "path", "target", "target", "origin"]
    assert features["event_id"].tolist() == ["e1", "e1", "e1", "e2", "e3", "e3"]
    assert features.index.tolist() == list(range(6))


def test_features_carry_names_precision_and_attributes():
    features = event_features(_events())
    origin = features.iloc[1]
    assert origin["name"] == "Sanaa" and origin["precision"] == "city"
    assert origin["radius_km"] == 10.0 and origin.geometry.x == 44.2
    assert features.iloc[0]["killed"] == 3 and features.iloc[0]["sources"] == ("https://example.org/a",)
    # an extra column clashing with a feature column is renamed, not lost
    assert features.iloc[0]["event_name"] == "extra column called name"
    assert features.iloc[0]["name"] == "Aden"
    assert "target_lat" not in features.columns and "origin_lat" not in features.columns
    # the origin's name as written and the country hints are event attributes (contract 3)
    assert features["origin"].tolist()[:3] == ["Sanaa"] * 3
    assert pd.isna(features.iloc[3]["killed"])


def test_features_carry_confidence_hints_and_an_unplaced_origin_name():
    features = event_features(make_events([
        {"id": "a", "target": "Aden", "target_lat": 12.8, "target_lon": 45.03,
         "target_confidence": 0.75, "target_country": "YE", "origin": "Nowhere",
         "origin_country": "XX", "origin_confidence": None},
    ]))
    assert features["role"].tolist() == ["target"]  # the origin was never placed
    target = features.iloc[0]
    assert target["confidence"] == 0.75
    assert (target["origin"], target["origin_country"], target["target_country"]) == (
        "Nowhere", "XX", "YE")


def test_path_feature_has_distance_bearing_and_no_place_fields():
    path = event_features(_events()).iloc[2]
    distance, bearing = path_metrics(44.2, 15.35, 45.03, 12.8)
    assert path["distance_km"] == pytest.approx(distance, abs=0.001)
    assert path["bearing"] == pytest.approx(bearing, abs=0.001)
    assert path["name"] is None and path["precision"] is None
    assert pd.isna(path["confidence"])
    assert path.geometry.geom_type == "LineString"


def test_events_object_is_accepted():
    class Events:
        frame = _events()
        report = None

    assert len(event_features(Events())) == 6


def test_repeated_event_ids_still_give_unique_feature_ids():
    events = make_events([
        {"id": "e1", "target_lat": 1.0, "target_lon": 1.0},
        {"id": "e1", "target_lat": 2.0, "target_lon": 2.0},
    ])
    features = event_features(events)
    assert features["id"].tolist() == ["e1/target", "e1#2/target"]
    assert features["event_id"].tolist() == ["e1", "e1"]


def test_uncertainty_adds_area_rows_with_circles():
    features = event_features(_events(), uncertainty=True)
    areas = features[features["role"].str.endswith("_area")]
    assert set(areas["id"]) >= {"e1/target_area", "e1/origin_area", "e2/target_area"}
    circle = areas.set_index("id").loc["e2/target_area"].geometry
    assert circle.exterior.is_ccw
    _, _, dist = GEOD.inv(40.1, 35.3, *circle.exterior.coords[0])
    assert dist == pytest.approx(100_000.0, abs=1.0)


def test_uncertainty_uses_the_gazetteer_polygon_when_there_is_one(monkeypatch):
    province = shapely.Polygon([(39, 34), (39, 36), (41, 36), (41, 34)])  # clockwise on purpose

    class Gazetteer:
        def area(self, source, source_id):
            return province if (source, source_id) == ("geonames", "170792") else None

    import geomap.gazetteer
    import geomap.geometry.features as features_module

    monkeypatch.setattr(geomap.gazetteer, "load_gazetteer", lambda: Gazetteer(), raising=False)
    features_module._area.cache_clear()
    events = make_events([{"id": "e2", "target_lat": 35.3, "target_lon": 40.1,
                           "target_precision": "admin1", "target_radius_km": 100.0,
                           "target_source": "geonames", "target_source_id": "170792"}])
    area = event_features(events, uncertainty=True).iloc[1]
    features_module._area.cache_clear()
    assert area["role"] == "target_area"
    assert area.geometry.equals(province) and area.geometry.exterior.is_ccw


def test_empty_events_give_an_empty_frame():
    features = event_features(_events().iloc[0:0])
    assert len(features) == 0 and "geometry" in features.columns


def test_not_a_frame_is_refused():
    with pytest.raises(GeomapInputError):
        event_features([1, 2, 3])



@pytest.mark.parametrize("lon1", [-180.0, -179.999999, 179.999999, 180.0])
@pytest.mark.parametrize("lat2", [89.952514, -89.99, 0.0])
def test_paths_touching_the_antimeridian_stay_inside_the_valid_range(lon1, lat2):
    from geomap.geometry import geodesic_path

    for lon2 in (-180.0, -0.5, 0.0, 179.5, 180.0):
        if lat2 == 0.0 and abs(lon1) == 180.0 and abs(lon2) == 180.0:
            continue  # the same position: no path
        line = geodesic_path(lon1, 0.0, lon2, lat2)
        minx, miny, maxx, maxy = line.bounds
        assert -180.0 <= minx <= maxx <= 180.0
        assert -90.0 <= miny <= maxy <= 90.0


def test_nearly_antipodal_path_over_the_pole_stays_inside_the_valid_range():
    from geomap.geometry import geodesic_path

    # Found by hypothesis: the cut left -180.00000000000003 before the clamp.
    minx, _, maxx, _ = geodesic_path(0.0, 0.0, 179.99999999999997, 1.0).bounds
    assert -180.0 <= minx <= maxx <= 180.0


def test_path_close_to_a_pole_keeps_its_geodesic_length():
    # found by hypothesis: 50 km samples swept 150 degrees of longitude near the pole
    line = geodesic_path(-67.0, 24.0, 114.0, 83.0)
    distance, _ = path_metrics(-67.0, 24.0, 114.0, 83.0)
    total = sum(GEOD.line_length(c[:, 0], c[:, 1]) for c in _coords(line)) / 1000.0
    assert total == pytest.approx(distance, rel=1e-4)
    assert _max_jump(line) <= 5.0  # no wide straight lon/lat piece near the pole
