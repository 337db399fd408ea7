"""Great-circle distance: the one haversine every module calls (spherical Earth, R = 6371.0088 km,
the IUGG mean radius; within 0.5% of the WGS84 geodesic, plenty for ranking and sanity checks)."""

from __future__ import annotations

import math
from typing import Any

__all__ = ["EARTH_RADIUS_KM", "haversine_km", "haversine_km_array"]

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def haversine_km_array(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """:func:`haversine_km` elementwise on numpy arrays (NaN where a coordinate is missing)."""
    import numpy as np

    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = (np.sin((p2 - p1) / 2) ** 2
         + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
