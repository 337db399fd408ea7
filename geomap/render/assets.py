"""The files a map page inlines: Leaflet (from ``xstatic-leaflet``) and geomap's own script
and style sheet (``geomap/render/assets/``).

Nothing is linked: images referenced by Leaflet's CSS become ``data:`` URIs and source-map
comments are dropped, so a page makes no request at all. :func:`script_hash` gives the
``sha256-...`` source for the page's Content-Security-Policy, which allows exactly these
inline scripts and nothing else (no inline event handlers, no injected ``<script>``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from geomap.errors import GeomapFileError

__all__ = [
    "leaflet_dir",
    "leaflet_css",
    "leaflet_js",
    "app_js",
    "app_css",
    "script_hash",
    "png_data_uri",
]

_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S*\s*$")
_CSS_URL = re.compile(r"url\((['\"]?)(images/[\w.-]+\.png)\1\)")


def leaflet_dir() -> Path:
    """The directory of Leaflet's files inside the ``xstatic-leaflet`` package."""
    try:
        from xstatic.pkg import leaflet
    except ImportError as err:  # pragma: no cover - a hard dependency
        raise GeomapFileError("xstatic-leaflet is not installed: pip install xstatic-leaflet",
                              path="xstatic.pkg.leaflet") from err
    return Path(leaflet.BASE_DIR)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise GeomapFileError(f"cannot read a map asset: {err.strerror}", path=path) from err


def png_data_uri(path: Path) -> str:
    """A PNG file as a ``data:`` URI."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise GeomapFileError(f"cannot read a map asset: {err.strerror}", path=path) from err
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


@lru_cache(maxsize=1)
def leaflet_css() -> str:
    """Leaflet's CSS with every image inlined as a ``data:`` URI."""
    base = leaflet_dir()
    css = _read(base / "leaflet.css")
    return _CSS_URL.sub(lambda m: f"url({png_data_uri(base / m.group(2))})", css)


@lru_cache(maxsize=1)
def leaflet_js() -> str:
    """Leaflet's minified JavaScript, without its source-map comment."""
    return _SOURCE_MAP.sub("", _read(leaflet_dir() / "leaflet.js"))


def _asset(name: str) -> str:
    resource = resources.files("geomap.render") / "assets" / name
    try:
        return resource.read_text(encoding="utf-8")
    except OSError as err:
        raise GeomapFileError(f"cannot read a map asset: {err}", path=str(resource)) from err


@lru_cache(maxsize=1)
def app_js() -> str:
    """geomap's page script: ``assets/decode.js``, ``labels.js``, ``layout.js``, ``names.js``,
    ``dense.js``, ``dense_tiles.js``, ``dense_access.js``, ``table.js`` and ``map.js``, as one
    script."""
    names = ("decode.js", "labels.js", "layout.js", "names.js", "dense.js", "dense_tiles.js",
             "dense_access.js", "table.js", "map.js")
    return "\n".join(_asset(name) for name in names)


@lru_cache(maxsize=1)
def app_css() -> str:
    """geomap's page style sheet (``assets/map.css``)."""
    return _asset("map.css")


@lru_cache(maxsize=8)
def script_hash(source: str) -> str:
    """The CSP source expression (``'sha256-...'``) of an inline script's exact text."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
