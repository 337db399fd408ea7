"""Tests for geomap.export.geojson: the RFC 7946 writer."""

from __future__ import annotations

import datetime as dt
import io
import json
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from geomap.errors import ExportError, GeomapInputError
from geomap.export import to_geojson, write_geojson
from geomap.export.geojson import write_feature_collection
from geomap.geometry import event_features
from tests.export.helpers import all_positions, check_geojson, make_events

GEOD = Geod(ellps="WGS84")


def _features(**kw):
    events = make_events([
        {"id": "e1", "target": "Aden", "target_lat": 12.8, "target_lon": 45.03,
         "origin": "Sanaa", "origin_lat": 15.35, "origin_lon": 44.2, "origin_precision": "city",
         "origin_radius_km": 10.0, "killed": 3, "killed_high": 5,
         "sources": ("https://example.org/a", "https://example.org/b"), "type": "reserved",
         "crs": 1.5, "notes": 'quote " and دير الزور'},
        {"id": "e2", "target": "Fiji", "target_lat": -17.0, "target_lon": 179.9,
         "origin": "Samoa", "origin_lat": -13.8, "origin_lon": -172.1, "killed": None,
         "crs": math.nan, "type": None},
    ])
    return event_features(events, **kw)


def test_feature_collection_is_valid_and_reads_back(tmp_path):
    path = write_geojson(_features(uncertainty=True), tmp_path / "out.geojson", bbox=True)
    document = check_geojson(path)
    assert document["type"] == "FeatureCollection"
    assert [f["id"] for f in document["features"]][:3] == ["e1/target", "e1/origin", "e1/path"]
    assert all(isinstance(f["id"], str) for f in document["features"])
    assert len({f["id"] for f in document["features"]}) == len(document["features"])


def test_properties_follow_the_rules():
    document = json.loads(to_geojson(_features()))
    target = document["features"][0]
    props = target["properties"]
    assert target["geometry"] == {"type": "Point", "coordinates": [45.03, 12.8]}
    assert props["role"] == "target" and props["event_id"] == "e1" and props["name"] == "Aden"
    assert props["sources"] == ["https://example.org/a", "https://example.org/b"]
    assert props["killed"] == 3 and props["killed_high"] == 5 and props["date"] == "2024-02-02"
    assert props["notes"] == 'quote " and دير الزور'
    # reserved member names are renamed, never used as property keys
    assert "type" not in props and props["type_"] == "reserved" and props["crs_"] == 1.5
    for feature in document["features"]:
        assert not {"type", "geometry", "properties", "id", "bbox", "coordinates", "crs",
                    "features"} & set(feature["properties"])
    fiji = document["features"][3]["properties"]
    assert fiji["killed"] is None and fiji["crs_"] is None and fiji["type_"] is None


def test_no_nan_or_infinity_anywhere():
    frame = gpd.GeoDataFrame({"id": ["a", "b"], "x": [math.inf, -math.inf], "y": [math.nan, 1.0],
                              "z": [[1.0, math.nan], {"k": math.inf}]},
                             geometry=gpd.points_from_xy([1, 2], [1, 2]), crs="EPSG:4326")
    text = to_geojson(frame)
    assert "NaN" not in text and "Infinity" not in text
    props = [f["properties"] for f in json.loads(text)["features"]]
    assert props == [{"x": None, "y": None, "z": [1.0, None]},
                     {"x": None, "y": 1.0, "z": {"k": None}}]


def test_values_alike_in_every_row_and_percent_signs_are_written_as_given():
    frame = gpd.GeoDataFrame(
        {"id": ["a", "b"], "same": ["100% %s", "100% %s"], "other": ["%d", "50%"],
         "nothing": [None, None], "sources": [("https://a.org/%20",), ()]},
        geometry=gpd.points_from_xy([1.0, 2.0], [3.0, 4.0]), crs="EPSG:4326")
    features = json.loads(to_geojson(frame))["features"]
    assert [f["properties"] for f in features] == [
        {"same": "100% %s", "other": "%d", "nothing": None, "sources": ["https://a.org/%20"]},
        {"same": "100% %s", "other": "50%", "nothing": None, "sources": []},
    ]


def test_dates_and_timestamps_become_iso_strings():
    frame = gpd.GeoDataFrame(
        {"d": [dt.date(2024, 2, 2)], "t": pd.to_datetime(["2024-02-02T10:30:00Z"]),
         "n": [np.int64(4)], "b": [True]},
        geometry=gpd.points_from_xy([1], [1]), crs="EPSG:4326")
    props = json.loads(to_geojson(frame))["features"][0]["properties"]
    assert props == {"d": "2024-02-02", "t": "2024-02-02T10:30:00+00:00", "n": 4, "b": True}


def test_ids_are_strings_made_unique_and_generated_when_missing():
    frame = gpd.GeoDataFrame({"id": pd.Series([7, 7, None], dtype=object)},
                             geometry=gpd.points_from_xy([1, 2, 3], [1, 2, 3]))
    assert [f["id"] for f in json.loads(to_geojson(frame))["features"]] == ["7", "7#2", "2"]
    bare = gpd.GeoDataFrame(geometry=gpd.points_from_xy([1, 2], [1, 2]))
    assert [f["id"] for f in json.loads(to_geojson(bare))["features"]] == ["0", "1"]


def test_antimeridian_path_is_written_cut_and_bbox_crosses():
    document = json.loads(to_geojson(_features(), bbox=True))
    path = document["features"][5]
    assert path["geometry"]["type"] == "MultiLineString"
    assert path["bbox"][0] > path["bbox"][2]  # west > east across the antimeridian
    assert document["bbox"][0] > document["bbox"][2]


def test_precision_is_configurable():
    frame = gpd.GeoDataFrame(geometry=gpd.points_from_xy([1.23456789], [-0.00000001]))
    assert '"coordinates":[1.23,0.0]' in to_geojson(frame, precision=2)
    assert '"coordinates":[1.234568,0.0]' in to_geojson(frame)
    with pytest.raises(GeomapInputError):
        to_geojson(frame, precision=-1)


def test_other_crs_and_out_of_range_coordinates_are_refused():
    frame = gpd.GeoDataFrame(geometry=gpd.points_from_xy([500000], [4000000]), crs="EPSG:32638")
    with pytest.raises(GeomapInputError, match="to_crs"):
        to_geojson(frame)
    swapped = gpd.GeoDataFrame({"id": ["x"]}, geometry=gpd.points_from_xy([12.0], [95.0]))
    with pytest.raises(ExportError, match="'x'"):
        to_geojson(swapped)


def test_write_refuses_to_overwrite_unless_asked(tmp_path):
    path = tmp_path / "out.geojson"
    path.write_text("keep me")
    with pytest.raises(ExportError, match="already exists"):
        write_geojson(_features(), path)
    assert path.read_text() == "keep me"
    write_geojson(_features(), path, overwrite=True)
    check_geojson(path)
    assert [p.name for p in tmp_path.iterdir()] == ["out.geojson"]


def test_a_path_that_rounding_collapses_is_written_without_repeats():
    frame = gpd.GeoDataFrame(geometry=[shapely.LineString([(0, 0), (0, 1e-8), (0, 1e-6)]),
                                       shapely.LineString([(0, 0), (0, 1e-8)])])
    geometries = [f["geometry"] for f in json.loads(to_geojson(frame))["features"]]
    assert geometries == [{"type": "LineString", "coordinates": [[0.0, 0.0], [0.0, 1e-06]]}, None]


def test_empty_collection(tmp_path):
    path = write_geojson(_features().iloc[0:0], tmp_path / "empty.geojson", bbox=True)
    assert check_geojson(path) == {"type": "FeatureCollection", "features": []}


def test_streaming_in_chunks_gives_the_same_bytes():
    features = _features(uncertainty=True)
    whole = to_geojson(features, bbox=True)
    buffer = io.StringIO()
    write_feature_collection(features, buffer, bbox=True, chunk_rows=3)
    assert buffer.getvalue() == whole


# -- hypothesis properties --------------------------------------------------------------------

lon = st.floats(-180, 180, allow_nan=False)
lat = st.floats(-85, 85, allow_nan=False)
events_strategy = st.lists(
    st.tuples(lon, lat, st.one_of(st.none(), st.tuples(lon, lat))), min_size=1, max_size=6)


def _random_features(rows, uncertainty=False):
    records = []
    for i, (x, y, origin) in enumerate(rows):
        record = {"id": f"e{i}", "target_lon": x, "target_lat": y, "target_radius_km": 25.0}
        if origin is not None:
            record.update(origin_lon=origin[0], origin_lat=origin[1], origin_radius_km=50.0)
        records.append(record)
    return event_features(make_events(records), uncertainty=uncertainty)


def _inside(box, x, y):
    west, south, east, north = box
    in_lon = west <= x <= east if west <= east else (x >= west or x <= east)
    return in_lon and south <= y <= north


@settings(max_examples=40, deadline=None)
@given(rows=events_strategy)
def test_property_bbox_contains_every_coordinate(rows):
    document = json.loads(to_geojson(_random_features(rows, uncertainty=True), bbox=True))
    for feature in document["features"]:
        for x, y in all_positions(feature["geometry"]):
            assert _inside(feature["bbox"], x, y)
            assert _inside(document["bbox"], x, y)


@settings(max_examples=60, deadline=None)
@given(x=lon, y=st.floats(-90, 90, allow_nan=False))
def test_property_rounding_moves_a_point_less_than_10_cm(x, y):
    frame = gpd.GeoDataFrame(geometry=[shapely.Point(x, y)], crs="EPSG:4326")
    rx, ry = json.loads(to_geojson(frame))["features"][0]["geometry"]["coordinates"]
    _, _, moved = GEOD.inv(x, y, rx, ry)
    assert moved <= 0.10
    assert round(rx, 6) == rx and round(ry, 6) == ry


@settings(max_examples=25, deadline=None)
@given(rows=events_strategy)
def test_property_export_twice_gives_identical_bytes(rows, tmp_path_factory):
    folder = tmp_path_factory.mktemp("twice")
    first = write_geojson(_random_features(rows), folder / "a.geojson", bbox=True)
    second = write_geojson(_random_features(rows), folder / "b.geojson", bbox=True)
    assert first.read_bytes() == second.read_bytes()


@settings(max_examples=25, deadline=None)
@given(rows=events_strategy)
def test_property_every_written_file_validates(rows, tmp_path_factory):
    path = tmp_path_factory.mktemp("valid") / "x.geojson"
    write_geojson(_random_features(rows, uncertainty=True), path, bbox=True)
    check_geojson(path)


# -- the one-format block (streaming export) --------------------------------------------------
def _block_frame(points_only: bool):
    geoms = [shapely.Point(45.1234567, 12.5), shapely.Point(-0.0000001, 3.0)]
    if not points_only:
        geoms.append(shapely.LineString([(1, 1), (2, 2)]))
    n = len(geoms)
    return gpd.GeoDataFrame({"id": [f"a{i}" for i in range(n)],
                             "note": ["50% sure", None, "x"][:n],
                             "sources": [("https://e.org/%s",), (), ("u", "v")][:n],
                             "same": ["%d"] * n},
                            geometry=geoms)


@pytest.mark.parametrize("points_only", [True, False])
@pytest.mark.parametrize("bbox", [True, False])
def test_feature_block_is_the_joined_features(points_only, bbox):
    from geomap.export.geojson import encode_feature_block, encode_features

    frame = _block_frame(points_only)
    texts, extents = encode_features(frame, precision=6, bbox=bbox)
    block, count, block_extents = encode_feature_block(frame, precision=6, bbox=bbox,
                                                       between=",\n")
    assert block == ",\n".join(texts) and count == len(texts) == len(frame)
    seq, _, _ = encode_feature_block(frame, precision=6, bbox=bbox, before="\x1e%",
                                     after="\n")
    assert seq == "".join(f"\x1e%{t}\n" for t in texts)
    assert len(block_extents) == len(extents)
    assert '"coordinates":[0.0,3.0]' in block and '"note":"50% sure"' in block


def test_encode_strings_matches_encode_value():
    from geomap.export.encode import encode_strings, encode_value

    values = ["a", 'q"', "ع", None, 1.5, 2]
    assert encode_strings(values) == [encode_value(v) for v in values]
    assert encode_strings(["x", "y"]) == ['"x"', '"y"']


def test_one_source_each_is_encoded_as_a_list():
    from geomap.export.encode import encode_column, encode_value

    column = pd.Series([("https://e.org/\u00e9",), ('a"b',)], dtype=object)
    assert encode_column(column) == [encode_value(v) for v in column]
    assert encode_column(column)[1] == '["a\\"b"]'


def test_a_block_is_joined_from_the_literal_texts_around_the_fields():
    from geomap.export.geojson import _template_texts, encode_feature_block, encode_features

    assert _template_texts('{"a%%s":%s,"b":"100%%"}%s') == ['{"a%s":', ',"b":"100%"}', ""]
    frame = gpd.GeoDataFrame(
        {"id": ["a%s", "b", "c%%"], "same": ["5%s"] * 3, "%s": ["x%", "%s", "%%s"],
         "n": [1, None, 3]},
        geometry=gpd.points_from_xy([1.5, 2, 3], [4, 5, 6.25]), crs="EPSG:4326")
    texts, _ = encode_features(frame)
    for wrap in ({"between": ",\n"}, {"before": "\x1e%s", "after": "%%\n"}):
        block, count, _ = encode_feature_block(frame, **wrap)
        expected = wrap.get("between", "").join(
            wrap.get("before", "") + t + wrap.get("after", "") for t in texts)
        assert (block, count) == (expected, 3)
    assert encode_feature_block(frame.iloc[:0])[:2] == ("", 0)
