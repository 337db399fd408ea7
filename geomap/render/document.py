"""Assemble a map page as a folium document (see :mod:`geomap.render.folium_page`).

:func:`build_document` returns the :class:`~geomap.render.folium_page.OfflineMap`: its
figure holds the header (title, dates), the map, its layers in a layer control, and after
the map the time filter, credit line, events table and the page data.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from geomap.render import assets
from geomap.render.escape import html_text
from geomap.render.folium_page import (
    EventLayer,
    MapPage,
    OfflineFigure,
    OfflineMap,
    RawHtml,
    SafeLayerControl,
)

__all__ = ["build_document", "OVERLAYS"]

#: Overlay layers, in the layer control's order.
OVERLAYS = ("target", "origin", "path", "halo", "label", "provinces", "seas")

_ARROW = ('<marker id="gm-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" '
          'markerHeight="5" markerUnits="strokeWidth" orient="auto">'
          '<path d="M0,0 L10,5 L0,10 z" fill="#e65100"/></marker>')


@lru_cache(maxsize=1)
def _icon_defaults() -> str:
    """Leaflet's default marker images as ``data:`` URIs, so a user's ``folium.Marker``
    needs no file next to the page."""
    base = assets.leaflet_dir() / "images"
    uris = {key: assets.png_data_uri(base / name) for key, name in (
        ("iconUrl", "marker-icon.png"), ("iconRetinaUrl", "marker-icon-2x.png"),
        ("shadowUrl", "marker-shadow.png"))}
    options = ", ".join(f'{key}: "{uri}"' for key, uri in uris.items())
    return f"L.Icon.Default.imagePath = \"\";\nL.Icon.Default.mergeOptions({{{options}}});"


def _inline() -> list[tuple[str, str]]:
    return [
        ("leaflet_css", f"<style>{assets.leaflet_css()}</style>"),
        ("geomap_css", f"<style>{assets.app_css()}</style>"),
        ("leaflet_js", f"<script>{assets.leaflet_js()}\n{_icon_defaults()}</script>"),
        ("geomap_js", f"<script>{assets.app_js()}</script>"),
    ]


def _body(parts: Mapping[str, str]) -> str:
    return (
        '<div id="gm-time" class="gm-time" role="group" aria-label="Time filter" hidden></div>\n'
        f'<p class="gm-credits">{parts["credits"]}</p>\n'
        '<section class="gm-table-wrap" aria-labelledby="gm-table-title">\n'
        '<h2 id="gm-table-title">Events on this map</h2>\n'
        '<div id="gm-table"><noscript>This map needs JavaScript to draw; the events are in '
        'the page source.</noscript></div>\n</section>\n'
        '<svg class="gm-defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>\n'
        f'{_ARROW}\n{parts["filters"]}\n</defs></svg>\n'
        f'<script {parts["data_attrs"]} id="gm-data">{parts["data"]}</script>'
    )


def _layers(names: Mapping[str, str], counts: Mapping[str, int], *, basemap: bool,
            provinces: bool, show_labels: bool) -> dict[str, EventLayer]:
    groups: dict[str, EventLayer] = {}
    if basemap:
        groups["basemap"] = EventLayer("basemap", names["basemap"], overlay=False)
    for role in OVERLAYS:
        if (role in ("provinces", "seas") and not basemap) or (
                role == "provinces" and not provinces):
            continue
        groups[role] = EventLayer(role, names[role], count=counts.get(role),
                                  show=show_labels if role == "label" else True)
    return groups


def build_document(
    *,
    title: str,
    dates: str,
    parts: Mapping[str, str],
    names: Mapping[str, str],
    counts: Mapping[str, int],
    tiles: dict[str, Any] | None,
    basemap: bool,
    provinces: bool,
    show_labels: bool,
) -> OfflineMap:
    """The folium map of one page.

    Parameters
    ----------
    title, dates : str
        Plain text, escaped here.
    parts : mapping
        Finished HTML: ``credits``, ``filters``, ``data_attrs``, ``data`` (escaped already).
    names : mapping
        Layer names, plain text (escaped by the layer control).
    counts : mapping
        Feature count shown after the ``target``, ``origin`` and ``path`` layer names.
    tiles : dict, optional
        What :func:`geomap.render.tiles.resolve_tiles` returns: a ``folium.TileLayer``.
    basemap, provinces, show_labels : bool
        Whether the page has the offline basemap, province borders, labels shown at first.
    """
    import folium

    from geomap import __version__

    fmap = OfflineMap(label=f"Map: {title}", inline=_inline(), control_scale=True,
                      zoom_snap=0.25, world_copy_jump=False)
    figure = OfflineFigure(title)
    figure.generator = f"geomap {__version__}"
    figure.add_child(fmap)
    figure.html.add_child(RawHtml(
        f'<header class="gm-header">\n<h1 class="gm-title">{html_text(title)}</h1>\n'
        f'<p class="gm-dates">{html_text(dates)}</p>\n</header>'), name="gm_header")
    if tiles:
        folium.TileLayer(tiles=tiles["url"], attr=tiles["attribution"], name=tiles["name"],
                         max_zoom=tiles["max_zoom"], subdomains=tiles["subdomains"],
                         overlay=False).add_to(fmap)
    groups = _layers(names, counts, basemap=basemap, provinces=provinces,
                     show_labels=show_labels)
    for layer in groups.values():
        layer.add_to(fmap)
    SafeLayerControl(collapsed=True, position="topright").add_to(fmap)
    MapPage(_body(parts), groups).add_to(fmap)
    return fmap

