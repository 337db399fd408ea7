"""Clustered fixtures for label placement and framing (features frames, contract 3).

* :func:`euphrates_cluster` — 20 events at 20 places within 100 km along the Euphrates, from
  al-Qaim (Iraq) to Mayadin and the al-Omar base (Syria); coordinates approximate (to about a
  kilometre), names as reporting writes them.
* :func:`country_spread` — 200 events at 140 places across Syria (seeded; names made of
  common Syrian place-name parts, points inside Syria's Natural Earth outline).
* :func:`issue_strikes` — the 20 strikes of issue 15 across Iraq, Syria, Jordan and Yemen
  (one of them known only to the country, one with an origin known only to the country).
* :func:`sahel_strikes` (about 4:1 wide) and :func:`chile_strikes` (about 16:1 tall): story
  shapes for the first view (``SHAPES``); town coordinates approximate.

``frame_points(features)`` gives the points a first view must show: every place finer than a
country (see docs/maps.md, "The first view").
"""

from __future__ import annotations

import random
from typing import Any

import geopandas as gpd
import shapely

from tests.render.fixtures import _event, make_features

_WIDE = ("country", "region")


def _place(name: str, lat: float, lon: float, kind: str = "city", cc: str = "SY",
           precision: str | None = None) -> dict[str, Any]:
    precision = precision or {"base": "site", "airbase": "site", "port": "site",
                              "crossing": "site", "oilfield": "site", "admin1": "admin1",
                              "country": "country", "island": "site"}.get(kind, "city")
    radius = {"site": 2.0, "city": 10.0, "admin1": 100.0, "country": 400.0}[precision]
    return {"name": name, "geocoded_name": name, "precision": precision, "radius_km": radius,
            "kind": kind, "country_code": cc, "source": "fixture", "source_id": name,
            "lon": lon, "lat": lat}


_EUPHRATES = [
    ("Mayadin", 35.019, 40.452, "city", "SY"), ("al-Omar base", 35.07, 40.57, "base", "SY"),
    ("Dhiban", 35.0, 40.52, "city", "SY"), ("al-Quriyah", 34.97, 40.53, "city", "SY"),
    ("al-Tayyana", 34.94, 40.55, "city", "SY"), ("al-Asharah", 34.921, 40.563, "city", "SY"),
    ("Darnaj", 34.87, 40.6, "city", "SY"), ("al-Kishmah", 34.85, 40.63, "city", "SY"),
    ("Abu Hamam", 34.83, 40.66, "city", "SY"), ("Gharanij", 34.78, 40.7, "city", "SY"),
    ("Hajin", 34.69, 40.83, "city", "SY"), ("al-Susah", 34.62, 40.86, "city", "SY"),
    ("al-Baghuz", 34.46, 40.94, "city", "SY"), ("al-Sukkariyah", 34.49, 40.9, "city", "SY"),
    ("al-Hari", 34.43, 40.98, "city", "SY"), ("Al-Bukamal", 34.454, 40.937, "city", "SY"),
    ("al-Qaim", 34.369, 41.094, "city", "IQ"), ("Husaybah", 34.389, 41.033, "city", "IQ"),
    ("Karabila", 34.383, 41.076, "city", "IQ"),
    ("al-Qaim border crossing", 34.41, 41.0, "crossing", "IQ"),
]


def euphrates_cluster(launches: bool = False) -> gpd.GeoDataFrame:
    """20 events, 20 places, all within 100 km of each other. ``launches``: each odd event was
    launched from the place the event before it hit (10 origins on targets' places, 10 paths)."""
    specs = []
    for k, (name, lat, lon, kind, cc) in enumerate(_EUPHRATES):
        day = f"2024-02-{1 + k % 5:02d}"
        origin = _place(*_EUPHRATES[k - 1]) if launches and k % 2 else None
        specs.append((_event(f"eu{k:02d}", day, day, day, killed=[None, 2, 6, 0, 11][k % 5],
                             row=k + 2), _place(name, lat, lon, kind, cc), origin))
    return make_features(specs)


_PARTS_A = ("Tell", "Ain", "Khirbet", "Deir", "Kafr", "Jisr", "Ras", "Bir", "Qasr", "Umm",
            "Maarat", "Jabal", "Wadi", "Arab", "Beit", "Mazraat")
_PARTS_B = ("al-Hamra", "Jadid", "al-Sharqi", "Shams", "Abyad", "al-Gharbi", "Nasr",
            "al-Kabir", "Zaid", "al-Sultan", "Hassan", "al-Nahr", "Issa", "al-Dhahab",
            "Sultan", "al-Hawa")


def _syria() -> Any:
    from geomap.render.basemap import load_basemap_data

    country = next(c for c in load_basemap_data()["countries"] if c["iso"] == "SY")
    return shapely.geometry.shape({"type": "MultiPolygon", "coordinates": country["low"]})


def country_spread(n_places: int = 140, n_events: int = 200) -> gpd.GeoDataFrame:
    """200 events at 140 places across Syria (seeded), one governorate-level, one country."""
    rng = random.Random(15)
    outline = shapely.prepared.prep(_syria().buffer(-0.1))
    places: list[dict[str, Any]] = []
    names: set[str] = set()
    while len(places) < n_places:
        lon, lat = rng.uniform(35.7, 42.4), rng.uniform(32.3, 37.3)
        name = f"{rng.choice(_PARTS_A)} {rng.choice(_PARTS_B)}"
        if name in names or not outline.contains(shapely.Point(lon, lat)):
            continue
        names.add(name)
        kind = rng.choice(["city"] * 6 + ["base", "airbase", "oilfield", "crossing"])
        places.append(_place(name, round(lat, 3), round(lon, 3), kind))
    places[0] = _place("Idlib province", 35.8, 36.6, "admin1")
    places[1] = _place("Syria", 35.0, 38.5, "country")
    specs = []
    for k in range(n_events):
        where = places[k] if k < n_places else places[rng.randrange(n_places)]
        day = f"2024-03-{1 + rng.randrange(20):02d}"
        specs.append((_event(f"sy{k:03d}", day, day, day,
                             killed=rng.choice([None, None, 0, 1, 3, 8, 25]), row=k + 2),
                      dict(where), None))
    return make_features(specs)


_ISSUE = [
    ("Mayadeen", 35.019, 40.452, "city", "SY"), ("al-Omar base", 35.07, 40.57, "base", "SY"),
    ("Deir el-Zour province", 35.1, 40.3, "admin1", "SY"),
    ("Al-Bukamal", 34.454, 40.937, "city", "SY"), ("al-Qaim", 34.369, 41.094, "city", "IQ"),
    ("Anbar province", 33.4, 42.3, "admin1", "IQ"),
    ("Ain al-Asad air base", 33.8, 42.44, "airbase", "IQ"),
    ("Jurf al-Sakhar", 32.87, 44.13, "city", "IQ"), ("Baghdad", 33.313, 44.366, "city", "IQ"),
    ("Erbil", 36.191, 44.009, "city", "IQ"), ("Iraq", 33.0, 44.0, "country", "IQ"),
    ("Tower 22", 33.32, 38.69, "base", "JO"), ("al-Tanf garrison", 33.5, 38.66, "base", "SY"),
    ("Damascus", 33.513, 36.292, "city", "SY"), ("Sanaa", 15.354, 44.207, "city", "YE"),
    ("Hodeidah", 14.798, 42.954, "city", "YE"), ("Ras Isa port", 15.21, 42.64, "port", "YE"),
    ("Kamaran island", 15.35, 42.6, "island", "YE"), ("Saada", 16.94, 43.76, "city", "YE"),
    ("Dhamar", 14.542, 44.405, "city", "YE"),
]


def issue_strikes() -> gpd.GeoDataFrame:
    """The 20 strikes of issue 15: Iraq, Syria, Jordan, Yemen."""
    iraq = _place("Iraq", 33.0, 44.0, "country", "IQ")
    specs = []
    for k, (name, lat, lon, kind, cc) in enumerate(_ISSUE):
        day = f"2024-02-{1 + k % 6:02d}"
        origin = dict(iraq) if name == "Tower 22" else None
        specs.append((_event(f"is{k:02d}", day, day, day, killed=[None, 6, 0, 3, 1][k % 5],
                             row=k + 2), _place(name, lat, lon, kind, cc), origin))
    return make_features(specs)


_SAHEL = [
    ("Mopti", 14.493, -4.197, "ML"), ("Bandiagara", 14.35, -3.61, "ML"),
    ("Djibo", 14.10, -1.63, "BF"), ("Ouahigouya", 13.58, -2.42, "BF"), ("Kaya", 13.09, -1.08, "BF"),
    ("Dori", 14.035, -0.034, "BF"), ("Tillaberi", 14.21, 1.45, "NE"), ("Niamey", 13.51, 2.11, "NE"),
    ("Ouallam", 14.32, 2.09, "NE"), ("Fada N'Gourma", 12.06, 0.35, "BF"),
    ("Menaka", 15.92, 2.40, "ML"), ("Ansongo", 15.66, 0.50, "ML"), ("Gao", 16.27, -0.04, "ML"),
    ("Tahoua", 14.89, 5.27, "NE"), ("Zinder", 13.81, 8.99, "NE"), ("Diffa", 13.32, 12.61, "NE"),
]
_CHILE = [
    ("Arica", -18.48, -70.31), ("Iquique", -20.21, -70.15), ("Antofagasta", -23.65, -70.40),
    ("Copiapo", -27.37, -70.33), ("La Serena", -29.90, -71.25), ("Valparaiso", -33.05, -71.62),
    ("Santiago", -33.45, -70.67), ("Concepcion", -36.83, -73.05), ("Temuco", -38.74, -72.60),
    ("Puerto Montt", -41.47, -72.94), ("Coyhaique", -45.57, -72.07),
    ("Punta Arenas", -53.16, -70.91),
]


def _strikes(prefix: str, places: list[tuple[Any, ...]], cc: str = "") -> gpd.GeoDataFrame:
    specs = []
    for k, (name, lat, lon, *code) in enumerate(places):
        day = f"2024-05-{1 + k % 9:02d}"
        specs.append((_event(f"{prefix}{k:02d}", day, day, day, killed=[None, 1, 4, 0][k % 4],
                             row=k + 2), _place(name, lat, lon, "city", code[0] if code else cc),
                      None))
    return make_features(specs)


def sahel_strikes() -> gpd.GeoDataFrame:
    """16 events at towns of Mali, Burkina Faso and Niger: a story about 4:1 wide (Mercator)."""
    return _strikes("sa", _SAHEL)


def chile_strikes() -> gpd.GeoDataFrame:
    """12 events from Arica to Punta Arenas: a story about 16:1 tall, more elongated than any
    map shape geomap draws (docs/maps.md, "The first view")."""
    return _strikes("cl", _CHILE, "CL")


def frame_points(features: gpd.GeoDataFrame) -> list[tuple[float, float]]:
    """(lon, lat) of every target and origin finer than a country: a first view shows them."""
    rows = features[features["role"].isin(["target", "origin"])
                    & ~features["precision"].isin(_WIDE)]
    return [(g.x, g.y) for g in rows.geometry]


def overlapping_pairs(boxes: list[list[Any]]) -> list[tuple[str, str]]:
    """Pairs of label boxes ``[text, left, top, right, bottom]`` that overlap (by > 0.5 px)."""
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if (min(a[3], b[3]) - max(a[1], b[1]) > 0.5
                    and min(a[4], b[4]) - max(a[2], b[2]) > 0.5):
                pairs.append((a[0], b[0]))
    return pairs


#: name -> fixture, for the browser and print tests.
CLUSTERS = {"euphrates": euphrates_cluster, "syria": country_spread, "issue": issue_strikes}
#: name -> fixture of a story's shape, for the first-view tests.
SHAPES = {"sahel": sahel_strikes, "chile": chile_strikes}
