"""Geometry: geodesic strike paths, uncertainty areas, and the features frame.

Public names: :func:`geodesic_path`, :func:`uncertainty_circle`, :func:`event_features`
(contract 3 in docs/design.md), plus the column tables :data:`FEATURE_COLUMNS` and
:data:`ROLES`.
"""

from __future__ import annotations

from geomap.geometry.areas import uncertainty_circle
from geomap.geometry.features import FEATURE_COLUMNS, ROLES, event_features
from geomap.geometry.paths import cut_antimeridian, geodesic_path, path_metrics

__all__ = [
    "geodesic_path",
    "uncertainty_circle",
    "event_features",
    "cut_antimeridian",
    "path_metrics",
    "FEATURE_COLUMNS",
    "ROLES",
]
