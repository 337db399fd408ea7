"""Symbols shared by the HTML map, its legend and the printed map.

Targets and origins take a shape by the *kind* of place (a base, a piece of infrastructure, a
town or site, a whole area) and a size by casualties; uncertainty halos are blurred more for
coarser precision. The browser and matplotlib draw from these same tables.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = [
    "ROLE_COLORS",
    "SHAPES",
    "SHAPE_LABELS",
    "KIND_SHAPES",
    "HALO_BLUR",
    "HALO_OPACITY",
    "shape_for",
    "size_for",
]

#: Stroke/fill colour per feature role.
ROLE_COLORS: dict[str, str] = {
    "target": "#c62828",
    "origin": "#1565c0",
    "path": "#e65100",
}
#: Shapes, in legend order.
SHAPES: tuple[str, ...] = ("triangle", "square", "circle", "diamond")
SHAPE_LABELS: dict[str, str] = {
    "triangle": "Base or airbase",
    "square": "Port, airport, oil/gas, dam, crossing",
    "circle": "Town, city or site",
    "diamond": "Area: district to country, sea",
}
KIND_SHAPES: dict[str, str] = {
    "base": "triangle",
    "airbase": "triangle",
    "airport": "square",
    "port": "square",
    "terminal": "square",
    "oilfield": "square",
    "gasfield": "square",
    "dam": "square",
    "canal": "square",
    "crossing": "square",
    "city": "circle",
    "capital": "circle",
    "site": "circle",
    "district": "diamond",
    "admin1": "diamond",
    "country": "diamond",
    "region": "diamond",
    "island": "diamond",
    "strait": "diamond",
    "sea": "diamond",
    "gulf": "diamond",
}
#: Blur (px, SVG standard deviation) of an uncertainty halo per precision.
HALO_BLUR: dict[str, float] = {
    "site": 0.0,
    "city": 1.5,
    "district": 3.0,
    "admin1": 5.0,
    "country": 8.0,
    "region": 8.0,
}
#: Fill opacity of an uncertainty halo per precision (coarser is fainter).
HALO_OPACITY: dict[str, float] = {
    "site": 0.30,
    "city": 0.25,
    "district": 0.20,
    "admin1": 0.15,
    "country": 0.10,
    "region": 0.10,
}
BASE_SIZE = 12
MAX_SIZE = 36


def shape_for(kind: Any) -> str:
    """The symbol shape for a place kind (``circle`` when unknown)."""
    return KIND_SHAPES.get(str(kind).lower(), "circle") if kind else "circle"


def size_for(casualties: Any) -> int:
    """Symbol size in pixels: grows with the square root of the casualties, capped."""
    try:
        value = float(casualties)
    except (TypeError, ValueError):
        return BASE_SIZE
    if not math.isfinite(value) or value <= 0:
        return BASE_SIZE
    return int(min(MAX_SIZE, BASE_SIZE + 4 * math.sqrt(value)))
