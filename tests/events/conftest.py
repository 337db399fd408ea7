"""Shared fixtures for the events tests: a small fake geocoder following contract 1."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True, slots=True)
class FakePlace:
    """Contract 1 ``Place``, with the fields the events module reads."""

    query: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "unresolved"
    kind: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    radius_km: float | None = None
    confidence: float = 0.0
    source: str | None = None
    source_id: str | None = None
    match: str = "none"
    ambiguous: bool = False
    alternatives: tuple = field(default=())

    @property
    def resolved(self) -> bool:
        return self.precision != "unresolved"


GAZETTEER = {
    "erbil": ("Erbil", 36.19, 44.01, "city", "city", "IQ", 10.0, "geonames", "95446"),
    "deir ez-zor": ("Deir ez-Zor", 35.336, 40.1408, "city", "city", "SY", 10.0, "geonames",
                    "170794"),
    "tower 22": ("Tower 22", 33.3236, 38.6884, "site", "base", "JO", 2.0, "curated",
                 "tower-22"),
    "yemen": ("Yemen", 15.5, 47.5, "country", "country", "YE", 400.0, "naturalearth", "YE"),
    "al-qaim": ("Al-Qa'im", 34.3686, 41.0944, "city", "city", "IQ", 10.0, "geonames", "99237"),
}


class FakeGeocoder:
    """Records every call; resolves the names in ``GAZETTEER`` (case-insensitive)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None, tuple | None]] = []

    def __call__(self, name, *, country=None, context=None):
        self.calls.append((name, country, context))
        key = name.strip().lower()
        if key == "springfield":
            alternatives = (
                {"name": "Springfield", "country_code": "US", "lat": 39.8, "lon": -89.6},
                {"name": "Springfield", "country_code": "AU", "lat": -33.2, "lon": 151.1},
            )
            return FakePlace(name, ambiguous=True, alternatives=alternatives)
        if key not in GAZETTEER:
            return FakePlace(name)
        canon, lat, lon, precision, kind, cc, radius, source, source_id = GAZETTEER[key]
        if country and country != cc:
            return FakePlace(name)
        return FakePlace(name, canon, lat, lon, precision, kind, cc, None, radius, 0.9, source,
                         source_id, "exact")


@pytest.fixture
def fake_geocoder() -> FakeGeocoder:
    return FakeGeocoder()


@pytest.fixture
def data_dir() -> Path:
    return DATA
