"""Symbol shapes and sizes."""

from __future__ import annotations

from geomap.render.symbols import BASE_SIZE, MAX_SIZE, SHAPES, shape_for, size_for


def test_shape_for_kinds() -> None:
    assert shape_for("airbase") == "triangle"
    assert shape_for("PORT") == "square"
    assert shape_for("city") == "circle"
    assert shape_for("sea") == "diamond"
    assert shape_for(None) == "circle"
    assert shape_for("<script>") == "circle"
    assert set(SHAPES) == {"triangle", "square", "circle", "diamond"}


def test_size_grows_and_caps() -> None:
    assert size_for(None) == BASE_SIZE == size_for(0) == size_for("n/a")
    assert BASE_SIZE < size_for(3) < size_for(30) <= MAX_SIZE
    assert size_for(10**6) == MAX_SIZE
