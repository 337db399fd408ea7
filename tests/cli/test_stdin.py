"""``-`` (standard input) as an events file: every command that takes EVENTS reads it, and a
message names it ``<stdin>``, never the temporary copy the readers sniff."""

from __future__ import annotations

import json
import tempfile

from click.testing import CliRunner

from geomap.cli.main import cli

CSV = "id,date,target,target_lat,target_lon\ns1,2024-02-02,Erbil,36.19,44.01\n"


def _run(args, data):
    return CliRunner().invoke(cli, args, input=data)


def test_a_file_error_on_stdin_names_stdin_not_a_temporary_file():
    # was: "Error: /tmp/tmp99wwbb8c/stdin: is not UTF-8 text (byte 0xe9) ..."
    result = _run(["validate", "--no-geocode", "-"],
                  b"id,date,target\ns1,2024-02-02,Mos\xe9ul\n")
    assert result.exit_code == 1
    assert result.output.startswith("Error: <stdin>")
    assert tempfile.gettempdir() not in result.output


def test_export_reads_stdin(tmp_path):
    # was: "Error: -: no such file", exit 1, though '-' passed the argument's check
    out = tmp_path / "out.geojson"
    result = _run(["export", "--no-geocode", "-", "-o", str(out)], CSV)
    assert result.exit_code == 0, result.output
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["event_id"] for f in features] == ["s1"]


def test_export_names_stdin_in_its_report(tmp_path):
    result = _run(["export", "--no-geocode", "-", "-o", str(tmp_path / "out.geojson")],
                  CSV + "s2,2024-02-30,Erbil,36.19,44.01\n")
    assert result.exit_code == 1
    assert "<stdin>" in result.stderr and tempfile.gettempdir() not in result.stderr


def test_map_reads_stdin(tmp_path):
    out = tmp_path / "map.html"
    result = _run(["map", "--no-geocode", "-", "-o", str(out)], CSV)
    assert result.exit_code == 0, result.output
    assert "1 events at 1 places" in result.stderr and out.exists()


def test_stdin_twice_is_a_usage_error():
    # was: the second '-' read nothing and was reported as an empty file
    result = _run(["validate", "--no-geocode", "-", "-"], CSV)
    assert result.exit_code == 2
    assert "standard input" in result.output
