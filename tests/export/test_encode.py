"""Tests for geomap.export.encode: values, keys and geometries as JSON text."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
import shapely

from geomap.errors import ExportError
from geomap.export.encode import (
    RESERVED_MEMBERS,
    encode_column,
    encode_geometries,
    encode_value,
    property_keys,
)


def test_reserved_names_are_renamed_without_clashing():
    keys = property_keys(["type", "type_", "id", "name", "features", "crs", "crs"])
    assert keys == ["type__", "type_", "id_", "name", "features_", "crs_", "crs__"]
    assert not RESERVED_MEMBERS & set(keys) and len(set(keys)) == len(keys)


@pytest.mark.parametrize(("value", "text"), [
    (None, "null"), (math.nan, "null"), (math.inf, "null"), (pd.NA, "null"), (pd.NaT, "null"),
    (1.5, "1.5"), (np.int64(3), "3"), (np.float32(0.5), "0.5"), (True, "true"),
    ("دير", '"دير"'), ("a\nb\"", '"a\\nb\\""'), (("u", "v"), '["u","v"]'),
    ({"b": 1, "a": [math.nan]}, '{"a":[null],"b":1}'), (pd.Timestamp("2024-02-02"),
                                                          '"2024-02-02T00:00:00"'),
])
def test_encode_value(value, text):
    assert encode_value(value) == text
    json.loads(text)


def test_encode_columns_by_dtype():
    assert encode_column(pd.Series([1.0, np.nan, -0.0])) == ["1.0", "null", "0.0"]
    assert encode_column(pd.Series([1, None], dtype="Int64")) == ["1", "null"]
    assert encode_column(pd.Series([True, False])) == ["true", "false"]
    assert encode_column(pd.Series(["a", None], dtype="str")) == ['"a"', "null"]
    assert encode_column(pd.Series(["a", None, ("x",)], dtype=object)) == ['"a"', "null", '["x"]']
    assert encode_column(pd.Series([True, None], dtype="boolean")) == ["true", "null"]


def test_encode_geometries_rounds_and_keeps_lon_lat_order():
    texts = encode_geometries(np.array([shapely.Point(45.1234567, 12.5), None,
                                        shapely.Point()], dtype=object), 6)
    assert texts == ['{"type":"Point","coordinates":[45.123457,12.5]}', "null", "null"]


def test_encode_polygons_and_multis():
    square = shapely.Polygon([(0, 0), (1, 0), (1, 1), (0, 1)], [[(0.2, 0.2), (0.2, 0.4),
                                                                  (0.4, 0.4), (0.2, 0.2)]])
    multi = shapely.MultiLineString([[(170, 0), (180, 1)], [(-180, 1), (-170, 2)]])
    poly_text, multi_text = encode_geometries([square, multi], 6)
    assert json.loads(poly_text)["coordinates"][1][0] == [0.2, 0.2]
    assert json.loads(multi_text) == {"type": "MultiLineString", "coordinates": [
        [[170.0, 0.0], [180.0, 1.0]], [[-180.0, 1.0], [-170.0, 2.0]]]}


def test_unknown_geometry_kind_is_an_export_error():
    class Odd:
        geom_type = "Curve"

    from geomap.export.encode import _encode_one

    with pytest.raises(ExportError):
        _encode_one(Odd(), 6)


@pytest.mark.parametrize("values, dtype, expected", [
    (["claimed"] * 3, object, '"claimed"'),
    ([1.5, 1.5, 1.5], float, "1.5"),
    ([-0.0, 0.0, 0.0], float, "0.0"),
    ([np.nan, np.inf, np.nan], float, "null"),
    ([None, None, None], object, "null"),
    ([("https://a.org",)] * 3, object, '["https://a.org"]'),
    ([1, 1.0, True], object, None),  # equal in Python, not in JSON
    ([[1], [1], [1]], object, None),  # unhashable: encoded one by one
    (["a", "b", "a"], object, None),
    ([1.0, np.nan, 1.0], float, None),
])
def test_a_column_alike_in_every_row_is_told_without_encoding_each(values, dtype, expected):
    from geomap.export.encode import constant_text, encode_column

    series = pd.Series(values, dtype=dtype)
    assert constant_text(series) == expected
    if expected is not None:
        assert set(encode_column(series)) == {expected}
