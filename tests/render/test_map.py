"""make_map and EventMap: one self-contained page, user text never markup."""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
from html import unescape
from pathlib import Path

import geopandas as gpd
import pytest

from geomap.errors import GeomapInputError
from geomap.render import EventMap, make_map
from geomap.render.assets import script_hash
from tests.render.fixtures import PAYLOADS

HOSTILE_TITLE = '</title><script>window.__pwned=1</script>"><svg onload=alert(1)> ${x} `'


def _scripts(html: str) -> list[tuple[str, str]]:
    return re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)


def _data(html: str) -> dict:
    (attrs, body), = [s for s in _scripts(html) if 'id="gm-data"' in s[0]]
    if 'data-encoding="gzip+base64"' in attrs:
        body = gzip.decompress(base64.b64decode(body)).decode("utf-8")
    return json.loads(body)


def test_page_is_self_contained(seed_like: gpd.GeoDataFrame) -> None:
    html = make_map(seed_like, title="Seed").html
    assert "<link" not in html
    assert not re.search(r"\ssrc\s*=", html)  # no script, image or frame is fetched
    assert not re.search(r"url\((?!data:|#)", html.replace("url(#default#VML)", ""))
    scripts = _scripts(html)
    assert len(scripts) == 4  # Leaflet, geomap, the data, the folium script
    assert all("src" not in attrs for attrs, _ in scripts)


def test_csp_allows_exactly_the_inline_scripts(seed_like: gpd.GeoDataFrame) -> None:
    html = make_map(seed_like).html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    csp = unescape(csp)
    assert "default-src 'none'" in csp and "img-src data:;" in csp
    code = [body for attrs, body in _scripts(html) if "application/json" not in attrs]
    assert sorted(re.findall(r"'sha256-[^']+'", csp)) == sorted(script_hash(c) for c in code)


def test_hostile_title_and_layer_names_are_text(hostile: gpd.GeoDataFrame) -> None:
    names = {"target": "<img src=x onerror=window.__pwned=1>", "halo": "</script>`${1}`"}
    event_map = make_map(hostile, title=HOSTILE_TITLE, layer_names=names)
    html = event_map.html
    assert "<script>window.__pwned" not in html
    assert "<svg onload" not in html and "<img src=x" not in html
    assert "&lt;/title&gt;&lt;script&gt;" in html  # <title>, <h1>
    assert 'aria-label="Map: &lt;/title&gt;' in html
    data = _data(html)
    assert data["names"]["target"] == names["target"]
    assert data["legend"][0]["title"] == names["target"]


def test_every_payload_survives_as_data(hostile: gpd.GeoDataFrame) -> None:
    html = make_map(hostile).html
    for payload in PAYLOADS:
        if "<" in payload:
            assert payload not in html
    blob = json.dumps(_data(html), ensure_ascii=False)
    for payload in PAYLOADS:
        assert json.dumps(payload, ensure_ascii=False)[1:-1] in blob
    assert "\u2028" not in html and "\u2029" not in html


def test_credits_and_attribution(seed_like: gpd.GeoDataFrame) -> None:
    html = make_map(seed_like).html
    assert "GeoNames</a> (CC BY 4.0)" in html and "Natural Earth</a>" in html
    assert '<a href="https://example.org/report" target="_blank" ' \
           'rel="noopener noreferrer">example.org</a>' in html
    assert "28 January 2024 – 4 February 2024" in html


def test_unsafe_sources_are_not_links(hostile: gpd.GeoDataFrame) -> None:
    html = make_map(hostile).html
    assert 'href="javascript' not in html
    credits = re.search(r'<p class="gm-credits">(.*?)</p>', html, re.S).group(1)
    assert "example.org" in credits and "javascript" not in credits


def test_tiles_only_when_asked(seed_like: gpd.GeoDataFrame) -> None:
    offline = _data(make_map(seed_like).html)
    assert offline["tiles"] is None and offline["basemap"]["world"]
    html = make_map(seed_like, tiles="OpenStreetMap.Mapnik").html
    data = _data(html)
    assert data["tiles"]["url"].startswith("https://tile.openstreetmap.org/")
    assert any("OpenStreetMap" in a for a in data["attribution"])
    assert "img-src data: https://tile.openstreetmap.org;" in html


def test_options_are_checked(seed_like: gpd.GeoDataFrame) -> None:
    with pytest.raises(GeomapInputError, match="unknown layer"):
        make_map(seed_like, layer_names={"nope": "x"})
    with pytest.raises(GeomapInputError, match="non-empty"):
        make_map(seed_like, layer_names={"target": " "})
    with pytest.raises(GeomapInputError, match="title"):
        make_map(seed_like, title=3)  # type: ignore[arg-type]
    with pytest.raises(GeomapInputError, match="unknown tiles"):
        make_map(seed_like, tiles="Nope.Nothing")


def test_counts_labels_and_no_basemap(seed_like: gpd.GeoDataFrame) -> None:
    event_map = make_map(seed_like, basemap=False)
    assert isinstance(event_map, EventMap)
    assert (event_map.n_events, event_map.n_places) == (6, 6)
    data = _data(event_map.html)
    assert data["basemap"] is None and data["show_labels"] is True
    assert "6 places" not in repr(event_map) and "events=6" in repr(event_map)


def test_empty_features_still_render(seed_like: gpd.GeoDataFrame) -> None:
    event_map = make_map(seed_like.iloc[0:0])
    data = _data(event_map.html)
    assert data["events"]["n"] == 0 and data["bounds"] is None and event_map.n_places == 0


def test_save_html_and_refuse_unknown_suffix(seed_like: gpd.GeoDataFrame,
                                             tmp_path: Path) -> None:
    event_map = make_map(seed_like)
    old = os.umask(0o022)
    try:
        out = event_map.save(tmp_path / "m.html")
    finally:
        os.umask(old)
    assert out.read_text(encoding="utf-8") == event_map.html
    assert [p.name for p in tmp_path.iterdir()] == ["m.html"]  # no temp file left
    assert out.stat().st_mode & 0o777 == 0o644  # not the temp file's 0600: it is to publish
    with pytest.raises(GeomapInputError, match="cannot tell the format"):
        event_map.save(tmp_path / "m.txt")


@pytest.mark.parametrize("suffix", ["html", "png"])
def test_save_replaces_a_file_only_when_asked(seed_like: gpd.GeoDataFrame, tmp_path: Path,
                                              suffix: str) -> None:
    """Nothing is overwritten unless asked: the library's save, like the CLI's --overwrite."""
    from geomap.errors import ExportError

    target = tmp_path / f"m.{suffix}"
    target.write_bytes(b"the reporter's own file")
    event_map = make_map(seed_like)
    with pytest.raises(ExportError, match="already exists"):
        event_map.save(target)
    assert target.read_bytes() == b"the reporter's own file"
    assert event_map.save(target, overwrite=True).read_bytes() != b"the reporter's own file"


def test_repr_html_and_embed_snippet(seed_like: gpd.GeoDataFrame) -> None:
    event_map = make_map(seed_like, title='Say "hi" <b>')
    frame = event_map._repr_html_()
    assert frame.startswith("<iframe srcdoc=\"") and "<script" not in frame
    assert 'title="Say &quot;hi&quot; &lt;b&gt;"' in frame
    snippet = event_map.embed_snippet('x.html"><script>')
    assert 'src="./x.html%22%3E%3Cscript%3E"' in snippet  # encoded: a name, not markup
    assert 'title="Say &quot;hi&quot; &lt;b&gt;"' in snippet and "min-height:" in snippet
    with pytest.raises(GeomapInputError):
        event_map.embed_snippet(aspect=10)


def test_embed_frame_takes_the_storys_shape() -> None:
    """A story taller than wide gets a taller frame (at least 90% of a phone's screen), so
    that a map of its shape fills half of itself inside (tests/test_browser.py measures it);
    a given aspect is kept."""
    from tests.render.clusters import issue_strikes, sahel_strikes

    tall, wide = make_map(issue_strikes()), make_map(sahel_strikes())
    assert "padding-top:130.00%;min-height:max(420px,min(90vh,840px))" in tall.embed_snippet()
    assert "padding-top:75.00%;min-height:420px" in wide.embed_snippet()
    assert "padding-top:75.00%;min-height:420px" in tall.embed_snippet(aspect=0.75)


def test_compressed_data_is_the_same_document(hostile: gpd.GeoDataFrame) -> None:
    packed = make_map(hostile, compress=True).html
    plain = make_map(hostile, compress=False).html
    assert 'type="application/octet-stream" data-encoding="gzip+base64"' in packed
    assert 'type="application/json" id="gm-data"' in plain
    assert 'data-encoding="gzip+base64"' not in plain
    assert _data(packed) == _data(plain)
    assert "pwned" not in packed.split('id="gm-data">')[1].split("</script>")[0]
