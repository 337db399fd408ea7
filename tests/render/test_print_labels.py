"""Labels on a print (PNG/SVG/PDF): placed without overlaps, framed on the events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from geomap.render import make_map
from geomap.render.labels import place_labels
from geomap.render.static import _figure
from tests.render.clusters import CLUSTERS, frame_points, overlapping_pairs


def _label_boxes(fig: Any) -> tuple[list[list[Any]], Any]:
    """Visible text inside the map axes, as [text, left, top, right, bottom] display boxes."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    area = ax.get_window_extent(renderer)
    boxes = []
    for text in ax.texts:
        if not text.get_visible() or not text.get_text().strip():
            continue
        e = text.get_window_extent(renderer)
        if e.x1 <= area.x0 or e.x0 >= area.x1 or e.y1 <= area.y0 or e.y0 >= area.y1:
            continue
        boxes.append([text.get_text(), e.x0, -e.y1, e.x1, -e.y0])
    legend = ax.get_legend()
    return boxes, (None if legend is None else legend.get_window_extent(renderer))


@pytest.mark.parametrize("name", sorted(CLUSTERS))
def test_print_labels_do_not_overlap(name: str) -> None:
    features = CLUSTERS[name]()
    fig = _figure(make_map(features, show_labels=True))
    boxes, legend = _label_boxes(fig)
    assert overlapping_pairs(boxes) == []
    places = {b[0] for b in boxes}
    assert len(places) >= 8  # labels are placed, not all dropped
    if legend is not None:  # and none sits under the legend
        key = ["legend", legend.x0, -legend.y1, legend.x1, -legend.y0]
        assert [p for p in overlapping_pairs([key, *boxes]) if "legend" in p] == []


@pytest.mark.parametrize("name", sorted(CLUSTERS))
def test_print_frames_the_events(name: str) -> None:
    features = CLUSTERS[name]()
    fig = _figure(make_map(features))
    ax = fig.axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    points = frame_points(features)
    assert all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in points)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    assert (max(xs) - min(xs)) * (max(ys) - min(ys)) >= 0.3 * (x1 - x0) * (y1 - y0)


def test_every_print_format_writes(tmp_path: Path) -> None:
    event_map = make_map(CLUSTERS["euphrates"](), show_labels=True)
    for suffix in ("png", "svg", "pdf"):
        assert event_map.save(tmp_path / f"m.{suffix}").stat().st_size > 10_000


def test_greedy_placement_hides_rather_than_overlaps() -> None:
    # forty labels on one spot, room for some: the rest are left out, none overlap
    labels = [(100.0, 100.0, 4.0, 60.0, 12.0)] * 40
    found = place_labels(labels, obstacles=[], area=(0.0, 0.0, 200.0, 200.0))
    boxes = [["x", *f[0]] for f in found if f is not None]
    assert overlapping_pairs(boxes) == []
    assert 0 < len(boxes) < 40
    assert found[0] is not None and found[0][1] is False  # the first: beside its symbol
    assert any(f is not None and f[1] for f in found)  # others: farther, with a leader


def test_fixed_names_stay_centred_or_go() -> None:
    found = place_labels([(50.0, 50.0, -1.0, 40.0, 10.0)], obstacles=[(45, 45, 55, 55)],
                         area=(0.0, 0.0, 100.0, 100.0))
    assert found == [None]


def _print_fill(features: Any) -> tuple[float, int, int]:
    """The print's frame (the map axes' limits) against the events' box (``frame_of``): the
    share of the frame inside the box, and how many of the first view's points (every place
    finer than a country, and the box's corners) are inside the frame, of how many."""
    from geomap.render.payload import frame_of

    ax = _figure(make_map(features, show_labels=True)).axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    b = frame_of(features)
    points = [*frame_points(features), (b[0], b[1]), (b[2], b[3])]
    inside = sum(x0 <= x <= x1 and y0 <= y <= y1 for x, y in points)
    w = max(0.0, min(x1, b[2]) - max(x0, b[0]))
    h = max(0.0, min(y1, b[3]) - max(y0, b[1]))
    return w * h / ((x1 - x0) * (y1 - y0)), inside, len(points)


@pytest.mark.parametrize("name", ["euphrates", "syria", "issue", "seed", "sahel"])
def test_print_meets_the_first_view_goal(name: str) -> None:
    """Issue 15's goal on the print too: every point inside the frame and at least half of the
    frame inside the events' box, for stories from 4:1 wide (sahel) to 1:3 tall (issue)."""
    from tests.render.clusters import SHAPES
    from tests.render.fixtures import seed_like_features

    fixtures = {**CLUSTERS, **SHAPES, "seed": seed_like_features}
    fill, inside, points = _print_fill(fixtures[name]())
    assert inside == points
    assert fill >= 0.5, fill


def test_print_of_a_story_more_elongated_than_any_map() -> None:
    """Chile (16:1 tall): the print stops at its tallest shape, every point inside it."""
    from tests.render.clusters import SHAPES

    fill, inside, points = _print_fill(SHAPES["chile"]())
    assert inside == points and fill > 0.1
