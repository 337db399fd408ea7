"""Problem and ValidationReport: messages, verdict, summary, formats, writing."""

from __future__ import annotations

import csv
import io
import json

import pytest

from geomap.errors import GeomapFileError, GeomapInputError
from geomap.events.report import Problem, ValidationReport


def _report():
    report = ValidationReport(rows_in=12, rows_mapped=9)
    report.add(Problem("events.csv", 12, "target_lat", "123.4", "123.4 is outside [-90, 90]"))
    report.add(Problem("events.csv", 14, "killed", "=2+3", "'=2+3' is not a number"))
    report.add(Problem("events.csv", 5, "date", "2099-01-01", "2099-01-01 is in the future",
                       "warning"))
    report.add(Problem("events.csv", 7, "target", "Atlantis", "'Atlantis' did not resolve",
                       "unresolved"))
    report.unresolved_rows.add(("events.csv", 7))
    return report


def test_problem_message_names_file_row_and_field():
    problem = Problem("events.csv", 12, "target_lat", "123.4", "123.4 is outside [-90, 90]")
    assert str(problem) == "events.csv, row 12, field 'target_lat': 123.4 is outside [-90, 90]"
    assert Problem(None, None, None, None, "x").message == "x"
    assert problem.to_dict()["message"] == str(problem)
    with pytest.raises(GeomapInputError, match="severity must be one of"):
        Problem("f", 1, "x", None, "r", "fatal")


def test_errors_reject_rows_and_the_verdict_follows():
    report = _report()
    assert report.rejected_rows == {("events.csv", 12), ("events.csv", 14)}
    assert report.summary() == "12 rows: 9 mapped, 2 rejected, 1 unresolved (1 warning)"
    assert report.rows_in == report.rows_mapped + len(report.rejected_rows
                                                      | report.unresolved_rows)
    assert (report.ok, report.exit_code) == (False, 1)
    assert [len(report.errors), len(report.warnings), len(report.unresolved)] == [2, 1, 1]


def test_a_clean_report_exits_zero_and_warnings_do_not_count():
    report = ValidationReport(rows_in=1, rows_mapped=1)
    report.add(Problem("f", 2, "date", "2099", "2099 is in the future", "warning"))
    assert report.ok and report.exit_code == 0
    assert report.summary() == "1 row: 1 mapped, 0 rejected, 0 unresolved (1 warning)"


def test_unresolved_names_in_mapped_rows_are_not_ok():
    report = ValidationReport(rows_in=1, rows_mapped=1)
    report.add(Problem("f", 2, "origin", "X", "'X' did not resolve", "unresolved"))
    assert report.exit_code == 1
    assert report.summary() == ("1 row: 1 mapped, 0 rejected, 0 unresolved "
                                "(1 place name unresolved in mapped rows)")


def test_table_format_escapes_control_characters_and_ends_with_the_summary():
    report = ValidationReport(rows_in=1)
    report.add(Problem("f.csv", 2, "notes", "a\x1b[31mb", "'a\\x1b[31mb' bad\x1b[0m"))
    text = report.format("table")
    assert "\x1b" not in text
    lines = text.splitlines()
    assert lines[0].split() == ["severity", "file", "row", "field", "problem"]
    assert lines[1].split()[:4] == ["error", "f.csv", "2", "notes"]
    assert lines[-1] == report.summary() == str(report).splitlines()[-1]


def test_jsonl_format_has_one_object_per_problem():
    lines = _report().format("jsonl").splitlines()
    first = json.loads(lines[0])
    assert len(lines) == 4
    assert first == {"path": "events.csv", "row": 12, "field": "target_lat", "value": "123.4",
                     "reason": "123.4 is outside [-90, 90]", "severity": "error",
                     "message": "events.csv, row 12, field 'target_lat': 123.4 is outside "
                                "[-90, 90]"}


def test_csv_format_neutralises_formulas_but_not_numbers():
    report = _report()
    report.add(Problem("events.csv", 15, "killed", "-2", "-2 is negative"))
    rows = list(csv.DictReader(io.StringIO(report.format("csv"))))
    assert [r["value"] for r in rows] == ["123.4", "'=2+3", "2099-01-01", "Atlantis", "-2"]
    assert rows[0]["row"] == "12" and rows[0]["severity"] == "error"


def test_unknown_format():
    with pytest.raises(GeomapInputError, match="format must be one of table, jsonl, csv"):
        _report().format("xml")


def test_to_frame():
    frame = _report().to_frame()
    assert list(frame.columns) == ["path", "row", "field", "value", "severity", "reason",
                                   "message"]
    assert frame["row"].dtype == "Int64" and list(frame["row"]) == [12, 14, 5, 7]
    assert len(ValidationReport().to_frame()) == 0


def test_write_picks_the_format_from_the_extension(tmp_path):
    report = _report()
    assert report.write(tmp_path / "r.csv").read_text().startswith("path,row,field")
    assert json.loads(report.write(tmp_path / "r.jsonl").read_text().splitlines()[0])["row"] == 12
    assert report.write(tmp_path / "r.txt").read_text() == report.format("table")
    with pytest.raises(GeomapFileError, match="cannot write the report"):
        report.write(tmp_path / "missing-dir" / "r.csv")
    assert not list(tmp_path.glob(".*.tmp"))


def test_echo_to_a_stream():
    stream = io.StringIO()
    _report().echo_to(stream, "jsonl")
    assert len(stream.getvalue().splitlines()) == 4


def test_merge_adds_counts_and_problems():
    left, right = _report(), _report()
    left.merge(right)
    assert left.rows_in == 24 and len(left.problems) == 8
    assert left.rejected_rows == right.rejected_rows
