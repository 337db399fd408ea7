"""make_map's page options and their ``geomap map`` flags: ``inset`` (--inset/--no-inset),
``lang`` (--lang)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import pytest
from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.errors import GeomapInputError
from geomap.render import make_map

EVENTS = "id,date,target,target_lat,target_lon\ne1,2024-02-02,Erbil,36.19,44.01\n" \
         "e2,2024-02-03,Aden,12.79,45.03\n"


def _data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="gm-data">(.*?)</script>',
                                html, re.S).group(1))


@pytest.mark.parametrize("inset", [True, False, "auto"])
def test_inset_reaches_the_page(seed_like: gpd.GeoDataFrame, inset: bool | str) -> None:
    assert _data(make_map(seed_like, inset=inset).html)["inset"] == inset


def test_inset_defaults_to_auto(seed_like: gpd.GeoDataFrame) -> None:
    assert _data(make_map(seed_like).html)["inset"] == "auto"


@pytest.mark.parametrize("bad", [1, 0, "yes", None, "True"])
def test_inset_refuses_anything_else(seed_like: gpd.GeoDataFrame, bad: object) -> None:
    with pytest.raises(GeomapInputError, match="inset must be"):
        make_map(seed_like, inset=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("flag, want", [([], "auto"), (["--inset"], True),
                                        (["--no-inset"], False)])
def test_cli_inset_flags(tmp_path: Path, flag: list[str], want: bool | str) -> None:
    events = tmp_path / "events.csv"
    events.write_text(EVENTS, encoding="utf-8")
    out = tmp_path / "map.html"
    result = CliRunner().invoke(cli, ["map", str(events), "-o", str(out), "--no-geocode", *flag])
    assert result.exit_code == 0, result.output
    assert _data(out.read_text(encoding="utf-8"))["inset"] == want


# ---- country names in the reader's language: lang= and --lang ----

def test_basemap_names_countries_in_newsroom_languages() -> None:
    from geomap.render.basemap import load_basemap_data, name_languages

    assert {"ar", "de", "es", "fa", "fr", "he", "ru", "tr", "zh"} <= set(name_languages())
    syria = next(c for c in load_basemap_data()["countries"] if c["iso"] == "SY")
    assert syria["name"] == "Syria"
    assert syria["names"]["ar"] == "سوريا" and syria["names"]["de"] == "Syrien"
    assert syria["names"]["fr"] == "Syrie" and "en" not in syria["names"]


@pytest.mark.parametrize("lang, code", [("ar", "ar"), ("fr-CA", "fr"), ("DE", "de"),
                                        ("en", "en"), ("en_GB", "en")])
def test_lang_embeds_that_language_only(seed_like: gpd.GeoDataFrame, lang: str,
                                        code: str) -> None:
    data = _data(make_map(seed_like, lang=lang).html)
    assert data["lang"] == code
    names = data["basemap"]["country_names"]
    assert list(names) == ([] if code == "en" else [code])
    if code != "en":
        countries = [c[0] for c in data["basemap"]["countries"]]
        assert names[code][countries.index("Syria")] in ("سوريا", "Syrie", "Syrien")


def test_without_lang_the_page_gets_every_language(seed_like: gpd.GeoDataFrame) -> None:
    from geomap.render.basemap import name_languages

    data = _data(make_map(seed_like).html)
    assert data["lang"] is None
    assert sorted(data["basemap"]["country_names"]) == list(name_languages())


@pytest.mark.parametrize("bad", ["xx", "", "klingon", 5])
def test_lang_refuses_a_language_without_names(seed_like: gpd.GeoDataFrame,
                                                bad: object) -> None:
    with pytest.raises(GeomapInputError, match="no country names in"):
        make_map(seed_like, lang=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("args, code, want", [(["--lang", "ar"], 0, "ar"),
                                              ([], 0, None), (["--lang", "xx"], 2, None)])
def test_cli_lang(tmp_path: Path, args: list[str], code: int, want: str | None) -> None:
    events = tmp_path / "events.csv"
    events.write_text(EVENTS, encoding="utf-8")
    out = tmp_path / "map.html"
    result = CliRunner().invoke(cli, ["map", str(events), "-o", str(out), "--no-geocode", *args])
    assert result.exit_code == code, result.output
    if code == 0:
        assert _data(out.read_text(encoding="utf-8"))["lang"] == want
    else:
        assert "no country names in 'xx'" in result.output and not out.exists()
