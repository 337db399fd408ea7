"""Print a map (PNG, SVG, PDF) through matplotlib, with the same offline basemap, symbols,
paths, halos and legend as the HTML page.

User text is drawn with ``parse_math=False``, so a ``$`` in a title or a place name is text,
not mathtext. matplotlib is imported lazily: only printing needs it.
"""

from __future__ import annotations

import io
import math
import os
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import GeomapInputError
from geomap.precision import PRECISIONS
from geomap.render.basemap import BASEMAP_ATTRIBUTION
from geomap.render.payload import places
from geomap.render.print_labels import place_print_labels
from geomap.render.symbols import HALO_BLUR, HALO_OPACITY, ROLE_COLORS

if TYPE_CHECKING:  # pragma: no cover
    from geomap.render.event_map import EventMap

__all__ = ["save_static", "MARKERS"]

#: symbol shape -> matplotlib marker
MARKERS = {"triangle": "^", "square": "s", "circle": "o", "diamond": "D"}
_SEA, _LAND, _BORDER, _COAST = "#cfe0ee", "#f3efe6", "#9c927f", "#6d8fae"
_MIN_SPAN = 0.6
_BOX_RATIO = 1.0  # width / height of the map axes


def _aspect(extent: tuple[float, ...]) -> float:
    return 1 / max(math.cos(math.radians((extent[2] + extent[3]) / 2)), 0.1)


#: the map's shape (width / height) follows the story's from _TALLEST to _WIDEST: the events'
#: box (widened by 15% each way) then fills at least half of the frame up to about 1:4.3 and
#: 5.3:1 (issue 15's first-view goal); a more elongated story keeps these shapes
_TALLEST, _WIDEST = 0.35, 3.5
#: the map's largest width and height on the page (inches)
_MAP_WIDTH, _MAP_HEIGHT = 8.0, 12.5


def _ratio(bounds: tuple[float, float, float, float] | None) -> float:
    """Width / height of the map for ``bounds``: the shape of the story, from ``_TALLEST``
    to ``_WIDEST``."""
    if bounds is None:
        return 1.6
    minx, miny, maxx, maxy = bounds
    aspect = _aspect((0, 0, (miny + maxy) / 2, (miny + maxy) / 2))
    wide = max(maxx - minx, _MIN_SPAN) / (max(maxy - miny, _MIN_SPAN) * aspect)
    return min(max(wide, _TALLEST), _WIDEST)


def _page_width(ratio: float) -> float:
    """The print's width (inches) for a map of shape ``ratio``: ``_MAP_WIDTH``, or narrower
    for a story too tall to fit ``_MAP_HEIGHT`` at that width (never under 4.5 in, the
    title's and credit line's room; the map is then centred)."""
    return max(4.5, min(_MAP_WIDTH, _MAP_HEIGHT * ratio))


def _extent(bounds: tuple[float, float, float, float] | None,
            ratio: float = _BOX_RATIO) -> tuple[float, ...]:
    """Lon/lat limits around ``bounds``, widened to the shape of the plot (about square)."""
    if bounds is None:
        return (-180.0, 180.0, -60.0, 80.0)
    minx, miny, maxx, maxy = bounds
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    span_x = max(maxx - minx, _MIN_SPAN) * 1.15
    span_y = max(maxy - miny, _MIN_SPAN) * 1.15
    aspect = _aspect((0, 0, cy, cy))
    if span_x < span_y * aspect * ratio:
        span_x = span_y * aspect * ratio
    else:
        span_y = span_x / (aspect * ratio)
    return (max(-180.0, cx - span_x / 2), min(180.0, cx + span_x / 2),
            max(-85.0, cy - span_y / 2), min(85.0, cy + span_y / 2))


def _polygons(ax: Any, items: list[Any], *, stroke: bool) -> None:
    from matplotlib.collections import PolyCollection

    rings = [ring for _, multi in items for poly in multi for ring in poly[:1]]
    holes = [ring for _, multi in items for poly in multi for ring in poly[1:]]
    ax.add_collection(PolyCollection(rings, facecolors=_LAND, zorder=1,
                                     edgecolors=_BORDER if stroke else "none", linewidths=0.4))
    if holes:
        ax.add_collection(PolyCollection(holes, facecolors=_SEA, edgecolors="none", zorder=1))


def _lines(ax: Any, lines: list[Any], **style: Any) -> None:
    from matplotlib.collections import LineCollection

    if lines:
        ax.add_collection(LineCollection(lines, **style))


def _basemap(ax: Any, basemap: Any, extent: tuple[float, ...]) -> None:
    ax.set_facecolor(_SEA)
    if basemap is None:
        return
    _polygons(ax, basemap.world, stroke=True)
    _polygons(ax, basemap.land, stroke=False)
    _lines(ax, basemap.borders, colors=_BORDER, linewidths=0.5, zorder=2)
    _lines(ax, basemap.coast, colors=_COAST, linewidths=0.7, zorder=2)
    if extent[1] - extent[0] < 30:
        _lines(ax, basemap.provinces, colors="#a19d95", linewidths=0.35, linestyles=(0, (3, 3)),
               zorder=2)
    for name, lon, lat, *size in [*basemap.countries, *basemap.seas]:
        if extent[0] <= lon <= extent[1] and extent[2] <= lat <= extent[3]:
            sea = len(size) == 1
            text = ax.text(lon, lat, name if sea else name.upper(), fontsize=6.5 if sea else 6,
                           style="italic" if sea else "normal", ha="center", va="center",
                           color="#3f6584" if sea else "#7d735f", zorder=3, parse_math=False,
                           clip_on=True)
            text.gm_fit = None if sea else (lon, lat, size[0], size[1])


def _halos(ax: Any, layers: dict[str, Any]) -> None:
    from matplotlib.patches import Ellipse

    for role in ("target", "origin"):
        for props in places(layers[role]):
            radius = props.get("r") or 0
            if radius <= 0:
                continue
            lon, lat = props["lon"], props["lat"]
            height = 2 * radius / 111.32
            width = height / max(math.cos(math.radians(lat)), 0.05)
            precision = props.get("p") if props.get("p") in PRECISIONS else "region"
            rings = 1 + int(HALO_BLUR.get(precision, 8.0) // 2)  # coarser: fuzzier edge
            alpha = HALO_OPACITY.get(precision, 0.1) / rings
            for k in range(rings):
                grow = 1 + 0.12 * k
                ax.add_patch(Ellipse((lon, lat), width * grow, height * grow, zorder=4,
                                     facecolor=ROLE_COLORS[role], alpha=alpha, edgecolor="none"))


def _paths(ax: Any, layers: dict[str, Any]) -> None:
    color = ROLE_COLORS["path"]
    for feature in layers["path"]["features"]:
        geom = feature["geometry"]
        parts = geom["coordinates"] if geom["type"] == "MultiLineString" else [geom["coordinates"]]
        for part in parts:
            xs, ys = zip(*part, strict=True)
            ax.plot(xs, ys, color=color, linewidth=1.4, alpha=0.85, zorder=5)
        last = parts[-1]
        if len(last) >= 2:
            ax.annotate("", xy=last[-1], xytext=last[-2], zorder=6,
                        arrowprops={"arrowstyle": "-|>", "color": color, "lw": 1.4,
                                    "mutation_scale": 12})


def _points(ax: Any, layers: dict[str, Any]) -> list[dict[str, Any]]:
    """Draw the symbols; return the places (with ``ms``, the marker size in points)."""
    drawn = []
    for role in ("target", "origin"):
        for props in places(layers[role]):
            lon, lat = props["lon"], props["lat"]
            marker = MARKERS.get(props.get("sym"), "o")
            size = props.get("sz", 12) * 0.6
            ax.plot([lon], [lat], marker=marker, markersize=size,
                    color=ROLE_COLORS[role], markeredgecolor="white", markeredgewidth=0.8,
                    zorder=7, linestyle="none")
            drawn.append({**props, "ms": size})
    return drawn


def _legend_corner(extent: tuple[float, ...], drawn: list[dict[str, Any]]) -> str:
    """The corner of the map with the fewest symbols (the legend goes there)."""
    def count(fx: float, fy: float) -> int:
        return sum(1 for p in drawn
                   if abs((p["lon"] - extent[0]) / (extent[1] - extent[0]) - fx) < 0.4
                   and abs((p["lat"] - extent[2]) / (extent[3] - extent[2]) - fy) < 0.35)
    corners = {"lower left": (0, 0), "lower right": (1, 0), "upper left": (0, 1),
               "upper right": (1, 1)}
    return min(corners, key=lambda k: count(*corners[k]))


def _legend(ax: Any, legend: list[dict[str, Any]], loc: str = "lower left") -> Any:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = []
    for section in legend:
        role = section["role"]
        color = ROLE_COLORS.get(role, ROLE_COLORS["target"])
        handles.append(Patch(color="none", label=section["title"]))
        for item in section["items"]:
            label = " " + item["label"]  # a leading "_" would hide the entry
            if "shape" in item:
                handles.append(Line2D([], [], marker=MARKERS.get(item["shape"], "o"),
                                      linestyle="none", color=color,
                                      markersize=item.get("size", 14) * 0.6, label=label))
            elif item.get("line"):
                handles.append(Line2D([], [], color=ROLE_COLORS["path"], lw=1.4,
                                      marker=">", markevery=[-1], label=label))
            else:
                handles.append(Patch(facecolor=ROLE_COLORS["target"], alpha=0.3, label=label))
    if handles:
        leg = ax.legend(handles=handles, loc=loc, fontsize=6, framealpha=0.92)
        for text in leg.get_texts():
            text.set_parse_math(False)
        leg.set_zorder(10)
        return leg
    return None


#: White margin (inches) around the print: the credit and caption lines end above it.
_MARGIN = 0.2
#: characters of the credit line (6.5 pt) on an 8-inch page
_LINE_CHARS = 140


def _figure(event_map: EventMap) -> Any:
    from matplotlib.figure import Figure

    data = event_map._print
    view = data.get("view") or event_map.bounds
    ratio = _ratio(view)
    extent = _extent(view, ratio)
    width = _page_width(ratio)
    fig = Figure(figsize=(width, min(width / ratio, _MAP_HEIGHT) + 1.1), dpi=150,
                 layout="constrained")
    fig.get_layout_engine().set(w_pad=_MARGIN, h_pad=_MARGIN)  # the credit's last line clear
    ax = fig.add_subplot()
    _basemap(ax, data["basemap"], extent)
    _halos(ax, data["layers"])
    _paths(ax, data["layers"])
    drawn = _points(ax, data["layers"])
    legend = _legend(ax, data["legend"], _legend_corner(extent, drawn))
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_aspect(_aspect(extent), adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    chars = int(_LINE_CHARS * width / _MAP_WIDTH)  # the page's width in characters
    fig.suptitle("\n".join(textwrap.wrap(event_map.title, chars // 2) or [""]), fontsize=13,
                 fontweight="bold", parse_math=False)
    ax.set_title(data["dates"] or "", fontsize=9, color="#555", parse_math=False)
    hosts = list(data["sources"])
    credit = "Places: GeoNames (CC BY 4.0) · " + BASEMAP_ATTRIBUTION
    if hosts:
        credit = "Sources: " + ", ".join(hosts[:8]) + " · " + credit
    lines = textwrap.wrap(credit, chars) + textwrap.wrap(data.get("caption") or "", chars)
    ax.set_xlabel("\n".join(lines), fontsize=6.5, color="#444", loc="left", parse_math=False)
    place_print_labels(fig, ax, drawn if data["show_labels"] else [], legend)
    return fig


def save_static(event_map: EventMap, path: str | os.PathLike[str]) -> Path:
    """Write ``event_map`` as ``.png``, ``.svg`` or ``.pdf`` (by suffix), atomically.

    Raises
    ------
    GeomapInputError
        For another suffix, or when matplotlib is not installed.
    GeomapFileError
        When the file cannot be written.
    """
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg", "pdf"):
        raise GeomapInputError(f"{target}: a print must be .png, .svg or .pdf")
    try:
        import matplotlib  # noqa: F401
    except ImportError as err:
        raise GeomapInputError(
            f"{target}: printing needs matplotlib: pip install 'geomap[print]'"
        ) from err
    from geomap.atomic import write_bytes_atomically

    buffer = io.BytesIO()
    _figure(event_map).savefig(buffer, format=fmt,
                               metadata={"Creator": "geomap"} if fmt != "png" else None)
    write_bytes_atomically(target, buffer.getvalue())
    return target
