"""Recall and precision on the dev set of dispatches (tests/data/dispatches).

The figures are printed (``pytest -s``, or in the report of a failure); the test fails below
90% for either.
"""

from __future__ import annotations

import pytest

from geomap.extract import extract_places
from tests.extract.conftest import DEVSET_FIGURES
from tests.extract.devset import Score, load_cases, score

CASES = load_cases()


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    out = {}
    for slug, text, expected in CASES:
        out[slug] = score(slug, text, expected, extract_places(text, date=expected["date"]))
    return out


@pytest.fixture(scope="module")
def total(scores) -> Score:
    t = Score()
    for s in scores.values():
        t.add(s)
    DEVSET_FIGURES.update(dispatches=len(scores), expected=t.expected, reported=t.predicted,
                          recall=t.recall, precision=t.precision)
    print(f"\ndev set: {len(scores)} dispatches, {t.expected} expected places, "
          f"{t.predicted} reported; recall {t.recall:.1%}, precision {t.precision:.1%}")
    for line in t.missed:
        print("  missed:", line)
    for line in t.extra:
        print("  extra: ", line)
    return t


def test_dev_set_has_at_least_twelve_dispatches_with_expectations():
    assert len(CASES) >= 12
    for slug, text, expected in CASES:
        assert expected["dispatch"] == f"{slug}.txt"
        assert expected["places"], slug
        assert sum(p["role"] == "dateline" for p in expected["places"]) <= 1
        for phrase in expected["not_places"]:
            assert phrase in text, (slug, phrase)


def test_recall_at_least_90_percent(total):
    assert total.recall >= 0.90, (total.recall, total.missed)


def test_precision_at_least_90_percent(total):
    assert total.precision >= 0.90, (total.precision, total.extra)


def test_no_unflagged_mention_inside_a_not_a_place_phrase(total):
    assert total.not_place_hits == []


def test_every_dateline_place_has_the_dateline_role(total):
    assert total.wrong_role == []


def test_arabic_script_mentions_are_found(scores):
    for slug, text, expected in CASES:
        extraction = extract_places(text, date=expected["date"])
        written = {m.text for m in extraction if m.is_place}
        for item in expected["places"]:
            for mention in item.get("mentions", []):
                assert mention in written, (slug, mention)


def test_scoring_counts_a_miss_and_an_extra():
    slug, text, expected = CASES[0]
    extraction = extract_places(text, date=expected["date"])
    fewer = dict(expected, places=expected["places"][1:])
    s = score(slug, text, fewer, extraction)
    assert s.predicted == s.matched + len(s.extra) and s.extra
    more = dict(expected, places=[*expected["places"], dict(expected["places"][-1], name="X",
                                                             lat=0.0, lon=0.0)])
    s = score(slug, text, more, extraction)
    assert "X" in s.missed[-1]
