"""Inlined assets: nothing a page could fetch."""

from __future__ import annotations

import base64
import hashlib
import re

from geomap.render import assets


def test_leaflet_css_images_are_data_uris() -> None:
    css = assets.leaflet_css()
    urls = re.findall(r"url\(([^)]*)\)", css)
    assert urls
    for url in urls:
        assert url.startswith("data:image/png;base64,") or url == "#default#VML"


def test_leaflet_js_has_no_source_map_or_script_end() -> None:
    js = assets.leaflet_js()
    assert "sourceMappingURL" not in js
    assert "</script" not in js.lower()
    assert "L.version" in js or 'version="1.9' in js


def test_app_assets_present_and_script_safe() -> None:
    js, css = assets.app_js(), assets.app_css()
    assert "</script" not in js.lower() and "innerHTML" not in js
    assert "textContent" in js and "window.geomap = { start: start }" in js
    assert "marker-end: url(#gm-arrow)" in css


def test_png_data_uri(tmp_path) -> None:
    png = tmp_path / "x.png"
    png.write_bytes(b"\x89PNG")
    assert assets.png_data_uri(png) == "data:image/png;base64,iVBORw=="


def test_script_hash_is_csp_sha256() -> None:
    digest = base64.b64encode(hashlib.sha256(b"abc").digest()).decode()
    assert assets.script_hash("abc") == f"'sha256-{digest}'"
