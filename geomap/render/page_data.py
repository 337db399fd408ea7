"""The page's data element and credit line: the JSON document (gzip + base64 for big maps),
the source hosts named in the credits, and the attribution every map shows."""

from __future__ import annotations

import base64
import gzip
import re
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from geomap.render.escape import LINK_REL, json_for_script, link_html, script_safe
from geomap.render.escape import safe_url as _safe_url
from geomap.render.popups import split_sources

__all__ = ["ATTRIBUTION", "COMPRESS_ABOVE", "credits_html", "data_block", "source_hosts",
           "json_text"]

_LINK = f'target="_blank" rel="{LINK_REL}"'
#: Always shown, in the map's attribution control and in the credit line.
ATTRIBUTION: tuple[str, ...] = (
    f'Places: <a href="https://www.geonames.org/" {_LINK}>GeoNames</a> (CC BY 4.0)',
    f'Basemap: <a href="https://www.naturalearthdata.com/" {_LINK}>Natural Earth</a>',
    f'<a href="https://leafletjs.com/" {_LINK}>Leaflet</a>',
)
_HOST = re.compile(r"\s*https?://([^/?#\s]+)", re.IGNORECASE)
_MAX_CREDIT_SOURCES = 8
#: Page data above this many characters is stored gzip-compressed (``compress=None``).
COMPRESS_ABOVE = 1_000_000


def source_hosts(events: pd.DataFrame,
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


def credits_html(hosts: dict[str, str], tiles: dict[str, Any] | None) -> str:
    """The page's credit line: the events' source hosts (linked), the gazetteer and basemap
    attributions, and the online tiles' when they are on."""
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


def json_text(data: dict[str, Any], made: Mapping[str, Callable[[], str]] | None = None) -> str:
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


def data_block(data: dict[str, Any], compress: bool | None,
                made: Mapping[str, Callable[[], str]] | None = None) -> dict[str, str]:
    """The data element: JSON, or (big maps) gzip + base64 that the page inflates offline
    with the browser's DecompressionStream (base64 needs no script escaping)."""
    text = json_text(data, made)
    if compress is None:
        compress = len(text) > COMPRESS_ABOVE
    if not compress:
        return {"data_attrs": 'type="application/json"', "data": script_safe(text)}
    packed = base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=4, mtime=0))
    return {"data_attrs": 'type="application/octet-stream" data-encoding="gzip+base64"',
            "data": packed.decode("ascii")}
