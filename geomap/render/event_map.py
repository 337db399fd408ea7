"""The rendered map: :class:`EventMap` holds the folium document, its HTML page and what
the print needs, and writes the page, a print or an embed snippet."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from geomap.atomic import refuse_existing, write_bytes_atomically
from geomap.errors import GeomapInputError
from geomap.render.escape import embed_src, html_attr

if TYPE_CHECKING:
    import folium

__all__ = ["EventMap", "PRINT_SUFFIXES", "frame_aspect"]

PRINT_SUFFIXES = (".png", ".svg", ".pdf")


def _tree(element: Any) -> tuple[int, ...]:
    """Identity of every element under ``element`` (what a re-render depends on)."""
    out, stack = [], [element]
    while stack:
        node = stack.pop()
        out.append(id(node))
        stack.extend(node._children.values())
    return tuple(out)


def frame_aspect(view: tuple[float, float, float, float] | None) -> float:
    """The embed frame's aspect (height / width) for a story's frame ``view`` (lon/lat bounds):
    0.75, or 0.45 times the frame's Mercator aspect for a taller story, at most 1.3."""
    if view is None:
        return 0.75
    west, south, east, north = view

    def y(lat: float) -> float:
        lat = max(-85.0, min(85.0, lat))
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    width = math.radians(max(east - west, 1e-9))
    return round(min(1.3, max(0.75, 0.45 * (y(north) - y(south)) / width)), 2)


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

    def save(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write the map to ``path``: ``.html`` (or ``.htm``) the page, ``.png``/``.svg``/``.pdf``
        a print through matplotlib, written atomically. An existing file is replaced only with
        ``overwrite=True``.

        Raises
        ------
        GeomapInputError
            For any other suffix.
        ExportError
            When ``path`` exists and ``overwrite`` is False.
        GeomapFileError
            When the file cannot be written.
        """
        target = Path(path)
        refuse_existing(target, overwrite)
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

    def embed_snippet(self, src: str = "map.html", *, aspect: float | None = None) -> str:
        """A responsive ``<iframe>`` for ``src`` (where the saved page will be published: an
        http(s) URL, or a relative path, percent-encoded behind ``./`` by :func:`embed_src`).

        The frame keeps ``aspect`` (height / width) with a floor of 420 px (the floor includes
        the aspect's padding: ``box-sizing: border-box``), so the map stays usable on a 360 px
        phone; ``title`` names the map for screen readers. The page inside fills the frame's
        width and shapes its map to the frame's height. ``aspect=None`` (the default) follows
        the story: 0.75, taller for a story taller than wide (:func:`frame_aspect`) so that a
        map of its shape fits beside its legend; a frame taller than 0.75 is at least 90% of
        the screen's height (up to 840 px) on a phone, where the column is narrow
        (docs/maps.md, "The first view").
        """
        if aspect is None:
            aspect = frame_aspect(self._print.get("view"))
        if not 0.2 <= aspect <= 3:
            raise GeomapInputError(f"aspect must be between 0.2 and 3, not {aspect!r}")
        pad = f"{aspect * 100:.2f}%"
        low = "max(420px,min(90vh,840px))" if aspect > 0.75 else "420px"  # a tall story
        return (
            '<div style="position:relative;box-sizing:border-box;width:100%;'
            f'padding-top:{pad};min-height:{low}">'
            f'<iframe src="{html_attr(embed_src(src))}" '
            f'title="{html_attr(self.title)}" loading="lazy" '
            'style="position:absolute;inset:0;width:100%;height:100%;border:0" '
            'referrerpolicy="no-referrer"></iframe></div>'
        )
