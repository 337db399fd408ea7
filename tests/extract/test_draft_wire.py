"""Drafts from the phrasings of wire copy (Reuters, AP, AFP): named days, "overnight", vehicle
attacks, where an attack came from, dates told after the event, several events in a sentence."""

from __future__ import annotations

import pytest

from geomap.extract import extract_places
from geomap.extract.draft import draft_text


def _one(text: str, date: str) -> dict[str, str]:
    rows = draft_text(text, date=date)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    "day",
    ["Fourth of July", "Independence Day", "Christmas Day", "Christmas Eve", "Eid al-Adha",
     "Palm Sunday", "New Year's Day", "Valentine’s Day", "Martin Luther King Day",
     "Canada Day", "Victory Day"],
)
def test_a_named_day_is_no_place(day):
    text = f"A gunman opened fire in Springfield, Illinois, on {day}, police said."
    names = [m.text for m in extract_places(text, date="2024-07-05")]
    assert names == ["Springfield", "Illinois"]


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Gunmen attacked villages in Plateau state on Christmas Eve, killing 160 people, "
         "officials said on Tuesday.", "2023-12-26", "2023-12-24"),
        ("A man opened fire at a parade in Chicago on the Fourth of July.", "2023-07-06",
         "2023-07-04"),
        # the eve of a day is not the day; a moveable feast has no date here
        ("A gunman opened fire in Philadelphia on the eve of the Fourth of July holiday.",
         "2023-07-06", ""),
        ("A suicide bomber struck a mosque in Quetta on Eid al-Fitr, killing 34 people.",
         "2025-04-14", ""),
    ],
)
def test_a_named_day_dates_the_event_when_its_date_is_fixed(text, date, expected):
    assert _one(text, date)["date"] == expected


def test_overnight_is_the_night_before_the_report_on_both_sides_of_midnight():
    row = _one("Russia pounded Odesa overnight with missiles, killing two people, officials "
               "said on Sunday.", "2023-07-23")
    assert row["date"] == "2023-07-22/2023-07-23"
    # "overnight into Saturday" names its day
    assert _one("Overnight into Saturday, Russia fired 23 missiles at Kharkiv.",
                "2025-04-05")["date"] == "2025-04-05"


@pytest.mark.parametrize(
    ("text", "date", "target"),
    [
        ("A man drove a car into a crowded Christmas market in Magdeburg on Friday evening, "
         "killing five people.", "2024-12-21", ("Magdeburg",)),
        ("A man rammed a pickup truck into a crowd on Bourbon Street in New Orleans early "
         "Wednesday, killing 14 people.", "2025-01-01", ("Bourbon Street", "New Orleans")),
    ],
)
def test_a_vehicle_driven_into_a_crowd_is_an_attack(text, date, target):
    row = _one(text, date)
    assert row["target"] in target and row["weapon"] == ""  # no weapon of the vocabulary


def test_a_later_sentence_dates_the_undated_event():
    row = _one("A Russian rocket attack on a railway station in the town of Chaplyne in central "
               "Ukraine killed 25 people, officials said. Five cars caught fire after the strike "
               "on Wednesday, the president said.", "2022-08-25")
    assert row["date"] == "2022-08-24"
    row = _one("A drone attack on the Saudi hospital in El Fasher killed 70 people, the WHO "
               "said.\n\nA local official blamed the Rapid Support Forces for Friday's attack.",
               "2025-01-25")
    assert (row["date"], row["attacker"]) == ("2025-01-24", "Rapid Support Forces")
