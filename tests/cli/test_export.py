"""Tests for ``geomap export`` (CliRunner): outputs, exit status, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli
from tests.export.helpers import check_geojson

DATA = Path(__file__).resolve().parents[1] / "data"
CLEAN = DATA / "export_clean.csv"
MIXED = DATA / "export_events.csv"


def _run(*args: str):
    return CliRunner().invoke(cli, ["export", *map(str, args)])


def test_all_rows_mapped_exits_0_and_writes_valid_geojson(tmp_path):
    out = tmp_path / "out.geojson"
    result = _run(CLEAN, "-o", out)
    assert result.exit_code == 0, result.output
    document = check_geojson(out)
    assert [f["id"] for f in document["features"]][:2] == ["c1/target", "c2/target"]
    assert "3 rows: 3 mapped" in result.stderr


def test_rejected_rows_exit_1_with_the_report_on_stderr(tmp_path):
    out = tmp_path / "out.geojson"
    report = tmp_path / "report.jsonl"
    result = _run(MIXED, "-o", out, "--report", report)
    assert result.exit_code == 1
    assert "export_events.csv" in result.stderr and "month 13" in result.stderr
    assert result.stdout == ""
    assert len(check_geojson(out)["features"]) == 10  # the valid rows are still written
    problems = [json.loads(line) for line in report.read_text().splitlines()]
    assert {p["row"] for p in problems} == {6}


@pytest.mark.parametrize("args", [
    [],  # neither -o nor --out-dir
    ["-o", "{t}/a.geojson", "--out-dir", "{t}/d"],
    ["-o", "{t}/a.geojson", "--split-by", "id"],
    ["--out-dir", "{t}/d", "--split-by", "weapon"],
    ["-o", "{t}/a.geojson", "--format", "kml"],
    ["-o", "{t}/a.geojson", "--precision", "-1"],
    ["-o", "{t}/a.geojson", "--scheduler", "tcp://127.0.0.1:1"],
    ["-o", "{t}/a.geojson", "--overwrite", "--skip-existing"],
])
def test_usage_errors_exit_2(args, tmp_path):
    result = _run(CLEAN, *[a.format(t=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.iterdir())


def test_existing_output_is_one_line_exit_1(tmp_path):
    out = tmp_path / "out.geojson"
    out.write_text("keep")
    result = _run(CLEAN, "-o", out)
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "--overwrite" in result.stderr
    assert out.read_text() == "keep"
    assert _run(CLEAN, "-o", out, "--overwrite").exit_code == 0
    check_geojson(out)


def test_split_by_attacker_keeps_hostile_names_inside_the_folder(tmp_path):
    out = tmp_path / "out"
    result = _run(CLEAN, "--out-dir", out, "--split-by", "attacker", "--bbox", "--uncertainty")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["United States.geojson", "_.._outside.geojson", "_CON.geojson"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    crossing = check_geojson(out / "_.._outside.geojson")
    assert crossing["bbox"][0] > crossing["bbox"][2]
    rerun = _run(CLEAN, "--out-dir", out, "--split-by", "attacker", "--skip-existing")
    assert rerun.exit_code == 0 and "skipped 3 existing" in rerun.stderr


@pytest.mark.parametrize("fmt", ["geojsonseq", "gpkg", "fgb", "parquet"])
def test_other_formats(tmp_path, fmt):
    result = _run(CLEAN, "--out-dir", tmp_path, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.iterdir())) == 1


def test_dask_engine_on_the_command_line(tmp_path):
    local, dask_out = tmp_path / "local.geojson", tmp_path / "dask.geojson"
    assert _run(CLEAN, "-o", local).exit_code == 0
    result = _run(CLEAN, "-o", dask_out, "--engine", "dask", "--scheduler", "synchronous")
    assert result.exit_code == 0, result.output
    assert dask_out.read_bytes() == local.read_bytes()


def test_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr("geomap.export.dask.CONNECT_TIMEOUT", "1s")
    result = _run(CLEAN, "-o", tmp_path / "x.geojson", "--engine", "dask",
                  "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "scheduler" in result.stderr


def test_the_output_suffix_chooses_the_driver_unless_one_is_given(tmp_path):
    # '-o events.gpkg' without --driver wrote GeoJSON text into events.gpkg (exit 0)
    src = tmp_path / "events.csv"
    src.write_text("id,date,target,target_lat,target_lon\ne1,2024-02-02,Erbil,36.19,44.01\n",
                   encoding="utf-8")
    out = tmp_path / "events.gpkg"
    result = CliRunner().invoke(cli, ["export", "--no-geocode", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"SQLite format 3\x00")
    seq = tmp_path / "events.GEOJSONS"
    result = CliRunner().invoke(cli, ["export", "--no-geocode", str(src), "-o", str(seq)])
    assert result.exit_code == 0 and seq.read_bytes().startswith(b"\x1e{")
    clash = CliRunner().invoke(cli, ["export", "--no-geocode", str(src), "-o",
                                     str(tmp_path / "x.parquet"), "--driver", "geojson"])
    assert clash.exit_code == 2
    assert "x.parquet" in clash.output and "--driver parquet" in clash.output
    assert not (tmp_path / "x.parquet").exists()


def test_the_help_examples_keep_their_lines():
    # the docstring's backslash continuation joined the dask example into one line:
    # "--scheduler tcp://host:8786         --out-dir parts/"
    result = CliRunner().invoke(cli, ["export", "--help"])
    assert result.exit_code == 0
    assert "tcp://host:8786 \\\n" in result.output
    assert "8786   " not in result.output
