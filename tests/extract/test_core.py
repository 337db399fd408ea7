"""extract_places end to end on the shipped gazetteer (geomap.extract.core)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geomap.errors import GeomapInputError
from geomap.extract import Extraction, extract_places

#: a copy of ../shared/seed/article-2024-02-05.txt, so a fresh clone can test it
SEED = (Path(__file__).resolve().parents[1] / "data" / "dispatches" / "seed"
        / "article-2024-02-05.txt")


def _seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed() -> Extraction:
    return extract_places(_seed_text())


def _by_name(ex: Extraction) -> dict[str, object]:
    return {g.place.name: g for g in ex.places if g.is_place}


def test_seed_finds_every_place_it_must(seed):
    places = _by_name(seed)
    for name in ("Erbil", "Iraq", "Syria", "Jordan", "Deir ez-Zor Governorate",
                 "Al-Omar oil field", "Yemen", "Red Sea", "Israel", "Gaza Strip", "Iran",
                 "Baghdad"):
        assert name in places, name
    assert places["Erbil"].roles == ("dateline",)
    assert [m.text for m in places["Deir ez-Zor Governorate"].mentions] == [
        "Deir el-Zour province"]
    assert places["Deir ez-Zor Governorate"].place.kind == "admin1"
    assert [m.text for m in places["Al-Omar oil field"].mentions] == ["al-Omar base"]
    assert places["Red Sea"].place.kind == "sea"
    assert places["Baghdad"].place.country_code == "IQ"


def test_seed_reports_nothing_that_is_not_a_place(seed):
    allowed = {"Erbil", "Iraq", "Syria", "Jordan", "Deir ez-Zor Governorate",
               "Al-Omar oil field", "Yemen", "Red Sea", "Israel", "Gaza Strip", "Iran",
               "Baghdad", "United States", "United Kingdom", "Gaza", "Middle East"}
    assert set(_by_name(seed)) <= allowed
    unflagged = {m.text for m in seed if not m.flags}
    for word in ("Iranian", "Iraqi", "American", "Kurdish", "Syrian", "Monday", "Friday",
                 "AHMAD", "AL-RUBAYE", "al-Shaabi", "Biden", "The", "Palestinians"):
        assert word not in unflagged, word


def test_seed_flags_demonyms_and_organisation_names(seed):
    text = _seed_text()
    irq = text.index("Islamic Resistance in Iraq") + len("Islamic Resistance in ")
    (inside,) = [m for m in seed if m.start == irq]
    assert inside.flags == ("organisation",) and not inside.is_place
    demonyms = {m.text for m in seed if "demonym" in m.flags}
    assert {"Iranian", "Kurdish", "American", "Syrian", "Israeli"} - {"Kurdish"} <= demonyms
    assert all(text[m.start : m.end] == m.text for m in seed)


def test_seed_date_and_dateline(seed):
    assert seed.date == dt.date(2024, 2, 5)
    assert seed.dateline.place == "Erbil" and seed.dateline.region == "Iraq"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("ADEN, Yemen — Houthi fighters shelled Aden on Tuesday.", "Aden", "YE"),
        ("BEIRUT, Lebanon — Clashes broke out in Tripoli, north of Beirut.", "Tripoli", "LB"),
        ("Libya's rival governments traded fire in Tripoli on Sunday.", "Tripoli", "LY"),
        ("Syrian forces shelled Homs, north of Damascus, in Syria.", "Homs", "SY"),
    ],
)
def test_context_steers_ambiguous_names(text, name, country):
    ex = extract_places(text)
    hits = [m for m in ex if m.text == name and m.role == "mention"]
    assert hits and all(m.place.country_code == country for m in hits)


def test_longest_match_and_variants():
    ex = extract_places("Ships in the Gulf of Aden, off Aden, and in the Gaza Strip; "
                        "Iraq's army in Deir ez-Zor and Deir el-Zour; Erbil (أربيل).")
    names = [(m.text, m.place.name) for m in ex]
    assert ("Gulf of Aden", "Gulf of Aden") in names
    assert ("Aden", "Aden") in names
    assert ("Gaza Strip", "Gaza Strip") in names
    assert ("Iraq", "Iraq") in names
    dz = {m.place_id for m in ex if m.text.startswith("Deir")}
    assert len(dz) == 1
    erbil = {m.place_id for m in ex if m.text in ("Erbil", "أربيل")}
    assert len(erbil) == 1 and len([m for m in ex if m.text in ("Erbil", "أربيل")]) == 2


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Prime Minister Mohammed Shia al-Sudani condemned the strike in Iraq.", "Sudan"),
        ("Defense Secretary Lloyd Austin spoke about Syria.", "Austin"),
        ("The Marlin Luanda, a tanker, burned in the Gulf of Aden.", "Luanda"),
        ("A drone hit Palestine Street in Baghdad.", "Palestine"),
        ("On March 3, Reading the news in Mobile, Of course the Tower fell in Iraq.", "Reading"),
        ("Iranian and Omani and Roman officials met in Iraq.", "Oman"),
    ],
)
def test_no_false_places(text, absent):
    ex = extract_places(text)
    assert all(absent not in (m.place.name or "") for m in ex if m.is_place), [
        (m.text, m.place.name) for m in ex]
    assert any(m.is_place for m in ex)  # the real place of the sentence is still found


def test_tower_alone_is_not_a_place_tower_22_is():
    ex = extract_places("The tower near Tower 22 in Jordan was hit. Tower officials said so.")
    assert [m.text for m in ex if m.is_place] == ["Tower 22", "Jordan"]


def test_datelines_have_the_dateline_role():
    ex = extract_places("WASHINGTON — The Pentagon said strikes hit Iraq.")
    assert [(m.text, m.role) for m in ex][:1] == [("WASHINGTON", "dateline")]
    ex = extract_places("BEIRUT (Reuters) - Israeli strikes hit southern Lebanon.")
    assert ex[0].text == "BEIRUT" and ex[0].role == "dateline"
    assert ex[0].place.country_code == "LB"


def test_bad_input():
    with pytest.raises(GeomapInputError):
        extract_places(b"Iraq")  # type: ignore[arg-type]
    with pytest.raises(GeomapInputError, match="YYYY-MM-DD"):
        extract_places("Iraq", date="5 Feb")
    assert extract_places("") == []
    assert extract_places("Iraq", date=dt.date(2024, 2, 5)).date == dt.date(2024, 2, 5)


def test_places_known_in_one_country_steer_the_others():
    ex = extract_places("Israeli jets struck near Tyre and in the Bekaa. Tanks entered Khan "
                        "Younis and Rafah as Egypt protested.")
    by_text = {m.text: m.place for m in ex}
    assert by_text["Bekaa"].country_code == "LB" and by_text["Bekaa"].kind == "admin1"
    assert by_text["Rafah"].country_code == "PS"


def test_a_name_inside_a_longer_unknown_name_is_not_a_town():
    # Zarqa and Amman are towns, but these longer names are invented: no town is meant.
    ex = extract_places("Egypt guards the Zarqa Desert; ships round the Cape of Amman; "
                        "a strike hit Khirbet Zarqa in Lebanon.")
    assert {m.text for m in ex if m.is_place} == {"Egypt", "Lebanon"}


def test_longer_names_the_gazetteer_knows_are_found_whole():
    ex = extract_places("Egypt guards the Sinai Peninsula; ships round the Cape of Good Hope; "
                        "a strike hit Khirbet Selm in Lebanon.")
    found = {m.text for m in ex if m.is_place}
    assert found == {"Egypt", "Sinai Peninsula", "Cape of Good Hope", "Khirbet Selm", "Lebanon"}


def test_demonym_inside_a_place_name_is_not_reported():
    ex = extract_places("Saudi Arabia and Saudi officials")
    assert [(m.text, m.flags) for m in ex] == [("Saudi Arabia", ()), ("Saudi", ("demonym",))]


def test_a_town_starting_a_longer_capitalised_name_is_not_believed():
    ex = extract_places("A missile killed three crew members of the True Confidence off Aden, "
                        "Yemen, and the Sanaa International Airport was closed.")
    assert "True" not in {m.text for m in ex}
    assert {"Aden", "Yemen"} <= {m.text for m in ex if m.is_place}
    assert any(m.text.startswith("Sanaa") for m in ex if m.is_place)


def test_inside_an_organisation_only_a_country_is_reported():
    ex = extract_places("The Kurdistan Regional Government and the Islamic Resistance in Iraq "
                        "spoke in Erbil.")
    assert [(m.text, m.flags) for m in ex if m.flags] == [("Iraq", ("organisation",))]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Strikes hit Dayr az-Zawr.", "Deir ez-Zor"),
        ("Strikes hit Deir ez\u2011Zor.", "Deir ez-Zor"),
        ("Strikes hit Sanaʿa.", "Sanaa"),
        ("Strikes hit Sana‘a.", "Sanaa"),
        ("Protests in دمشق.", "Damascus"),
        ("IRAQ'S PRIME MINISTER", "Iraq"),
    ],
)
def test_spelling_script_and_quote_variants(text, name):
    assert [m.place.name for m in extract_places(text)] == [name]


def test_a_generic_word_ending_an_unknown_name_is_not_a_place():
    # "Plateau" alone is a Nigerian state in the gazetteer; here it ends a longer name.
    ex = extract_places("Troops crossed the Zarqa Plateau and shelled Khirbet Zarqa near Amman.")
    assert {m.text for m in ex if m.is_place} == {"Amman"}


def test_a_large_town_is_found_without_its_country_being_named():
    ex = extract_places("Ships were hit off Hodeidah on Monday.")
    assert [(m.text, m.place.country_code) for m in ex if m.is_place] == [("Hodeidah", "YE")]


def test_a_short_first_word_with_its_full_stop_is_part_of_the_name():
    """"St. Cloud" is one name (Saint Cloud, Minnesota), not "Cloud" after a sentence end."""
    ex = extract_places("Officers drove from St. Cloud to Mt. Pleasant on Sunday.")
    names = {m.text: m.place for m in ex if m.is_place}
    assert "St. Cloud" in names and names["St. Cloud"].admin1 == "Minnesota"
    assert "Mt. Pleasant" in names and names["Mt. Pleasant"].name == "Mount Pleasant"


def _readings(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {m.text: (m.place.country_code, m.place.kind)
            for g in extract_places(text).places for m in g.mentions}


def test_a_contested_name_is_read_with_the_articles_other_names():
    """The extractor's own ranking favoured a Palestinian village called Ad Dawhah in a Gaza
    story; the geocoder, reading the article's other names (Qatar among them), answers the
    Qatari capital, and its answer is taken when it is one of the believable readings."""
    text = ("DEIR AL-BALAH, Gaza Strip (Reuters) - Israeli strikes killed 12 people in "
            "Nuseirat and Khan Younis, medics said. Mediators from Qatar and Egypt met in Doha "
            "on Tuesday to discuss a ceasefire.")
    assert _readings(text)["Doha"] == ("QA", "capital")


def test_the_country_of_a_dateline_is_the_country_not_its_capital():
    text = ("CULIACAN, Mexico (AP) - Gunmen killed five people in Culiacan, the capital of "
            "Sinaloa state, officials said on Sunday. The government in Mexico City sent "
            "troops.")
    readings = _readings(text)
    assert readings["Mexico"] == ("MX", "country")
    assert readings["Mexico City"] == ("MX", "capital")


def test_an_english_word_is_not_a_town_abroad_it_only_folds_into():
    """'Let' folded into Lit (India), 'Kone' into Koni, 'Alliance' into Liancai (China) once
    the article named India and China: outside the region, where transliterations vary, a
    single word must be spelt as one of the place's names (diacritics aside: Anantnag)."""
    text = ("YANGON, Myanmar (AP) - A military airstrike hit Let Yet Kone village in Sagaing "
            "region, residents said. Thousands have fled to Mizoram in India. In Lashio, "
            "residents returned after the Myanmar National Democratic Alliance Army withdrew "
            "under pressure from China. Militants attacked tourists in the Anantnag district "
            "of Kashmir.")
    readings = _readings(text)
    assert not {"Let", "Kone", "Alliance"} & set(readings)
    assert readings["Lashio"] == ("MM", "city")
    assert readings["Anantnag district"][0] == "IN"


def test_the_dateline_place_is_a_town_not_the_region_of_its_name():
    text = ("YANGON, Myanmar (AP) - A military airstrike on a village in Sagaing region killed "
            "at least 20 people, residents said.")
    assert _readings(text)["YANGON"] == ("MM", "city")
