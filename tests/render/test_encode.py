"""The compact page encoding round-trips."""

from __future__ import annotations

import geopandas as gpd

from geomap.render.encode import (
    SCALE,
    decode_column,
    decode_line,
    encode_column,
    encode_line,
    encode_paths,
    encode_points,
)
from geomap.render.payload import build_layers


def test_column_dictionary_only_when_shorter() -> None:
    repeated = ["a", "b", "a", None, "a", "b", "a", "a"]
    encoded = encode_column(repeated)
    assert encoded == {"d": ["a", "b"], "i": [0, 1, 0, -1, 0, 1, 0, 0]}
    assert decode_column(encoded) == repeated
    unique = ["x", "y", "z"]
    assert encode_column(unique) == unique
    lists = [["u1", "u2"], ["u1", "u2"], ["u1", "u2"], None]
    assert decode_column(encode_column(lists)) == lists


def test_line_round_trip_within_scale() -> None:
    coords = [[44.01234, 36.19876], [44.5, 35.0], [-179.99, -0.0001]]
    flat = encode_line(coords)
    assert all(isinstance(v, int) for v in flat)
    back = decode_line(flat)
    for (x, y), (bx, by) in zip(coords, back, strict=True):
        assert abs(x - bx) <= 0.5 * 10**-SCALE and abs(y - by) <= 0.5 * 10**-SCALE


def test_layers_round_trip(seed_like: gpd.GeoDataFrame) -> None:
    layers = build_layers(seed_like)["layers"]
    points = encode_points(layers["target"], ("n", "p", "r"))
    yemen = points["x"].index(47.5)
    assert points["ev"][yemen] == [3, 4] and points["ev"][0] == 0
    assert set(points["p"]) == {"n", "p", "r"}
    assert decode_column(points["p"]["n"])[yemen] == "Yemen"
    paths = encode_paths(layers["path"])
    assert paths["ev"] == [5]
    line = decode_line(paths["g"][0][0])
    assert line[0] == [42.5, 33.2] and line[-1] == [38.8, 33.3]
