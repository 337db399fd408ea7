"""Printed maps through matplotlib."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from PIL import Image

from geomap.errors import GeomapInputError
from geomap.render import make_map
from geomap.render.static import _extent, save_static


def test_png_shows_symbols_paths_and_basemap(seed_like: gpd.GeoDataFrame,
                                             tmp_path: Path) -> None:
    out = make_map(seed_like, title="Print").save(tmp_path / "m.png")
    pixels = np.asarray(Image.open(out).convert("RGB")).reshape(-1, 3).astype(int)
    red = (np.abs(pixels - [198, 40, 40]).sum(axis=1) < 40).sum()
    orange = (np.abs(pixels - [230, 81, 0]).sum(axis=1) < 40).sum()
    sea = (np.abs(pixels - [207, 224, 238]).sum(axis=1) < 12).sum()
    assert red > 50 and orange > 20 and sea > 1000


def test_svg_and_pdf(seed_like: gpd.GeoDataFrame, tmp_path: Path) -> None:
    event_map = make_map(seed_like)
    assert event_map.save(tmp_path / "m.svg").read_bytes().startswith(b"<?xml")
    assert event_map.save(tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")


def test_user_text_is_not_mathtext(hostile: gpd.GeoDataFrame, tmp_path: Path) -> None:
    event_map = make_map(hostile, title=r"$\undefinedcommand{x}$ costs $5 <b>",
                         layer_names={"target": "_hidden? $\\alpha$"})
    out = event_map.save(tmp_path / "hostile.png")
    assert out.stat().st_size > 10_000


def test_print_refuses_other_suffixes(seed_like: gpd.GeoDataFrame, tmp_path: Path) -> None:
    with pytest.raises(GeomapInputError):
        save_static(make_map(seed_like), tmp_path / "m.jpg")


def test_extent_is_square_on_screen() -> None:
    x0, x1, y0, y1 = _extent((40.0, 10.0, 42.0, 40.0))
    mid = np.radians((y0 + y1) / 2)
    assert (x1 - x0) * np.cos(mid) == pytest.approx(y1 - y0, rel=0.02)
    assert _extent(None) == (-180.0, 180.0, -60.0, 80.0)


@pytest.mark.parametrize("name", ["seed", "syria", "issue"])
def test_caption_ends_above_the_bottom_edge(tmp_path: Path, name: str) -> None:
    """The credit line and halo caption end clear of the print's edge (0.12 in of white)."""
    from tests.render.clusters import CLUSTERS
    from tests.render.fixtures import seed_like_features

    features = seed_like_features() if name == "seed" else CLUSTERS[name]()
    out = make_map(features).save(tmp_path / "m.png")
    gray = np.asarray(Image.open(out).convert("L"))
    inked = np.where((gray < 200).any(axis=1))[0]
    assert gray.shape[0] - 1 - inked.max() >= 0.12 * 150  # px at 150 dpi
    columns = np.where((gray < 200).any(axis=0))[0]  # nor off the sides (the lines wrap)
    assert columns.min() >= 0.06 * 150 and gray.shape[1] - 1 - columns.max() >= 0.06 * 150


def test_a_long_title_wraps_inside_a_narrow_print() -> None:
    """A tall story's print is narrower than 8 in: its title wraps to stay on the page."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from geomap.render.static import _figure
    from tests.render.clusters import CLUSTERS

    title = "Strikes on bases and ports from Deir ez-Zor to Hodeidah, " * 3
    fig = _figure(make_map(CLUSTERS["issue"](), title=title))
    FigureCanvasAgg(fig).draw()
    box = fig._suptitle.get_window_extent()
    assert fig.get_size_inches()[0] < 8  # a narrow print
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width
