"""A chunk's block from the feature table is the block of the features frame, byte for byte."""

from __future__ import annotations

import numpy as np
import pytest

from geomap.export.feature_block import encode_feature_bytes, encode_table_bytes
from geomap.export.geojson import encode_features
from geomap.geometry.features import build_features, feature_table
from tests.export.helpers import make_events


def _events(paths: bool):
    rows = [{"id": "a", "target": 'Aden "port"', "target_lon": 45.03, "target_lat": 12.8,
             "killed": 3},
            {"id": "a", "target": "Sanaa", "target_lon": -0.0, "target_lat": 15.354521,
             "killed": None},
            {"id": "c", "target": "ع", "target_lon": 179.99999999, "target_lat": -8e-5,
             "target_radius_km": 25.0, "target_precision": "admin1"}]
    if paths:
        rows[0].update(origin="Sanaa", origin_lon=44.2, origin_lat=15.35,
                       origin_precision="city", origin_radius_km=5.0, origin_source="user")
        rows[2].update(origin="Fiji", origin_lon=-178.0, origin_lat=-17.7,
                       origin_precision="city", origin_radius_km=5.0, origin_source="user")
    return make_events(rows)


@pytest.mark.parametrize("paths", [False, True])
@pytest.mark.parametrize("uncertainty", [False, True])
@pytest.mark.parametrize("bbox", [False, True])
def test_table_block_is_the_frames_block(paths, uncertainty, bbox):
    events = _events(paths)
    table = feature_table(events, uncertainty=uncertainty)
    frame = build_features(events, uncertainty=uncertainty)
    assert table.frame().to_wkb().equals(frame.to_wkb())
    for wrap in ({"between": ",\n"}, {"before": "\x1e", "after": "\n"}):
        got, count, extents = encode_table_bytes(table, precision=6, bbox=bbox, **wrap)
        want, want_count, want_extents = encode_feature_bytes(frame, precision=6, bbox=bbox,
                                                              **wrap)
        got, want = got.to_pybytes(), want.to_pybytes()
        assert (got, count) == (want, want_count) == (want, len(frame))
        assert all(np.array_equal(a, b) for a, b in zip(extents, want_extents, strict=True))
    texts, _ = encode_features(frame, precision=6, bbox=bbox)
    assert got == "".join(f"\x1e{t}\n" for t in texts).encode()


def test_points_are_written_from_their_coordinates():
    table = feature_table(_events(paths=False))
    assert table.xy is not None and table._geometry is None
    block, count, _ = encode_table_bytes(table, between=",\n")
    assert count == 3 and b'"coordinates":[0.0,15.354521]' in block.to_pybytes()
    assert table._geometry is None  # no shapely point was made
    assert feature_table(_events(paths=True)).xy is None  # paths: geometries


def test_a_table_with_coordinates_out_of_range_is_refused():
    from geomap.errors import ExportError

    table = feature_table(_events(paths=False))
    table.xy[1][0] = 95.0
    with pytest.raises(ExportError, match="'a/target'.*outside"):
        encode_table_bytes(table)
