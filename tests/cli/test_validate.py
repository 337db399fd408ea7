"""``geomap validate``: the report on stdout, exit 0 / 1 / 2, the schema in --help."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.events.schema import CLAIM_VALUES, EVENT_COLUMNS

DATA = Path(__file__).resolve().parent.parent / "data"


def _run(*args):
    return CliRunner().invoke(cli, ["validate", *args])


def test_messy_file_prints_every_problem_and_exits_1(monkeypatch):
    monkeypatch.chdir(DATA)
    result = _run("--no-geocode", "events_messy.csv")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["severity", "file", "row", "field", "problem"]
    assert lines[1].split(None, 4) == [
        "error", "events_messy.csv", "3", "date",
        "'2024-02-30' is not a valid date: February 2024 has 29 days"]
    assert any("duplicate id 'e01' (first in row 2)" in line for line in lines)
    assert lines[-1] == "27 rows: 2 mapped, 16 rejected, 9 unresolved (4 warnings)"
    assert "Traceback" not in result.output


def test_clean_file_exits_0():
    result = _run("--no-geocode", str(DATA / "events_semicolon.csv"))
    assert result.exit_code == 0, result.output
    assert result.stdout == "2 rows: 2 mapped, 0 rejected, 0 unresolved\n"


def test_jsonl_goes_to_stdout_and_the_summary_to_stderr():
    result = _run("--no-geocode", "--format", "jsonl", str(DATA / "events_acled.csv"))
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["row"], r["field"], r["severity"]) for r in records] == [
        (6, "latitude", "error"), (6, "fatalities", "error")]
    assert result.stderr == "5 rows: 4 mapped, 1 rejected, 0 unresolved\n"


def test_csv_format_and_several_files():
    result = _run("--no-geocode", "--format", "csv", str(DATA / "events_acled.csv"),
                  str(DATA / "events_bom.csv"))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["field"] for r in rows] == ["latitude", "fatalities"]
    assert result.stderr.startswith("7 rows: 6 mapped, 1 rejected")


def test_report_file_is_written(tmp_path):
    out = tmp_path / "report.jsonl"
    result = _run("--no-geocode", "--report", str(out), str(DATA / "events_acled.csv"))
    assert result.exit_code == 1
    assert len(out.read_text().splitlines()) == 2


def test_help_documents_the_schema():
    result = _run("--help")
    assert result.exit_code == 0
    for name in [*EVENT_COLUMNS, *CLAIM_VALUES]:
        assert name in result.output, name
    assert "the header is row 1" in result.output


def test_usage_errors_exit_2(tmp_path):
    assert _run().exit_code == 2
    assert _run("--format", "xml", str(DATA / "events_bom.csv")).exit_code == 2
    assert _run(str(tmp_path / "missing.csv")).exit_code == 2


def test_an_unreadable_file_is_one_line_and_exit_1(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    result = _run("--no-geocode", str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}: is not valid JSON")
    assert "Traceback" not in result.output


def test_standard_input_is_read_and_named():
    result = CliRunner().invoke(cli, ["validate", "--no-geocode", "-"],
                                input="id,date,target,target_lat,target_lon\n"
                                      "a,2024-02-30,X,1,2\nb,2024-02-02,Y,1,2\n")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1].split(None, 4) == [
        "error", "<stdin>", "2", "date",
        "'2024-02-30' is not a valid date: February 2024 has 29 days"]
    assert result.stdout.splitlines()[-1] == "2 rows: 1 mapped, 1 rejected, 0 unresolved"


def test_with_the_real_geocoder_unresolved_names_exit_1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "events.csv"
    path.write_text("id,date,target\na,2024-02-02,Erbil\nb,2024-02-02,Xqzzyville\n", "utf-8")
    result = _run("events.csv")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1].split(None, 4) == [
        "unresolved", "events.csv", "3", "target",
        "'Xqzzyville' did not resolve; add target_lat/target_lon or check the spelling"]
    clean = tmp_path / "clean.csv"
    clean.write_text("id,date,target\na,2024-02-02,Erbil\n", "utf-8")
    assert _run(str(clean)).exit_code == 0
