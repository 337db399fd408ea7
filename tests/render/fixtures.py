"""Small, hand-made features frames (contract 3) for the render and browser tests.

``seed_like_features()`` mirrors the seed example (six events, five target places, plus one
origin); ``hostile_features()`` puts a corpus of XSS payloads in every text field.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point

_FEATURE_NULLS = {
    "name": None, "geocoded_name": None, "precision": None, "radius_km": float("nan"),
    "kind": None, "country_code": None, "source": None, "source_id": None,
    "distance_km": float("nan"), "bearing": float("nan"),
}


def feature_rows(event: dict[str, Any], target: dict[str, Any],
                 origin: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The contract-3 rows of one event: target, origin, path."""
    rows = []
    eid = event["id"]
    attrs = {k: v for k, v in event.items() if k != "id"}
    t = {**_FEATURE_NULLS, **{k: v for k, v in target.items() if k not in ("lon", "lat")}}
    rows.append({"id": f"{eid}/target", "event_id": eid, "role": "target", **t, **attrs,
                 "geometry": Point(target["lon"], target["lat"])})
    if origin is not None:
        o = {**_FEATURE_NULLS, **{k: v for k, v in origin.items() if k not in ("lon", "lat")}}
        rows.append({"id": f"{eid}/origin", "event_id": eid, "role": "origin", **o, **attrs,
                     "geometry": Point(origin["lon"], origin["lat"])})
        line = LineString([(origin["lon"], origin["lat"]),
                           ((origin["lon"] + target["lon"]) / 2,
                            (origin["lat"] + target["lat"]) / 2 + 0.3),
                           (target["lon"], target["lat"])])
        rows.append({"id": f"{eid}/path", "event_id": eid, "role": "path", **_FEATURE_NULLS,
                     "distance_km": 420.5, "bearing": 271.0, **attrs, "geometry": line})
    return rows


def make_features(events: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]]
                  ) -> gpd.GeoDataFrame:
    rows = [r for spec in events for r in feature_rows(*spec)]
    frame = pd.DataFrame(rows)
    for col in ("killed", "injured"):
        if col in frame:
            frame[col] = frame[col].astype("Int64")
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")


def _event(eid: str, date: str, start: str, end: str, **kw: Any) -> dict[str, Any]:
    return {"id": eid, "date": date, "date_start": start, "date_end": end,
            "date_precision": "day", "attacker": kw.get("attacker", "Group A"),
            "target_party": kw.get("target_party", "Forces B"), "weapon": kw.get("weapon", "drone"),
            "killed": kw.get("killed"), "injured": kw.get("injured"),
            "claim": kw.get("claim", "claimed"),
            "sources": kw.get("sources", ("https://example.org/report",)),
            "notes": kw.get("notes"), "row": kw.get("row", 2), "source_file": "events.csv"}


def seed_like_features() -> gpd.GeoDataFrame:
    """Six events, five distinct target places (Yemen twice), one with an origin."""
    yemen = {"name": "Yemen", "geocoded_name": "Yemen", "precision": "country",
             "radius_km": 400.0, "kind": "country", "country_code": "YE", "source": "geonames",
             "source_id": "69543", "lon": 47.5, "lat": 15.5}
    return make_features([
        (_event("e1", "2024-02-04", "2024-02-04", "2024-02-04", killed=6, row=2),
         {"name": "al-Omar base", "geocoded_name": "Al-Omar oil field", "precision": "site",
          "radius_km": 2.0, "kind": "base", "country_code": "SY", "source": "curated",
          "source_id": "al-omar", "lon": 40.57, "lat": 35.07}, None),
        (_event("e2", "2024-02-02", "2024-02-02", "2024-02-02", row=3),
         {"name": "Iraq", "geocoded_name": "Iraq", "precision": "country", "radius_km": 400.0,
          "kind": "country", "country_code": "IQ", "lon": 44.0, "lat": 33.0}, None),
        (_event("e3", "2024-02-02", "2024-02-02", "2024-02-02", row=4),
         {"name": "Syria", "geocoded_name": "Syria", "precision": "country", "radius_km": 400.0,
          "kind": "country", "country_code": "SY", "lon": 38.5, "lat": 35.0}, None),
        (_event("e4", "2024-02-03", "2024-02-03", "2024-02-03", row=5), dict(yemen), None),
        (_event("e5", "2024-02-03/2024-02-04", "2024-02-03", "2024-02-04", row=6),
         dict(yemen), None),
        (_event("e6", "2024-01-28", "2024-01-28", "2024-01-28", killed=3, row=7),
         {"name": "Tower 22", "geocoded_name": "Tower 22", "precision": "site",
          "radius_km": 2.0, "kind": "base", "country_code": "JO", "lon": 38.8, "lat": 33.3},
         {"name": "Iraq", "geocoded_name": "Iraq", "precision": "country", "radius_km": 400.0,
          "kind": "country", "country_code": "IQ", "lon": 42.5, "lat": 33.2}),
    ])


#: Each payload sets ``window.__pwned`` if it ever runs.
PAYLOADS: tuple[str, ...] = (
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=2\">",
    "\"><svg onload=window.__pwned=3>",
    "</script><script>window.__pwned=4</script>",
    "`${window.__pwned=5}`",
    "back\\slash \\u003c \\",
    "line\u2028sep\u2029para",
    "javascript:window.__pwned=6",
    "' onmouseover='window.__pwned=7",
    "<a href=javascript:window.__pwned=8>x</a>",
    "{{ 'geo' ~ 'mapped' }} {% raw %} {# x",  # jinja: must never be template source
)


def payload(i: int) -> str:
    """A payload for field ``i`` (the corpus, cycled) with a marker to find it again."""
    return f"P{i}:{PAYLOADS[i % len(PAYLOADS)]}"


def hostile_features() -> gpd.GeoDataFrame:
    """Three events, each with payloads in every text field, one with an origin."""
    n = iter(range(1000))
    specs = []
    for k, (lon, lat) in enumerate([(44.0, 33.0), (38.8, 33.3), (45.0, 15.0)]):
        event = {
            "id": payload(next(n)), "date": "2024-02-0" + str(k + 1),
            "date_start": "2024-02-0" + str(k + 1), "date_end": "2024-02-0" + str(k + 1),
            "date_precision": "day", "attacker": payload(next(n)),
            "target_party": payload(next(n)), "weapon": payload(next(n)), "killed": k + 1,
            "injured": None, "claim": payload(next(n)),
            "sources": ("javascript:window.__pwned=9", "https://example.org/a?x=<b>&y=\"",
                        payload(next(n))),
            "notes": payload(next(n)), "row": k + 2, "source_file": payload(next(n)),
            "extra column": payload(next(n)),
        }
        target = {"name": payload(next(n)), "geocoded_name": payload(next(n)),
                  "precision": "city", "radius_km": 10.0, "kind": payload(next(n)),
                  "country_code": payload(next(n)), "source": payload(next(n)),
                  "source_id": payload(next(n)), "lon": lon, "lat": lat}
        origin = None
        if k == 1:
            origin = {"name": payload(next(n)), "geocoded_name": payload(next(n)),
                      "precision": "\"><svg onload=window.__pwned=10>", "radius_km": 30.0,
                      "kind": "city", "lon": 36.3, "lat": 33.5}
        specs.append((event, target, origin))
    return make_features(specs)
