"""Bounding boxes that understand the antimeridian (RFC 7946 section 5.2).

Each part of a geometry (a point, a line, a polygon of a multi-geometry) lies within
[-180, 180] and never crosses the antimeridian (geomap cuts there). A box is the shortest
longitude arc covering every part: when that arc crosses the antimeridian, ``west > east``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import shapely

__all__ = ["Box", "part_extents", "covering_box"]

#: ``(west, south, east, north)``
Box = tuple[float, float, float, float]


def part_extents(geoms: Sequence[object] | np.ndarray) -> np.ndarray:
    """Return ``(xmin, ymin, xmax, ymax)`` of every non-empty part of ``geoms`` (n x 4)."""
    geoms = np.asarray(geoms, dtype=object)
    geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    if geoms.size == 0:
        return np.empty((0, 4))
    parts = shapely.get_parts(geoms)
    return shapely.bounds(parts)


def _arc(intervals: np.ndarray) -> tuple[float, float]:
    """Shortest arc covering longitude intervals [(lo, hi), ...] inside [-180, 180]."""
    order = np.argsort(intervals[:, 0], kind="stable")
    merged: list[list[float]] = []
    for lo, hi in intervals[order].tolist():
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    # gaps between consecutive merged intervals, and the one across the antimeridian
    best_gap = merged[0][0] + 360.0 - merged[-1][1]
    west, east = merged[0][0], merged[-1][1]
    for (_, prev_hi), (next_lo, _) in zip(merged, merged[1:], strict=False):
        gap = next_lo - prev_hi
        if gap > best_gap:
            best_gap, west, east = gap, next_lo, prev_hi
    return west, east


def covering_box(extents: np.ndarray | Iterable[Box]) -> Box | None:
    """Return the smallest box around part extents, ``west > east`` across the antimeridian.

    Examples
    --------
    >>> covering_box([(170.0, 10.0, 180.0, 15.0), (-180.0, 15.0, -170.0, 20.0)])
    (170.0, 10.0, -170.0, 20.0)
    >>> covering_box([(-170.0, 0.0, 170.0, 1.0)])
    (-170.0, 0.0, 170.0, 1.0)
    """
    extents = np.asarray(list(extents) if not isinstance(extents, np.ndarray) else extents,
                         dtype=float).reshape(-1, 4)
    if extents.shape[0] == 0:
        return None
    west, east = _arc(extents[:, [0, 2]])
    return (float(west), float(extents[:, 1].min()), float(east), float(extents[:, 3].max()))
