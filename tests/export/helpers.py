"""Shared test helpers for geometry and export: contract-2 event frames and GeoJSON checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geojson_validator
import geopandas as gpd
import numpy as np
import pandas as pd

__all__ = ["make_events", "check_geojson", "all_positions"]


def make_events(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """A small events frame following contract 2 (only the columns the rows give, plus the
    ones every frame has)."""
    base = {
        "row": None, "source_file": "test.csv", "date": "2024-02-02", "date_start": "2024-02-02",
        "date_end": "2024-02-02", "date_precision": "day", "attacker": None, "target_party": None,
        "weapon": None, "target": None, "target_lat": np.nan, "target_lon": np.nan,
        "target_precision": "site", "target_radius_km": 2.0, "target_source": "user",
        "origin": None, "origin_lat": np.nan, "origin_lon": np.nan, "origin_precision": None,
        "origin_radius_km": np.nan, "origin_source": None, "claim": "unknown", "sources": (),
        "notes": None,
    }
    records = []
    for i, row in enumerate(rows):
        record = {**base, "row": i + 2, **row}
        records.append(record)
    frame = pd.DataFrame(records)
    for column in ("killed", "killed_high"):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    points = gpd.points_from_xy(frame["target_lon"], frame["target_lat"])
    return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")


def all_positions(geometry: dict[str, Any] | None) -> list[list[float]]:
    """Every position of a GeoJSON geometry object (none for a ``null`` geometry: a path
    that rounding collapses to one position is written without a geometry)."""
    out: list[list[float]] = []
    if geometry is None:
        return out

    def walk(node: Any) -> None:
        if isinstance(node, list) and node and isinstance(node[0], int | float):
            out.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    if geometry.get("type") == "GeometryCollection":
        for member in geometry["geometries"]:
            out.extend(all_positions(member))
    else:
        walk(geometry.get("coordinates"))
    return out


def _parts(geometry: dict[str, Any]) -> list[list[list[float]]]:
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "LineString":
        return [coords]
    if kind in ("MultiLineString", "Polygon"):
        return list(coords)
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon]
    return []


def _really_cut(geometry: dict[str, Any]) -> bool:
    """No straight piece jumps more than 180 degrees of longitude (the validator also flags a
    part that merely ends on the antimeridian, which RFC 7946 section 3.1.9 asks for)."""
    return all(abs(b[0] - a[0]) <= 180 for part in _parts(geometry)
               for a, b in zip(part, part[1:], strict=False))


def check_geojson(path: str | Path, *, collection: bool = True) -> dict[str, Any]:
    """Assert ``path`` passes geojson-validator (structure with the crs check, geometries) and
    reads back through geopandas; return the parsed document."""
    text = Path(path).read_text(encoding="utf-8")
    document = json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    assert "crs" not in document
    assert geojson_validator.validate_structure(document, check_crs=True) == {}
    result = geojson_validator.validate_geometries(document)
    assert result["invalid"] == {}, result
    problematic = dict(result["problematic"])
    flagged = problematic.pop("crosses_antimeridian", [])
    assert problematic == {}, problematic
    for entry in flagged:
        index = next(iter(entry)) if isinstance(entry, dict) else entry
        assert _really_cut(document["features"][index]["geometry"])
    frame = gpd.read_file(path)
    assert len(frame) == len(document["features"])
    return document
