"""The page is a folium document: offline assets, escaped names, users can add layers."""

from __future__ import annotations

import re
from html import escape as html_escape
from html import unescape

import folium
import geopandas as gpd
from jinja2.utils import htmlsafe_json_dumps

from geomap.render import make_map
from geomap.render.assets import script_hash
from geomap.render.folium_page import EventLayer, OfflineMap, tile_hosts

TEMPLATE_TEXT = "{{ 'geo' ~ 'mapped' }} {% if true %}yes{% endif %} {# c #}"


def _code(html: str) -> list[str]:
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    return [body for attrs, body in scripts if "type=" not in attrs]


def _csp(html: str) -> str:
    match = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    return unescape(match.group(1))


def test_html_is_rendered_by_folium(seed_like: gpd.GeoDataFrame) -> None:
    event_map = make_map(seed_like, title="Seed")
    fmap = event_map.folium_map
    assert isinstance(fmap, folium.Map) and isinstance(fmap, OfflineMap)
    name = fmap.get_name()
    html = event_map.html
    assert name.startswith("map_")
    assert f'id="{name}"' in html and f"var {name} = L.map(" in html
    assert f"geomap.start({name}, {{" in html
    assert html == fmap.get_root().render()  # the same page from folium directly
    roles = [c.role for c in fmap._children.values() if isinstance(c, EventLayer)]
    assert roles == ["basemap", "target", "origin", "path", "halo", "label", "provinces", "seas"]
    assert any(isinstance(c, folium.LayerControl) for c in fmap._children.values())
    script = html[html.index(f"var {name} = L.map("):]
    assert "center:" not in script.split(");")[0]  # no view: the page fits the events at once
    assert '"zoom":' not in script.split(");")[0]


def test_no_cdn_asset_and_links_stay_per_instance(seed_like: gpd.GeoDataFrame) -> None:
    event_map = make_map(seed_like)
    html = event_map.html
    assert not re.search(r"cdn\.|cdnjs|jsdelivr|jquery|bootstrap|awesome", html, re.I)
    assert "<link" not in html
    fmap = event_map.folium_map
    assert fmap.default_js == [] and fmap.default_css == []
    fmap.add_js_link("x", "https://example.org/x.js")
    assert make_map(seed_like).folium_map.default_js == []  # another map is untouched
    assert folium.Map.default_js and OfflineMap.default_js is folium.Map.default_js


def test_user_marker_is_in_the_page_and_allowed_by_the_csp(
        seed_like: gpd.GeoDataFrame) -> None:
    event_map = make_map(seed_like)
    before = event_map.html
    marker = folium.Marker([31.5, 35.5], tooltip="Mine").add_to(event_map.folium_map)
    after = event_map.html
    assert after != before and f"var {marker.get_name()} = L.marker(" in after
    assert sorted(re.findall(r"'sha256-[^']+'", _csp(after))) == sorted(
        script_hash(c) for c in _code(after))
    assert 'L.Icon.Default.mergeOptions({iconUrl: "data:image/png;base64,' in after


def test_user_layers_join_the_control_with_escaped_names(seed_like: gpd.GeoDataFrame) -> None:
    event_map = make_map(seed_like)
    hostile = "<img src=x onerror=alert(1)>"
    folium.FeatureGroup(name=hostile).add_to(event_map.folium_map)
    html = event_map.html
    assert hostile not in html
    assert '"\\u0026lt;img src=x onerror=alert(1)\\u0026gt;"' in html


def test_template_syntax_in_user_text_stays_literal(hostile: gpd.GeoDataFrame) -> None:
    frame = hostile.copy()
    frame["notes"] = TEMPLATE_TEXT
    event_map = make_map(frame, title=TEMPLATE_TEXT, layer_names={"target": TEMPLATE_TEXT})
    html = event_map.html
    assert "geomapped" not in html
    shown = html_escape(TEMPLATE_TEXT)
    assert f'<h1 class="gm-title">{shown}</h1>' in html
    assert f'aria-label="Map: {shown}"' in html and f"<title>{shown}</title>" in html
    control = str(htmlsafe_json_dumps(shown))[1:-1]  # escaped, then folium's tojson
    assert f'"{control} \\u003cspan class=\\"gm-count\\"\\u003e(3)' in html


def test_script_end_in_a_user_element_cannot_close_the_script(
        seed_like: gpd.GeoDataFrame) -> None:
    event_map = make_map(seed_like)
    folium.Marker([31.5, 35.5], popup="</script><script>alert(1)</script><!--").add_to(
        event_map.folium_map)
    html = event_map.html
    assert "</script><script>alert(1)" not in html
    assert len(_code(html)) == 3  # Leaflet, geomap, the folium script
    assert "<\\/script><script>alert(1)<\\/script><\\!--" in html


def test_tile_hosts_follow_every_tile_layer(seed_like: gpd.GeoDataFrame) -> None:
    event_map = make_map(seed_like)
    assert "img-src data:;" in _csp(event_map.html)
    folium.TileLayer("https://{s}.tiles.example.org/{z}/{x}/{y}.png", attr="Example").add_to(
        event_map.folium_map)
    assert "img-src data: https://*.tiles.example.org;" in _csp(event_map.html)
    assert tile_hosts(event_map.folium_map) == ["https://*.tiles.example.org"]
