"""Rule spans: organisations, persons, ships, outlets, demonyms (geomap.extract.spans)."""

from __future__ import annotations

from geomap.extract import spans


def _texts(text: str, found: list) -> list[str]:
    return [text[s[0] : s[1]] for s in found]


def test_organisations_longest_first_and_capitalised():
    text = ("The Islamic Resistance in Iraq and Kataib Hezbollah; the Islamic State; hamas "
            "said nothing; SANA reported; the Syrian Democratic Forces")
    found = _texts(text, spans.organisation_spans(text))
    assert found == ["Islamic Resistance in Iraq", "Kataib Hezbollah", "Islamic State", "SANA",
                     "Syrian Democratic Forces"]


def test_organisation_hyphen_and_apostrophe_variants():
    text = "Kata'ib Hezbollah and Hashd al Shaabi and Kurdistan Workers’ Party"
    assert _texts(text, spans.organisation_spans(text)) == [
        "Kata'ib Hezbollah", "Hashd al Shaabi", "Kurdistan Workers’ Party"]


def test_persons_after_titles_given_names_and_known_people():
    text = ("Prime Minister Mohammed Shia al-Sudani met Defense Secretary Lloyd Austin; "
            "Hezbollah leader Hassan Nasrallah spoke; Biden said.")
    found = _texts(text, spans.person_spans(text))
    assert "Mohammed Shia al-Sudani" in found
    assert "Lloyd Austin" in found
    assert "Hassan Nasrallah" in found
    assert "Biden" in found


def test_place_after_a_lowercase_word_is_not_a_person():
    text = "the al-Omar base and Abu Kamal"
    assert spans.person_spans(text) == []


def test_vessels_by_word_apposition_and_repeat():
    text = ("The Marlin Luanda, a Marshall Islands-flagged vessel, burned. The destroyer "
            "INS Kolkata helped the bulk carrier True Confidence. The Marlin Luanda sailed.")
    found = _texts(text, spans.vessel_spans(text))
    assert found.count("Marlin Luanda") == 2
    assert "INS Kolkata" in found or "Kolkata" in found
    assert "True Confidence" in found


def test_media_outlet_names():
    text = "the local news website Suwayda 24 said"
    assert _texts(text, spans.media_spans(text)) == ["Suwayda 24"]


def test_demonyms_with_plurals_and_countries():
    text = "Iraqi and Yemenis, British-registered, Iranian-backed, Sri Lankans; not Iraq or Omanis"
    found = [(text[s:e], code) for s, e, _name, code in spans.demonym_spans(text)]
    assert found == [("Iraqi", "IQ"), ("Yemenis", "YE"), ("British", "GB"), ("Iranian", "IR"),
                     ("Sri Lankans", "LK"), ("Omanis", "OM")]


def test_abbreviations_are_case_sensitive():
    text = "U.S. forces and the UK, but not us or U.S.-led? yes: U.S.-led"
    found = [text[s:e] for s, e, _n, _c in spans.abbreviation_spans(text)]
    assert found == ["U.S.", "UK", "U.S.", "U.S."]


def test_inside():
    assert spans.inside([(0, 10)], 2, 5)
    assert not spans.inside([(0, 10)], 8, 12)


def test_intervals_contain_and_overlap_with_nested_and_unsorted_spans():
    iv = spans.Intervals([(20, 30), (0, 10), (2, 4), (25, 40)])
    assert iv.contains(2, 4) and iv.contains(0, 10) and iv.contains(26, 40)
    assert not iv.contains(8, 12) and not iv.contains(10, 11)
    assert iv.overlaps(9, 12) and iv.overlaps(39, 50)
    assert not iv.overlaps(10, 20) and not iv.overlaps(40, 41)
    empty = spans.Intervals([])
    assert not empty.contains(0, 1) and not empty.overlaps(0, 1)
