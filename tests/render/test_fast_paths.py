"""The fast paths of the page builder give exactly what the plain ways give."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiLineString, shape

from geomap.geometry.paths import GEOD, geodesic_paths
from geomap.render.basemap import _multilinestring, _shape, load_basemap_data
from geomap.render.encode import encode_coded, encode_column, encode_event_columns, encode_events
from geomap.render.escape import json_for_script
from geomap.render.page_data import json_text as _json
from geomap.render.payload import _simplify, build_layers
from geomap.render.popups import _cell, event_columns, event_table, expand
from geomap.render.timeline import event_days, time_range


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return all(
        (x is None and y is None)
        or (x is not None and y is not None and x.wkb == y.wkb)
        for x, y in zip(a, b, strict=True)
    )


def test_simplify_matches_topology_preserving_simplify() -> None:
    rng = np.random.default_rng(3)
    n = 300
    lon1, lat1 = rng.uniform(-180, 180, n), rng.uniform(-85, 85, n)
    lon2, lat2 = rng.uniform(-180, 180, n), rng.uniform(-85, 85, n)
    lon2[:30] = lon1[:30]  # along a meridian
    lat1[30:60], lat2[30:60] = 88.9, 88.5  # close to the pole
    _, _, dist = GEOD.inv(lon1, lat1, lon2, lat2)
    paths = geodesic_paths(lon1, lat1, lon2, lat2, np.asarray(dist) / 1000)
    odd = [
        shapely.LineString([(0, 0), (1, 1), (0, 1), (1, 0)]),  # crosses itself
        shapely.LineString([(0, 0), (1, 0.001), (2, 0), (1.5, -0.0001), (3, 0)]),  # turns back
        shapely.LineString([(0, 0), (0, 0), (1, 1)]),  # a repeated point
        shapely.LineString(),
        None,
        shapely.MultiLineString([[(0, 0), (1, 1)], [(1, 0), (0, 1)]]),
    ]
    geoms = np.concatenate([paths, np.array(odd, dtype=object)])
    for tolerance in (0.01, 0.05, 1.0):
        assert _same(_simplify(geoms, tolerance), shapely.simplify(geoms, tolerance))
    assert len(_simplify(np.empty(0, dtype=object), 0.01)) == 0


def test_basemap_geometries_built_vectorised_are_the_same() -> None:
    data = load_basemap_data()
    for country in data["countries"][:40]:
        for key in ("low", "high"):
            packed = country.get(key)
            if packed:
                coords = json.loads(packed) if isinstance(packed, str) else packed
                plain = shape({"type": "MultiPolygon", "coordinates": coords})
                assert _shape(coords).wkb == plain.wkb
    for packed in list(data["admin1"].values())[:40]:
        lines = json.loads(packed or "[]")
        if lines:
            assert _multilinestring(lines).wkb == MultiLineString(lines).wkb


def test_event_columns_are_the_cells_of_every_row() -> None:
    frame = pd.DataFrame({
        "killed": pd.array([1, None, 1, 0], dtype="Int64"),
        "notes": pd.Series(["a", "  ", "a", None], dtype="str"),
        "mixed": pd.Series([1, 1.0, True, "1"], dtype=object),  # equal to pandas, not shown so
        "score": [0.5, float("nan"), 0.5, -0.0],
        "sources": [("https://a.example/1",), None, "x; y", ("",)],
    })
    columns = list(frame.columns)
    rows = event_table(frame, columns)
    assert rows == [[_cell(c, frame[c].iloc[i]) for c in columns] for i in range(4)]
    assert rows[1] == [None, None, "1", None, None] and rows[2][2] == "True"
    for (cells, codes), column in zip(event_columns(frame, columns), columns, strict=True):
        values = expand(cells, codes)
        assert encode_coded(cells, codes) == encode_column(values)
        assert values == [row[columns.index(column)] for row in rows]


def test_encoded_columns_match_row_encoding() -> None:
    repeated = ["a", "b", "a", None, "a", " ", "a", "a"]
    cells, codes = ["a", "b", None, " "], np.array([0, 1, 0, -1, 0, 3, 0, 0])
    assert encode_coded(cells, codes) == encode_column(expand(cells, codes))
    assert encode_coded(["x", "y"], np.array([0, 1])) == ["x", "y"]
    assert encode_coded([], np.array([], dtype=np.int64)) == []
    head = [["a", "A"]]
    assert (encode_event_columns(head, 8, [(cells, codes)])
            == encode_events(head, [[v] for v in repeated[:3] + [None, "a", " ", "a", "a"]]))


def test_layers_events_rows_and_columns_agree(seed_like: gpd.GeoDataFrame) -> None:
    built = build_layers(seed_like)
    columns = [expand(c, k) for c, k in built["event_columns"]]
    assert [list(row) for row in zip(*columns, strict=True)] == built["events"]


def test_json_written_key_by_key_is_json_dumps() -> None:
    data = {"a": [1, 2.5, None], "basemap": {"w": [["Ä", [[0.1, 2]]]]}, "t": "</script>"}
    made = {"basemap": lambda: json_for_script(data["basemap"], clean=False,
                                               script_safe=False)}
    assert _json(data, made) == json_for_script(data, clean=False, script_safe=False)
    data["a"] = [float("nan")]
    assert _json(data, made) == json_for_script(data, script_safe=False)


def test_time_range_reads_each_distinct_date_once_with_the_same_result() -> None:
    events = pd.DataFrame({
        "date": ["2024-01-02", "2024-01-02/2024-01-05", None, "bad", 20240101],
        "date_start": [None, None, None, None, None],
        "date_end": [None, None, None, None, None],
    })
    days = event_days(events)
    assert time_range(events) == (pd.Timestamp("2024-01-02").date(),
                                  pd.Timestamp("2024-01-05").date())
    assert days is not None and days["first"] == [0, 0, -1, -1, -1]
    assert days["last"] == [0, 3, -1, -1, -1]
