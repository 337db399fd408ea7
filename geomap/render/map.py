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

import base64
import gc
import gzip
import os
import re
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from geomap.atomic import write_bytes_atomically
from geomap.errors import GeomapInputError
from geomap.render.basemap import basemap_for, payload_json
from geomap.render.document import build_document
from geomap.render.encode import SCALE, encode_event_columns, encode_paths, encode_points
from geomap.render.escape import (
    LINK_REL,
    embed_src,
    html_attr,
    json_for_script,
    link_html,
    script_safe,
)
from geomap.render.escape import safe_url as _safe_url
from geomap.render.labels import label_ranks, placement_rules
from geomap.render.legend import build_legend, halo_caption
from geomap.render.payload import LAYER_NAMES, build_layers, to_features
from geomap.render.popups import split_sources
from geomap.render.symbols import HALO_BLUR, ROLE_COLORS
from geomap.render.tiles import resolve_tiles
from geomap.render.timeline import date_range_text

if TYPE_CHECKING:
    import folium

__all__ = ["EventMap", "make_map", "ATTRIBUTION", "PRINT_SUFFIXES"]

_LINK = f'target="_blank" rel="{LINK_REL}"'
#: Always shown, in the map's attribution control and in the credit line.
ATTRIBUTION: tuple[str, ...] = (
    f'Places: <a href="https://www.geonames.org/" {_LINK}>GeoNames</a> (CC BY 4.0)',
    f'Basemap: <a href="https://www.naturalearthdata.com/" {_LINK}>Natural Earth</a>',
    f'<a href="https://leafletjs.com/" {_LINK}>Leaflet</a>',
)
PRINT_SUFFIXES = (".png", ".svg", ".pdf")
_EXTRA_NAMES = {"basemap": "Offline basemap (Natural Earth)", "provinces": "Provinces",
                "seas": "Sea names"}
_HOST = re.compile(r"\s*https?://([^/?#\s]+)", re.IGNORECASE)
_MAX_LABELS = 60
_MAX_CREDIT_SOURCES = 8
#: Place properties the page gets (see geomap.render.payload).
#: Page data above this many characters is stored gzip-compressed (``compress=None``).
COMPRESS_ABOVE = 1_000_000
PLACE_KEYS = ("n", "g", "p", "r", "k", "c", "s", "si", "sym", "sz", "kd", "pr")
#: Above this many places the page draws symbols, halos and paths on a canvas.
DENSE_ABOVE = 4000


def _tree(element: Any) -> tuple[int, ...]:
    """Identity of every element under ``element`` (what a re-render depends on)."""
    out, stack = [], [element]
    while stack:
        node = stack.pop()
        out.append(id(node))
        stack.extend(node._children.values())
    return tuple(out)


class EventMap:
    """A rendered map: the folium document and its HTML page, plus what the print needs.

    Build one with :func:`make_map`. ``folium_map`` is the page's ``folium.Map``: add your
    own folium layers to it (they join the layer control; elements that load files from a
    CDN are blocked by the page's Content-Security-Policy). ``html`` is the whole page,
    rendered again when elements were added; :meth:`save` writes it (or a PNG/SVG/PDF
    print); in Jupyter the map displays inline; :meth:`embed_snippet` gives a responsive
    ``<iframe>`` for a CMS.
    """

    __slots__ = ("folium_map", "title", "n_events", "n_places", "bounds", "features",
                 "_print", "_html", "_key")

    def __init__(self, folium_map: folium.Map, *, title: str, n_events: int, n_places: int,
                 bounds: tuple[float, float, float, float] | None, features: pd.DataFrame,
                 print_data: dict[str, Any]) -> None:
        self.folium_map = folium_map
        self.title = title
        self.n_events = n_events
        self.n_places = n_places
        self.bounds = bounds
        self.features = features
        self._print = print_data
        self._html = ""
        self._key: tuple[int, ...] = ()

    @property
    def html(self) -> str:
        """The page, from the folium document (rendered again after elements are added;
        call :meth:`render` after changing an element in place)."""
        key = _tree(self.folium_map.get_root())
        if key != self._key:
            self.render()
        return self._html

    def render(self) -> str:
        """Render the folium document into :attr:`html` now, and return it."""
        self._html = self.folium_map.get_root().render()
        self._key = _tree(self.folium_map.get_root())
        return self._html

    def __repr__(self) -> str:
        return (f"EventMap(title={self.title!r}, events={self.n_events}, places={self.n_places}, "
                f"{len(self.html.encode('utf-8')) / 1e6:.2f} MB)")

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the map to ``path``: ``.html`` (or ``.htm``) the page, ``.png``/``.svg``/``.pdf``
        a print through matplotlib. The file is replaced atomically.

        Raises
        ------
        GeomapInputError
            For any other suffix.
        GeomapFileError
            When the file cannot be written.
        """
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix in PRINT_SUFFIXES:
            from geomap.render.static import save_static

            return save_static(self, target)
        if suffix not in (".html", ".htm"):
            raise GeomapInputError(
                f"{target}: cannot tell the format from {suffix or 'no suffix'!r}; "
                "use .html, .png, .svg or .pdf"
            )
        write_bytes_atomically(target, self.html.encode("utf-8"))
        return target

    def _repr_html_(self) -> str:
        """Jupyter: the page inside an isolated ``<iframe srcdoc>``."""
        return (f'<iframe srcdoc="{html_attr(self.html)}" title="{html_attr(self.title)}" '
                'style="width:100%;height:640px;border:0" '
                'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>')

    def embed_snippet(self, src: str = "map.html", *, aspect: float = 0.75) -> str:
        """A responsive ``<iframe>`` for ``src`` (where the saved page will be published: an
        http(s) URL, or a relative path, percent-encoded behind ``./`` by :func:`embed_src`).

        The frame keeps ``aspect`` (height / width) with a floor of 420 px, so the map stays
        usable on a 360 px phone; ``title`` names the map for screen readers.
        """
        if not 0.2 <= aspect <= 3:
            raise GeomapInputError(f"aspect must be between 0.2 and 3, not {aspect!r}")
        pad = f"{aspect * 100:.2f}%"
        return (
            f'<div style="position:relative;width:100%;padding-top:{pad};min-height:420px">'
            f'<iframe src="{html_attr(embed_src(src))}" '
            f'title="{html_attr(self.title)}" loading="lazy" '
            'style="position:absolute;inset:0;width:100%;height:100%;border:0" '
            'referrerpolicy="no-referrer"></iframe></div>'
        )


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


def _source_hosts(events: pd.DataFrame,
                  cells: list[list[str] | None] | None = None) -> dict[str, str]:
    """Host name -> first http(s) source URL on it, in order of appearance.

    ``cells``: the events' sources already split (the events table's ``sources`` column,
    one list or ``None`` per event). The host is read with a quick pattern; a URL is checked
    with ``safe_url`` once per host (so the credit line links only safe URLs)."""
    if cells is None:
        values = events["sources"] if "sources" in events else []
        cells = [split_sources(value) for value in values]
    hosts: dict[str, str] = {}
    for sources in cells:
        for source in sources or ():
            match = _HOST.match(source)
            if match is None:
                continue
            host = match.group(1).lower()
            if host not in hosts and _safe_url(source):
                hosts[host] = source.strip()
    return hosts


def _column(built: dict[str, Any], key: str) -> list[Any] | None:
    """The display values of one events-table column (``None`` when the table has none)."""
    keys = [key for key, _ in built["columns"]]
    if key not in keys:
        return None
    cells, codes = built["event_columns"][keys.index(key)]
    return cells if codes is None else None


def _credits(hosts: dict[str, str], tiles: dict[str, Any] | None) -> str:
    parts = []
    if hosts:
        shown = list(hosts.items())[:_MAX_CREDIT_SOURCES]
        links = ", ".join(link_html(url, host) for host, url in shown)
        more = len(hosts) - len(shown)
        parts.append("Sources: " + links + (f" and {more} more" if more > 0 else ""))
    parts += list(ATTRIBUTION[:2])
    if tiles:
        parts.append("Tiles: " + tiles["attribution"])
    return " · ".join(parts)


def _filters() -> str:
    out = []
    for precision, blur in HALO_BLUR.items():
        if blur > 0:
            out.append(f'<filter id="gm-blur-{precision}" x="-50%" y="-50%" width="200%" '
                       f'height="200%"><feGaussianBlur stdDeviation="{blur:g}"/></filter>')
    return "\n".join(out)


def _json(data: dict[str, Any], made: Mapping[str, Callable[[], str]] | None = None) -> str:
    """Compact JSON (script escaping is applied by the caller when the text is inlined).

    ``made``: for some keys, a function giving the JSON text of ``data[key]`` (cached
    elsewhere); the document is written key by key, the same text ``json.dumps`` gives."""
    try:
        parts = []
        for key, value in data.items():
            text = (made[key]() if made and key in made
                    else json_for_script(value, clean=False, script_safe=False))
            parts.append(json_for_script(key, clean=False, script_safe=False) + ":" + text)
        return "{" + ",".join(parts) + "}"
    except ValueError:  # a NaN slipped through: clean the whole document
        return json_for_script(data, script_safe=False)


def _data_block(data: dict[str, Any], compress: bool | None,
                made: Mapping[str, Callable[[], str]] | None = None) -> dict[str, str]:
    """The data element: JSON, or (big maps) gzip + base64 that the page inflates offline
    with the browser's DecompressionStream (base64 needs no script escaping)."""
    text = _json(data, made)
    if compress is None:
        compress = len(text) > COMPRESS_ABOVE
    if not compress:
        return {"data_attrs": 'type="application/json"', "data": script_safe(text)}
    packed = base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=4, mtime=0))
    return {"data_attrs": 'type="application/octet-stream" data-encoding="gzip+base64"',
            "data": packed.decode("ascii")}


def make_map(
    events: Any,
    *,
    title: str | None = None,
    tiles: str | None = None,
    layer_names: Mapping[str, str] | None = None,
    basemap: bool = True,
    show_labels: bool | None = None,
    compress: bool | None = None,
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

    Returns
    -------
    EventMap

    Raises
    ------
    GeomapInputError
        For an input that is not events or features, an unknown layer or tile name.

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
                         basemap=basemap, show_labels=show_labels, compress=compress)
    finally:
        if collecting:
            gc.enable()


def _make_map(events: Any, *, title: str | None, tiles: str | None,
              layer_names: Mapping[str, str] | None, basemap: bool, show_labels: bool | None,
              compress: bool | None) -> EventMap:
    if title is not None and not isinstance(title, str):
        raise GeomapInputError(f"title must be text, not {type(title).__name__}")
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
    hosts = _source_hosts(frame, _column(built, "sources"))
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
        "basemap": base.to_payload() if base else None,
        "tiles": tile_info,
        "show_labels": bool(show_labels),
    }
    made = {"basemap": partial(payload_json, base)} if base else None
    counts = {"target": len(layers["target"]["x"]), "origin": len(layers["origin"]["x"]),
              "path": len(layers["path"]["features"])}
    folium_map = build_document(
        title=page_title, dates=dates or "", names=names, counts=counts, tiles=tile_info,
        parts={"credits": _credits(hosts, tile_info), "filters": _filters(),
               **_data_block(data, compress, made)},
        basemap=base is not None, provinces=bool(base and base.provinces),
        show_labels=bool(show_labels))
    print_data = {"layers": layers, "legend": legend, "basemap": base, "dates": dates,
                  "names": names, "sources": hosts, "view": built["view"],
                  "caption": halo_caption(legend), "show_labels": bool(show_labels)}
    event_map = EventMap(folium_map, title=page_title, n_events=len(frame), n_places=n_places,
                         bounds=built["bounds"], features=features, print_data=print_data)
    event_map.render()
    return event_map
