"""Issue 13, item 4: an export never writes over one of its inputs, even with --overwrite --
also when the output name comes from --out-dir (one file per input, or per --split-by group)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.errors import GeomapInputError
from geomap.export import export_events

ROWS = "id,date,attacker,target,target_lat,target_lon\ne1,2024-02-02,a,Erbil,36.19,44.01\n"


@pytest.fixture
def geojson_input(tmp_path):
    source = tmp_path / "src.csv"
    source.write_text(ROWS, encoding="utf-8")
    out = tmp_path / "a.geojson"
    export_events(source, output=out, geocode=False)
    return out


def test_out_dir_naming_an_input_is_refused_even_with_overwrite(geojson_input, monkeypatch):
    before = geojson_input.read_bytes()
    monkeypatch.chdir(geojson_input.parent)
    result = CliRunner().invoke(cli, ["export", "a.geojson", "--out-dir", ".", "--overwrite",
                                      "--no-geocode"])
    assert result.exit_code == 1 and "is an input file" in result.output, result.output
    assert geojson_input.read_bytes() == before


def test_split_by_naming_an_input_is_refused(tmp_path):
    source = tmp_path / "a.csv"  # attacker 'a': --split-by attacker would write a.geojson
    source.write_text(ROWS, encoding="utf-8")
    geo = tmp_path / "a.geojson"
    export_events(source, output=geo, geocode=False)
    before = geo.read_bytes()
    with pytest.raises(GeomapInputError, match="is an input file"):
        export_events(geo, out_dir=tmp_path, split_by="attacker", overwrite=True,
                      geocode=False)
    assert geo.read_bytes() == before
