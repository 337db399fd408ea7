"""``make_map``: events to one self-contained, offline HTML page; :class:`EventMap` holds it.

The page is a folium document (:attr:`EventMap.folium_map`, built by
:mod:`geomap.render.document`): a ``folium.Map`` without tiles or CDN assets, Leaflet and
geomap's script and styles inlined, one folium layer per map layer in a layer control, the
data as JSON (one FeatureCollection per role) with the offline Natural Earth basemap, and a
Content-Security-Policy that allows only its own inline scripts and ``data:`` images: opened
with the network off it makes no request at all. Online tiles are added only when asked for
by name (``tiles="OpenStreetMap.Mapnik"``).
"""

from __future__ import annotations

import gc
from collections.abc import Mapping
from functools import partial
from typing import Any

from geomap.errors import GeomapInputError
from geomap.render.basemap import basemap_for, name_language, payload_json
from geomap.render.document import build_document
from geomap.render.encode import SCALE, encode_event_columns, encode_paths, encode_points
from geomap.render.event_map import PRINT_SUFFIXES, EventMap
from geomap.render.labels import label_ranks, placement_rules
from geomap.render.legend import build_legend, halo_caption
from geomap.render.page_data import ATTRIBUTION, credits_html, data_block, source_hosts
from geomap.render.payload import LAYER_NAMES, build_layers, to_features
from geomap.render.symbols import HALO_BLUR, ROLE_COLORS
from geomap.render.tiles import resolve_tiles
from geomap.render.timeline import date_range_text

__all__ = ["EventMap", "make_map", "ATTRIBUTION", "PRINT_SUFFIXES"]

_EXTRA_NAMES = {"basemap": "Offline basemap (Natural Earth)", "provinces": "Provinces",
                "seas": "Sea names"}
_MAX_LABELS = 60
#: Place properties the page gets (see geomap.render.payload).
PLACE_KEYS = ("n", "g", "p", "r", "k", "c", "s", "si", "sym", "sz", "kd", "pr")
#: Above this many places the page draws symbols, halos and paths on a canvas.
DENSE_ABOVE = 4000


def _layer_names(layer_names: Mapping[str, Any] | None) -> dict[str, str]:
    names = {**LAYER_NAMES, **_EXTRA_NAMES}
    for key, value in (layer_names or {}).items():
        if key not in names:
            raise GeomapInputError(
                f"unknown layer {key!r} in layer_names; choose from {', '.join(names)}"
            )
        if not isinstance(value, str) or not value.strip():
            raise GeomapInputError(f"layer name for {key!r} must be non-empty text")
        names[key] = value
    return names


def _column(built: dict[str, Any], key: str) -> list[Any] | None:
    """The display values of one events-table column (``None`` when the table has none)."""
    keys = [key for key, _ in built["columns"]]
    if key not in keys:
        return None
    cells, codes = built["event_columns"][keys.index(key)]
    return cells if codes is None else None


def _filters() -> str:
    out = []
    for precision, blur in HALO_BLUR.items():
        if blur > 0:
            out.append(f'<filter id="gm-blur-{precision}" x="-50%" y="-50%" width="200%" '
                       f'height="200%"><feGaussianBlur stdDeviation="{blur:g}"/></filter>')
    return "\n".join(out)


def make_map(
    events: Any,
    *,
    title: str | None = None,
    tiles: str | None = None,
    layer_names: Mapping[str, str] | None = None,
    basemap: bool = True,
    show_labels: bool | None = None,
    compress: bool | None = None,
    inset: bool | str = "auto",
    lang: str | None = None,
) -> EventMap:
    """Render events as one self-contained HTML page that works offline.

    Parameters
    ----------
    events : Events, GeoDataFrame
        What :func:`geomap.read_events` returns, its ``.frame`` (contract 2), or a features
        frame (contract 3, from :func:`geomap.event_features`).
    title : str, optional
        Shown above the map and as the page title (text, never markup).
    tiles : str, optional
        An ``xyzservices`` provider name (``"OpenStreetMap.Mapnik"``) for online tiles under
        the events; without it the map uses only the embedded basemap and stays offline.
    layer_names : mapping, optional
        Rename layers: keys ``target, origin, path, halo, label, basemap, provinces, seas``.
    basemap : bool, default True
        Embed the offline Natural Earth basemap.
    show_labels : bool, optional
        Show place labels when the map opens (default: when there are at most 60 places).
    compress : bool, optional
        Store the page's data gzip-compressed (base64), inflated by the browser when the
        page opens. Default: only when the data exceeds ``COMPRESS_ABOVE`` characters, so
        small maps keep readable JSON. Needs a browser from 2023 on (DecompressionStream).
    inset : bool or "auto", default "auto"
        An inset locator map (the land around, the view as a red box) in the map's lower-left
        corner: ``"auto"`` for a small area (frame under 8 degrees across) on a map at least
        480 px wide, ``True`` always (with the basemap), ``False`` never.
    lang : str, optional
        The language of the country names on the page (a BCP 47 tag such as ``"ar"`` or
        ``"fr-CA"``; the basemap has English and the languages ``name_languages()`` lists).
        Default: the reader's browser language when the basemap has it, else English.

    Returns
    -------
    EventMap

    Raises
    ------
    GeomapInputError
        For an input that is not events or features, an unknown layer or tile name, an
        ``inset`` other than True, False or "auto", a ``lang`` the basemap has no names in.

    Examples
    --------
    >>> import geomap
    >>> events = geomap.read_events("data/examples/2024-02-05-strikes.csv")  # doctest: +SKIP
    >>> geomap.make_map(events, title="Strikes, 5 February 2024").save("map.html")  # doctest: +SKIP
    """
    # A big map allocates millions of small objects (lists, dicts, strings) and holds no
    # cycles worth collecting meanwhile: the cyclic collector would run hundreds of times
    # over every object of the session. It is paused while the map is built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _make_map(events, title=title, tiles=tiles, layer_names=layer_names,
                         basemap=basemap, show_labels=show_labels, compress=compress,
                         inset=inset, lang=lang)
    finally:
        if collecting:
            gc.enable()


def _make_map(events: Any, *, title: str | None, tiles: str | None,
              layer_names: Mapping[str, str] | None, basemap: bool, show_labels: bool | None,
              compress: bool | None, inset: bool | str, lang: str | None) -> EventMap:
    if title is not None and not isinstance(title, str):
        raise GeomapInputError(f"title must be text, not {type(title).__name__}")
    if inset not in (True, False, "auto") or not isinstance(inset, (bool, str)):
        raise GeomapInputError(f'inset must be True, False or "auto", not {inset!r}')
    code = name_language(lang)
    langs = None if code is None else (code,)  # None: every language, the browser picks
    names = _layer_names(layer_names)
    tile_info = resolve_tiles(tiles)
    features = to_features(events)
    built = build_layers(features)
    frame = built.pop("frame")
    layers = built["layers"]
    n_places = sum(len(layers[r]["x"]) for r in ("target", "origin"))
    killed_max = max((k for k in layers["target"]["p"]["kd"] if k), default=0)
    for role, ranks in label_ranks(layers).items():
        layers[role]["p"]["pr"] = ranks
    legend = build_legend(layers, names, killed_max)
    base = basemap_for(built["bounds"]) if basemap else None
    dates = date_range_text(frame)
    hosts = source_hosts(frame, _column(built, "sources"))
    page_title = title.strip() if title and title.strip() else "Strikes and attacks"
    if show_labels is None:
        show_labels = n_places <= _MAX_LABELS
    data = {
        "events": encode_event_columns(built["columns"], len(frame), built["event_columns"]),
        "table": built["table"],
        "place_fields": built["place_fields"],
        "layers": {
            "target": encode_points(layers["target"], PLACE_KEYS),
            "origin": encode_points(layers["origin"], PLACE_KEYS),
            "path": encode_paths(layers["path"]),
        },
        "scale": SCALE,
        "days": built["days"],
        "bounds": built["bounds"],
        "view": built["view"],
        "label_rules": placement_rules(),
        "caption": halo_caption(legend),
        "dense_above": DENSE_ABOVE,
        "names": names,
        "legend": legend,
        "colors": ROLE_COLORS,
        "attribution": list(ATTRIBUTION) + ([tile_info["attribution"]] if tile_info else []),
        "basemap": base.to_payload(langs) if base else None,
        "tiles": tile_info,
        "show_labels": bool(show_labels),
        "inset": inset,
        "lang": code,
    }
    made = {"basemap": partial(payload_json, base, langs)} if base else None
    counts = {"target": len(layers["target"]["x"]), "origin": len(layers["origin"]["x"]),
              "path": len(layers["path"]["features"])}
    folium_map = build_document(
        title=page_title, dates=dates or "", names=names, counts=counts, tiles=tile_info,
        parts={"credits": credits_html(hosts, tile_info), "filters": _filters(),
               **data_block(data, compress, made)},
        basemap=base is not None, provinces=bool(base and base.provinces),
        show_labels=bool(show_labels))
    print_data = {"layers": layers, "legend": legend, "basemap": base, "dates": dates,
                  "names": names, "sources": hosts, "view": built["view"],
                  "caption": halo_caption(legend), "show_labels": bool(show_labels)}
    event_map = EventMap(folium_map, title=page_title, n_events=len(frame), n_places=n_places,
                         bounds=built["bounds"], features=features, print_data=print_data)
    event_map.render()
    return event_map
