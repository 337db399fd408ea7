"""CliRunner tests for ``geomap geocode`` (the stable CLI contract)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli

REQUIRED = (
    "query", "name", "lat", "lon", "precision", "kind", "country_code", "source", "source_id",
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_jsonl_has_every_contract_field(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["geocode", "--format", "jsonl", "Erbil", "Dayr az-Zawr"])
    assert result.exit_code == 0, result.output
    rows = _jsonl(result.output)
    assert [r["query"] for r in rows] == ["Erbil", "Dayr az-Zawr"]
    for r in rows:
        assert set(REQUIRED) <= set(r)
        assert r["precision"] == "city"
    assert rows[0]["country_code"] == "IQ" and rows[1]["country_code"] == "SY"
    assert isinstance(rows[0]["lat"], float) and isinstance(rows[0]["alternatives"], list)


def test_unresolved_shape_and_exit_1(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["geocode", "--format", "jsonl", "Erbil", "Qwzxvbnmland"])
    assert result.exit_code == 1
    rows = _jsonl(result.output)
    assert rows[1]["precision"] == "unresolved"
    assert rows[1]["lat"] is None and rows[1]["lon"] is None and rows[1]["name"] is None


def test_ambiguous_exits_1_with_candidates(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["geocode", "--format", "jsonl", "Tripoli"])
    assert result.exit_code == 1
    (row,) = _jsonl(result.output)
    assert row["ambiguous"] is True and row["precision"] == "unresolved"
    assert {"LY", "LB"} <= {a["country_code"] for a in row["alternatives"]}


def test_country_hint_decides(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["geocode", "--format", "jsonl", "--country", "lb", "Tripoli"])
    assert result.exit_code == 0, result.output
    assert _jsonl(result.output)[0]["country_code"] == "LB"


def test_context_decides(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["geocode", "--format", "jsonl", "--context", "Libya", "Tripoli"])
    assert result.exit_code == 0, result.output
    assert _jsonl(result.output)[0]["country_code"] == "LY"


def test_double_dash_allows_a_leading_dash(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["geocode", "--format", "jsonl", "--", "-Erbil"])
    assert result.exit_code == 0, result.output
    row = _jsonl(result.output)[0]
    assert row["query"] == "-Erbil" and row["name"] == "Erbil"


def test_input_column_in_order(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("id,place\n1,Baghdad\n2,Not A Real Placeqq\n3,Sanaa\n", encoding="utf-8")
    result = runner.invoke(
        cli, ["geocode", "--format", "jsonl", "--input", str(path), "--column", "place"]
    )
    assert result.exit_code == 1
    rows = _jsonl(result.output)
    assert [r["query"] for r in rows] == ["Baghdad", "Not A Real Placeqq", "Sanaa"]
    assert [r["country_code"] for r in rows] == ["IQ", None, "YE"]


def test_missing_column_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("id,place\n1,Baghdad\n", encoding="utf-8")
    result = runner.invoke(cli, ["geocode", "--input", str(path), "--column", "town"])
    assert result.exit_code == 2
    assert "names.csv" in result.output and "'town'" in result.output
    assert "Traceback" not in result.output


def test_missing_input_is_a_usage_error_like_every_command(runner: CliRunner,
                                                            tmp_path: Path) -> None:
    # issue 13, item 8: README: an input file that does not exist is a usage error (2)
    missing = tmp_path / "nope.csv"
    result = runner.invoke(cli, ["geocode", "--input", str(missing), "--column", "x"])
    assert result.exit_code == 2
    assert "nope.csv" in result.output and "Traceback" not in result.output


def test_unreadable_input_exits_1_with_one_line(runner: CliRunner, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(cli, ["geocode", "--input", str(tmp_path), "--column", "x"])
    assert result.exit_code == 1
    assert str(tmp_path) in result.output and len(result.output.strip().splitlines()) == 1
    locked = tmp_path / "locked.csv"
    locked.write_text("x\nErbil\n", encoding="utf-8")
    real_open = open

    def refuse(file, *args, **kwargs):
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    result = runner.invoke(cli, ["geocode", "--input", str(locked), "--column", "x"])
    assert result.exit_code == 1
    assert "locked.csv" in result.output and "Permission denied" in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("sep", [";", "\t", ","])
def test_input_separator_is_sniffed_like_the_events_readers(runner: CliRunner, tmp_path: Path,
                                                            sep: str) -> None:
    names = tmp_path / "names.csv"
    names.write_text(sep.join(["id", "place"]) + "\n" + sep.join(["1", "Tower 22"]) + "\n",
                     encoding="utf-8")
    result = runner.invoke(cli, ["geocode", "--input", str(names), "--column", "place",
                                 "--format", "jsonl"])
    assert [json.loads(line)["query"] for line in result.stdout.splitlines()] == ["Tower 22"]


def test_input_with_an_unclosed_quote_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text('place\nErbil\n"Mosul\nKirkuk\n', encoding="utf-8")
    result = runner.invoke(cli, ["geocode", "--input", str(names), "--column", "place"])
    assert result.exit_code == 1
    assert f"{names}, row 3" in result.output and "never closed" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["geocode"]).exit_code == 2
    assert runner.invoke(cli, ["geocode", "--format", "xml", "Erbil"]).exit_code == 2
    assert runner.invoke(cli, ["geocode", "--country", "IRQ", "Erbil"]).exit_code == 2
    assert runner.invoke(cli, ["geocode", "--column", "x", "Erbil"]).exit_code == 2


def test_csv_format(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["geocode", "--format", "csv", "Gulf of Aden", "Aden"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("query,name,lat,lon,precision,kind,country_code")
    assert lines[1].startswith("Gulf of Aden,Gulf of Aden,") and ",region,gulf," in lines[1]
    assert lines[2].startswith("Aden,Aden,") and ",city,city,YE," in lines[2]


def test_table_format(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["geocode", "Baghdad", "Tripoli"])
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["query", "name", "lat", "lon"]
    assert "Baghdad" in lines[1] and "ambiguous" in lines[2]
    assert result.exit_code == 1


def test_csv_answers_never_carry_a_formula(tmp_path):
    # issue 13, item 3: `geocode --format csv` wrote =HYPERLINK( / +cmd| / @SUM( raw
    names = tmp_path / "names.csv"
    names.write_text('name\n"=HYPERLINK(""http://x"")"\n+cmd|x\n@SUM(1)\n-1+2\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["geocode", "--input", str(names), "--column", "name",
                                      "--format", "csv"])
    assert result.exit_code == 1, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["query"] for r in rows] == ["'=HYPERLINK(\"http://x\")", "'+cmd|x", "'@SUM(1)",
                                          "'-1+2"]


def test_an_input_that_is_not_utf8_names_the_line_as_validate_does(runner: CliRunner,
                                                                    tmp_path: Path) -> None:
    # was: "cannot read the file ('utf-8' codec can't decode byte 0xe9 in position 21: ...)"
    path = tmp_path / "names.csv"
    path.write_bytes("place\nErbil\nMos\xe9ul\n".encode("cp1252"))
    result = runner.invoke(cli, ["geocode", "--input", str(path), "--column", "place"])
    assert result.exit_code == 1
    assert result.output == (f"Error: {path}: line 3 is not UTF-8 text (byte 0xe9 after 'Mos'); "
                             "save it as UTF-8 ('CSV UTF-8' in a spreadsheet)\n")


def test_a_blank_line_inside_the_input_keeps_its_answer(runner: CliRunner,
                                                         tmp_path: Path) -> None:
    # a blank line was skipped: 3 rows gave 2 answers, and the answers (which carry no row
    # number) no longer lined up with the rows; blank lines at the end are not rows
    path = tmp_path / "names.csv"
    path.write_text("place\nBaghdad\n\nSanaa\n\n\n", encoding="utf-8")
    result = runner.invoke(cli, ["geocode", "--format", "csv", "--input", str(path),
                                 "--column", "place"])
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["query"], r["country_code"]) for r in rows] == [
        ("Baghdad", "IQ"), ("", ""), ("Sanaa", "YE")]
