"""``geomap map``: exit codes, outputs, report, embed snippet, usage errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.render.encode import decode_column

DATA = Path(__file__).resolve().parents[1] / "data"
EVENTS = DATA / "map_events.csv"  # two good rows, one with latitude 123.4
SEED = Path(__file__).resolve().parents[2] / "data" / "examples" / "2024-02-05-strikes.csv"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="gm-data">(.*?)</script>',
                                html, re.S).group(1))


def test_seed_example_maps_every_row(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "seed.html"
    result = runner.invoke(cli, ["map", str(SEED), "-o", str(out), "--title", "Seed"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "6 rows: 6 mapped" in result.stderr and "-> " + str(out) in result.stderr
    data = _data(out.read_text(encoding="utf-8"))
    assert data["events"]["n"] == 6
    assert "<title>Seed</title>" in out.read_text(encoding="utf-8")


def test_rejected_row_exits_1_and_valid_rows_are_drawn(runner: CliRunner, tmp_path: Path) -> None:
    out, report = tmp_path / "m.html", tmp_path / "report.csv"
    result = runner.invoke(cli, ["map", str(EVENTS), "-o", str(out), "--no-geocode",
                                 "--report", str(report)])
    assert result.exit_code == 1
    assert "row" in result.stderr and "target_lat" in result.stderr
    assert "Traceback" not in result.output
    data = _data(out.read_text(encoding="utf-8"))
    assert decode_column(data["events"]["data"][0]) == ["m1", "m2"]
    assert len(data["layers"]["path"]["ev"]) == 1
    text = report.read_text(encoding="utf-8")
    assert "target_lat" in text and "123.4" in text


def test_embed_prints_an_iframe(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "embed.html"
    title = '"><script>alert(1)</script>'
    result = runner.invoke(cli, ["map", str(EVENTS), "-o", str(out), "--no-geocode",
                                 "--embed", "--title", title])
    assert result.exit_code == 1  # the bad row is still reported
    snippet = result.stdout.strip()
    assert snippet.startswith("<div") and '<iframe src="./embed.html"' in snippet
    assert 'title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in snippet
    assert "<script>" not in out.read_text(encoding="utf-8").split("<body>")[1].split(
        '<script type="application/json"')[0]


@pytest.mark.parametrize("suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"),
                                          (".pdf", b"%PDF")])
def test_print_formats(runner: CliRunner, tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"m{suffix}"
    result = runner.invoke(cli, ["map", str(EVENTS), "-o", str(out), "--no-geocode"])
    assert result.exit_code == 1
    assert out.read_bytes().startswith(magic)


@pytest.mark.parametrize("args,message", [
    ([], "missing -o/--output"),
    (["-o", "x.txt"], "suffix must be one of"),
    (["-o", "x.html", "--tiles", "No.Such.Tiles"], "unknown tiles"),
    (["-o", "x.png", "--embed"], "--embed needs an HTML output"),
])
def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path, args: list[str],
                             message: str) -> None:
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    result = runner.invoke(cli, ["map", str(EVENTS), "--no-geocode", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_missing_file_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["map", str(tmp_path / "nope.csv"), "-o", "x.html"])
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_unwritable_output_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "dir" / "m.html"
    result = runner.invoke(cli, ["map", str(EVENTS), "-o", str(out), "--no-geocode"])
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.output


def test_rows_without_a_position_are_not_silently_dropped(runner: CliRunner,
                                                          tmp_path: Path) -> None:
    events = tmp_path / "e.csv"
    events.write_text("id,date,target,target_lat,target_lon\n"
                      "a,2024-02-02,Erbil,36.19,44.01\n"
                      "b,2024-02-03,Nowhere,,\n", encoding="utf-8")
    result = runner.invoke(cli, ["map", str(events), "-o", str(tmp_path / "m.html"),
                                 "--no-geocode"])
    assert result.exit_code == 1
    assert "could not be drawn" in result.stderr or "unresolved" in result.stderr
