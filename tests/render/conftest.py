"""Fixtures for the render tests (the frames themselves live in ``fixtures.py``)."""

from __future__ import annotations

import geopandas as gpd
import pytest

from tests.render.fixtures import hostile_features, seed_like_features


@pytest.fixture
def seed_like() -> gpd.GeoDataFrame:
    """Six events, five distinct target places (Yemen twice), one with an origin."""
    return seed_like_features()


@pytest.fixture
def hostile() -> gpd.GeoDataFrame:
    """Payloads in every text field."""
    return hostile_features()
