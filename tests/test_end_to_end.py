"""The seed example end to end, the way `make demo` runs it: dispatch events -> geocoded places
-> GeoJSON + HTML map through the command line, then the map opened in Debian chromium with
every non-``file:`` request aborted and counted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geojson_validator
import geopandas as gpd
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "examples" / "2024-02-05-strikes.csv"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# What the dispatch says, checked against the map: each row's target and how precise it may be.
EXPECTED_TARGETS = {
    "2024-02-04-al-omar-drone": ("site", "SY"),
    "2024-02-02-us-strikes-iraq": ("country", "IQ"),
    "2024-02-02-us-strikes-syria": ("country", "SY"),
    "2024-02-03-us-uk-strikes-yemen": ("country", "YE"),
    "2024-02-04-houthi-cruise-missiles": ("country", "YE"),
    "2024-01-28-jordan-base-drone": ("country", "JO"),
}


def _geomap(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geomap", *args], capture_output=True, text=True, cwd=ROOT
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("out")
    geojson, html = out / "seed-2024-02-05.geojson", out / "seed-2024-02-05.html"
    exported = _geomap("export", str(SEED), "-o", str(geojson))
    mapped = _geomap("map", str(SEED), "-o", str(html), "--title", "Strikes reported on 5 February")
    for proc in (exported, mapped):
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        assert "6 rows: 6 mapped, 0 rejected, 0 unresolved" in proc.stderr
    return {"geojson": geojson, "html": html}


def test_seed_has_one_row_per_reported_event_each_citing_the_article():
    rows = pd.read_csv(SEED, dtype=str, keep_default_na=False)
    assert list(rows["id"]) == list(EXPECTED_TARGETS)
    assert set(rows["sources"]) == {"https://exbulletin.com/world/international/2552783/"}
    assert (rows["origin"] == "").all(), "the dispatch names no launch site for any strike"


def test_geojson_is_rfc7946_and_keeps_the_dispatch_precision(demo):
    document = json.loads(demo["geojson"].read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection" and "crs" not in document
    assert geojson_validator.validate_structure(document, check_crs=True) == {}
    checked = geojson_validator.validate_geometries(document)
    assert (checked["invalid"], checked["problematic"]) == ({}, {})
    assert checked["count_geometry_types"] == {"Point": len(EXPECTED_TARGETS)}
    targets = {f["properties"]["event_id"]: f for f in document["features"]
               if f["properties"]["role"] == "target"}
    assert set(targets) == set(EXPECTED_TARGETS)
    for event_id, (precision, country) in EXPECTED_TARGETS.items():
        props = targets[event_id]["properties"]
        assert (props["precision"], props["country_code"]) == (precision, country), event_id
        assert props["sources"] == ["https://exbulletin.com/world/international/2552783/"]
    al_omar = targets["2024-02-04-al-omar-drone"]
    lon, lat = al_omar["geometry"]["coordinates"]
    assert 34.9 < lat < 35.4 and 40.2 < lon < 40.9, "al-Omar field lies east of the Euphrates"
    assert al_omar["properties"]["killed"] == 6
    assert al_omar["properties"]["place_as_reported"].startswith("a training ground")
    frame = gpd.read_file(demo["geojson"])
    assert frame.crs.to_epsg() == 4326 and len(frame) == len(document["features"])


def test_html_map_opens_offline_and_shows_every_mapped_place(demo):
    from playwright.sync_api import sync_playwright

    external: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})

        def route(r):
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                external.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(demo["html"].as_uri())
        page.wait_for_selector(".gm-target.leaflet-interactive")
        shown = page.locator(".gm-target.leaflet-interactive").count()
        shown += page.locator(".gm-origin.leaflet-interactive").count()
        table_rows = page.locator("#gm-table tbody tr").count()
        attribution = page.locator(".leaflet-control-attribution").inner_text()
        title = page.title()
        browser.close()
    assert external == []
    assert errors == []
    # Five places: the two Yemen rows share one symbol whose popup lists both events.
    assert shown == len({"al-Omar base", "Iraq", "Syria", "Yemen", "Jordan"})
    assert table_rows == len(EXPECTED_TARGETS)
    assert "GeoNames" in attribution and "Natural Earth" in attribution
    assert "Strikes reported on 5 February" in title
