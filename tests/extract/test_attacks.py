"""Attack words, weapons and origins in a clause (geomap.extract.attacks)."""

from __future__ import annotations

import pytest

from geomap.extract.attacks import origin_span, triggers, weapon


def _words(text: str) -> list[str]:
    return [t.word for t in triggers(text, 0, len(text))]


@pytest.mark.parametrize(
    "text",
    [
        "Russia vowed to strike Kyiv",
        "Iran-backed groups have pledged to continue retaliating against Israel",
        "the United States has pledged to respond to any attack by these groups",
        "Myanmar's military has carried out more than 1,600 air strikes since the 2021 coup",
        "The rebels have attacked more than 60 vessels since November",
        "It was the deadliest mass shooting in the United States this year",
        "All of these groups say they are attacking US interests",
    ],
)
def test_threats_pledges_totals_and_comparisons_are_not_events(text):
    assert _words(text) == []


def test_realised_attacks():
    assert _words("A drone struck the al-Omar base") == ["drone", "struck"]
    assert _words("A gunman opened fire at a bar") == ["opened fire"]
    assert _words("the US announced it had struck 85 targets in Iraq") == ["struck"]
    assert _words("since May, shelling the city almost daily") == ["shelling"]


@pytest.mark.parametrize(
    ("text", "term", "words"),
    [
        ("Kh-101 cruise missiles launched from strategic bombers", "cruise missile", "Kh-101"),
        ("Israeli warplanes struck the port", "air strike", "warplanes"),
        ("Ukrainian shelling of the centre", "artillery", "shelling"),
        ("A gunman opened fire", "gunfire", "opened fire"),  # the shots, not the man
        ("a roadside bomb hit a convoy", "IED", "roadside bomb"),
        ("17 Shahed drones", "drone", "Shahed"),
    ],
)
def test_weapon_vocabulary_keeps_the_words(text, term, words):
    w = weapon(text, 0, len(text))
    assert (w.term, text[w.start : w.end]) == (term, words)


def test_a_weapon_that_was_struck_is_not_the_weapon_used():
    text = "U.S. forces said they had hit several Houthi cruise missiles"
    assert weapon(text, 0, len(text)) is None


def test_origin_span():
    text = "A rocket fired from southern Lebanon struck a pitch in Majdal Shams"
    s, e = origin_span(text, 0, len(text))
    assert text[s:e].strip() == "southern Lebanon"
    text = "militias operating from Iraq attacked the base"
    s, e = origin_span(text, 0, len(text))
    assert text[s:e].strip() == "Iraq"
    assert origin_span("a drone struck Erbil", 0, 20) is None


def test_accidents_are_not_attacks():
    assert _words("a neighbor accidentally hit her while backing out of a driveway") == []
    assert _words("She was struck by an SUV driven by a neighbor") == []
    assert _words("A car bomb struck the market") == ["bomb", "struck"]
