"""Issue 13, item 2: no local path is published; the base name only when asked for."""

from __future__ import annotations

import json

from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.events import read_events
from geomap.events.core import iter_frames

ROWS = "id,date,target,target_lat,target_lon\ne1,2024-02-02,Erbil,36.19,44.01\n"


def _events_file(tmp_path):
    folder = tmp_path / "home" / "reporter" / "sources"
    folder.mkdir(parents=True)
    path = folder / "strikes.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


def test_by_default_no_file_name_is_in_the_frame(tmp_path):
    path = _events_file(tmp_path)
    events = read_events(path, geocode=False)
    assert list(events.frame["source_file"]) == [None]
    frame, _ = next(iter_frames(path, geocode=False))
    assert list(frame["source_file"]) == [None]
    # the report, which stays with the reporter, still names the file as given
    assert read_events(path, geocode=False).report.ok


def test_provenance_gives_the_base_name_never_the_folder(tmp_path):
    path = _events_file(tmp_path)
    events = read_events(str(path), geocode=False, provenance=True)
    assert list(events.frame["source_file"]) == ["strikes.csv"]
    frame, _ = next(iter_frames(path, geocode=False, provenance=True))
    assert list(frame["source_file"]) == ["strikes.csv"]


def test_published_outputs_of_the_cli_carry_no_local_path(tmp_path):
    path = _events_file(tmp_path)
    html, geojson = tmp_path / "m.html", tmp_path / "e.geojson"
    runner = CliRunner()
    result = runner.invoke(cli, ["map", "--no-geocode", str(path), "-o", str(html)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["export", "--no-geocode", str(path), "-o", str(geojson)])
    assert result.exit_code == 0, result.output
    for out in (html, geojson):
        text = out.read_text(encoding="utf-8")
        assert "reporter" not in text and "strikes.csv" not in text
    (feature,) = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    assert feature["properties"]["source_file"] is None
    asked = tmp_path / "p.html"
    result = runner.invoke(cli, ["map", "--no-geocode", "--provenance", str(path),
                                 "-o", str(asked)])
    assert result.exit_code == 0, result.output
    text = asked.read_text(encoding="utf-8")
    assert "strikes.csv" in text and "reporter" not in text


def test_export_provenance_names_the_base_name_in_every_path_of_the_exporter(tmp_path):
    """``geomap export --provenance``: one file (streamed), a folder (batch), another format."""
    path = _events_file(tmp_path)
    runner = CliRunner()
    one, folder, gpkg = tmp_path / "one.geojson", tmp_path / "out", tmp_path / "e.gpkg"
    for args in (["-o", str(one)], ["--out-dir", str(folder)],
                 ["-o", str(gpkg), "--driver", "gpkg"]):
        result = runner.invoke(cli, ["export", "--no-geocode", "--provenance", str(path), *args])
        assert result.exit_code == 0, result.output
    for out in (one, folder / "strikes.geojson"):
        (feature,) = json.loads(out.read_text(encoding="utf-8"))["features"]
        assert feature["properties"]["source_file"] == "strikes.csv"
        assert "reporter" not in out.read_text(encoding="utf-8")
    import pyogrio

    assert list(pyogrio.read_dataframe(gpkg)["source_file"]) == ["strikes.csv"]
