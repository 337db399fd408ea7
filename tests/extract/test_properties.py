"""Invariants of extract_places on generated texts (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.extract import extract_places

WORDS = ["Iraq", "Iraqi", "Iraq's", "the", "Gulf of Aden", "Aden", "al-Omar base", "Reading",
         "Islamic Resistance in Iraq", "Tower", "Tower 22", "said", "on", "Monday", "Sana'a",
         "Sana’a", "Deir ez-Zor", "province", "U.S.", "Syrian", "—", ",", ".", "\n", "أربيل",
         "Omani", "Roman", "Prime Minister Mohammed Shia al-Sudani", "Beirut", "(Reuters)",
         "-", "Gaza Strip", "Jordan", "Hezbollah", "strike", "in", "Yemen", "Red Sea"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.sampled_from([" ", "  ", " \t"]))
def test_offsets_and_spans_are_consistent(words, sep):
    text = sep.join(words)
    ex = extract_places(text)
    for m in ex:
        assert text[m.start : m.end] == m.text
        assert m.text.strip() == m.text and m.text
        assert m.place.resolved
    spans = sorted((m.start, m.end) for m in ex)
    for (_s1, e1), (s2, _e2) in zip(spans, spans[1:], strict=False):
        assert e1 <= s2, (text, spans)
    grouped = sum(len(g.mentions) for g in ex.places)
    assert grouped == len(ex)
    assert [(m.text, m.start, m.place_id) for m in extract_places(text)] == [
        (m.text, m.start, m.place_id) for m in ex]


def test_demonym_inside_an_organisation_is_flagged_both():
    ex = extract_places("The Syrian Democratic Forces said a drone hit the base in Syria.")
    syrian = next(m for m in ex if m.text == "Syrian")
    assert syrian.flags == ("demonym", "organisation")
