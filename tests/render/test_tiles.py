"""Online tiles only by name, with attribution."""

from __future__ import annotations

import pytest

from geomap.errors import GeomapInputError
from geomap.render.tiles import resolve_tiles


def test_no_tiles_by_default() -> None:
    assert resolve_tiles(None) is None


def test_known_provider() -> None:
    tiles = resolve_tiles("OpenStreetMap.Mapnik")
    assert tiles["url"].startswith("https://") and "{z}" in tiles["url"]
    assert "OpenStreetMap" in tiles["attribution"]
    assert tiles["max_zoom"] >= 18


def test_unknown_provider() -> None:
    with pytest.raises(GeomapInputError, match="unknown tiles"):
        resolve_tiles("No.Such.Provider")
