"""Issue 13: files that must be refused or reported, never silently cut or swallowed."""

from __future__ import annotations

import sys

import pytest

from geomap.errors import GeomapDataError, GeomapFileError
from geomap.events import read_events, validate_events
from geomap.events.csvfile import read_header

HEAD = "id,date,target,target_lat,target_lon,notes\n"


def _row(i, notes="x"):
    return f"e{i},2024-02-02,Erbil,36.19,44.01,{notes}\n"


def test_an_unclosed_quote_refuses_the_file_naming_the_row(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text(HEAD + _row(1, '"oops') + _row(2) + _row(3), encoding="utf-8")
    with pytest.raises(GeomapDataError) as caught:
        read_events(path, geocode=False)
    assert str(caught.value).startswith(f"{path}, row 2: a quoted value opens in this row")
    assert "EOF inside string" in str(caught.value)
    with pytest.raises(GeomapDataError, match="row 2"):
        validate_events(path, geocode=False)


def test_an_unclosed_quote_in_a_later_chunk_is_refused_too(tmp_path):
    path = tmp_path / "late.csv"
    path.write_text(HEAD + "".join(_row(i) for i in range(1, 50)) + _row(50, '"oops')
                    + _row(51), encoding="utf-8")
    with pytest.raises(GeomapDataError, match="row 51"):
        read_events(path, geocode=False, chunksize=10)


def test_an_unclosed_quote_after_a_ragged_row_is_refused(tmp_path):
    # the ragged row sends the reader to the csv module, which must not swallow either
    path = tmp_path / "ragged.csv"
    path.write_text(HEAD + _row(1) + "e2,2024-02-02,Erbil,36.19,44.01,x,surplus\n"
                    + _row(3, '"oops') + _row(4), encoding="utf-8")
    with pytest.raises(GeomapDataError, match="row 4"):
        read_events(path, geocode=False)


def test_quoted_values_that_close_are_still_fine(tmp_path):
    path = tmp_path / "fine.csv"
    path.write_text(HEAD + _row(1, '"two\nlines"') + _row(2, '"a ""quote"""'), encoding="utf-8")
    events = read_events(path, geocode=False)
    assert list(events.frame["notes"]) == ["two\nlines", 'a "quote"']
    assert list(events.frame["row"]) == [2, 3]


def test_a_header_longer_than_the_sniff_sample_is_read_whole(tmp_path):
    # issue 13, item 9: the sample ended inside 'idx', giving a false "'id' appears twice"
    names = ["id", "date", "target", "target_lat", "target_lon"]
    header = ",".join(names)
    i = 0
    while len(header) < 65_536 - 20:
        header += f",c{i:05d}"
        i += 1
    header += "," + "p" * (65_536 - len(header) - 4) + ",idx"
    assert header[:65_536].endswith(",id")
    width = header.count(",") + 1
    path = tmp_path / "wide.csv"
    path.write_text(header + "\n" + ",".join(["e1", "2024-02-02", "Erbil", "36.19", "44.01"]
                                             + ["v"] * (width - 5)) + "\n", encoding="utf-8")
    assert read_header(path)[2][-1] == "idx"
    events = read_events(path, geocode=False)
    assert events.report.problems == []
    assert events.frame.loc[0, "idx"] == "v"


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x0b", "\x1f"])
def test_a_control_character_in_any_field_rejects_the_row(tmp_path, char):
    # issue 13, item 6: GeoPackage/FlatGeobuf cut 'Erb\0il' at the NUL; the user's data wins
    path = tmp_path / "ctl.csv"
    path.write_text("id,date,target,target_lat,target_lon,extra\n"
                    f"e1,2024-02-02,Erb{char}il,36.19,44.01,x\n"
                    f"e2,2024-02-02,Erbil,36.19,44.01,a{char}b\n"
                    "e3,2024-02-02,Erbil,36.19,44.01,\"tab\tand\nnewline\"\n", encoding="utf-8")
    events = read_events(path, geocode=False)
    assert list(events.frame["id"]) == ["e3"]
    problems = [(p.row, p.field, p.severity) for p in events.report.problems]
    assert problems == [(2, "target", "error"), (3, "extra", "error")]
    code = f"U+{ord(char):04X}"
    assert all(code in p.reason for p in events.report.problems)
    assert "\\x" in events.report.problems[0].value or "\\u" in events.report.problems[0].value
    assert events.report.summary() == "3 rows: 1 mapped, 2 rejected, 0 unresolved"


def test_a_control_character_in_json_is_rejected_too(tmp_path):
    path = tmp_path / "ctl.json"
    path.write_text('[{"id": "e1", "target": "Erb\\u0000il", "target_lat": 36.19, '
                    '"target_lon": 44.01, "date": "2024-02-02"}]', encoding="utf-8")
    events = read_events(path, geocode=False)
    assert len(events.frame) == 0 and events.report.rejected_rows == {(str(path), 1)}


@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".geojson"])
def test_json_nested_too_deep_is_a_file_error_naming_the_file(tmp_path, suffix):
    depth = sys.getrecursionlimit() * 20
    path = tmp_path / f"deep{suffix}"
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")
    with pytest.raises(GeomapFileError) as caught:
        read_events(path, geocode=False)
    assert str(path) in str(caught.value) and "nested" in str(caught.value)
    line = tmp_path / "deep_line.jsonl"
    line.write_text('{"id": "e1"}\n' + '{"a": ' * depth + "1" + "}" * depth + "\n",
                    encoding="utf-8")
    with pytest.raises(GeomapFileError, match="nested"):
        read_events(line, geocode=False)


def test_a_blank_first_line_is_named_not_called_empty(tmp_path):
    path = tmp_path / "blank_first.csv"
    path.write_text("\n" + HEAD + _row(1), encoding="utf-8")
    events = read_events(path, geocode=False)
    (problem,) = events.report.problems
    assert "row 1 is blank" in problem.reason and problem.severity == "error"
    empty = tmp_path / "empty.csv"
    empty.write_text(" \n\n", encoding="utf-8")
    (problem,) = read_events(empty, geocode=False).report.problems
    assert "the file is empty" in problem.reason


def test_separators_only_is_a_blank_row_even_with_surplus_cells(tmp_path):
    path = tmp_path / "seps.csv"
    path.write_text("id,target\ne1,Erbil\n,,,\n", encoding="utf-8")
    report = read_events(path, geocode=False).report
    assert report.rows_in == 1 and report.rejected_rows == set()


@pytest.mark.parametrize("name, text", [
    ("excel.csv", HEAD + _row(1) + "e2,2024-02-02,Mos\xe9ul,36.3,43.1,x\n" + _row(3)),
    ("events.jsonl", '{"id": "e1", "target": "Erbil"}\n{"id": "e2", "target": "Mos\xe9ul"}\n'),
    ("events.json", '[{"id": "e1", "target": "Erbil"},\n{"id": "e2", "target": "Mos\xe9ul"}]'),
])
def test_a_file_that_is_not_utf8_names_the_line_and_the_byte(tmp_path, name, text):
    # a spreadsheet saved as Windows-1252 'CSV': the message named no line (CSV), or not even
    # the byte (JSON Lines: 'is not UTF-8 text'; JSON: "'utf-8' codec can't decode ...")
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(GeomapFileError) as caught:
        read_events(path, geocode=False)
    line = 3 if name == "excel.csv" else 2
    assert str(caught.value) == (f"{path}: line {line} is not UTF-8 text (byte 0xe9 after "
                                 f"{text.splitlines()[line - 1].split('Mos')[0] + 'Mos'!r}); "
                                 "save it as UTF-8 ('CSV UTF-8' in a spreadsheet)")


def test_a_bad_byte_below_a_ragged_row_is_named_too(tmp_path):
    # the csv-module reader (taken after a row with too many cells) let UnicodeDecodeError out:
    # "unexpected UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 6526"
    path = tmp_path / "ragged.csv"
    rows = "".join(_row(i) for i in range(3, 20_000))  # past the parser's first buffer
    path.write_bytes((HEAD + _row(1, "x,surplus") + rows + _row(20_000, "caf\xe9"))
                     .encode("cp1252"))
    with pytest.raises(GeomapFileError, match=r"line 20000 is not UTF-8 text \(byte 0xe9"):
        read_events(path, geocode=False, chunksize=1000)


def test_one_event_object_or_one_feature_is_one_row(tmp_path):
    # 'echo {...} | geomap validate -' and a lone GeoJSON Feature were refused whole:
    # "JSON must be an array of objects, one per event"
    one = tmp_path / "one.json"
    one.write_text('{"id": "e1", "date": "2024-02-02", "target": "Erbil", '
                   '"target_lat": 36.19, "target_lon": 44.01}', encoding="utf-8")
    feature = tmp_path / "feature.geojson"
    feature.write_text('{"type": "Feature", "geometry": {"type": "Point", "coordinates": '
                       '[44.01, 36.19]}, "properties": {"id": "f1", "date": "2024-02-02"}}',
                       encoding="utf-8")
    for path, event_id in ((one, "e1"), (feature, "f1")):
        events = read_events(path, geocode=False)
        assert list(events.frame["id"]) == [event_id] and events.report.exit_code == 0
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text('{"events": [{"id": "e1"}]}', encoding="utf-8")  # not an event
    with pytest.raises(GeomapFileError, match="JSON must be an array of objects"):
        read_events(wrapped, geocode=False)


def test_an_empty_json_record_is_reported_not_dropped(tmp_path):
    # {} and an all-null object (a feature with no geometry and no properties) were dropped
    # like blank CSV lines: 4 features gave "3 rows" and the first was never named
    objects = tmp_path / "objects.json"
    objects.write_text('[{}, {"id": "e1", "target_lat": 36.19, "target_lon": 44.01}, '
                       '{"id": null, "target": ""}]', encoding="utf-8")
    lines = tmp_path / "lines.jsonl"
    lines.write_text('{"id": "e1", "target_lat": 36.19, "target_lon": 44.01}\n\n{}\n',
                     encoding="utf-8")
    features = tmp_path / "features.geojson"
    features.write_text('{"type": "FeatureCollection", "features": ['
                        '{"type": "Feature", "geometry": null, "properties": null}, '
                        '{"type": "Feature", "geometry": {"type": "Point", '
                        '"coordinates": [44.01, 36.19]}, "properties": {"id": "f1"}}]}',
                        encoding="utf-8")
    for path, empty_rows in ((objects, [1, 3]), (lines, [3]), (features, [1])):
        report = read_events(path, geocode=False).report
        assert report.rows_in == 1 + len(empty_rows) and report.rows_mapped == 1
        assert [(p.row, p.reason) for p in report.errors] == [
            (row, "is an empty record: it holds no event") for row in empty_rows]


def test_a_damaged_utf16_file_is_not_told_it_is_not_utf8(tmp_path):
    # a UTF-16 file (byte order mark) cut at an odd byte was told "line 1 is not UTF-8 text
    # (byte 0xff after '')": it never claimed to be UTF-8
    path = tmp_path / "unicode.csv"
    path.write_bytes("id,target\ne1,Erbil\n".encode("utf-16") + b"\x00")
    with pytest.raises(GeomapFileError) as caught:
        read_events(path, geocode=False)
    assert str(caught.value) == (f"{path}: is UTF-16 text (it starts with a UTF-16 byte order "
                                 "mark) that cannot be read: cut, damaged, or not a CSV file; "
                                 "save it as UTF-8 ('CSV UTF-8' in a spreadsheet)")
    json_path = tmp_path / "events.json"  # JSON is read as UTF-8 only
    json_path.write_bytes('[{"id": "e1", "target": "Erbil"}]'.encode("utf-16"))
    with pytest.raises(GeomapFileError, match="is UTF-16 text .* or not a CSV file"):
        read_events(json_path, geocode=False)
