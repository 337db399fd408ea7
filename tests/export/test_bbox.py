"""Tests for geomap.export.bbox: antimeridian-aware boxes."""

from __future__ import annotations

import numpy as np
import shapely

from geomap.export.bbox import covering_box, part_extents


def test_plain_box():
    assert covering_box([(1.0, 2.0, 3.0, 4.0), (-5.0, 0.0, 0.0, 1.0)]) == (-5.0, 0.0, 3.0, 4.0)


def test_box_across_the_antimeridian_has_west_greater_than_east():
    line = shapely.MultiLineString([[(170, 0), (180, 1)], [(-180, 1), (-170, 2)]])
    assert covering_box(part_extents([line])) == (170.0, 0.0, -170.0, 2.0)


def test_a_wide_single_part_is_not_mistaken_for_a_crossing():
    # one part never crosses (geomap cuts there), however wide it is
    assert covering_box(part_extents([shapely.box(-170, 0, 170, 1)])) == (-170.0, 0.0, 170.0, 1.0)


def test_points_on_both_sides_take_the_short_way():
    points = [shapely.Point(179, 0), shapely.Point(-179, 1), shapely.Point(178, 2)]
    assert covering_box(part_extents(points)) == (178.0, 0.0, -179.0, 2.0)


def test_whole_world_and_empty():
    cap = shapely.box(-180, 80, 180, 90)
    assert covering_box(part_extents([cap])) == (-180.0, 80.0, 180.0, 90.0)
    assert covering_box(np.empty((0, 4))) is None
    assert part_extents([None, shapely.Point()]).shape == (0, 4)
