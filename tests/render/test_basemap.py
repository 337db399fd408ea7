"""The shipped offline basemap and the layers chosen for a map."""

from __future__ import annotations

import importlib.util
import json
import pickle
import sys
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from geomap.render.basemap import basemap_for, load_basemap_data, region_bounds

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("rebuild_basemap",
                                                  ROOT / "scripts" / "rebuild_basemap.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["rebuild_basemap"] = module
    spec.loader.exec_module(module)
    return module


def test_shipped_data_layout() -> None:
    data = load_basemap_data()
    assert data["version"] == 1 and "Natural Earth" in data["source"]
    names = {c["name"] for c in data["countries"]}
    assert {"Syria", "Iraq", "Yemen", "Jordan"} <= names
    assert {"Red Sea", "Persian Gulf"} <= {s["name"] for s in data["seas"]}
    lines = json.loads(data["admin1"]["SY"])  # Syria's 14 governorates: many border lines
    assert len(lines) >= 10 and all(len(line) >= 2 for line in lines)
    xs = [x for line in lines for x, _ in line]
    assert 35.5 < min(xs) < 36.5 and 42.0 < max(xs) < 42.5
    for country in data["countries"]:
        for key in ("mid", "high"):
            assert country[key] is None or isinstance(country[key], str)


def test_shipped_country_matches_rebuild_script() -> None:
    script = _script()
    cache = script.load_cache()
    jordan = next(c for c in cache["countries"] if c[2] == "JO")
    low = script.simplify(script.rings_to_geometry(jordan[5]), script.LOW_TOLERANCE,
                          script.LOW_DIGITS, script.MIN_LOW_AREA)
    shipped = next(c for c in load_basemap_data()["countries"] if c["iso"] == "JO")
    assert script.coords(low) == shipped["low"]


def test_plain_data_unpickler_refuses_classes() -> None:
    script = _script()
    import io

    with pytest.raises(pickle.UnpicklingError, match="plain data"):
        script._PlainDataUnpickler(io.BytesIO(pickle.dumps(Path("x")))).load()


def test_region_bounds_pads_and_gives_up_on_wide_regions() -> None:
    box = region_bounds((40.0, 30.0, 42.0, 31.0))
    assert box[0] <= 37.0 and box[2] >= 45.0
    assert region_bounds((-170.0, -50.0, 170.0, 60.0)) is None
    assert region_bounds(None) is None


def test_basemap_for_region_has_provinces_coast_and_seas() -> None:
    base = basemap_for((38.5, 15.5, 47.5, 35.07))
    box = base.bounds
    land_names = {n for n, _ in base.land}
    assert {"Syria", "Iraq", "Yemen", "Jordan", "Saudi Arabia"} <= land_names
    from shapely.geometry import box as make_box

    for name, coords in base.land:  # France: only its coarse parts, all outside the region
        if name == "France":
            geom = shape({"type": "MultiPolygon", "coordinates": coords})
            assert not geom.intersection(make_box(*box).buffer(-0.01)).area
    assert base.provinces and base.coast and base.borders
    for line in base.provinces[:50]:
        for x, y in line:
            assert box[0] - 1e-3 <= x <= box[2] + 1e-3 and box[1] - 1e-3 <= y <= box[3] + 1e-3
    assert "Red Sea" in {s[0] for s in base.seas}
    world = {n for n, _ in base.world}
    assert "Brazil" in world and "Syria" not in world


def test_fine_and_coarse_land_do_not_overlap() -> None:
    base = basemap_for((38.5, 15.5, 47.5, 35.07))
    yemen = [shape({"type": "MultiPolygon", "coordinates": c}) for n, c in base.land
             if n == "Yemen"]
    assert yemen
    union = shapely.union_all(yemen)
    # Yemen lies inside the region: all of it is fine, none of it is duplicated
    assert union.area == pytest.approx(sum(g.area for g in yemen), rel=1e-3)


def test_world_only_without_bounds() -> None:
    base = basemap_for(None)
    assert base.land == [] and base.provinces == [] and len(base.world) > 150
    payload = base.to_payload()
    assert set(payload) == {"world", "land", "borders", "coast", "provinces", "seas",
                            "countries", "country_names"}
    for names in payload["country_names"].values():  # one name (or None) per country
        assert len(names) == len(payload["countries"])


def test_country_names_sit_inside_their_country() -> None:
    data = load_basemap_data()
    for iso in ("SY", "IQ", "JO", "YE", "LB"):
        country = next(c for c in data["countries"] if c["iso"] == iso)
        lon, lat, width, height = country["label"]
        outline = shape({"type": "MultiPolygon", "coordinates": country["low"]})
        assert outline.contains(shapely.Point(lon, lat)), iso
        assert 0 < width <= country["bbox"][2] - country["bbox"][0] + 0.1
    names = {c[0] for c in basemap_for((38.0, 32.0, 42.0, 36.0)).countries}
    assert {"Syria", "Iraq", "Jordan"} <= names
