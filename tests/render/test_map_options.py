"""make_map's page options and their ``geomap map`` flags: ``inset`` (--inset/--no-inset)."""

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
