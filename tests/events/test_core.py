"""read_events / iter_events / validate_events, and the invariant: every input row ends up
mapped or reported, for any file (a hypothesis property over corrupted CSV files)."""

from __future__ import annotations

import csv
import io
import os
import tempfile

import geopandas as gpd
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.events import (
    EVENT_COLUMNS,
    Events,
    iter_events,
    read_events,
    validate_events,
)
from geomap.events.schema import FRAME_COLUMNS
from tests.events.conftest import FakeGeocoder


def test_events_frame_follows_contract_2(data_dir, fake_geocoder):
    events = read_events(data_dir / "events_roundtrip.csv", geocode=fake_geocoder)
    assert isinstance(events, Events) and isinstance(events.frame, gpd.GeoDataFrame)
    assert events.frame.crs == "EPSG:4326"
    assert list(events.frame.columns) == [*FRAME_COLUMNS, "type", "name", "desk", "geometry"]
    assert str(events.frame["killed"].dtype) == "Int64"
    assert events.frame["row"].dtype == "int64"
    assert events.frame.index.tolist() == list(range(len(events.frame)))
    assert len(events) == 4 and repr(events) == "<Events: 4 rows: 4 mapped, 0 rejected, " \
                                                 "0 unresolved>"


def test_nothing_accepted_still_gives_every_column():
    events = read_events(pd.DataFrame({"id": ["a"], "date": ["2024-13"], "target": ["X"]}),
                         geocode=False)
    assert len(events.frame) == 0
    assert list(events.frame.columns) == [*FRAME_COLUMNS, "geometry"]
    assert events.frame.crs == "EPSG:4326"


def test_chunked_reading_gives_the_same_events_and_report(data_dir, fake_geocoder):
    path = data_dir / "events_messy.csv"
    whole = read_events(path, geocode=FakeGeocoder())
    chunked = read_events(path, geocode=fake_geocoder, chunksize=4)
    pd.testing.assert_frame_equal(pd.DataFrame(whole.frame), pd.DataFrame(chunked.frame))
    assert chunked.report.problems == whole.report.problems


def test_iter_events_yields_per_chunk_reports(data_dir):
    parts = list(iter_events(data_dir / "events_messy.csv", geocode=False, chunksize=10))
    assert [p.report.rows_in for p in parts] == [10, 10, 7]
    assert validate_events(data_dir / "events_messy.csv", geocode=False,
                           chunksize=10).rows_in == 27


def test_progress_bar_only_when_asked_or_on_a_terminal(data_dir, capsys):
    read_events(data_dir / "events_bom.csv", geocode=False, progress=True)
    assert "rows" in capsys.readouterr().err
    read_events(data_dir / "events_bom.csv", geocode=False)  # pytest's stderr is no tty
    assert capsys.readouterr().err == ""


def test_several_sources_at_once(data_dir):
    events = read_events([data_dir / "events_bom.csv", str(data_dir / "events_tab.tsv")],
                         geocode=False)
    assert list(events.frame["id"]) == ["b1", "b2", "t1"]
    assert events.frame["source_file"].tolist() == [None] * 3  # no file named unless asked
    asked = read_events([data_dir / "events_bom.csv", str(data_dir / "events_tab.tsv")],
                        geocode=False, provenance=True)
    assert asked.frame["source_file"].tolist() == ["events_bom.csv"] * 2 + ["events_tab.tsv"]


# -- the invariant, as a property ---------------------------------------------------------------
GOOD = {
    "id": st.from_regex(r"[a-z]{1,3}[0-9]{0,2}", fullmatch=True),
    "date": st.sampled_from(["2024-02-02", "2024-02", "2024", "2024-02-02/2024-02-05", ""]),
    "target": st.sampled_from(["Erbil", "Deir ez-Zor", "Yemen", "Atlantis", "NA", ""]),
    "target_lat": st.sampled_from(["36.19", "-12.5", "", "0"]),
    "target_lon": st.sampled_from(["44.01", "170", "", "-0.5"]),
    "killed": st.sampled_from(["", "0", "3", "3-5"]),
    "claim": st.sampled_from(["", "claimed", "Denied", "unknown"]),
    "sources": st.sampled_from(["", "https://example.org/a", "http://a.org|https://b.org"]),
}
BAD = st.sampled_from(["2024-02-30", "yesterday", "-3", "nan", "inf", "123.4", "claimd",
                       "javascript:alert(1)", "data:x", "5-3", "", "None", "null", "NA",
                       'a "quoted", value', "two\nlines", "semi;colon", "tab\there", " "])
# A bare carriage return ends a line for every CSV reader and spreadsheet: not generated.
EXTRA = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",),
                                       exclude_characters="\r"), max_size=8)


@st.composite
def corrupted_csv(draw):
    columns = [*GOOD, "notes"]
    rows = []
    for _ in range(draw(st.integers(0, 25))):
        row = {c: draw(GOOD[c]) for c in GOOD}
        row["notes"] = draw(EXTRA)
        for column in draw(st.lists(st.sampled_from(columns), max_size=3)):
            row[column] = draw(BAD)
        cells = [row[c] for c in columns]
        if draw(st.integers(0, 9)) == 0:
            cells.append("surplus")  # a ragged row
        rows.append(cells)
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=draw(
        st.sampled_from(["\n", "\r\n"])))
    writer.writerow(columns)
    writer.writerows(rows)
    bom = draw(st.booleans())
    return ("\ufeff" if bom else "") + buffer.getvalue(), rows


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corrupted_csv(), st.sampled_from([2, 7, 1000]))
def test_every_row_is_mapped_or_reported(case, chunksize):
    text, rows = case
    expected_rows = {i + 2 for i, cells in enumerate(rows) if any(c != "" for c in cells)}
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "events.csv")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        events = read_events(path, geocode=FakeGeocoder(), chunksize=chunksize)
    report = events.report
    reported = {r for _, r in report.rejected_rows | report.unresolved_rows}
    mapped = set(events.frame["row"])
    assert report.rows_in == len(expected_rows)
    assert report.rows_in == report.rows_mapped + len(reported)
    assert len(events.frame) == report.rows_mapped
    assert mapped.isdisjoint(reported)
    assert mapped | reported == expected_rows
    assert events.frame["id"].is_unique


def test_event_columns_are_exported():
    assert EVENT_COLUMNS[0] == "id" and "claim" in EVENT_COLUMNS


def test_geocode_true_without_a_geocoder_is_a_clear_error(monkeypatch, data_dir):
    import sys

    from geomap.errors import GazetteerError

    monkeypatch.setitem(sys.modules, "geomap.geocoder", None)
    with pytest.raises(GazetteerError, match="--no-geocode"):
        read_events(data_dir / "events_bom.csv")
