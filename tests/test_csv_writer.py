"""The one CSV writer (geomap.csv_writer): formulas neutralised, atomic, no overwrite."""

from __future__ import annotations

import csv
import io

import pytest

from geomap.csv_writer import csv_text, neutralise, write_csv
from geomap.errors import ExportError, GeomapFileError

HOSTILE = ["=HYPERLINK(\"http://evil\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_a_spreadsheet_would_run_is_quoted(value):
    assert neutralise(value) == "'" + value
    (row,) = list(csv.reader(io.StringIO(csv_text(["v"], [[value]]), newline="")))[1:]
    assert row == ["'" + value]


@pytest.mark.parametrize("value", ["-33.2", "+5", "Erbil", "", 7, None, 1.5])
def test_numbers_and_plain_text_are_unchanged(value):
    assert neutralise(value) == value


def test_header_cells_are_neutralised_too_and_none_is_empty():
    lines = csv_text(["=x", "b"], [[None, "y"]]).splitlines()
    assert lines == ["'=x,b", ",y"]


def test_write_is_atomic_and_refuses_an_existing_file(tmp_path):
    out = tmp_path / "a.csv"
    write_csv(out, ["a"], [["=1+1"]])
    assert out.read_text(encoding="utf-8") == "a\n'=1+1\n"
    with pytest.raises(ExportError, match="already exists"):
        write_csv(out, ["a"], [["2"]])
    write_csv(out, ["a"], [["2"]], overwrite=True)
    assert out.read_text(encoding="utf-8") == "a\n2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]
    with pytest.raises(GeomapFileError):
        write_csv(tmp_path, ["a"], [])
    with pytest.raises(GeomapFileError):
        write_csv(tmp_path / "no" / "a.csv", ["a"], [])
