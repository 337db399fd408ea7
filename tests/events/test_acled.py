"""ACLED exports: columns mapped onto the schema, direction only where ACLED implies it."""

from __future__ import annotations

import pandas as pd
import pytest

from geomap.events import read_events
from geomap.events.acled import _acled_date, is_acled, map_acled


def _acled(data_dir):
    return read_events(data_dir / "events_acled.csv", geocode=False)


def test_acled_rows_are_mapped(data_dir):
    frame = _acled(data_dir).frame.set_index("id")
    strike = frame.loc["SYR900001"]
    assert strike["date"] == "2024-02-02"
    assert strike["attacker"] == "Military Forces of the United States (2021-)"
    assert strike["target_party"] == "Islamic Revolutionary Guard Corps"
    assert strike["weapon"] == "Air/drone strike"
    assert (strike["target"], strike["target_lat"], strike["target_lon"]) == (
        "Al Mayadin", 35.0198, 40.4532)
    assert (strike["target_precision"], strike["target_radius_km"]) == ("city", 10.0)
    assert strike["target_source"] == "acled"
    assert strike["killed"] == 6 and strike["claim"] == "unknown" and strike["sources"] == ()
    assert strike["source"] == "Reuters; SANA"  # ACLED's source names, kept as written


def test_undirected_sub_event_types_leave_attacker_empty(data_dir):
    clash = _acled(data_dir).frame.set_index("id").loc["SYR900003"]
    assert clash["attacker"] is None and clash["target_party"] is None
    assert clash["weapon"] is None
    assert (clash["actor1"], clash["actor2"]) == ("Syrian Democratic Forces", "Tribal militia")
    assert clash["target_precision"] == "district"


def test_day_first_dates_and_precision_three(data_dir):
    yemen = _acled(data_dir).frame.set_index("id").loc["YEM900004"]
    assert yemen["date"] == "2024-02-03"
    assert (yemen["target_precision"], yemen["target_radius_km"]) == ("admin1", 100.0)


def test_problems_name_the_acled_columns(data_dir):
    report = _acled(data_dir).report
    assert [p.message for p in report.problems] == [
        f"{data_dir / 'events_acled.csv'}, row 6, field 'latitude': 95.0 is outside [-90, 90]; "
        "latitude and longitude look swapped (longitude is 42.9)",
        f"{data_dir / 'events_acled.csv'}, row 6, field 'fatalities': -1 is negative",
    ]
    assert report.summary() == "5 rows: 4 mapped, 1 rejected, 0 unresolved"


def test_is_acled_and_dates():
    assert is_acled(["event_id_cnty", "event_date", "latitude", "longitude", "x"])
    assert not is_acled(["id", "date", "latitude", "longitude"])
    assert _acled_date("02 February 2024") == "2024-02-02"
    assert _acled_date("2-3-2024") == "2024-03-02"
    assert _acled_date("2024-02-02") == "2024-02-02"
    assert _acled_date("sometime") == "sometime"


def test_map_acled_without_sub_event_type_or_precision():
    frame = pd.DataFrame({"event_id_cnty": ["A1"], "event_date": ["2024-02-02"],
                          "latitude": ["1"], "longitude": ["2"], "location": ["X"],
                          "geo_precision": ["9"]}, dtype=object)
    mapped = map_acled(frame)
    assert mapped.loc[0, "id"] == "A1" and "attacker" not in mapped.columns
    assert mapped.loc[0, "__geomap_target_precision"] == ""


def test_an_acled_date_that_does_not_exist_says_why():
    # '31 February 2024' was returned as written and told "not an ISO 8601 date", though it
    # is in the file's own format
    from geomap.events.dates import DateError, parse_date

    assert _acled_date("3 Feb 2024") == "2024-02-03"
    assert _acled_date("03-February-2024") == "2024-02-03"
    written = _acled_date("31 February 2024")
    with pytest.raises(DateError, match="February 2024 has 29 days"):
        parse_date(written)
    assert _acled_date("31 Brumaire 2024") == "31 Brumaire 2024"  # not a month: as written
