"""``geomap extract`` (geomap.cli.extract) through click's CliRunner."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli

DISPATCHES = Path(__file__).resolve().parents[1] / "data" / "dispatches"
SEED = DISPATCHES / "seed" / "article-2024-02-05.txt"
GEOCODE_FIELDS = ("query", "name", "lat", "lon", "precision", "kind", "country_code",
                  "radius_km", "confidence", "source", "source_id")


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_jsonl_one_object_per_mention_with_offsets_and_geocode(runner):
    result = runner.invoke(cli, ["extract", "--format", "jsonl", str(SEED)])
    assert result.exit_code == 0, result.output
    text = SEED.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) > 20
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]
        assert row["role"] in ("dateline", "mention")
        assert isinstance(row["flags"], list) and row["place_id"]
        for key in GEOCODE_FIELDS:
            assert key in row
    assert rows[0]["text"] == "Erbil" and rows[0]["role"] == "dateline"
    iraq = {r["place_id"] for r in rows if r["name"] == "Iraq"}
    assert len(iraq) == 1  # one grouping key for every mention of a place
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)


def test_table_lists_each_place_once_with_all_mentions(runner):
    result = runner.invoke(cli, ["extract", str(SEED)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["place", "kind", "cc"]
    iraq = [line for line in lines if line.startswith("Iraq ")]
    assert len(iraq) == 1 and iraq[0].count("Iraq@") >= 5
    assert any(line.startswith("Al-Omar oil field") for line in lines)


def test_stdin_and_date_option(runner):
    result = runner.invoke(cli, ["extract", "--format", "jsonl", "--date", "2024-01-12", "-"],
                           input="SANAA, Yemen — Strikes hit Hodeidah.\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["text"], r["role"]) for r in rows] == [
        ("SANAA", "dateline"), ("Yemen", "dateline"), ("Hodeidah", "mention")]


def test_events_draft_is_written(runner, tmp_path):
    out = tmp_path / "draft.csv"
    result = runner.invoke(cli, ["extract", "--events", str(out), str(SEED)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and "draft_fields" in rows[0]
    assert any(r["target"] == "al-Omar base" and r["date"] == "2024-02-04" for r in rows)


def test_unreadable_file_exits_1(runner, tmp_path):
    result = runner.invoke(cli, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "missing.txt" in result.output and "Traceback" not in result.output
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Sana\xe1a".encode("latin-1"))
    result = runner.invoke(cli, ["extract", str(bad)])
    assert result.exit_code == 1 and "UTF-8" in result.output


def test_unwritable_draft_exits_1(runner, tmp_path):
    result = runner.invoke(cli, ["extract", "--events", str(tmp_path / "no" / "d.csv"),
                                 str(SEED)])
    assert result.exit_code == 1 and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [["extract"], ["extract", "--date", "2024-02-30", "x"], ["extract", "--format", "xml", "x"]],
)
def test_usage_errors_exit_2(runner, args):
    assert runner.invoke(cli, args).exit_code == 2
