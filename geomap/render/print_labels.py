"""Label placement on a print: the rule of :mod:`geomap.render.labels` on matplotlib text.

The figure is laid out once (so every extent is final), text sizes are measured by the
renderer, and :func:`geomap.render.labels.place_labels` chooses each place label's position
(or leaves it out), then the country and sea names (centred, only where they fit). Symbols
and the legend are obstacles; labels placed on a wider ring get a leader line.
"""

from __future__ import annotations

from typing import Any

from geomap.render.labels import place_labels

__all__ = ["place_print_labels"]

_STYLE = {"fontsize": 7, "fontweight": "bold", "color": "#222", "zorder": 8,
          "parse_math": False}


def _box(extent: Any) -> tuple[float, float, float, float]:
    """A matplotlib window extent as (left, top, right, bottom) with y growing down."""
    return (extent.x0, -extent.y1, extent.x1, -extent.y0)


def place_print_labels(fig: Any, ax: Any, drawn: list[dict[str, Any]], legend: Any) -> None:
    """Add the place labels of ``drawn`` to ``ax`` and keep only the basemap names that fit.

    Parameters
    ----------
    fig, ax : matplotlib Figure and Axes
        The print, with everything but the place labels drawn.
    drawn : list of dict
        The places (``lon``, ``lat``, ``n``/``g``, ``pr`` rank, ``ms`` marker size in points);
        empty when labels are off.
    legend : matplotlib Legend or None
        An obstacle.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.canvas.draw()  # final layout: the extents below do not move any more
    fig.set_layout_engine("none")
    renderer = fig.canvas.get_renderer()
    area = _box(ax.get_window_extent(renderer))
    to_px = ax.transData.transform
    scale = fig.dpi / 72
    width, height = fig.bbox.width, fig.bbox.height  # figure fractions survive a vector save
    obstacles = [_box(legend.get_window_extent(renderer))] if legend is not None else []
    places = sorted(drawn, key=lambda p: p.get("pr", 0))
    items, texts = [], []
    for place in places:
        x, y = to_px((place["lon"], place["lat"]))
        radius = place["ms"] * scale / 2
        obstacles.append((x - radius, -y - radius, x + radius, -y + radius))
        text = ax.text(x / width, y / height, place.get("n") or place.get("g") or "",
                       transform=fig.transFigure, **_STYLE)
        extent = text.get_window_extent(renderer)
        items.append((x, -y, radius, extent.width, extent.height))
        texts.append(text)
    names = [t for t in ax.texts if hasattr(t, "gm_fit")]
    for text in names:
        extent = text.get_window_extent(renderer)
        x, y = to_px(text.get_position())
        fit = text.gm_fit
        if fit is not None:  # a country: only where its name fits inside it
            left, right = to_px((fit[0] - fit[2] / 2, fit[1]))[0], to_px((fit[0] + fit[2] / 2,
                                                                           fit[1]))[0]
            if extent.width > 0.9 * abs(right - left):
                text.set_visible(False)
                continue
        items.append((x, -y, -1.0, extent.width, extent.height))
        texts.append(text)
    for text, item, found in zip(texts, items, place_labels(items, obstacles, area),
                                 strict=True):
        if found is None:
            text.set_visible(False)
            continue
        if item[2] < 0:
            continue  # a basemap name: stays centred
        box, leader = found
        text.set_position((box[0] / width, -box[3] / height))
        text.set_horizontalalignment("left")
        text.set_verticalalignment("bottom")
        if leader:
            near = _nearest(box, item)
            ax.annotate("", xy=(item[0] / width, -item[1] / height),
                        xycoords="figure fraction",
                        xytext=(near[0] / width, near[1] / height),
                        textcoords="figure fraction",
                        arrowprops={"arrowstyle": "-", "color": "#555", "lw": 0.5,
                                    "shrinkA": 0, "shrinkB": item[2] / scale}, zorder=8)


def _nearest(box: tuple[float, float, float, float],
             item: tuple[float, ...]) -> tuple[float, float]:
    """The point of ``box`` nearest the symbol, in figure pixels (y up)."""
    x = min(max(item[0], box[0]), box[2])
    y = min(max(item[1], box[1]), box[3])
    return (x, -y)
