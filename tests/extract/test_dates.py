"""Dates in sentences (geomap.extract.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.extract.dates import sentence_date, weekday_date

MONDAY = dt.date(2024, 2, 5)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The United States on Friday began striking militias", dt.date(2024, 2, 2)),
        ("strikes on 36 Houthi targets on Saturday evening", dt.date(2024, 2, 3)),
        ("claimed responsibility Monday for a drone strike", MONDAY),
        ("said on Monday that a drone had struck the base the previous night", dt.date(2024, 2, 4)),
        ("a rocket hit the base overnight", dt.date(2024, 2, 4)),
        ("killed three American soldiers on January 28.", dt.date(2024, 1, 28)),
        ("on January 4, 2024, in Baghdad", dt.date(2024, 1, 4)),
        ("struck on 18 February", dt.date(2024, 2, 18)),
        ("the brutal October 7 attack", dt.date(2023, 10, 7)),
        ("yesterday's strike", dt.date(2024, 2, 4)),
        ("Iran has repeatedly denied any role", None),
    ],
)
def test_sentence_dates(sentence, expected):
    assert sentence_date(sentence, MONDAY) == expected


def test_weekday_of_the_article_day_is_that_day():
    assert weekday_date("Monday", MONDAY) == MONDAY
    assert weekday_date("Tuesday", MONDAY) == dt.date(2024, 1, 30)


def test_without_article_date_only_full_dates_resolve():
    assert sentence_date("on Friday", None) is None
    assert sentence_date("on January 4, 2024", None) == dt.date(2024, 1, 4)


@pytest.mark.parametrize(
    ("sentence", "previous", "expected"),
    [
        ("claimed responsibility Monday for a drone strike", None, None),
        ("said on Monday that a drone had struck the base the previous night", None,
         "2024-02-04"),
        ("In late July, rebels ambushed a convoy", None, "2023-07-21/2023-07-31"),
        ("The RSF has besieged El Fasher since May", None, "2023-05-01/2024-02-05"),
        ("and hours later, U.S. forces said they had hit missiles", dt.date(2024, 2, 3),
         "2024-02-03/2024-02-04"),
        ("came just a day after the US announced it had struck 85 targets", dt.date(2024, 2, 3),
         "2024-02-02"),
        ("those killed the day before in US strikes, on January 4, 2024", None, "2024-01-03"),
        ("With its weekend strikes against militias", None, "2024-02-03/2024-02-04"),
        ("Earlier on Saturday, missiles hit energy facilities", None, "2024-02-03"),
        # vague times: a range, or a day counted back
        ("since a gunman killed 21 people in Uvalde last May", None, "2023-05-01/2023-05-31"),
        ("a drone struck the port last month", None, "2024-01-01/2024-01-31"),
        ("militants attacked the town last week", None, "2024-01-29/2024-02-04"),
        ("a strike two days ago", None, "2024-02-03"),
        ("three days earlier, a drone hit the base", dt.date(2024, 2, 2), "2024-01-30"),
        # a weekday of the event wins over the background's month
        ("Hezbollah fired rockets on Sunday over a killing in Beirut last month", None,
         "2024-02-04"),
    ],
)
def test_event_dates(sentence, previous, expected):
    from geomap.extract.dates import event_date

    found = event_date(sentence, 0, len(sentence), MONDAY, previous)
    assert (found.iso() if found else None) == expected
    if found:
        assert 0 <= found.start < found.end <= len(sentence)
