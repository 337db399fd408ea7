"""Casualty counts in text (geomap.extract.casualties)."""

from __future__ import annotations

import pytest

from geomap.extract.casualties import format_count, injured, killed, parse_number


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("a drone strike that killed six American-allied Kurdish fighters", 6, 6),
        ("Three U.S. Army soldiers were killed", 3, 3),
        ("killing at least 22 people", 22, None),
        ("killing more than 100 people, including children", 101, None),
        ("between 30 and 40 people were killed", 30, 40),
        ("killing dozens of soldiers", 24, None),
        ("killed 1,000 people", 1000, 1000),
        ("killed 24 people, including four children", 24, 24),
    ],
)
def test_killed(text, low, high):
    count = killed(text, 0, len(text))
    assert (count.low, count.high) == (low, high)
    assert text[count.start : count.end].lower().split()[0] in (
        "killed", "killing", "three", "between")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("killing one spectator and critically injuring two others", 2, 2),
        ("More than 200 people were wounded", 201, None),
        ("Eight more people were injured.", 8, 8),
        ("and dozens more wounded", 24, None),
    ],
)
def test_injured(text, low, high):
    count = injured(text, 0, len(text))
    assert (count.low, count.high) == (low, high)


def test_no_number_no_count():
    for text in ("was killed by a sniper", "those killed the day before", "the man was injured"):
        assert killed(text, 0, len(text)) is None and injured(text, 0, len(text)) is None


def test_numbers_and_cells():
    assert parse_number("twelve") == (12, 12) and parse_number("1,500") == (1500, 1500)
    text = "between 3 and 5 were killed"
    assert format_count(killed(text, 0, len(text))) == "3-5"
    text = "killing at least 22"
    assert format_count(killed(text, 0, len(text))) == "22"


@pytest.mark.parametrize(
    ("text", "kind", "low", "high"),
    [
        ("killing 18 people and wounding sixty-one, officials said", "injured", 61, 61),
        ("Forty-four worshippers were killed", "killed", 44, 44),
        ("killing six people and wounding at least two dozen", "injured", 24, None),
        ("at least 20 people died in the blast", "killed", 20, None),
        ("the death toll rose to 51, the prosecutor said", "killed", 51, 51),
        ("A volunteer group put the toll at between 56 and 60 dead.", "killed", 56, 60),
        ("a hundred people were killed", "killed", 100, 100),
        ("The strike claimed the lives of 19 people, including nine children.", "killed", 19, 19),
        ("Twelve people lost their lives in the attack.", "killed", 12, 12),
        # one person, written with "a"
        ("killing a 55-year-old man and wounding 11 others", "killed", 1, 1),
        ("A woman was killed and two men were wounded", "injured", 2, 2),
        # the second count is not the first's: 40 injured, not 12
        ("The attack left 12 dead and 40 injured", "injured", 40, 40),
    ],
)
def test_words_deaths_tolls_and_one_person(text, kind, low, high):
    count = (killed if kind == "killed" else injured)(text, 0, len(text))
    assert (count.low, count.high) == (low, high)


def test_compound_number_words():
    assert parse_number("sixty-one") == (61, 61)
    assert parse_number("Twenty five") == (25, 25)
    assert parse_number("two dozen") == (24, 24)
    assert parse_number("three hundred") == (300, 300)


@pytest.mark.parametrize(
    ("text", "dead", "hurt"),
    [
        ("A rocket attack on the base caused no casualties, an official said.", 0, 0),
        ("No one was hurt.", 0, 0),
        ("no one was killed but five people were injured", 0, 5),
        ("killing 3 people; no one else was hurt", 3, 0),
    ],
)
def test_none_is_a_count_of_zero(text, dead, hurt):
    assert (killed(text, 0, len(text)).low, injured(text, 0, len(text)).low) == (dead, hurt)


def test_none_reported_is_no_count():
    text = "No casualties were reported."
    assert killed(text, 0, len(text)) is None and injured(text, 0, len(text)) is None
