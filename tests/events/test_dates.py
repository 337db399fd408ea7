"""Event dates: days, partial dates, ranges, precision, impossible and future dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geomap.events.dates import DateError, EventDate, parse_date, parse_dates


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-02-02", EventDate("2024-02-02", "2024-02-02", "2024-02-02", "day")),
    (" 2024-02-29 ", EventDate("2024-02-29", "2024-02-29", "2024-02-29", "day")),
    ("2024-02-02T10:30:00Z", EventDate("2024-02-02", "2024-02-02", "2024-02-02", "day")),
    ("2024-02", EventDate("2024-02", "2024-02-01", "2024-02-29", "month")),
    ("2023-02", EventDate("2023-02", "2023-02-01", "2023-02-28", "month")),
    ("2024", EventDate("2024", "2024-01-01", "2024-12-31", "year")),
    ("2024-02-02/2024-02-03",
     EventDate("2024-02-02/2024-02-03", "2024-02-02", "2024-02-03", "range")),
    ("2024-01 / 2024-02", EventDate("2024-01/2024-02", "2024-01-01", "2024-02-29", "range")),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("2024-02-30", "'2024-02-30' is not a valid date: February 2024 has 29 days"),
    ("2023-02-29", "'2023-02-29' is not a valid date: February 2023 has 28 days"),
    ("2024-13-01", "'2024-13-01' is not a valid date: there is no month 13"),
    ("02/02/2024", "'02/02/2024': '02' is not an ISO 8601 date"),
    ("last week", "'last week' is not an ISO 8601 date"),
    ("2024-02-05/2024-02-01", "'2024-02-05/2024-02-01' is not a valid range: it ends before"),
    ("2024-02-02/2024-02-31", "'2024-02-02/2024-02-31': '2024-02-31' is not a valid date"),
])
def test_bad_dates_say_why(text, reason):
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert str(info.value).startswith(reason)


def test_parse_dates_column_mixes_fast_and_slow_paths():
    values = pd.Series(["2024-02-02", "", "2024-02-30", "2024-02", "2099-12-31",
                        "2024-02-02/2024-02-04"], dtype=object)
    cols, problems = parse_dates(values, today=dt.date(2025, 1, 1))
    assert list(cols["date"]) == ["2024-02-02", None, None, "2024-02", "2099-12-31",
                                  "2024-02-02/2024-02-04"]
    assert list(cols["date_end"]) == ["2024-02-02", None, None, "2024-02-29", "2099-12-31",
                                      "2024-02-04"]
    assert list(cols["date_precision"]) == ["day", None, None, "month", "day", "range"]
    assert problems == {
        2: ("error", "'2024-02-30' is not a valid date: February 2024 has 29 days"),
        4: ("warning", "2099-12-31 is in the future"),
    }


def test_future_is_judged_by_the_start_of_the_period():
    values = pd.Series(["2025-01", "2025-02"], dtype=object)
    _, problems = parse_dates(values, today=dt.date(2025, 1, 15))
    assert problems == {1: ("warning", "2025-02 is in the future")}


@pytest.mark.parametrize("text", ["2024-02-02T25:00", "2024-02-02 10:61", "2024-02-02T10:30:75Z"])
def test_a_time_that_does_not_exist_is_refused_not_dropped(text):
    # the time was matched as any two digits and dropped: 'T25:00' gave the day, silently
    with pytest.raises(DateError, match=f"'{text}' is not a valid date: .* no time "):
        parse_date(text)
