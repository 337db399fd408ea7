"""Readers: CSV dialects and encodings, JSON, JSON Lines, DataFrames, file errors."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from geomap.errors import GeomapFileError, GeomapInputError
from geomap.events import read_events
from geomap.events.readers import iter_raw, to_text


def _raw(source, chunksize=None):
    chunks = list(iter_raw(source, chunksize))
    frame = pd.concat([c.frame for c in chunks], ignore_index=True)
    rows = np.concatenate([c.rows for c in chunks])
    return chunks, frame, rows


def test_utf8_bom_is_stripped_from_the_first_column(data_dir):
    _, frame, rows = _raw(data_dir / "events_bom.csv")
    assert list(frame.columns)[0] == "id"
    assert list(frame["id"]) == ["b1", "b2"]
    assert list(rows) == [2, 3]


def test_semicolon_separated_file_is_sniffed(data_dir):
    events = read_events(data_dir / "events_semicolon.csv", geocode=False)
    assert events.report.ok
    frame = events.frame.set_index("id")
    assert frame.loc["S1", "notes"] == "a note; with a semicolon"
    assert frame.loc["S1", "sources"] == ("https://example.org/s1", "https://example.org/s2")
    assert frame.loc["S2", "notes"] == "NA"
    assert frame.loc["S2", "target_lat"] == 35.336


def test_tab_separated_file_is_sniffed(data_dir):
    events = read_events(data_dir / "events_tab.tsv", geocode=False)
    assert list(events.frame["id"]) == ["t1"]
    assert events.frame.loc[0, "claim"] == "claimed"


def test_excel_quoting_with_embedded_newline_keeps_spreadsheet_rows(data_dir):
    events = read_events(data_dir / "events_excel.csv", geocode=False)
    assert events.report.ok
    first, second = events.frame.iloc[0], events.frame.iloc[1]
    assert first["notes"] == ('Three soldiers killed; "one of the deadliest" attacks.\r\n'
                              "Second line of the note.")
    assert first["target"] == "Tower 22, Jordan"
    assert (first["row"], second["row"]) == (2, 3)  # a multi-line cell is still one row
    assert second["attacker"] == "Houthis, Ansar Allah"
    assert second["Source Sheet"] == "=SUM(A1)"  # extra column, unchanged


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_text("id\tdate\ttarget\n1\t2024-02-02\tأربيل\n", encoding="utf-16")
    events = read_events(path, geocode=False)
    assert events.frame.loc[0, "target"] == "أربيل"


def test_blank_lines_are_not_rows_but_keep_the_numbering(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("id,target\na,X\n\n,\nb,Y\n", encoding="utf-8")
    _, frame, rows = _raw(path)
    assert list(frame["id"]) == ["a", "b"]
    assert list(rows) == [2, 5]


def test_header_names_match_case_insensitively(tmp_path):
    path = tmp_path / "caps.csv"
    path.write_text(" ID ,Date,Target,Other Col\na,2024-02-02,X,kept\n", encoding="utf-8")
    frame = read_events(path, geocode=False).frame
    assert frame.loc[0, "id"] == "a" and frame.loc[0, "date"] == "2024-02-02"
    assert frame.loc[0, "Other Col"] == "kept"


def test_a_row_with_too_many_cells_is_rejected_and_named(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("id,date,target\na,2024,X\nb,2024,Y,extra\nc,2024\n", encoding="utf-8")
    events = read_events(path, geocode=False, chunksize=2)
    assert [p.message for p in events.report.problems] == [
        f"{path}, row 2, field 'target': 'X' was not looked up (geocoding is off) and the row "
        "has no target_lat/target_lon: it cannot be drawn; add coordinates or geocode",
        f"{path}, row 3: has 4 cells but the header has 3 (an unquoted ',' inside a value?)",
        f"{path}, row 4, field 'target': no target: give a target name or target_lat and "
        "target_lon",
    ]
    assert list(events.frame["id"]) == ["a"]
    assert events.report.rows_in == 3


def test_chunks_number_rows_continuously(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("id,target\n" + "".join(f"e{i},X\n" for i in range(7)), encoding="utf-8")
    chunks, frame, rows = _raw(path, chunksize=3)
    assert [len(c.frame) for c in chunks] == [3, 3, 1]
    assert list(rows) == list(range(2, 9))


def test_json_array_keeps_text_and_numbers_record_numbers(tmp_path):
    path = tmp_path / "events.json"
    records = [{"id": "j1", "date": "2024-02-02", "target": "NA", "target_lat": 1.5,
                "target_lon": 2, "killed": 3, "sources": ["https://a.org", "https://b.org"],
                "extra": None, "nested": {"k": 1}},
               "not an object",
               {"id": "j3", "date": "2024-02-03", "target": "null"}]
    path.write_text(json.dumps(records), encoding="utf-8")
    events = read_events(path, geocode=False)
    assert [p.message for p in events.report.problems] == [
        f"{path}, row 2: is not a JSON object",
        f"{path}, row 3, field 'target': 'null' was not looked up (geocoding is off) and the "
        "row has no target_lat/target_lon: it cannot be drawn; add coordinates or geocode"]
    first = events.frame.iloc[0]
    assert (first["target"], first["target_lat"], first["killed"]) == ("NA", 1.5, 3)
    assert first["sources"] == ("https://a.org", "https://b.org")
    assert first["nested"] == '{"k": 1}'
    assert list(events.frame["row"]) == [1, 3]
    assert events.frame.iloc[1]["target"] == "null"


def test_acled_api_envelope_is_unwrapped(tmp_path):
    path = tmp_path / "api.json"
    data = {"status": 200, "data": [{"event_id_cnty": "IRQ1", "event_date": "2024-02-02",
                                     "latitude": "36.19", "longitude": "44.01",
                                     "location": "Erbil", "geo_precision": "1"}]}
    path.write_text(json.dumps(data), encoding="utf-8")
    frame = read_events(path, geocode=False).frame
    assert frame.loc[0, "id"] == "IRQ1" and frame.loc[0, "target_source"] == "acled"


def test_json_lines_reports_bad_lines_by_line_number(tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text('{"id": "l1", "date": "2024-02-02", "target": "X"}\n\n{broken\n'
                    '[1, 2]\n{"id": "l5", "date": "2024-02-03", "target": "Y"}\n',
                    encoding="utf-8")
    events = read_events(path, geocode=False)
    off = ("was not looked up (geocoding is off) and the row has no target_lat/target_lon: "
           "it cannot be drawn; add coordinates or geocode")
    assert [(p.row, p.reason) for p in events.report.problems] == [
        (1, f"'X' {off}"),
        (3, "is not valid JSON (Expecting property name enclosed in double quotes)"),
        (4, "is not a JSON object"),
        (5, f"'Y' {off}"),
    ]
    assert list(events.frame["row"]) == [1, 5]
    assert events.report.rows_in == 4


def test_unknown_extension_is_sniffed(tmp_path):
    path = tmp_path / "events.txt"
    path.write_text('[{"id": "a", "target": "X"}]', encoding="utf-8")
    assert list(read_events(path, geocode=False).frame["id"]) == ["a"]


def test_dataframe_source_numbers_rows_like_a_csv():
    frame = pd.DataFrame({"id": ["a", "b"], "target": ["X", None],
                          "target_lat": [1.0, np.nan], "target_lon": [2.0, np.nan],
                          "killed": [4.0, np.nan]})
    events = read_events(frame, geocode=False)
    assert [p.message for p in events.report.problems][-1] == (
        "row 3, field 'target': no target: give a target name or target_lat and target_lon")
    assert events.frame.loc[0, "killed"] == 4


def test_missing_file_raises_a_file_error_naming_it(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(GeomapFileError, match="nope.csv: no such file") as info:
        read_events(missing)
    assert info.value.path == str(missing)
    with pytest.raises(GeomapFileError, match="is a directory"):
        read_events(tmp_path)


def test_invalid_json_and_non_utf8_raise_file_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    with pytest.raises(GeomapFileError, match="is not valid JSON"):
        read_events(bad)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,target\n1,Sanaa\n2,Ta\xefzz\n".encode("latin-1"))
    with pytest.raises(GeomapFileError, match=r"line 3 is not UTF-8 text \(byte 0xef"):
        read_events(latin, geocode=False)


def test_empty_file_is_a_file_level_error(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    report = read_events(path, geocode=False).report
    assert [p.message for p in report.problems] == [f"{path}: the file is empty (no header row)"]
    assert report.exit_code == 1 and report.rows_in == 0


def test_unsupported_source_type():
    with pytest.raises(GeomapInputError, match="not int"):
        read_events(42)


@pytest.mark.parametrize(("value", "column", "text"), [
    (None, "", ""), (float("nan"), "", ""), (pd.NA, "", ""), (True, "", "true"),
    (1.5, "", "1.5"), (3, "", "3"), (["a", "b"], "sources", "a; b"), (["a"], "x", '["a"]'),
    (pd.Timestamp("2024-02-02"), "", "2024-02-02"),
])
def test_to_text(value, column, text):
    assert to_text(value, column) == text


def test_every_row_with_a_surplus_cell_is_rejected_not_shifted(tmp_path):
    # pandas alone would take the first column for an index and shift every value
    path = tmp_path / "shifted.csv"
    path.write_text("id,date,target\na,2024,X,1\nb,2024,Y,2\n", encoding="utf-8")
    events = read_events(path, geocode=False)
    assert [p.row for p in events.report.problems] == [2, 3]
    assert events.report.rows_in == 2 and len(events.frame) == 0


def test_a_repeated_column_is_a_warning_and_both_are_kept(tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text("id,target,notes,Notes\na,X,first,second\n", encoding="utf-8")
    events = read_events(path, geocode=False)
    [problem] = [p for p in events.report.problems if p.field == "notes"]
    assert problem.message == (f"{path}, row 1, field 'notes': column 'notes' appears twice; "
                               "the second is read as 'notes.1'")
    assert events.frame.loc[0, "notes"] == "first" and events.frame.loc[0, "notes.1"] == "second"


def test_a_repeated_column_is_reported_even_when_rows_are_ragged(tmp_path):
    path = tmp_path / "both.csv"
    path.write_text("id,date,target,target_lat,target_lon,notes,notes\n"
                    "a,2024,X,1,2,1,2\nb,2024,Y,1,2,1,2,3\n", "utf-8")
    report = read_events(path, geocode=False).report
    assert [(p.row, p.severity) for p in report.problems] == [(1, "warning"), (3, "error")]
    assert report.rows_in == 2 and report.rows_mapped == 1


def test_a_file_that_is_not_an_events_file_is_a_file_error(tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\xff\xfe\x00bad")  # a UTF-16 mark, then noise: no usable header
    report = read_events(path, geocode=False).report
    assert report.exit_code == 1
    [problem] = [p for p in report.problems if p.severity == "error"]
    assert (problem.row, problem.field) == (None, "target")
    assert problem.reason.startswith("no 'target' column (nor 'target_lat'/'target_lon')")
    assert report.rows_in == report.rows_mapped == 0
