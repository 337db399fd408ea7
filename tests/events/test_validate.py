"""Validation rules: the messy fixture exercises every rule, with the exact messages."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from geomap.events import read_events
from geomap.events.validate import IdRegistry

TODAY = dt.date(2026, 1, 1)
F = "events_messy.csv"

EXPECTED = [
    ("error", f"{F}, row 3, field 'date': '2024-02-30' is not a valid date: "
              "February 2024 has 29 days"),
    ("error", f"{F}, row 4, field 'date': 'yesterday' is not an ISO 8601 date "
              "(YYYY-MM-DD, YYYY-MM, YYYY or a range START/END)"),
    ("warning", f"{F}, row 5, field 'date': 2099-01-01 is in the future"),
    ("error", f"{F}, row 8, field 'killed': -2 is negative"),
    ("error", f"{F}, row 9, field 'injured': 'several' is not a number "
              "(expected a whole number, a range like 3-5, or empty)"),
    ("error", f"{F}, row 10, field 'killed': '5-3' is not a valid range: 5 is more than 3"),
    ("error", f"{F}, row 11, field 'target_lat': 123.4 is outside [-90, 90]; "
              "latitude and longitude look swapped (target_lon is 44.3)"),
    ("error", f"{F}, row 12, field 'target_lon': 200 is outside [-180, 180]"),
    ("error", f"{F}, row 13, field 'target_lat': nan is not a finite number"),
    ("error", f"{F}, row 14, field 'target_lon': inf is not a finite number"),
    ("warning", f"{F}, row 15, field 'target_lat': (lat 44.01, lon 36.19) is 1,094 km from "
                "'Erbil' (geocoded as Erbil, IQ); swapped, it is 0 km away: latitude and "
                "longitude look swapped"),
    ("error", f"{F}, row 16, field 'claim': 'claimd' is not one of claimed | attributed | "
              "denied | unclaimed | disputed | unknown; did you mean 'claimed'?"),
    ("error", f"{F}, row 17, field 'sources': 'javascript:alert(1)' is not an http(s) URL "
              "(javascript: links are refused)"),
    ("error", f"{F}, row 18, field 'sources': 'data:text/html,<b>x</b>' is not an http(s) URL "
              "(data: links are refused)"),
    ("error", f"{F}, row 19, field 'id': duplicate id 'e01' (first in row 2)"),
    ("error", f"{F}, row 20, field 'target': no target: give a target name or target_lat "
              "and target_lon"),
    ("unresolved", f"{F}, row 21, field 'target': 'Xqzzyville' did not resolve; add "
                   "target_lat/target_lon or check the spelling"),
    ("warning", f"{F}, row 22, field 'id': no id; using 'events_messy-row22'"),
    ("warning", f"{F}, row 23, field 'target_country': 'Iraq' is not an ISO 3166-1 alpha-2 "
                "code (e.g. IQ); the hint is ignored"),
    ("error", f"{F}, row 24, field 'target_lon': target_lat is given without target_lon"),
    ("error", f"{F}, row 25, field 'target_lat': '36,19' is not a number "
              "(use a decimal point: 36.19)"),
    ("unresolved", f"{F}, row 26, field 'origin': 'Nowhereville' did not resolve; add "
                   "origin_lat/origin_lon or check the spelling"),
    ("unresolved", f"{F}, row 27, field 'target': 'Springfield' is ambiguous (Springfield "
                   "(US, 39.80, -89.60); Springfield (AU, -33.20, 151.10)); add target_country "
                   "or target_lat/target_lon"),
    ("warning", f"{F}, row 28, field 'date': no date; the event is kept without one"),
]


def _messy(data_dir, monkeypatch, geocoder):
    monkeypatch.chdir(data_dir)
    return read_events(F, geocode=geocoder, today=TODAY)


def test_messy_fixture_reports_every_rule_with_exact_messages(data_dir, monkeypatch,
                                                              fake_geocoder):
    events = _messy(data_dir, monkeypatch, fake_geocoder)
    assert [(p.severity, p.message) for p in events.report.problems] == EXPECTED


def test_messy_fixture_counts(data_dir, monkeypatch, fake_geocoder):
    report = _messy(data_dir, monkeypatch, fake_geocoder).report
    assert report.rows_in == 27
    assert report.rows_mapped == 9
    assert {r for _, r in report.rejected_rows} == {3, 4, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18,
                                                     19, 20, 24, 25}
    assert {r for _, r in report.unresolved_rows} == {21, 27}
    assert report.rows_in == report.rows_mapped + len(report.rejected_rows
                                                      | report.unresolved_rows)
    assert report.summary() == (
        "27 rows: 9 mapped, 16 rejected, 2 unresolved "
        "(5 warnings, 1 place name unresolved in mapped rows)"
    )
    assert report.exit_code == 1


def test_messy_fixture_keeps_text_and_extra_columns(data_dir, monkeypatch, fake_geocoder):
    frame = _messy(data_dir, monkeypatch, fake_geocoder).frame.set_index("id")
    first = frame.loc["e01"]
    assert first["attacker"] == "None"  # text, not missing
    assert first["target_country"] == "NA"  # Namibia's code stays text
    assert first["reporter"] == "null"  # an extra column, unchanged
    assert first["notes"] == 'Excel "quoted" note, with a comma'
    assert first["sources"] == ("https://example.org/report", "https://example.org/b")
    assert first["claim"] == "claimed"
    assert (first["killed"], first["killed_high"]) == (3, 5)
    assert frame.loc["e05", "date_precision"] == "range"
    assert frame.loc["e05", "date_end"] == "2024-02-03"
    assert frame.loc["e06", "date_precision"] == "month"
    assert frame.loc["e06", "date_end"] == "2024-02-29"
    assert frame.loc["e14", "target_lat"] == 44.01  # a warning never changes the data
    assert frame.loc["e25", "origin_precision"] == "unresolved"
    assert frame.loc["e27", "date"] is None


def test_without_geocoding_names_are_not_looked_up(data_dir, monkeypatch):
    events = _messy(data_dir, monkeypatch, False)
    report = events.report
    # a named target without coordinates cannot be drawn: kept in the frame, not mapped
    assert [p.row for p in report.unresolved] == [5, 6, 7, 21, 22, 23, 26, 27, 28]
    assert all(p.field == "target" and "was not looked up (geocoding is off)" in p.reason
               for p in report.unresolved)
    assert report.rows_mapped == 2 and len(events.frame) == 11
    assert events.frame.geometry.isna().sum() == 9
    assert not any("swapped, it is" in p.reason for p in report.problems)


def test_computed_columns_in_the_input_are_ignored_with_a_warning():
    frame = pd.DataFrame({"id": ["a"], "target": ["X"], "target_lat": ["1"],
                          "target_lon": ["2"], "date_start": ["1999-01-01"], "row": ["77"]})
    events = read_events(frame, geocode=False)
    messages = [p.message for p in events.report.problems]
    assert messages == [
        "field 'date': no 'date' column; the events have no dates",
        "row 1, field 'date_start': column 'date_start' is computed by geomap; the input "
        "values are ignored",
        "row 1, field 'row': column 'row' is computed by geomap; the input values are ignored",
    ]
    assert events.frame.loc[0, "row"] == 2
    assert events.frame.loc[0, "date_start"] is None


def test_a_file_without_an_id_column_derives_ids_with_one_warning(tmp_path):
    path = tmp_path / "noid.csv"
    path.write_text("date,target,target_lat,target_lon\n2024-02-02,A,1,2\n2024-02-03,B,1,2\n",
                    encoding="utf-8")
    events = read_events(path, geocode=False)
    assert list(events.frame["id"]) == ["noid-row2", "noid-row3"]
    [problem] = events.report.problems
    assert problem.row is None and problem.severity == "warning"
    assert "no 'id' column" in problem.reason
    assert events.report.ok


def test_duplicates_across_files_name_the_first_file(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("id,date,target_lat,target_lon\nx,2024,1,2\n", encoding="utf-8")
    b.write_text("id,date,target_lat,target_lon\ny,2024,1,2\nx,2024,1,2\n", encoding="utf-8")
    report = read_events([a, b], geocode=False).report
    [problem] = report.problems
    assert problem.message == f"{b}, row 3, field 'id': duplicate id 'x' (first in {a}, row 2)"


def test_id_registry_finds_duplicates_within_and_across_chunks():
    registry = IdRegistry()
    ids = np.array(["a", "b", "a", "c"], dtype=object)
    assert registry.add(ids, np.array([2, 3, 4, 5]), "f") == {2: ("f", 2)}
    more = np.array(["c", "d", "d", "b"], dtype=object)
    assert registry.add(more, np.array([6, 7, 8, 9]), "g") == {
        0: ("f", 5), 2: ("g", 7), 3: ("f", 3)}
    assert registry.add(np.array([], dtype=object), np.array([], dtype="int64"), "g") == {}


def test_lat_without_lon_and_decimal_comma_name_the_field():
    frame = pd.DataFrame({"id": ["a", "b"], "date": ["2024", "2024"], "target": ["A", "B"],
                          "origin_lon": ["44", ""], "target_lat": ["1", "1,5"],
                          "target_lon": ["2", "3"]})
    report = read_events(frame, geocode=False).report
    assert [p.message for p in report.problems] == [
        "row 2, field 'origin_lat': origin_lon is given without origin_lat",
        "row 3, field 'target_lat': '1,5' is not a number (use a decimal point: 1.5)",
    ]


def test_id_registry_merges_a_chunk_without_sorting_what_it_holds(monkeypatch):
    registry = IdRegistry()
    for start in range(0, 3000, 1000):
        registry.add(np.array([f"e{i}" for i in range(start, start + 1000)], dtype=object),
                     np.arange(start, start + 1000) + 2, "f")
    sorted_sizes = []
    real = np.argsort

    def spy(values, *args, **kwargs):
        sorted_sizes.append(len(values))
        return real(values, *args, **kwargs)

    monkeypatch.setattr(np, "argsort", spy)
    found = registry.add(np.array(["e5", "new", "e2999"], dtype=object),
                         np.array([9000, 9001, 9002]), "g")
    assert found == {0: ("f", 7), 2: ("f", 3001)}
    assert max(sorted_sizes) <= 3  # the chunk, never the 3,000 ids already held
    assert registry.add(np.array(["new"], dtype=object), np.array([9003]), "g") == {
        0: ("g", 9001)}


def test_id_registry_copies_each_held_id_a_few_times_not_once_per_chunk(monkeypatch):
    copied = []
    real = np.insert

    def spy(values, *args, **kwargs):
        copied.append(len(values))
        return real(values, *args, **kwargs)

    monkeypatch.setattr(np, "insert", spy)
    registry = IdRegistry()
    for start in range(0, 6400, 100):  # 64 chunks of 100 new ids
        found = registry.add(np.array([f"e{i}" for i in range(start, start + 100)],
                                      dtype=object), np.arange(start, start + 100) + 2, "f")
        assert found == {}
    # merging every chunk into one array copies 100 + 200 + ... + 6,300 ids (x3 columns)
    assert sum(copied) <= 3 * 6400 * 7  # each id about log2(64) + 1 times at most
    assert registry.add(np.array(["e0", "e6399", "x"], dtype=object), np.array([1, 2, 3]),
                        "g") == {0: ("f", 2), 1: ("f", 6401)}
