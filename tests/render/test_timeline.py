"""Time filter data."""

from __future__ import annotations

import pandas as pd

from geomap.render.timeline import date_range_text, event_days, time_range


def test_single_day_needs_no_slider() -> None:
    frame = pd.DataFrame({"date": ["2024-02-02"], "date_start": ["2024-02-02"],
                          "date_end": ["2024-02-02"]})
    assert event_days(frame) is None
    assert date_range_text(frame) == "2 February 2024"


def test_ranges_and_missing_dates() -> None:
    frame = pd.DataFrame({
        "date": ["2024-02-01", "2024-02-03/2024-02-05", None, "2024-02"],
        "date_start": ["2024-02-01", "2024-02-03", None, "2024-02-01"],
        "date_end": ["2024-02-01", "2024-02-05", None, "2024-02-29"],
    })
    days = event_days(frame)
    assert days["start"] == "2024-02-01"
    assert days["days"] == 29
    assert days["first"] == [0, 2, -1, 0]
    assert days["last"] == [0, 4, -1, 28]
    assert days["labels"][0] == "2024-02-01" and days["labels"][-1] == "2024-02-29"


def test_falls_back_on_date_column() -> None:
    frame = pd.DataFrame({"date": ["2024-01-28", "2024-02-03/2024-02-04"]})
    span = time_range(frame)
    assert [d.isoformat() for d in span] == ["2024-01-28", "2024-02-04"]
    assert date_range_text(frame) == "28 January 2024 – 4 February 2024"


def test_no_dates() -> None:
    assert time_range(pd.DataFrame({"x": [1]})) is None
    assert date_range_text(pd.DataFrame({"x": [1]})) is None
