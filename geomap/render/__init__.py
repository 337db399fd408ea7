"""Maps a newsroom can publish: one self-contained, offline HTML page per map, or a print.

Public names: :func:`make_map` and :class:`EventMap` (whose ``folium_map`` is the page's
``folium.Map``). The pieces: :mod:`.document` and :mod:`.folium_page` (the page as a folium
document: offline map, layers, escaped layer control, CSP), :mod:`.escape` (user text
for each page context), :mod:`.basemap` (offline Natural Earth layers), :mod:`.payload`
(features to page data), :mod:`.popups`, :mod:`.legend`, :mod:`.timeline`,
:mod:`.symbols`, :mod:`.assets` (inlined Leaflet), :mod:`.tiles` (optional online tiles),
:mod:`.static` (PNG/SVG/PDF through matplotlib).
"""

from __future__ import annotations

from geomap.render.map import EventMap, make_map

__all__ = ["make_map", "EventMap"]
