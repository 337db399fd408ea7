"""Issue 13, item 5: the embed snippet's ``src`` is a safe URL, never script or a local path."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from geomap.errors import GeomapInputError
from geomap.render import make_map
from geomap.render.escape import embed_src


@pytest.fixture(scope="module")
def event_map():
    frame = pd.DataFrame({"id": ["e1"], "date": ["2024-02-02"], "target": ["Erbil"],
                          "target_lat": ["36.19"], "target_lon": ["44.01"]})
    from geomap.events import read_events

    return make_map(read_events(frame, geocode=False), basemap=False)


def _src(snippet: str) -> str:
    (src,) = re.findall(r'<iframe src="([^"]*)"', snippet)
    return src


def test_a_file_named_like_a_script_url_stays_a_relative_file(event_map):
    snippet = event_map.embed_snippet(src="javascript:window.top.__pwned=1;x=0?.html")
    src = _src(snippet)
    assert src == "./javascript%3Awindow.top.__pwned%3D1%3Bx%3D0%3F.html"
    assert "javascript:" not in snippet


@pytest.mark.parametrize("name, url", [
    ("map.html", "./map.html"),
    ("maps/strikes 2024.html", "./maps/strikes%202024.html"),
    ("خريطة.html", "./%D8%AE%D8%B1%D9%8A%D8%B7%D8%A9.html"),
    ('a"><script>x</script>.html', "./a%22%3E%3Cscript%3Ex%3C/script%3E.html"),
    ("data:text/html,<b>.html", "./data%3Atext/html%2C%3Cb%3E.html"),
    ("https://news.example.org/maps/a.html", "https://news.example.org/maps/a.html"),
])
def test_src_is_percent_encoded_and_relative(name, url):
    assert embed_src(name) == url


@pytest.mark.parametrize("name", ["/home/reporter/sources/map.html", "C:\\Users\\r\\map.html",
                                  "\\\\server\\share\\map.html", "//evil.example/x.html", ""])
def test_a_local_absolute_path_is_refused(name):
    with pytest.raises(GeomapInputError):
        embed_src(name)
