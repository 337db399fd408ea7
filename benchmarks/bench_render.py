"""Benchmark ``geomap.make_map`` against the naive folium way, in the same run.

Workload: 10,000 seeded synthetic events (``--quick``: 500) around the Middle East, half with
an origin (so a geodesic path), mixed precision and kinds, casualties, one or two sources,
notes, dates over 30 days.

Figures:

* geomap: build time of ``make_map(events_frame)`` (features, layers, page) after one small
  map of the same area and the basemap region of all the events (the first map of a process
  also loads the basemap and cuts the region: reported as ``cold_first_map_s``) and
  ``.save``; HTML size; time to
  open in Debian chromium until every target symbol is drawn (network blocked); then the
  frame times while panning (four mouse drags: requestAnimationFrame intervals p50/p95/max,
  long tasks over 50 ms), the "no visible lag" figures: p95 at or under about 50 ms and no
  long task;
* naive: one ``folium.Marker`` with a ``folium.Popup`` (an HTML table of the attributes) per
  event, rendered with ``Map.get_root().render()``: build time and HTML size;
* the ratios: size (goal: ours <= 1/5 of naive) and build time (goal: >= 10x faster);
  also the build time from the features frame (``event_features`` already done), the part
  ``geomap.render`` owns.

Prints a short report, then one JSON line.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ["city", "base", "airbase", "port", "district", "admin1", "oilfield", "site"]
PRECISION_OF = {"city": "city", "base": "site", "airbase": "site", "port": "site",
                "district": "district", "admin1": "admin1", "oilfield": "site", "site": "site"}
RADIUS = {"site": 2.0, "city": 10.0, "district": 30.0, "admin1": 100.0}
WORDS = "strike drone base convoy militia launched claimed video reported officials said".split()


def synthetic_events(n: int, seed: int = 7) -> Any:
    """A contract-2 events frame of ``n`` rows."""
    import geopandas as gpd
    import pandas as pd

    rng = random.Random(seed)
    rows = []
    for i in range(n):
        kind = rng.choice(KINDS)
        precision = PRECISION_OF[kind]
        tlon, tlat = rng.uniform(34, 60), rng.uniform(12, 38)
        day = 1 + rng.randrange(30)
        row = {
            "id": f"ev-{i:05d}", "row": i + 2, "source_file": "synthetic.csv",
            "date": f"2024-03-{day:02d}", "date_start": f"2024-03-{day:02d}",
            "date_end": f"2024-03-{day:02d}", "date_precision": "day",
            "attacker": rng.choice(["Group A", "Group B", "Forces C"]),
            "target_party": rng.choice(["Forces D", "Militia E", "Civilians"]),
            "weapon": rng.choice(["drone", "missile", "air strike", "rocket"]),
            "target": f"Place {i}", "target_lat": tlat, "target_lon": tlon,
            "target_geocoded": f"Place {i}", "target_precision": precision,
            "target_radius_km": RADIUS[precision], "target_kind": kind,
            "target_country_code": rng.choice(["IQ", "SY", "YE", "SA", "JO"]),
            "target_source": "geonames", "target_source_id": str(100000 + i),
            "killed": rng.choice([None, 0, 1, 2, 5, 12]), "injured": rng.choice([None, 1, 3]),
            "claim": rng.choice(["claimed", "attributed", "unknown"]),
            "sources": tuple(f"https://news{k}.example/{i}" for k in range(rng.choice([1, 2]))),
            "notes": " ".join(rng.choice(WORDS) for _ in range(12)),
        }
        if i % 2 == 0:
            row.update({"origin": f"Launch {i}", "origin_lat": rng.uniform(12, 38),
                        "origin_lon": rng.uniform(34, 60), "origin_precision": "city",
                        "origin_radius_km": 10.0, "origin_kind": "city",
                        "origin_geocoded": f"Launch {i}"})
        rows.append(row)
    frame = pd.DataFrame(rows)
    for col in ("killed", "injured"):
        frame[col] = frame[col].astype("Int64")
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["target_lon"],
                                                                frame["target_lat"]),
                            crs="EPSG:4326")


def naive_folium(events: Any) -> str:
    """One folium Marker with a Popup per event: what the docs suggest."""
    import folium

    m = folium.Map(location=[25, 45], zoom_start=5)
    shown = ["id", "date", "attacker", "target_party", "weapon", "target", "killed", "injured",
             "claim", "sources", "notes"]
    for rec in events[shown + ["target_lat", "target_lon"]].to_dict("records"):
        table = "".join(f"<tr><th>{k}</th><td>{html.escape(str(rec[k]))}</td></tr>"
                        for k in shown)
        folium.Marker([rec["target_lat"], rec["target_lon"]],
                      popup=folium.Popup(f"<table>{table}</table>", max_width=300)).add_to(m)
    return m.get_root().render()


def open_time(path: Path, expected: int) -> tuple[float, dict[str, Any]]:
    """Seconds from navigation until the map is drawn (network blocked): the page marks
    ``gm-drawn`` (``performance.mark``) once the first view is framed, every symbol drawn
    (SVG or canvas: ``data-gm-drawn`` on the map counts them) and the labels placed; the
    mark's time from the navigation start is the figure. Then the frame times of a pan
    (:func:`pan_frames`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                   else r.abort())
        page.goto(path.as_uri(), wait_until="commit")
        page.wait_for_function("() => performance.getEntriesByName('gm-drawn').length > 0",
                               timeout=120_000)
        drawn = int(page.get_attribute(".gm-map", "data-gm-drawn") or 0)
        elapsed = page.evaluate("performance.getEntriesByName('gm-drawn')[0].startTime") / 1000
        pan = pan_frames(page)
        browser.close()
    if drawn < expected:
        raise SystemExit(f"the page drew {drawn} of {expected} symbols")
    return elapsed, pan


#: In the page: every requestAnimationFrame interval and every long task (> 50 ms) from now on.
_SAMPLER = """() => {
  window.__gmFrames = []; window.__gmLong = []; window.__gmStop = false;
  try {
    new PerformanceObserver(l => l.getEntries().forEach(e => window.__gmLong.push(e.duration)))
      .observe({type: 'longtask'});
  } catch (e) {}
  let last = performance.now();
  const tick = t => { window.__gmFrames.push(t - last); last = t;
                      if (!window.__gmStop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}"""


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def pan_frames(page: Any, drags: int = 4, steps: int = 30, distance: int = 320) -> dict[str, Any]:
    """Frame times while a reader pans: ``drags`` mouse drags of ``distance`` px (right, down,
    left, up) in ``steps`` moves each, with a pause after each for the redraw at the end of
    the move. Returns the requestAnimationFrame intervals (ms: p50, p95, max, count) and the
    long tasks (> 50 ms: count, total, max) seen from the first drag to the last redraw."""
    box = page.locator(".gm-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.evaluate(_SAMPLER)
    page.wait_for_timeout(300)
    page.evaluate("() => { window.__gmFrames = []; window.__gmLong = []; }")
    for k in range(drags):
        dx, dy = [(1, 0), (0, 1), (-1, 0), (0, -1)][k % 4]
        page.mouse.move(cx, cy)
        page.mouse.down()
        for s in range(1, steps + 1):
            page.mouse.move(cx + dx * distance * s / steps, cy + dy * distance * s / steps)
        page.mouse.up()
        page.wait_for_timeout(600)
    frames, long = page.evaluate(
        "() => { window.__gmStop = true; return [window.__gmFrames, window.__gmLong]; }")
    frames = frames[1:]
    return {"frames": len(frames), "frame_p50_ms": round(_percentile(frames, 0.5), 1),
            "frame_p95_ms": round(_percentile(frames, 0.95), 1),
            "frame_max_ms": round(max(frames, default=0.0), 1), "long_tasks": len(long),
            "long_task_total_ms": round(sum(long), 1),
            "long_task_max_ms": round(max(long, default=0.0), 1)}


def warm_up(events: Any) -> None:
    """What the first map of a process pays once: a small map of the events' area, and the
    basemap region of all the events (a sample's bounds may round to another region)."""
    from geomap.geometry import event_features
    from geomap.render import make_map
    from geomap.render.basemap import basemap_for, payload_json
    from geomap.render.payload import bounds_of

    make_map(events.iloc[:: max(1, len(events) // 50)])
    payload_json(basemap_for(bounds_of(event_features(events))))


def _timed(func: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    value = func(*args, **kwargs)
    return value, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="500 events: seconds")
    parser.add_argument("--events", type=int, help="number of events (default 10,000)")
    parser.add_argument("--no-browser", action="store_true", help="skip the chromium timing")
    parser.add_argument("--big", type=int, default=100_000,
                        help="also time a map this big (ACLED-size; 0: skip; --quick: 5,000)")
    args = parser.parse_args(argv)
    n = args.events or (500 if args.quick else 10_000)
    big = 5_000 if args.quick and args.big == 100_000 else args.big
    figures = run(n, args.no_browser, naive=True)
    if big:
        figures["big"] = run(big, args.no_browser, naive=False)
    print(json.dumps(figures))
    return 0


def run(n: int, no_browser: bool, *, naive: bool) -> dict[str, Any]:
    """Build, save and open one map of ``n`` synthetic events (and the naive map if asked)."""
    from geomap.render import make_map

    events = synthetic_events(n)
    # the first map of a process loads the basemap and cuts the events' region from it;
    # a small map of the same area pays that once, as any session that maps twice does
    _, cold = _timed(warm_up, events)
    event_map, build = _timed(make_map, events, title=f"{n} synthetic events")
    _, render_only = _timed(make_map, event_map.features, title=f"{n} synthetic events")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.html"
        _, save = _timed(event_map.save, path)
        size = path.stat().st_size
        opened, pan = (None, None) if no_browser else open_time(path, event_map.n_places)
    print(f"geomap render benchmark, {n} events ({event_map.n_places} places)")
    print(f"  geomap: build {build:.2f} s (first map of a process: +{cold:.2f} s), "
          f"save {save:.2f} s, HTML {size / 1e6:.2f} MB, "
          f"opens in chromium in {'-' if opened is None else f'{opened:.2f} s'}")
    if pan:
        print(f"  panning (4 drags of 320 px): frame p50 {pan['frame_p50_ms']} ms, "
              f"p95 {pan['frame_p95_ms']} ms, max {pan['frame_max_ms']} ms over "
              f"{pan['frames']} frames; {pan['long_tasks']} long tasks "
              f"({pan['long_task_total_ms']} ms, longest {pan['long_task_max_ms']} ms)")
    figures = {"events": n, "places": event_map.n_places, "build_s": round(build, 3),
               "build_from_features_s": round(render_only, 3), "cold_first_map_s": round(cold, 3),
               "save_s": round(save, 3), "html_mb": round(size / 1e6, 3),
               "open_s": None if opened is None else round(opened, 3), "pan": pan}
    if not naive:
        return figures
    naive_html, naive_build = _timed(naive_folium, events)
    naive_size = len(naive_html.encode("utf-8"))

    figures.update({"naive_build_s": round(naive_build, 3),
                    "naive_html_mb": round(naive_size / 1e6, 3),
                    "size_ratio": round(size / naive_size, 4),
                    "speedup": round(naive_build / build, 2)})
    print(f"  of which rendering (make_map on the features frame): {render_only:.2f} s, "
          f"{naive_build / render_only:.1f}x faster than naive")
    print(f"  naive folium Marker+Popup per event: build {naive_build:.2f} s, "
          f"HTML {naive_size / 1e6:.2f} MB")
    print(f"  size: {size / naive_size:.3f} of naive (goal <= 0.2); "
          f"build: {naive_build / build:.1f}x faster (goal >= 10x)")
    return figures


if __name__ == "__main__":
    sys.exit(main())
