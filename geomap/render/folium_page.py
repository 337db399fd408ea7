"""The map page as a folium document: an offline :class:`folium.Map` and its layers.

:class:`OfflineMap` is a :class:`folium.Map` with no CDN asset (its ``default_js`` and
``default_css`` are empty, per instance): Leaflet, its images and geomap's script and styles
are inlined in the page head. Each map layer is an :class:`EventLayer` (a folium ``Layer``:
an empty Leaflet feature group that geomap's script fills from the page data), listed by a
:class:`SafeLayerControl` that escapes every layer name (Leaflet writes them as HTML).
:class:`OfflineFigure` renders the page and adds a Content-Security-Policy that allows
exactly the page's inline scripts (SHA-256) and ``data:`` images (plus the hosts of any
``folium.TileLayer`` on the map).

User text never becomes template source: it reaches the page through escaped strings in
raw elements or template variables, never through a jinja template string.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.map import ElementAddToElement, Layer
from folium.raster_layers import TileLayer
from folium.template import Template

from geomap.render import assets
from geomap.render.escape import html_attr, html_text

__all__ = [
    "RawHtml",
    "OfflineFigure",
    "OfflineMap",
    "EventLayer",
    "SafeLayerControl",
    "MapPage",
    "tile_hosts",
    "render_macros",
]

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_JS_TYPES = ("", "text/javascript", "application/javascript", "module")
_CLOSE = re.compile(r"</(script)", re.IGNORECASE)


class RawHtml(Element):
    """A piece of finished HTML, written as is (never parsed as a jinja template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RawHtml"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


def render_macros(element: MacroElement, **kwargs: Any) -> None:
    """``MacroElement.render`` without its second pass: branca wraps each macro's output in
    ``Element(text)``, which parses the output again as a jinja template (so ``{{ ... }}``
    in user text would run). Here the output is kept as :class:`RawHtml`."""
    figure = element.get_root()
    module = element._template.module.__dict__
    for part in ("header", "html", "script"):
        macro = module.get(part)
        if macro is not None:
            getattr(figure, part).add_child(RawHtml(str(macro(element, kwargs))),
                                            name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)


def _runs(attrs: str) -> bool:
    """Whether a ``<script>`` with these attributes is executed (JS, not a data block)."""
    match = _TYPE.search(attrs)
    return (match.group(1).lower() if match else "") in _JS_TYPES


def _code_safe(code: str) -> str:
    """Keep JS text inside its ``<script>``: ``</script`` and ``<!--`` (which only occur in
    strings added by folium elements) become ``<\\/script`` and ``<\\!--``, same meaning."""
    return _CLOSE.sub(r"<\\/\1", code).replace("<!--", "<\\!--")


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in element._children.values():
        yield from _walk(child)


def tile_hosts(root: Element) -> list[str]:
    """``https://host`` sources (``*.`` for ``{s}`` subdomains) of every ``TileLayer``."""
    hosts: list[str] = []
    for element in _walk(root):
        url = getattr(element, "tiles", None) if isinstance(element, TileLayer) else None
        if not isinstance(url, str):
            continue
        parts = urlsplit(url.replace("{s}", "SUB"))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            continue
        host = parts.netloc.replace("SUB", "*", 1) if "SUB" in parts.netloc else parts.netloc
        source = f"{parts.scheme}://{host}"
        if source not in hosts and re.fullmatch(r"https?://[\w.*:-]+", source):
            hosts.append(source)
    return hosts


class OfflineFigure(Figure):
    """The page: ``lang``, a title (escaped), a Content-Security-Policy computed after every
    element has rendered, then folium's header, body and script."""

    def __init__(self, title: str = "Map") -> None:
        super().__init__()
        self.header._children.pop("meta_http", None)  # the page declares its charset first
        self.page_title = title
        self.generator = "geomap"
        self._rendered: dict[str, set[str]] = {}

    def _csp(self, header: str, script: str) -> str:
        hashes = [assets.script_hash(code) for attrs, code in _SCRIPT.findall(header)
                  if _runs(attrs)]
        hashes.append(assets.script_hash(script))
        img = " ".join(["data:", *tile_hosts(self)])
        return (f"default-src 'none'; script-src {' '.join(dict.fromkeys(hashes))}; "
                f"style-src 'unsafe-inline'; img-src {img}; base-uri 'none'; "
                "form-action 'none'")

    def render(self, **kwargs: Any) -> str:
        """The whole page as text (the same text each time: what a previous render put in
        the head, body and script is taken out first, as elements re-add it under new
        names, such as folium's ``Layer.addTo`` calls)."""
        parts = {"header": self.header, "html": self.html, "script": self.script}
        for part, keys in self._rendered.items():
            for key in keys:
                parts[part]._children.pop(key, None)
        before = {part: set(element._children) for part, element in parts.items()}
        for child in self._children.values():
            child.render(**kwargs)
        self._rendered = {part: set(element._children) - before[part]
                          for part, element in parts.items()}
        header = self.header.render(**kwargs)
        body = self.html.render(**kwargs)
        script = "\n" + _code_safe(self.script.render(**kwargs)) + "\n"
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="Content-Security-Policy" '
            f'content="{html_attr(self._csp(header, script))}">\n'
            '<meta name="referrer" content="no-referrer">\n'
            f'<meta name="generator" content="{html_attr(self.generator)}">\n'
            f"<title>{html_text(self.page_title)}</title>\n"
            f"{header}\n</head>\n<body>\n{body}\n<script>{script}</script>\n</body>\n</html>\n"
        )


class OfflineMap(folium.Map):
    """A :class:`folium.Map` whose assets are inlined: no CDN link, no tiles unless added.

    ``inline`` is a list of ``(name, html)`` pieces (``<style>``/``<script>`` elements) put
    in the page head before anything folium adds there. The map's ``<div>`` carries
    ``class="folium-map gm-map"``, ``role="region"`` and ``aria-label``. Without a
    ``location`` the map has no view until the page script fits the events. A layer control
    renders after every other child, so layers added later are listed too.
    """

    _template = Template("""
        {% macro html(this, kwargs) %}
<div class="folium-map gm-map" id={{ this.get_name()|tojson }} role="region" aria-label="{{ this.aria_label }}"></div>
        {% endmacro %}

        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.map(
                {{ this.get_name()|tojson }},
                {
                    {%- if this.has_location %}
                    center: {{ this.location|tojson }},
                    {%- endif %}
                    crs: L.CRS.{{ this.crs }},
                    ...{{this.options|tojavascript}}
                }
            );
            {%- if this.control_scale %}
            L.control.scale().addTo({{ this.get_name() }});
            {%- endif %}
        {% endmacro %}
        """)  # noqa: E501

    def __init__(self, *, label: str = "Map", inline: list[tuple[str, str]] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(tiles=None, **kwargs)
        self.has_location = kwargs.get("location") is not None
        if not self.has_location:  # no view yet: the page script fits the events' bounds
            self.options.pop("zoom", None)  # (folium's default [0, 0] would animate from there)
        self.default_js: list[tuple[str, str]] = []  # per instance: add_js_link stays local
        self.default_css: list[tuple[str, str]] = []
        self.aria_label = html_attr(label)
        self.inline = list(inline or [])

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        for name, text in self.inline:
            figure.header.add_child(RawHtml(text), name=name)
        for name, url in self.default_js:  # only what a user added with add_js_link
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        for key, child in list(self._children.items()):  # after every layer it lists,
            if isinstance(child, folium.LayerControl):  # including those added later
                self._children.move_to_end(key)
        render_macros(self, **kwargs)


class EventLayer(Layer):
    """One geomap layer: an empty Leaflet feature group the page script fills.

    ``role`` is the key geomap's script knows it by (``target``, ``halo``, ``basemap``...);
    ``name`` is plain text (escaped by :class:`SafeLayerControl`); ``count`` (optional) is
    shown after it.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.featureGroup();
        {% endmacro %}
        """)

    def __init__(self, role: str, name: str, *, overlay: bool = True, show: bool = True,
                 count: int | None = None) -> None:
        super().__init__(name=name, overlay=overlay, show=show)
        self._name = "EventLayer"
        self.role = role
        self.count = count

    def render(self, **kwargs: Any) -> None:
        if self.show:
            self.add_child(ElementAddToElement(element_name=self.get_name(),
                                               element_parent_name=self._parent.get_name()),
                           name=self.get_name() + "_add")
        render_macros(self, **kwargs)


class SafeLayerControl(folium.LayerControl):
    """folium's layer control with every layer name HTML-escaped (Leaflet sets them as
    HTML), geomap layers followed by their feature count."""

    def render(self, **kwargs: Any) -> None:
        self.reset()
        for item in self._parent._children.values():
            if not isinstance(item, Layer) or not item.control:
                continue
            key = html_text(item.layer_name)
            if isinstance(item, EventLayer) and item.count is not None:
                key += f' <span class="gm-count">({int(item.count)})</span>'
            (self.overlays if item.overlay else self.base_layers)[key] = item.get_name()
        render_macros(self, **kwargs)


class MapPage(MacroElement):
    """What follows the map: ``html`` (time filter, credits, table, data), and the call
    that hands the map and its :class:`EventLayer` groups to geomap's script."""

    _template = Template("""
        {% macro html(this, kwargs) %}{{ this.body }}{% endmacro %}
        {% macro script(this, kwargs) %}
            geomap.start({{ this._parent.get_name() }}, {
            {%- for role, layer in this.groups.items() %}
                {{ role|tojson }}: {{ layer.get_name() }},
            {%- endfor %}
            });
        {% endmacro %}
        """)

    def __init__(self, body: str, groups: Mapping[str, EventLayer]) -> None:
        super().__init__()
        self._name = "MapPage"
        self.body = body
        self.groups = dict(groups)

    def render(self, **kwargs: Any) -> None:
        render_macros(self, **kwargs)
