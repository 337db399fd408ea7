"""Maps opened in Debian chromium through playwright, with every non-``file:`` request aborted
and counted: no request leaves the machine, nothing runs that the data brought along."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from geomap.render import make_map
from tests.render.clusters import overlapping_pairs
from tests.render.fixtures import PAYLOADS, hostile_features, seed_like_features
from tests.render.fixtures import payload as field_payload

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SEED = Path(__file__).resolve().parents[1] / "data" / "examples" / "2024-02-05-strikes.csv"
HOSTILE_TITLE = ('</title><script>window.__pwned=11</script>"><svg onload=window.__pwned=12>'
                 " `${1}` {{ 'geo' ~ 'mapped' }} {% raw %}")
HOSTILE_NAMES = {"target": "<img src=x onerror=window.__pwned=13>Hits",
                 "origin": "</script><script>window.__pwned=14</script>",
                 "path": "`${window.__pwned=15}`", "halo": '"><svg onload=window.__pwned=16>'}
TARGET_RGB = np.array([198, 40, 40])


class Opened:
    """A page with its aborted external requests and its errors."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.external: list[str] = []
        self.errors: list[str] = []


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("maps")
    seed = make_map(seed_like_features(), title="Seed-like map")
    hostile = make_map(hostile_features(), title=HOSTILE_TITLE, layer_names=HOSTILE_NAMES)
    tiles = make_map(seed_like_features(), tiles="OpenStreetMap.Mapnik")
    packed = make_map(hostile_features(), title=HOSTILE_TITLE, compress=True)
    return {
        "packed": (packed, packed.save(out / "packed.html")),
        "seed": (seed, seed.save(out / "seed.html")),
        "hostile": (hostile, hostile.save(out / "hostile.html")),
        "tiles": (tiles, tiles.save(out / "tiles.html")),
    }


def _open(browser: Any, path: Path, width: int = 1200, height: int = 900) -> Opened:
    page = browser.new_page(viewport={"width": width, "height": height})
    opened = Opened(page)

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            opened.external.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: opened.errors.append(f"pageerror: {e}"))
    page.on("console", lambda m: opened.errors.append(f"console: {m.text}")
            if m.type == "error" else None)
    page.goto(path.as_uri())
    page.wait_for_selector(".gm-target")
    page.wait_for_timeout(300)
    return opened


def _offline_page(browser: Any, width: int = 1280, height: int = 800,
                  **options: Any) -> tuple[Any, list[str]]:
    """A new page whose non-``file:`` requests are aborted and listed."""
    page = browser.new_page(viewport={"width": width, "height": height}, **options)
    external: list[str] = []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
               else (external.append(r.request.url), r.abort()))
    return page, external


#: Hajin, a place of the euphrates fixture, as the dense-map tests click or hover it
def _hajin_point(page: Any) -> list[float]:
    """Where Hajin's symbol is on the map now (container pixels)."""
    return page.evaluate("""() => {
      const p = window.geomapMap.map.latLngToContainerPoint([34.69, 40.83]);
      return [p.x, p.y]; }""")


def _click_hajin(page: Any) -> str:
    """Click Hajin's symbol; the text of the popup it opens."""
    point = _hajin_point(page)
    page.locator(".gm-map").click(position={"x": point[0], "y": point[1]})
    page.locator(".leaflet-popup-content").wait_for()
    return page.locator(".leaflet-popup-content").text_content()


def _places(features: Any, role: str) -> int:
    rows = features[features["role"] == role]
    keys = {(round(g.x, 5), round(g.y, 5), n, gn) for g, n, gn in
            zip(rows.geometry, rows["name"], rows["geocoded_name"], strict=True)}
    return len(keys)


def test_seed_like_map_is_offline_and_clean(browser: Any, maps: dict[str, Any]) -> None:
    event_map, path = maps["seed"]
    opened = _open(browser, path)
    assert opened.external == []
    assert opened.errors == []
    page = opened.page
    targets = page.locator(".gm-target.leaflet-interactive").count()
    origins = page.locator(".gm-origin.leaflet-interactive").count()
    assert targets == _places(event_map.features, "target") == 5
    assert origins == _places(event_map.features, "origin") == 1
    assert targets + origins == event_map.n_places
    assert page.locator("path.gm-path").count() == 1
    assert page.locator("#gm-table tbody tr").count() == 6
    assert page.locator(".leaflet-control-attribution").inner_text().count("GeoNames") == 1
    page.close()


def test_real_seed_example_is_offline_and_clean(browser: Any, tmp_path: Path) -> None:
    from geomap.events import read_events

    events = read_events(SEED)
    event_map = make_map(events, title="Strikes reported on 5 February 2024")
    path = event_map.save(tmp_path / "seed.html")
    opened = _open(browser, path)
    assert opened.external == [] and opened.errors == []
    shown = (opened.page.locator(".gm-target.leaflet-interactive").count()
             + opened.page.locator(".gm-origin.leaflet-interactive").count())
    assert shown == event_map.n_places == (_places(event_map.features, "target")
                                           + _places(event_map.features, "origin"))
    assert opened.page.locator("#gm-table tbody tr").count() == len(events.frame)
    opened.page.close()


def test_toggling_a_layer_hides_its_features(browser: Any, maps: dict[str, Any]) -> None:
    opened = _open(browser, maps["seed"][1])
    page = opened.page
    page.locator(".leaflet-control-layers").hover()
    box = page.locator(".leaflet-control-layers-overlays label", has_text="Targets")
    box.locator("input").uncheck()
    assert page.locator(".gm-target").count() == 0
    assert page.locator(".gm-origin").count() == 1
    box.locator("input").check()
    assert page.locator(".gm-target").count() == 5
    paths = page.locator(".leaflet-control-layers-overlays label", has_text="Paths")
    paths.locator("input").uncheck()
    assert page.locator("path.gm-path").count() == 0
    page.close()


def test_time_filter_hides_events_outside_the_days(browser: Any, maps: dict[str, Any]) -> None:
    opened = _open(browser, maps["seed"][1])
    page = opened.page
    end = page.locator("#gm-time input[type=range]").nth(1)
    end.fill("0")  # up to 2024-01-28: only the Jordan base event remains
    end.dispatch_event("change")
    assert page.locator(".gm-target").count() == 1
    assert page.locator(".gm-origin").count() == 1
    assert page.locator("#gm-table tbody tr").count() == 1
    assert page.locator(".gm-time-out").inner_text() == "2024-01-28 – 2024-01-28"
    end.fill("7")
    start = page.locator("#gm-time input[type=range]").first
    start.fill("7")  # only 2024-02-04: al-Omar and Yemen (the 3-4 February range)
    start.dispatch_event("change")
    assert page.locator(".gm-target").count() == 2
    assert page.locator("#gm-table tbody tr").count() == 2
    page.close()


def _click_all(page: Any, selector: str) -> list[str]:
    texts = []
    for i in range(page.locator(selector).count()):
        page.locator(selector).nth(i).dispatch_event("click")
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        texts.append(popup.text_content())
        page.locator(".leaflet-popup-close-button").click()
        popup.wait_for(state="detached")
    return texts


def test_hostile_text_never_runs_and_shows_literally(browser: Any,
                                                     maps: dict[str, Any]) -> None:
    event_map, path = maps["hostile"]
    opened = _open(browser, path)
    page = opened.page
    texts = _click_all(page, ".gm-target.leaflet-interactive")
    texts += _click_all(page, ".gm-origin.leaflet-interactive")
    texts += _click_all(page, "path.gm-path")
    assert len(texts) == event_map.n_places + 1
    blob = "\n".join(texts)
    for payload in PAYLOADS:
        assert payload in blob, payload
    page.locator(".leaflet-control-layers").hover()
    page.mouse.move(600, 450)
    table = page.locator("#gm-table").text_content()
    # attacker, target party and notes of the first event are table columns
    for field in (field_payload(1), field_payload(2), field_payload(6)):
        assert field in table
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src=x], svg[onload], [onerror], [onmouseover]").count() == 0
    assert page.locator("script").count() == 4
    assert page.locator("h1").text_content() == HOSTILE_TITLE
    assert page.title() == HOSTILE_TITLE
    overlays = page.locator(".leaflet-control-layers-overlays").text_content()
    for name in HOSTILE_NAMES.values():
        assert name in overlays
    hrefs = page.eval_on_selector_all(
        "a[href]:not([href='#'])", "els => els.map(e => [e.href, e.rel])")
    assert hrefs
    for href, rel in hrefs:
        assert href.startswith(("http://", "https://")), href
        if "example.org" in href:
            assert rel == "noopener noreferrer"
    assert opened.external == []
    assert [e for e in opened.errors if "pwned" in e or "Refused" in e] == []
    page.close()


def test_popups_fit_a_phone_map(browser: Any, maps: dict[str, Any]) -> None:
    """A popup with long text stays inside a 390-px map, close button included (it ran 45 px
    past the right edge: Leaflet's 340-px maxWidth plus the 48-px padding off the zoom buttons)."""
    page = _open(browser, maps["hostile"][1], 390, 844).page
    for i in range(page.locator(".gm-target.leaflet-interactive").count()):
        page.locator(".gm-target.leaflet-interactive").nth(i).dispatch_event("click")
        page.locator(".leaflet-popup-content").wait_for()
        page.wait_for_timeout(400)  # the pan that brings it into view
        inside = page.evaluate("""() => {
          const m = document.querySelector('.gm-map').getBoundingClientRect();
          const parts = document.querySelectorAll('.leaflet-popup, .leaflet-popup-close-button');
          return Array.from(parts, e => e.getBoundingClientRect()).every(r =>
            r.left >= m.left && r.right <= m.right && r.top >= m.top && r.bottom <= m.bottom); }""")
        assert inside, i
        page.locator(".leaflet-popup-close-button").click()
        page.locator(".leaflet-popup").wait_for(state="detached")
    page.close()


def test_compressed_data_draws_the_same(browser: Any, maps: dict[str, Any]) -> None:
    event_map, path = maps["packed"]
    assert 'data-encoding="gzip+base64"' in event_map.html
    opened = _open(browser, path)
    page = opened.page
    assert opened.external == [] and opened.errors == []
    assert page.locator(".gm-target.leaflet-interactive").count() == 3
    texts = _click_all(page, ".gm-target.leaflet-interactive")
    assert PAYLOADS[0] in "\n".join(texts)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#gm-table tbody tr").count() == 3
    page.close()


def test_screenshot_shows_drawn_features(browser: Any, maps: dict[str, Any]) -> None:
    opened = _open(browser, maps["seed"][1])
    shot = Image.open(io.BytesIO(opened.page.locator(".gm-map").screenshot())).convert("RGB")
    pixels = np.asarray(shot).reshape(-1, 3).astype(int)
    red = np.abs(pixels - TARGET_RGB).sum(axis=1) < 60
    distinct = len(np.unique(pixels[::7], axis=0))
    assert red.sum() > 100  # target symbols are drawn
    assert distinct > 50  # land, sea, borders, halos: not a blank page
    opened.page.close()


def test_symbols_work_from_the_keyboard(browser: Any, maps: dict[str, Any]) -> None:
    opened = _open(browser, maps["seed"][1])
    page = opened.page
    symbol = page.locator(".gm-target.leaflet-interactive").first
    assert symbol.get_attribute("tabindex") == "0"
    assert symbol.get_attribute("aria-label").startswith("Targets: ")
    symbol.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content").wait_for()
    assert "Event 1 of" in page.locator(".leaflet-popup-content").text_content()
    page.close()


def test_usable_at_360_px(browser: Any, maps: dict[str, Any]) -> None:
    opened = _open(browser, maps["seed"][1], width=360, height=740)
    page = opened.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = page.locator(".gm-map").bounding_box()
    assert box["width"] <= 360 and box["height"] >= 300
    assert page.locator("details.gm-legend").evaluate("d => d.open") is False
    assert page.locator(".gm-target.leaflet-interactive").count() == 5
    page.close()


def test_online_tiles_are_the_only_requests(browser: Any, maps: dict[str, Any]) -> None:
    opened = _open(browser, maps["tiles"][1])
    assert opened.external  # the routing does see requests: the zero counts above mean it
    assert all(u.startswith("https://tile.openstreetmap.org/") for u in opened.external)
    assert "OpenStreetMap" in opened.page.locator(".leaflet-control-attribution").inner_text()
    opened.page.close()


def test_user_folium_layers_draw_offline_and_safely(browser: Any, tmp_path: Path) -> None:
    import folium

    event_map = make_map(seed_like_features(), title="With my layers")
    mine = folium.FeatureGroup(name="<img src=x onerror=window.__pwned=21>Mine")
    folium.Marker([31.95, 35.93], tooltip="Amman").add_to(mine)
    folium.CircleMarker([30.0, 36.0], radius=6, color="#123456").add_to(mine)
    mine.add_to(event_map.folium_map)
    opened = _open(browser, event_map.save(tmp_path / "mine.html"))
    page = opened.page
    assert opened.external == [] and opened.errors == []
    icons = page.eval_on_selector_all("img.leaflet-marker-icon, img.leaflet-marker-shadow",
                                      "els => els.map(e => e.getAttribute('src'))")
    assert len(icons) == 2 and all(src.startswith("data:image/png;base64,") for src in icons)
    assert page.locator("path[stroke='#123456']").count() == 1
    assert page.locator(".gm-target.leaflet-interactive").count() == 5  # ours still drawn
    page.locator(".leaflet-control-layers").hover()
    overlays = page.locator(".leaflet-control-layers-overlays").text_content()
    assert "<img src=x onerror=window.__pwned=21>Mine" in overlays
    page.locator(".leaflet-control-layers-overlays label", has_text="Mine").locator(
        "input").uncheck()
    assert page.locator("img.leaflet-marker-icon").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.close()


# ---- labels, frame and legend on clustered maps (issue 15) ----

LABELS_JS = """() => {
  const box = document.querySelector('.gm-map').getBoundingClientRect();
  const out = [];
  for (const e of document.querySelectorAll('.gm-map .leaflet-marker-pane span, '
                                            + '.gm-map .leaflet-pane span')) {
    if (!e.textContent.trim() || e.children.length) continue;
    const s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility === 'hidden' || +s.opacity === 0) continue;
    const r = e.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    if (r.right <= box.left || r.left >= box.right || r.bottom <= box.top
        || r.top >= box.bottom) continue;
    out.push([e.textContent, r.left, r.top, r.right, r.bottom]);
  }
  return out;
}"""
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
#: The map's controls (zoom buttons, layer control, scale, inset) shown: [left, top, right, bottom].
CONTROLS_JS = """() => Array.from(document.querySelectorAll('.gm-map .leaflet-control'))
  .filter(e => e.offsetWidth && !e.classList.contains('leaflet-control-attribution'))
  .map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""


@pytest.fixture(scope="module")
def cluster_maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from tests.render.clusters import CLUSTERS

    out = tmp_path_factory.mktemp("clusters")
    made = {}
    for name, fixture in CLUSTERS.items():
        features = fixture()
        event_map = make_map(features, title=f"Cluster {name}", show_labels=True)
        made[name] = (features, event_map.save(out / f"{name}.html"))
    return made


def _zoom_to(page: Any, zoom: float) -> None:
    page.evaluate("""z => new Promise(done => {
      const m = window.geomapMap.map;
      if (m.getZoom() === z) { done(); return; }
      m.once('zoomend', () => setTimeout(done, 50)); m.setZoom(z, {animate: false});
    })""", zoom)
    page.wait_for_timeout(150)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", ["euphrates", "syria", "issue"])
def test_labels_never_overlap_at_any_zoom(browser: Any, cluster_maps: dict[str, Any],
                                          name: str, size: str) -> None:
    opened = _open(browser, cluster_maps[name][1], *SIZES[size])
    page = opened.page
    assert opened.external == [] and opened.errors == []
    first = page.evaluate("window.geomapMap.map.getZoom()")
    shown = 0
    for zoom in (first, first + 1, first + 2, first - 1, first):
        _zoom_to(page, zoom)
        boxes = page.evaluate(LABELS_JS)
        assert overlapping_pairs(boxes) == [], (zoom, overlapping_pairs(boxes)[:5])
        controls = [["control", *box] for box in page.evaluate(CONTROLS_JS)]
        under = [pair for pair in overlapping_pairs(boxes + controls) if "control" in pair]
        assert under == [], (zoom, under)  # no label under the zoom buttons or layer control
        shown = max(shown, sum(1 for b in boxes if b[0]))
    assert shown >= 8  # labels are placed, not all hidden
    page.close()


@pytest.fixture(scope="module")
def shape_maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seed-like map and the story shapes (tests.render.clusters.SHAPES), labels on."""
    from tests.render.clusters import SHAPES

    out = tmp_path_factory.mktemp("shapes")
    made = {}
    for name, fixture in {"seed": seed_like_features, **SHAPES}.items():
        features = fixture()
        event_map = make_map(features, title=f"Shape {name}", show_labels=True)
        made[name] = (features, event_map.save(out / f"{name}.html"))
    return made


def _frame_and_box(features: Any) -> list[tuple[float, float]]:
    """The points a first view shows (every place finer than a country) and the two corners of
    the events' box (the frame, ``payload.frame_of``: the whole-country places join it when
    the finer ones carry fewer than half of the events, as in the seed)."""
    from geomap.render.payload import frame_of
    from tests.render.clusters import frame_points

    x0, y0, x1, y1 = frame_of(features)
    return frame_points(features) + [(x0, y0), (x1, y1)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", ["euphrates", "syria", "issue", "seed", "sahel"])
def test_first_view_fits_the_events(browser: Any, cluster_maps: dict[str, Any],
                                    shape_maps: dict[str, Any], name: str, size: str) -> None:
    """Issue 15's goal as written: every target point inside the map and at least half of the
    map's area inside the events' box, at 1280x800 and 390x844, for stories from 4:1 wide
    (sahel) to 3:1 tall (issue: Syria to Yemen) -- the map takes the story's shape."""
    features, path = {**cluster_maps, **shape_maps}[name]
    points = _frame_and_box(features)
    opened = _open(browser, path, *SIZES[size])
    fit = opened.page.evaluate(FIT_JS, points)
    assert fit["inside"] == len(points), fit
    assert fit["fill"] >= 0.5, fit
    assert fit["map_w"] >= 280 and fit["map_h"] * SIZES[size][1] >= 140, fit  # the floors
    assert opened.external == [] and opened.errors == []
    opened.page.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_story_more_elongated_than_any_map(browser: Any, shape_maps: dict[str, Any],
                                             size: str) -> None:
    """Arica to Punta Arenas (16:1 tall) would need a map about 80 px wide to fill half of it:
    the map stops at its narrowest (280 px, where the place labels still fit), every point in
    view, the frame spanning its height; the goal cannot hold there (docs/maps.md)."""
    features, path = shape_maps["chile"]
    points = _frame_and_box(features)
    opened = _open(browser, path, *SIZES[size])
    fit = opened.page.evaluate(FIT_JS, points)
    assert fit["inside"] == len(points), fit
    assert fit["map_w"] == 280 and fit["frame_h"] >= 0.85, fit
    assert opened.page.locator(".gm-label:not(.gm-off)").count() == len(points) - 2
    opened.page.close()


FIT_JS = """pts => {
  const m = window.geomapMap.map, s = m.getSize();
  const px = pts.map(p => m.latLngToContainerPoint([p[1], p[0]]));
  const inside = px.filter(p => p.x >= 0 && p.y >= 0 && p.x <= s.x && p.y <= s.y).length;
  const xs = px.map(p => p.x), ys = px.map(p => p.y);
  const w = Math.max(0, Math.min(s.x, Math.max(...xs)) - Math.max(0, Math.min(...xs)));
  const h = Math.max(0, Math.min(s.y, Math.max(...ys)) - Math.max(0, Math.min(...ys)));
  const map = m.getContainer().getBoundingClientRect();
  const stage = document.querySelector('.gm-stage').getBoundingClientRect();
  const legend = document.querySelector('.gm-legend').getBoundingClientRect();
  const table = document.querySelector('.gm-table-wrap').getBoundingClientRect();
  const tableBeside = table.left >= map.right;  // in the column beside the map
  return {inside: inside, fill: w * h / (s.x * s.y), frame_h: h / s.y, table_beside: tableBeside,
          used_w: Math.max(map.right, legend.right, tableBeside ? table.right : 0) - map.left,
          centred: Math.abs((map.left - stage.left) - (stage.right - map.right)) <= 1,
          map_h: s.y / innerHeight, map_w: map.width, stage_w: stage.width,
          page_w: document.documentElement.clientWidth,
          beside: legend.left >= map.right, below: legend.top >= map.bottom - 0.5,
          summary_in_view: legend.top + 20 <= innerHeight};
}"""


def _host_page(tmp_path: Path, event_map: Any, map_path: Path, width: int,
               aspect: float | None = None) -> Path:
    """A story page that embeds the map with its own snippet in a column ``width`` px wide."""
    host = tmp_path / f"story-{width}.html"
    host.write_text('<!doctype html><meta charset="utf-8"><body style="margin:20px">'
                    f'<p>Story text.</p><div style="width:{width}px">'
                    f"{event_map.embed_snippet(src=map_path.name, aspect=aspect)}</div>"
                    "<p>More text.</p>", encoding="utf-8")
    return host


@pytest.mark.parametrize("size", ["desktop", "phone", "iframe640", "iframe640x480"])
@pytest.mark.parametrize("name", ["seed", "issue"])
def test_map_uses_the_width_it_is_given(browser: Any, cluster_maps: dict[str, Any],
                                        tmp_path: Path, name: str, size: str) -> None:
    """Not a column in the middle of the screen: the map fills the page's (or the embed's)
    width, beside a column for the legend on a wide page, above it otherwise. A story taller
    than that map can hold takes its own shape: on a wide page (or a 640-px embed) the legend
    and the events table beside it, across the page; on a phone a centred map, narrower."""
    features = seed_like_features() if name == "seed" else cluster_maps[name][0]
    event_map = make_map(features, title=name)
    path = event_map.save(tmp_path / f"{name}.html")
    embed = size.startswith("iframe")
    width, height = (640, 800) if embed else SIZES[size]
    page, external = _offline_page(browser, 1280 if embed else width, height)
    if embed:  # the snippet's frame: the story's shape, or a fixed 3:4 (aspect=0.75)
        fixed = 0.75 if size == "iframe640x480" else None
        page.goto(_host_page(tmp_path, event_map, path, 640, fixed).as_uri())
        box = page.locator("iframe").bounding_box()
        want = 0.75 if fixed else {"seed": 1.09, "issue": 1.3}[name]  # 1:2.4 and 1:3 stories
        low = 420 if fixed else 0.9 * height  # a tall story's frame: 90% of the screen, or more
        assert (box["width"], box["height"]) == (640, max(round(640 * want), low))
        frame = page.locator("iframe").element_handle().content_frame()
    else:
        page.goto(path.as_uri())
        frame = page.main_frame
    frame.wait_for_selector(".gm-target")
    points = _frame_and_box(features)
    fit = frame.evaluate(FIT_JS, points)
    assert fit["inside"] == len(points)
    assert fit["page_w"] == width
    shaped = fit["fill"] >= 0.5  # the story's shape (the frame's box: seed's is wider)
    if size == "phone":
        assert fit["below"] and (fit["map_w"] == width or (shaped and fit["centred"])), fit
        assert fit["summary_in_view"], fit  # the legend's line shows under the map
    else:
        assert fit["beside"] and fit["used_w"] >= width - 30, fit
        assert fit["map_w"] >= width - 270 or fit["table_beside"], fit
    if size != "iframe640x480":  # a fixed 640x480 frame cannot hold a 1:3 story's shape
        assert shaped, fit
    assert external == []
    page.close()


#: A window resized (a desktop window narrowed and widened again) or a phone rotated: the
#: viewport after each step.
RESIZES = {"rotate": [(390, 844), (844, 390), (390, 844)],
           "narrow": [(1280, 800), (700, 800), (1280, 800)],
           "to-phone": [(1280, 800), (390, 844)]}
#: Where the screen cannot hold the story's shape: a 1:3 story on a 390-px-high screen would
#: need a map about 100 px wide; it keeps the narrowest map (280 px), every point in view.
AT_THE_FLOOR = {("issue", (844, 390)), ("seed", (844, 390))}


def _resize(page: Any, width: int, height: int) -> None:
    """Resize the viewport and wait for the page's layout to run again (it is debounced)."""
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_selector(f'.gm-map[data-gm-layout="{width}x{height}"]', state="attached")
    page.wait_for_timeout(150)  # the labels are placed again after the fit's moveend


@pytest.mark.parametrize("run", RESIZES)
@pytest.mark.parametrize("name", ["euphrates", "syria", "issue", "seed", "sahel"])
def test_resize_and_rotation_fit_the_events_again(browser: Any, cluster_maps: dict[str, Any],
                                                  shape_maps: dict[str, Any], name: str,
                                                  run: str) -> None:
    """After a resize or a rotation, a map the reader has not moved takes the new screen's
    shape and fits the events again, as on a first view: every point inside, at least half of
    the map inside the events' box where the shape allows, no label over another, the map
    within the screen (no sideways scroll), back to the first view when the screen is."""
    features, path = {**cluster_maps, **shape_maps}[name]
    points = _frame_and_box(features)
    sizes = RESIZES[run]
    opened = _open(browser, path, *sizes[0])
    page = opened.page
    first = page.evaluate(FIT_JS, points)
    for width, height in sizes[1:]:
        _resize(page, width, height)
        fit = page.evaluate(FIT_JS, points)
        assert fit["inside"] == len(points), (width, height, fit)
        if (name, (width, height)) in AT_THE_FLOOR:
            assert fit["map_w"] == 280, fit
        else:
            assert fit["fill"] >= 0.5, (width, height, fit)
        assert fit["map_h"] <= 1 and fit["page_w"] == width, fit  # within the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        boxes = page.evaluate(LABELS_JS)
        assert overlapping_pairs(boxes) == [], overlapping_pairs(boxes)[:5]
        assert len(boxes) >= 4
    if sizes[-1] == sizes[0]:  # the first view again
        assert (fit["map_w"], fit["map_h"]) == (first["map_w"], first["map_h"])
        assert fit["fill"] == pytest.approx(first["fill"], abs=0.01)
    assert opened.external == [] and opened.errors == []
    page.close()


def test_resize_keeps_the_view_the_reader_chose(browser: Any,
                                                cluster_maps: dict[str, Any]) -> None:
    """A reader who has zoomed or panned keeps that view through a rotation: the map takes the
    new shape around the same centre, at the same zoom, and is not fitted again."""
    opened = _open(browser, cluster_maps["euphrates"][1], 390, 844)
    page = opened.page
    _zoom_to(page, page.evaluate("window.geomapMap.map.getZoom()") + 1)
    page.evaluate("window.geomapMap.map.panBy([30, -20], {animate: false})")
    before = page.evaluate("""() => { const m = window.geomapMap.map, c = m.getCenter();
      return [c.lat, c.lng, m.getZoom(), m.getSize().x, m.getSize().y]; }""")
    _resize(page, 844, 390)
    after = page.evaluate("""() => { const m = window.geomapMap.map, c = m.getCenter();
      return [c.lat, c.lng, m.getZoom(), m.getSize().x, m.getSize().y]; }""")
    assert after[2] == before[2]  # the reader's zoom
    assert after[:2] == pytest.approx(before[:2], abs=0.01)  # and centre
    assert after[4] < 390 and after[3:] != before[3:]  # in a map of the new screen's shape
    boxes = page.evaluate(LABELS_JS)
    assert overlapping_pairs(boxes) == [] and boxes
    assert opened.external == [] and opened.errors == []
    page.close()


def test_a_phones_address_bar_does_not_move_the_map(browser: Any,
                                                    cluster_maps: dict[str, Any]) -> None:
    """Scrolling on a phone shows or hides its address bar: the height changes by some 60 px.
    The map keeps its size and view (only a rotation, a new width or a bigger change in
    height lays it out again)."""
    opened = _open(browser, cluster_maps["issue"][1], 390, 844)
    page = opened.page
    state = """() => { const m = window.geomapMap.map, p = m.latLngToContainerPoint([25, 45]);
      return [m.getSize().x, m.getSize().y, m.getZoom(), p.x, p.y]; }"""
    before = page.evaluate(state)
    page.set_viewport_size({"width": 390, "height": 784})
    page.wait_for_timeout(500)
    after = page.evaluate(state)
    assert after[:3] == before[:3] and after[3:] == pytest.approx(before[3:], abs=1)  # px
    _resize(page, 390, 600)  # a bigger change: laid out again, the map within the screen
    assert page.evaluate(state)[1] < before[1]
    assert opened.external == [] and opened.errors == []
    page.close()


#: The events table as a reader sees it: its sideways overflow, whether the header row shows,
#: and per row each non-empty field: [text, the name shown with it (the header's, or the
#: cell's ::before), inside the table's width].
TABLE_JS = """() => {
  const host = document.getElementById('gm-table'), t = host.querySelector('table');
  const box = host.getBoundingClientRect(), head = t.tHead.getBoundingClientRect();
  const names = Array.from(t.tHead.rows[0].cells, c => c.textContent);
  const headShown = head.width > 1 && head.height > 1;
  const rows = Array.from(t.tBodies[0].rows, r => Array.from(r.cells).map((c, k) => {
    const b = c.getBoundingClientRect(), before = getComputedStyle(c, '::before').content;
    const name = k === 0 || headShown ? names[k] : before.replace(/^"|"$/g, '');
    return [c.textContent, c.textContent ? name : '',
            b.width > 0 && b.left >= box.left - 0.5 && b.right <= box.right + 0.5];
  }));
  return {overflow: host.scrollWidth - host.clientWidth, head: headShown, names: names,
          rows: rows, width: box.width};
}"""


@pytest.mark.parametrize("name, size", [("euphrates", "desktop"), ("euphrates", "phone"),
                                        ("issue", "desktop"), ("syria", "desktop")])
def test_events_table_is_readable_in_its_column(browser: Any, cluster_maps: dict[str, Any],
                                                name: str, size: str) -> None:
    """The table never scrolls sideways: in a tall story's 381-px column or on a phone each
    event is a block of its fields, each shown whole with its column's name; in an 853-px
    column the columns narrow; across a desktop page it stays a table with its header row.
    No field is left out."""
    opened = _open(browser, cluster_maps[name][1], *SIZES[size])
    got = opened.page.evaluate(TABLE_JS)
    assert got["overflow"] <= 0, got["overflow"]
    assert got["head"] == (got["width"] > 560)
    assert len(got["rows"]) == (200 if name == "syria" else 20)
    for row in got["rows"]:
        assert len(row) == len(got["names"])
        for k, (text, shown_name, inside) in enumerate(row):
            if text:  # every field with a value shows, whole, under its own column's name
                assert inside and shown_name == got["names"][k], (k, text, shown_name)
    assert opened.external == [] and opened.errors == []
    opened.page.close()


#: The colour a dense map's canvas tiles show at a place ([lat, lon]): [r, g, b, a], or null.
DENSE_PIXEL_JS = """ll => {
  const map = window.geomapMap.map, p = map.latLngToContainerPoint(ll);
  const box = map.getContainer().getBoundingClientRect(), x = box.left + p.x, y = box.top + p.y;
  for (const c of document.querySelectorAll('canvas.gm-dense-tile')) {
    const r = c.getBoundingClientRect();
    if (x >= r.left && x < r.right && y >= r.top && y < r.bottom) {
      const px = Math.floor((x - r.left) * c.width / r.width);
      const py = Math.floor((y - r.top) * c.height / r.height);
      return Array.from(c.getContext('2d').getImageData(px, py, 1, 1).data);
    }
  }
  return null; }"""
MAYADIN = [35.019, 40.452]  # a target of the euphrates cluster, and an origin with launches=True


def _red(pixel: list[int] | None) -> bool:
    return pixel is not None and pixel[0] > 150 and pixel[2] < 100  # ROLE_COLORS["target"]


def _blue(pixel: list[int] | None) -> bool:
    return pixel is not None and pixel[2] > 150 and pixel[0] < 100  # ROLE_COLORS["origin"]


def _dense_launches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **options: Any) -> Path:
    """The euphrates cluster with launches, drawn as a dense (canvas) map."""
    from geomap.render import map as map_module
    from tests.render.clusters import euphrates_cluster

    monkeypatch.setattr(map_module, "DENSE_ABOVE", 5)  # what 100,000 events get, on 30
    return make_map(euphrates_cluster(launches=True), **options).save(tmp_path / "dense.html")


#: Every dense canvas in the map: [left, top, width, height] in CSS px.
DENSE_CANVASES_JS = """() => Array.from(document.querySelectorAll('.gm-map canvas'), c => {
  const r = c.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })"""


def test_dense_map_draws_on_canvas_and_opens_popups(browser: Any, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = _dense_launches(tmp_path, monkeypatch, show_labels=True)
    page, external = _offline_page(browser)
    page.goto(path.as_uri())
    page.wait_for_function("() => performance.getEntriesByName('gm-drawn').length > 0")
    assert page.locator(".gm-target").count() == 0  # no SVG element per place
    assert page.get_attribute(".gm-map", "data-gm-drawn") == "30"
    canvases = page.evaluate(DENSE_CANVASES_JS)
    assert canvases and all(w <= 256 and h <= 256 for _, _, w, h in canvases)  # tiles
    # one canvas per tile for every layer (halos, paths, origins, targets), not one per layer
    assert len({(round(x), round(y)) for x, y, _, _ in canvases}) == len(canvases)
    assert _red(page.evaluate(DENSE_PIXEL_JS, MAYADIN))  # the target over the origin there
    page.evaluate("() => window.geomapMap.map.panBy([40, 30], {animate: false})")
    page.wait_for_function(f"() => ({DENSE_PIXEL_JS})({MAYADIN}) !== null")
    assert _red(page.evaluate(DENSE_PIXEL_JS, MAYADIN))  # still, after a pan
    near_hajin = [34.69, 40.78]  # 4.6 km west: in its 10-km halo, off every symbol and path
    halo = page.evaluate(DENSE_PIXEL_JS, near_hajin)
    assert halo[3] > 0 and halo[0] > halo[2]  # a faint red halo (none was drawn on a dense map)
    page.locator(".leaflet-control-layers").hover()
    page.locator(".leaflet-control-layers-overlays label",
                 has_text="Uncertainty").locator("input").uncheck()
    page.wait_for_function(f"() => ({DENSE_PIXEL_JS})({near_hajin})[3] === 0")  # turned off
    assert _red(page.evaluate(DENSE_PIXEL_JS, MAYADIN))
    assert overlapping_pairs(page.evaluate(LABELS_JS)) == []
    assert "Hajin" in _click_hajin(page)
    assert external == []
    page.close()


#: Counts what the page's canvases draw: every canvas made, the area cleared to redraw, and
#: the widest line stroked on the map's canvases (CSS px).
CANVAS_SPY_JS = """(() => {
  const spy = window.__gmSpy = {made: [], cleared: 0, line: 0};
  const make = Document.prototype.createElement;
  Document.prototype.createElement = function (tag, options) {
    const e = make.call(this, tag, options);
    if (String(tag).toLowerCase() === 'canvas') { spy.made.push(e); }
    return e;
  };
  const C = CanvasRenderingContext2D.prototype, clear = C.clearRect, stroke = C.stroke;
  C.clearRect = function (x, y, w, h) {
    spy.cleared += Math.abs(w * h); return clear.call(this, x, y, w, h); };
  C.stroke = function (...a) {
    const m = this.getTransform(), dpr = window.devicePixelRatio || 1;
    if (this.canvas.classList.contains('gm-dense-tile')) {
      spy.line = Math.max(spy.line, this.lineWidth * Math.hypot(m.a, m.b) / dpr);
    }
    return stroke.apply(this, a); };
})()"""
#: Pixels of canvas made or cleared since the mark, over the pixels of the map's canvases (a
#: redraw of everything is 1; the map's own area would depend on its shape, tiles are 256 px).
DRAWN_SINCE_JS = """mark => {
  const s = window.__gmSpy, area = c => c.width * c.height;
  const made = s.made.slice(mark).reduce((a, c) => a + area(c), 0);
  const held = Array.from(document.querySelectorAll('.gm-map canvas'))
    .reduce((a, c) => a + area(c), 0);
  return (made + s.cleared) / held; }"""


def _settled(page: Any) -> int:
    """Wait until no canvas has been made for half a second; how many were made."""
    count = -1
    while True:
        page.wait_for_timeout(500)
        now = page.evaluate("() => window.__gmSpy.made.length")
        if now == count:
            return now
        count = now


def test_dense_map_pans_by_drawing_only_what_comes_into_view(
        browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pan keeps the canvases it shows and draws only the strip that comes into view (a
    redraw of every layer after each move held a 100,000-event map for up to a second); a new
    time filter redraws in place; paths are 1-px lines (a 2-px line costs the rasterizer ten
    times more)."""
    path = _dense_launches(tmp_path, monkeypatch)
    page, external = _offline_page(browser)
    page.add_init_script(CANVAS_SPY_JS)
    page.goto(path.as_uri())
    page.wait_for_function("() => performance.getEntriesByName('gm-drawn').length > 0")
    mark = _settled(page)
    page.evaluate("() => { window.__gmSpy.cleared = 0;"
                  " window.geomapMap.map.panBy([100, 60], {animate: false}); }")
    _settled(page)
    assert page.evaluate(DRAWN_SINCE_JS, mark) < 0.5  # of the map's canvases, drawn anew
    assert 0 < page.evaluate("() => window.__gmSpy.line") <= 1  # the paths, 1 px wide
    assert _red(page.evaluate(DENSE_PIXEL_JS, MAYADIN))
    start = page.locator("#gm-time input[type=range]").first
    start.fill("1")  # from 2024-02-02: Mayadin's strike goes, the launch from there stays
    start.dispatch_event("change")
    page.wait_for_function(f"() => {{ const p = ({DENSE_PIXEL_JS})({MAYADIN});"
                           " return p && p[2] > 150 && p[0] < 100; }")
    assert _blue(page.evaluate(DENSE_PIXEL_JS, MAYADIN))
    assert page.get_attribute(".gm-map", "data-gm-drawn") == "24"
    assert external == []
    page.close()


LEGEND_JS = """() => {
  const m = document.querySelector('.gm-map').getBoundingClientRect();
  const l = document.querySelector('.gm-legend').getBoundingClientRect();
  const map = window.geomapMap.map, box = map.getContainer().getBoundingClientRect();
  let covered = 0;
  document.querySelectorAll('.gm-target.leaflet-interactive').forEach(e => {
    const r = e.getBoundingClientRect();
    if (r.right > l.left && r.left < l.right && r.bottom > l.top && r.top < l.bottom) covered++;
  });
  return {below: l.top >= m.bottom - 0.5, covered: covered,
          inset: document.querySelectorAll('svg.gm-inset').length,
          caption: (document.querySelector('.gm-caption') || {}).textContent || ''};
}"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", ["euphrates", "syria", "issue"])
def test_legend_stays_out_of_the_way(browser: Any, cluster_maps: dict[str, Any], name: str,
                                     size: str) -> None:
    opened = _open(browser, cluster_maps[name][1], *SIZES[size])
    got = opened.page.evaluate(LEGEND_JS)
    assert got["covered"] == 0  # no symbol under the legend
    if size == "phone":
        assert got["below"]
    assert "halos show how precisely" in got["caption"]
    small = name != "issue" and size == "desktop"  # a locator for a small area, not on phones
    assert got["inset"] == (1 if small else 0)
    opened.page.close()


@pytest.mark.parametrize("name, inset, shown", [("issue", True, 1), ("issue", "auto", 0),
                                                ("euphrates", False, 0),
                                                ("euphrates", "auto", 1)])
def test_inset_option(browser: Any, cluster_maps: dict[str, Any], tmp_path: Path, name: str,
                      inset: bool | str, shown: int) -> None:
    """``inset=True`` draws the locator for a wide story too, ``False`` never; auto: small only."""
    path = make_map(cluster_maps[name][0], inset=inset).save(tmp_path / "inset.html")
    opened = _open(browser, path, *SIZES["desktop"])
    assert opened.page.locator("svg.gm-inset").count() == shown
    if shown:
        box = opened.page.locator("svg.gm-inset rect").bounding_box()
        assert box["width"] >= 3 and box["height"] >= 3  # the view's box is drawn
    assert opened.external == [] and opened.errors == []
    opened.page.close()


COUNTRY_JS = """() => {
  const box = document.querySelector('.gm-map').getBoundingClientRect();
  return [...document.querySelectorAll('.gm-country span')].filter(e => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e.parentNode);
    return s.display !== 'none' && r.width > 0 && r.left >= box.left && r.right <= box.right
      && r.top >= box.top && r.bottom <= box.bottom;
  }).map(e => [e.textContent, e.lang, getComputedStyle(e).direction,
               getComputedStyle(e).letterSpacing]);
}"""


#: Where each country name shown is (its box's centre and corners, as [lon, lat]).
COUNTRY_BOXES_JS = """() => {
  const m = window.geomapMap.map, box = m.getContainer().getBoundingClientRect();
  return [...document.querySelectorAll('.gm-country span')].filter(e =>
    getComputedStyle(e.parentNode).display !== 'none' && e.getBoundingClientRect().width > 0)
    .map(e => { const r = e.getBoundingClientRect(), x0 = r.left - box.left, y0 = r.top - box.top;
      const ll = (x, y) => { const q = m.containerPointToLatLng([x, y]); return [q.lng, q.lat]; };
      return [e.textContent, ll(x0 + r.width / 2, y0 + r.height / 2), ll(x0, y0),
              ll(x0 + r.width, y0), ll(x0, y0 + r.height), ll(x0 + r.width, y0 + r.height)]; });
}"""


@pytest.mark.parametrize("size", SIZES)
def test_the_storys_countries_are_named(browser: Any, cluster_maps: dict[str, Any],
                                        size: str) -> None:
    """Syria, Iraq and Yemen, where the issue's strikes are, are named on its map (their
    name's anchor sits under place labels: the name moves, inside the country's outline)."""
    import shapely
    from shapely.geometry import shape

    from geomap.render.basemap import load_basemap_data

    outline = {c["name"].upper(): shape({"type": "MultiPolygon", "coordinates": c["low"]})
               for c in load_basemap_data()["countries"]}
    opened = _open(browser, cluster_maps["issue"][1], *SIZES[size])
    shown = opened.page.evaluate(COUNTRY_BOXES_JS)
    assert {"SYRIA", "IRAQ", "YEMEN"} <= {name.upper() for name, *_ in shown}, shown
    for name, *corners in shown:  # inside its country (the coarse outline, give or take 0.3°)
        inside = outline[name.upper()].buffer(0.3)
        assert all(inside.contains(shapely.Point(*q)) for q in corners), name
    opened.page.close()


def _names_in(lang: str) -> dict[str, str]:
    """English name -> the basemap's name in ``lang`` (English where it has none)."""
    from geomap.render.basemap import load_basemap_data

    return {c["name"]: c.get("names", {}).get(lang, c["name"])
            for c in load_basemap_data()["countries"]}


@pytest.mark.parametrize("lang, locale, want", [("ar", "en-US", "ar"), (None, "de-DE", "de"),
                                                (None, "fr-CA", "fr"), (None, "en-US", "en"),
                                                ("en", "ar-EG", "en"), (None, "ja-JP", "en")])
def test_country_names_in_the_readers_language(browser: Any, cluster_maps: dict[str, Any],
                                               tmp_path: Path, lang: str | None, locale: str,
                                               want: str) -> None:
    """lang= wins; without it the browser's language picks, English when the map has none."""
    path = make_map(cluster_maps["issue"][0], lang=lang).save(tmp_path / "names.html")
    page, external = _offline_page(browser, locale=locale)
    page.goto(path.as_uri())
    page.wait_for_selector(".gm-target")
    page.wait_for_timeout(200)
    shown = page.evaluate(COUNTRY_JS)
    assert len(shown) >= 4, shown  # Jordan, Saudi Arabia, Egypt, Iran, ... are named
    names = set(_names_in(want).values())
    assert all(text in names for text, *_ in shown), shown
    english = set(_names_in("en").values())
    translated = [s for s in shown if s[0] not in english]
    if want == "en":
        assert translated == []
    else:
        assert translated and all(s[1] == want for s in translated), shown
    if want == "ar":  # right to left, letters joined (no letter spacing)
        assert all(s[2] == "rtl" and s[3] in ("0px", "normal") for s in translated), shown
    assert overlapping_pairs(page.evaluate(LABELS_JS)) == []
    assert external == []
    page.close()


CORNER_JS = """() => {
  const a = document.querySelector('.leaflet-control-attribution').getBoundingClientRect();
  return [...document.querySelectorAll('.leaflet-bottom.leaflet-left .leaflet-control')]
    .map(e => e.getBoundingClientRect())
    .filter(r => r.width && r.left < a.right && r.right > a.left && r.top < a.bottom
                 && r.bottom > a.top).length;
}"""


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_scale_is_never_under_the_attribution(browser: Any, maps: dict[str, Any],
                                              cluster_maps: dict[str, Any], size: str) -> None:
    """A two-line attribution on a narrow map no longer covers the scale (or the inset)."""
    for path in (maps["seed"][1], cluster_maps["euphrates"][1]):
        opened = _open(browser, path, *SIZES[size])
        assert opened.page.locator(".leaflet-control-scale").count() == 1
        assert opened.page.evaluate(CORNER_JS) == 0
        opened.page.close()


def test_dense_map_symbols_by_keyboard_and_hover(browser: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """On a canvas map: one tab stop per symbol layer, arrows move between the symbols in
    view, Enter opens the popup of the one announced; hovering a symbol shows its tooltip."""
    from geomap.render import map as map_module
    from tests.render.clusters import _EUPHRATES, euphrates_cluster

    monkeypatch.setattr(map_module, "DENSE_ABOVE", 5)
    path = make_map(euphrates_cluster()).save(tmp_path / "dense.html")
    page, external = _offline_page(browser)
    page.goto(path.as_uri())
    page.wait_for_function("() => performance.getEntriesByName('gm-drawn').length > 0")
    ring = page.locator(".gm-dense-focus").first
    ring.focus()
    seen = []
    for key in ["Home", "ArrowRight", "ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"]:
        page.keyboard.press(key)
        label = ring.get_attribute("aria-label")
        assert label.startswith("Targets: "), label
        assert page.locator(".gm-sr").first.text_content() == label  # read out
        seen.append(label)
    assert len(set(seen)) >= 3  # the arrows moved between places
    name = seen[-1].removeprefix("Targets: ")
    lat, lon = next((p[1], p[2]) for p in _EUPHRATES if p[0] == name)
    box, map_box = ring.bounding_box(), page.locator(".gm-map").bounding_box()
    at = page.evaluate("ll => window.geomapMap.map.latLngToContainerPoint(ll)", [lat, lon])
    assert abs(box["x"] + box["width"] / 2 - map_box["x"] - at["x"]) < 1.5  # the ring is on
    assert abs(box["y"] + box["height"] / 2 - map_box["y"] - at["y"]) < 1.5  # that symbol
    assert page.evaluate("() => window.scrollY") == 0  # the arrows did not scroll the page
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content").wait_for()
    assert name in page.locator(".leaflet-popup-content").text_content()
    page.locator(".leaflet-popup-close-button").click()
    point = _hajin_point(page)
    ring.blur()
    page.mouse.move(map_box["x"] + point[0], map_box["y"] + point[1])
    tip = page.locator(".leaflet-tooltip")
    tip.wait_for()
    assert "Hajin" in tip.text_content()
    assert page.evaluate("() => document.querySelector('.gm-map').style.cursor") == "pointer"
    page.mouse.move(map_box["x"] + 5, map_box["y"] + map_box["height"] - 60)
    tip.wait_for(state="detached")
    # after a pan (tiles drawn as they come into view) the symbols are drawn and clickable
    page.evaluate("() => window.geomapMap.map.panBy([-150, 40], {animate: false})")
    hajin = [34.69, 40.83]
    page.wait_for_function(f"() => {{ const p = ({DENSE_PIXEL_JS})({hajin});"
                           " return p && p[0] > 150 && p[2] < 100; }")
    assert "Hajin" in _click_hajin(page)
    assert external == []
    page.close()
