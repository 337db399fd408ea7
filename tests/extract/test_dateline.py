"""Datelines and header dates (geomap.extract.dateline)."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.extract.dateline import parse_dateline, parse_header_date


@pytest.mark.parametrize(
    ("text", "place", "region", "agency"),
    [
        ("ERBIL, Iraq — An Iranian-backed militia", "ERBIL", "Iraq", None),
        ("Erbil, Iraq — An Iranian-backed militia", "Erbil", "Iraq", None),
        ("WASHINGTON — Three soldiers", "WASHINGTON", None, None),
        ("BEIRUT (Reuters) - Israeli strikes", "BEIRUT", None, "Reuters"),
        ("SANAA, Yemen (AP) — Strikes", "SANAA", "Yemen", "AP"),
        ("DUBAI, United Arab Emirates — A tanker", "DUBAI", "United Arab Emirates", None),
    ],
)
def test_dateline_forms(text, place, region, agency):
    d = parse_dateline(text)
    assert (d.place, d.region, d.agency) == (place, region, agency)
    assert text[d.place_start : d.place_end] == place
    if region:
        assert text[d.region_start : d.region_end] == region


def test_dateline_date_takes_the_year_of_the_reference():
    d = parse_dateline("BEIRUT, Jan 2 (Reuters) - A strike", reference=dt.date(2024, 1, 3))
    assert d.region is None and d.date == dt.date(2024, 1, 2)
    d = parse_dateline("AMMAN, Jordan, Jan. 18 (AP) — Jets", reference=dt.date(2024, 2, 1))
    assert (d.region, d.date) == ("Jordan", dt.date(2024, 1, 18))


def test_dateline_after_a_header_line_has_offsets_into_the_whole_text():
    text = " date 2024-02-05 \n\n\nErbil, Iraq — A militia"
    d = parse_dateline(text)
    assert text[d.place_start : d.place_end] == "Erbil"
    assert parse_header_date(text)[0] == dt.date(2024, 2, 5)


@pytest.mark.parametrize(
    "text",
    ["The United States on Friday - began", "Three U.S. soldiers were killed.", "", "— x"],
)
def test_no_dateline(text):
    assert parse_dateline(text) is None


def test_header_date_absent_or_invalid():
    assert parse_header_date("Erbil, Iraq — x") == (None, 0)
    date, offset = parse_header_date(" date 2024-02-30 \nx")
    assert date is None and offset > 0
