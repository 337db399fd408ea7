"""Scoring of the extractor against the dev set in ``tests/data/dispatches``.

Each ``NN-slug.txt`` has ``NN-slug.expected.json``: the places a reader finds in it (name,
role, precision -- or a list of acceptable precisions --, country code, lat/lon written from
public sources, and ``gazetteer_id``: the entry checked to be that place, or null with a note
when the gazetteer lacks it), optional places (fine either way), ``mentions`` that must be
found as written, and ``not_places``: strings of the text that no unflagged mention may
overlap. Scoring uses the coordinates, so a rebuilt gazetteer with new ids still scores.

A predicted place is a place group with at least one mention that is a place
(:attr:`Mention.is_place`). It matches an expected place when its precision is one of the
expected ones and, for a country, the country codes agree; for anything else the points lie
within a tolerance of the expected precision's scale (site 25 km ... region 800 km) and the
country codes agree where both are known. Matching is one to one, nearest first.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DISPATCHES = Path(__file__).resolve().parents[1] / "data" / "dispatches"
TOLERANCE_KM = {"site": 25, "city": 25, "district": 40, "admin1": 250, "country": 0,
                "region": 800}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def load_cases(folder: Path = DISPATCHES) -> list[tuple[str, str, dict[str, Any]]]:
    """``(slug, text, expected)`` for every dispatch of ``folder`` (the dev set by default; the
    held-out world dispatches use the same format), in name order."""
    cases = []
    for path in sorted(folder.glob("*.txt")):
        expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        cases.append((path.stem, path.read_text(encoding="utf-8"), expected))
    return cases


def _precisions(item: dict[str, Any]) -> list[str]:
    p = item["precision"]
    return p if isinstance(p, list) else [p]


def distance(item: dict[str, Any], place: Any) -> float | None:
    """Distance in km when ``place`` can be ``item``, else None."""
    if place.precision not in _precisions(item):
        return None
    cc = item.get("country_code")
    if "country" in _precisions(item) and place.precision == "country":
        return 0.0 if place.country_code == cc else None
    if cc and place.country_code and cc != place.country_code:
        return None
    d = haversine_km(item["lat"], item["lon"], place.lat, place.lon)
    tol = max(TOLERANCE_KM[p] for p in _precisions(item))
    return d if d <= tol else None


@dataclass
class Score:
    """Counts of one dispatch (or the whole set)."""

    expected: int = 0
    predicted: int = 0
    matched: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    wrong_role: list[str] = field(default_factory=list)
    not_place_hits: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.predicted += other.predicted
        self.matched += other.matched
        for name in ("missed", "extra", "wrong_role", "not_place_hits"):
            getattr(self, name).extend(getattr(other, name))


def score(slug: str, text: str, expected: dict[str, Any], extraction: Any) -> Score:
    """Score one extraction against its expectations."""
    groups = [g for g in extraction.places if g.is_place]
    optional = {o["name"].lower() for o in expected.get("optional", [])}
    groups = [
        g for g in groups
        if not ({m.text.lower() for m in g.mentions} & optional
                or (g.place.name or "").lower() in optional)
    ]
    items = expected["places"]
    pairs = sorted(
        (d, i, j)
        for i, item in enumerate(items)
        for j, g in enumerate(groups)
        if g.place.resolved and (d := distance(item, g.place)) is not None
    )
    used_i: set[int] = set()
    used_j: set[int] = set()
    s = Score(expected=len(items), predicted=len(groups))
    for _d, i, j in pairs:
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        s.matched += 1
        if items[i]["role"] == "dateline" and "dateline" not in groups[j].roles:
            s.wrong_role.append(f"{slug}: {items[i]['name']} {groups[j].roles}")
    s.missed = [f"{slug}: {items[i]['name']}" for i in range(len(items)) if i not in used_i]
    s.extra = [
        f"{slug}: {groups[j].mentions[0].text} -> {groups[j].place.name} "
        f"({groups[j].place.kind}, {groups[j].place.country_code})"
        for j in range(len(groups)) if j not in used_j
    ]
    for phrase in expected.get("not_places", []):
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            for m in extraction:
                if m.is_place and m.start < end and start < m.end:
                    s.not_place_hits.append(f"{slug}: {m.text!r} in {phrase!r}")
            start = text.find(phrase, end)
    return s
