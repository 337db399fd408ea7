"""Tests for geomap.export.formats: GeoJSON Text Sequences and the pyogrio formats."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest

from geomap.errors import GeomapInputError
from geomap.export.formats import RS, check_format, write_features, write_texts
from geomap.export.geojson import encode_features, to_geojson
from geomap.geometry import event_features
from tests.export.helpers import check_geojson, make_events


def _features():
    return event_features(make_events([
        {"id": "e1", "target_lat": 12.8, "target_lon": 45.03, "origin_lat": 15.35,
         "origin_lon": 44.2, "sources": ("https://example.org/a",), "killed": 3},
        {"id": "e2", "target_lat": -17.0, "target_lon": 179.9, "origin_lat": -13.8,
         "origin_lon": -172.1, "killed": None},
    ]), uncertainty=True)


def test_geojsonseq_follows_rfc_8142(tmp_path):
    path = tmp_path / "x.geojsons"
    assert write_features(_features(), path, "geojsonseq", bbox=True) == len(_features()) == 8
    raw = path.read_text(encoding="utf-8")
    records = raw.split(RS)
    assert records[0] == "" and all(r.endswith("\n") for r in records[1:])
    features = [json.loads(r) for r in records[1:]]
    assert features == json.loads(to_geojson(_features(), bbox=True))["features"]
    assert len(gpd.read_file(path)) == 8


@pytest.mark.parametrize("fmt", ["gpkg", "fgb", "parquet"])
def test_pyogrio_formats_read_back(tmp_path, fmt):
    path = tmp_path / f"x.{fmt}"
    write_features(_features(), path, fmt)
    frame = gpd.read_parquet(path) if fmt == "parquet" else gpd.read_file(path)
    assert len(frame) == 8 and frame.crs.to_epsg() == 4326
    assert json.loads(frame.loc[0, "sources"]) == ["https://example.org/a"]
    assert set(frame.geometry.geom_type) == {"Point", "LineString", "MultiLineString", "Polygon"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"x.{fmt}"]


def test_write_texts_matches_the_streaming_writer(tmp_path):
    features = _features()
    texts, extents = encode_features(features, bbox=True)
    write_texts(texts, tmp_path / "a.geojson", "geojson", extents=extents)
    write_features(features, tmp_path / "b.geojson", "geojson", bbox=True)
    assert (tmp_path / "a.geojson").read_bytes() == (tmp_path / "b.geojson").read_bytes()
    check_geojson(tmp_path / "a.geojson")


def test_unknown_format_is_refused():
    with pytest.raises(GeomapInputError, match="geojsonseq"):
        check_format("kml")
