"""Build-time helper: sourced corrections to GeoNames records (``data/geonames_overrides.csv``).

GeoNames gives some well-known towns population 0 (Ras al-Ain, Syria), so they lost to any
namesake; a row here gives the population a public source states, and the spellings
reporting uses. Columns: ``geonameid,population,name,aliases,source_url,note``; an empty
``population`` keeps GeoNames' own (the row only adds spellings: Kyaukphyu); a ``name`` is the
name news gives the place (Zaporizhzhia for GeoNames' Zaporizhzhya), shown in its place,
GeoNames' name staying one of its own names.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

__all__ = ["read_overrides"]


def read_overrides(path: Path) -> dict[int, dict[str, Any]]:
    """``data/geonames_overrides.csv``: geonameid -> population (None: keep GeoNames'), news
    name (None: keep GeoNames') and extra aliases (sourced)."""
    out: dict[int, dict[str, Any]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
            population = int(row["population"]) if row["population"].strip() else None
            name = (row.get("name") or "").strip() or None
            out[int(row["geonameid"])] = {
                "population": population, "name": name, "aliases": aliases,
            }
    return out
