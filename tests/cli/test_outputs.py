"""Issue 13: nothing is overwritten unless asked, an input never; unreadable inputs are one
line and exit 1; the embed snippet of a hostile file name is a harmless relative URL."""

from __future__ import annotations

import json
import re
import sys

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli

ROWS = ("id,date,target,target_lat,target_lon\n"
        "e1,2024-02-02,Erbil,36.19,44.01\ne2,2024-02-03,Erbil,99,44.01\n")


@pytest.fixture
def events(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _one_line(result):
    lines = result.output.strip().splitlines()
    return len(lines) == 1 and "Traceback" not in result.output and "Usage:" not in result.output


COMMANDS = {
    "validate": ["validate", "--no-geocode"],
    "export": ["export", "--no-geocode", "-o", "{tmp}/out.geojson"],
    "map": ["map", "--no-geocode", "-o", "{tmp}/out.html"],
}


@pytest.mark.parametrize("name", COMMANDS)
def test_report_never_replaces_an_input_even_with_overwrite(name, events, tmp_path):
    base = [a.format(tmp=tmp_path) for a in COMMANDS[name]]
    for extra in ([], ["--overwrite"]):
        result = _run(*base, events, "--report", events, *extra)
        assert result.exit_code == 1 and _one_line(result), result.output
        assert "is an input file" in result.output
        assert events.read_text(encoding="utf-8") == ROWS
    same = tmp_path / "sub" / ".." / "v.csv"
    (tmp_path / "sub").mkdir()
    result = _run(*base, events, "--report", same, "--overwrite")
    assert result.exit_code == 1 and "is an input file" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_report_refuses_an_existing_file_unless_overwrite(name, events, tmp_path):
    base = [a.format(tmp=tmp_path) for a in COMMANDS[name]]
    report = tmp_path / "report.csv"
    report.write_text("keep me", encoding="utf-8")
    result = _run(*base, events, "--report", report)
    assert result.exit_code == 1 and _one_line(result) and "already exists" in result.output
    assert report.read_text(encoding="utf-8") == "keep me"
    for output in tmp_path.glob("out.*"):
        output.unlink()
    result = _run(*base, events, "--report", report, "--overwrite")
    assert result.exit_code == 1, result.output  # row 3 is rejected
    assert report.read_text(encoding="utf-8").startswith("path,row,field")


@pytest.mark.parametrize("name", ["export", "map"])
def test_output_equal_to_an_input_is_refused_even_with_overwrite(name, events, tmp_path):
    flags = ["--no-geocode", "--overwrite", "-o"]
    for output in (events, tmp_path / "link.csv"):
        if output.name == "link.csv":
            output.symlink_to(events)
        target = output if name == "export" else output.with_suffix(".html")
        if name == "map":  # map wants .html: an input called v.html
            target.write_text("<p>input</p>", encoding="utf-8")
            result = _run(name, *flags, target, events, target)
        else:
            result = _run(name, *flags, target, events)
        assert result.exit_code == 1 and "is an input file" in result.output, result.output
    assert events.read_text(encoding="utf-8") == ROWS


def test_map_refuses_an_existing_output_unless_overwrite(events, tmp_path):
    out = tmp_path / "m.html"
    out.write_text("old", encoding="utf-8")
    result = _run("map", "--no-geocode", events, "-o", out)
    assert result.exit_code == 1 and _one_line(result) and "--overwrite" in result.output
    assert out.read_text(encoding="utf-8") == "old"
    assert _run("map", "--no-geocode", events, "-o", out, "--overwrite").exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("name", COMMANDS)
def test_a_folder_or_an_unreadable_input_is_one_line_and_exit_1(name, events, tmp_path,
                                                               monkeypatch):
    base = [a.format(tmp=tmp_path) for a in COMMANDS[name]]
    folder = tmp_path / "adir.csv"
    folder.mkdir()
    result = _run(*base, folder)
    assert result.exit_code == 1 and _one_line(result), result.output
    assert "adir.csv" in result.output
    real_open = open

    def refuse(file, *args, **kwargs):
        if str(file) == str(events):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    result = _run(*base, events)
    monkeypatch.undo()
    assert result.exit_code == 1 and _one_line(result), result.output
    assert "v.csv" in result.output and "Permission denied" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_deeply_nested_json_is_one_line_naming_the_file(name, tmp_path):
    base = [a.format(tmp=tmp_path) for a in COMMANDS[name]]
    deep = tmp_path / "deep.json"
    depth = sys.getrecursionlimit() * 20
    deep.write_text("[" * depth + "]" * depth, encoding="utf-8")
    result = _run(*base, deep)
    assert result.exit_code == 1 and _one_line(result), result.output
    assert "deep.json" in result.output and "nested" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_an_unclosed_quote_is_one_line_naming_file_and_row(name, tmp_path):
    base = [a.format(tmp=tmp_path) for a in COMMANDS[name]]
    bad = tmp_path / "quote.csv"
    bad.write_text(ROWS.replace("e1,2024-02-02,Erbil", 'e1,2024-02-02,"Erbil'), encoding="utf-8")
    result = _run(*base, bad)
    assert result.exit_code == 1 and _one_line(result), result.output
    assert f"{bad}, row 2" in result.output and "EOF inside string" in result.output
    assert not (tmp_path / "out.geojson").exists() and not (tmp_path / "out.html").exists()


def test_missing_inputs_are_usage_errors_everywhere(tmp_path):
    missing = tmp_path / "missing.csv"
    for args in (["validate", missing], ["export", missing, "-o", tmp_path / "o.geojson"],
                 ["map", missing, "-o", tmp_path / "o.html"],
                 ["geocode", "--input", missing, "--column", "x"], ["extract", missing]):
        result = _run(*args)
        assert result.exit_code == 2 and "missing.csv" in result.output, (args, result.output)


def test_embed_snippet_of_a_script_like_file_name_is_a_relative_url(events, tmp_path):
    out = tmp_path / "javascript:window.top.__pwned=1;x=0?.html"
    result = _run("map", "--no-geocode", events, "-o", out, "--embed")
    (src,) = re.findall(r'<iframe src="([^"]*)"', result.stdout)
    assert src == "./javascript%3Awindow.top.__pwned%3D1%3Bx%3D0%3F.html"


def test_export_takes_no_geocode_and_the_old_spellings_still_work(events, tmp_path):
    new = tmp_path / "new.gpkg"
    old = tmp_path / "old.gpkg"
    assert _run("export", events, "--no-geocode", "-o", new, "--driver", "gpkg",
                "--decimals", "2").exit_code == 1
    assert _run("export", events, "--no-geocode", "-o", old, "--format", "gpkg",
                "--precision", "2").exit_code == 1
    assert new.read_bytes()[:16] == old.read_bytes()[:16] == b"SQLite format 3\x00"
    geo = tmp_path / "a.geojson"
    assert _run("export", events, "--no-geocode", "-o", geo, "--decimals", "1").exit_code == 1
    (feature,) = json.loads(geo.read_text(encoding="utf-8"))["features"]
    assert feature["geometry"]["coordinates"] == [44.0, 36.2]
    geo.unlink()
    assert _run("export", events, "--no-geocode", "-o", geo, "--precision", "1").exit_code == 1
    (feature,) = json.loads(geo.read_text(encoding="utf-8"))["features"]
    assert feature["geometry"]["coordinates"] == [44.0, 36.2]
    both = _run("export", events, "-o", tmp_path / "b.geojson", "--decimals", "1",
                "--precision", "2")
    assert both.exit_code == 2
    helped = _run("export", "--help").output
    assert "--driver" in helped and "--decimals" in helped and "--no-geocode" in helped
    assert "--precision" not in helped and "--format" not in helped


@pytest.mark.parametrize("command, output", [("export", "same.geojson"), ("map", "same.html")])
def test_the_report_and_the_output_cannot_be_one_file(tmp_path, events, command, output):
    # 'export -o same.geojson --report same.geojson --overwrite' replaced the GeoJSON with the
    # text report (exit 0); 'map -o same.html --report same.html' left a report named .html
    target = tmp_path / output
    for extra in ([], ["--overwrite"]):
        result = _run(command, "--no-geocode", events, "-o", target,
                      "--report", tmp_path / "." / output, *extra)
        assert result.exit_code == 2, result.output
        assert "--report" in result.output and "-o" in result.output
        assert not target.exists()


@pytest.mark.parametrize("args", [
    ["map", "-o", "{missing}/m.html"], ["export", "-o", "{missing}/x.geojson"],
    ["validate", "--report", "{missing}/r.csv"], ["export", "-o", "{ok}/x.geojson",
                                                  "--report", "{missing}/r.csv"]])
def test_an_output_in_a_missing_folder_is_refused_before_any_work(tmp_path, events, args):
    # the folder was found missing only after validating, geocoding and drawing everything
    # ("2 rows: 2 mapped ..." then "cannot write here"); now one line and nothing else
    missing = tmp_path / "no" / "such"
    filled = [a.format(missing=missing, ok=tmp_path) for a in args]
    result = _run(filled[0], "--no-geocode", events, *filled[1:])
    assert result.exit_code == 1
    assert result.output == (f"Error: {missing}/{filled[-1].rsplit('/', 1)[1]}: cannot write "
                             f"here: the folder {missing} does not exist\n")
    assert not (tmp_path / "x.geojson").exists()
