"""Drafts from the phrasings of wire copy (Reuters, AP, AFP): named days, "overnight", vehicle
attacks, where an attack came from, dates told after the event, several events in a sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.extract import extract_places
from geomap.extract.dates import event_date
from geomap.extract.draft import draft_text
from tests.extract.test_draft_fields import _one


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


def test_a_place_named_after_a_day_dates_nothing():
    text = "Gunmen attacked a detention centre on Christmas Island, killing two people."
    assert event_date(text, 0, len(text), dt.date(2024, 7, 6)) is None
    text = "Gunmen attacked a parade on Christmas Day, killing two people."
    assert event_date(text, 0, len(text), dt.date(2024, 12, 27)).iso() == "2024-12-25"


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


@pytest.mark.parametrize(
    ("text", "date", "target", "origin"),
    [
        ("Russian forces shelled Kherson from across the Dnipro River on Sunday, killing two "
         "people.", "2023-05-07", "Kherson", "Dnipro River"),
        ("Russian troops shelled Nikopol from the occupied town of Enerhodar on Sunday.",
         "2023-05-07", "Nikopol", "Enerhodar"),
        ("Glide bombs dropped from Russian aircraft over the Belgorod region struck Kharkiv on "
         "Saturday.", "2024-05-26", "Kharkiv", "Belgorod region"),
        ("A cross-border attack from Lebanon killed two soldiers near Metula on Monday, "
         "Israeli officials said.", "2024-06-03", "Metula", "Lebanon"),
        # the origin ends before the words of the hit
        ("Rockets fired from Lebanon wounded three people in Nahariya on Monday, Israeli "
         "officials said.", "2024-06-03", "Nahariya", "Lebanon"),
        ("A Houthi missile fired at Israel from Yemen fell near Tel Aviv on Saturday.",
         "2024-12-21", "Tel Aviv", "Yemen"),
        # a place that locates the origin was not hit
        ("Russia fired 66 missiles at Ukraine on Thursday, some of them from bombers that took "
         "off from the Engels air base in Russia's Saratov region.", "2025-04-24", "Ukraine",
         "Engels air base"),
    ],
)
def test_where_the_attack_came_from_in_wire_words(text, date, target, origin):
    row = _one(text, date)
    assert (row["target"], row["origin"]) == (target, origin)


@pytest.mark.parametrize(
    ("text", "date", "attacker"),
    [
        # where the attack came from is not who attacked
        ("A cross-border attack from Lebanon killed two soldiers near Metula on Monday, "
         "Israeli officials said.", "2024-06-03", ""),
        # a participle or a relative clause after the subject describes it
        ("Iran-backed militias operating from Iraq attacked a U.S. base in Syria on Monday.",
         "2024-01-08", "Iran-backed militias"),
        ("Militants who crossed from Afghanistan attacked a checkpoint in Chitral on Wednesday, "
         "killing four soldiers, Pakistani officials said.", "2023-09-06", "Militants"),
    ],
)
def test_the_attacker_is_not_where_it_came_from(text, date, attacker):
    assert _one(text, date)["attacker"] == attacker


def test_a_second_group_of_one_person_is_added():
    row = _one("Rockets fired from southern Lebanon killed four foreign workers and an Israeli "
               "farmer near Metula on Thursday, Israeli officials said.", "2024-10-31")
    assert row["killed"] == "5"
    row = _one("An Israeli strike on a car in Tyre on Monday killed a Hezbollah commander and a "
               "civilian, Lebanese officials said.", "2024-10-28")
    assert row["killed"] == "2"


def test_where_a_drone_was_shot_down_is_not_a_target():
    rows = draft_text("A drone launched from Lebanon struck a house in Caesarea on Saturday, "
                      "Israeli officials said. Two other drones fired from Lebanon at the same "
                      "time were shot down over the Haifa area, the military said.",
                      date="2024-10-19")
    assert [r["target"] for r in rows] == ["Caesarea"]


def test_an_earlier_attack_told_in_the_same_sentence_is_its_own_event():
    rows = draft_text("Pakistan carried out air strikes on militant hideouts in Iran early on "
                      "Thursday, killing nine people, two days after Iran launched missile and "
                      "drone strikes on bases of a militant group in Pakistan.", date="2024-01-18")
    assert [(r["target"], r["attacker"], r["date"], r["weapon"]) for r in rows] == [
        ("Iran", "Pakistan", "2024-01-18", "air strike"),
        ("Pakistan", "Iran", "2024-01-16", "missile"),
    ]


def test_a_capitals_strikes_are_its_governments():
    row = _one("Tehran's strikes on Tuesday hit a village in Pakistan's Balochistan province, "
               "killing two children, Islamabad said.", "2024-01-18")
    assert (row["attacker"], row["date"]) == ("Tehran", "2024-01-16")


def test_a_source_saying_where_the_strikes_hit_places_the_strike_on_the_country():
    rows = draft_text("Pakistan carried out air strikes in Iran early on Thursday, killing nine "
                      "people. Pakistan's foreign ministry said the strikes hit hideouts near the "
                      "Iranian town of Saravan.", date="2024-01-18")
    assert [(r["target"], r["attacker"], r["killed"]) for r in rows] == [
        ("Saravan", "Pakistan", "9")]


def test_a_part_of_the_attack_named_after_its_verb_is_the_target():
    row = _one("Ukraine launched 337 drones at Russia overnight, including 91 that targeted the "
               "Moscow region, killing three people, Russian officials said on Tuesday.",
               "2025-03-11")
    assert row["target"] == "Moscow region"


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # a weekday in the clause beats "hours later"
        ("A suicide bomber struck a procession in Pakistan's Mastung district on Friday, "
         "killing 52 people. Hours later, a second blast ripped through a mosque in Hangu in "
         "Khyber Pakhtunkhwa province during Friday prayers, killing five people.",
         "2023-09-30", ["2023-09-29", "2023-09-29"]),
        # a range of weekdays
        ("Gunmen attacked villages in Bokkos, Plateau state, in attacks that began on Saturday "
         "night and went on until Monday, officials said on Tuesday.", "2023-12-26",
         ["2023-12-23/2023-12-25"]),
    ],
)
def test_days_named_in_the_clause(text, date, expected):
    assert [r["date"] for r in draft_text(text, date=date)] == expected


def test_a_claim_of_fire_at_the_country_completes_the_events_there():
    rows = draft_text("Rockets fired from southern Lebanon killed five people near Metula on "
                      "Thursday, Israeli officials said. Hezbollah said it had fired barrages at "
                      "northern Israel.", date="2024-10-31")
    assert [(r["target"], r["attacker"], r["claim"]) for r in rows] == [
        ("Metula", "Hezbollah", "claimed")]


def test_a_clause_opening_on_the_city_of_x_is_placed_there_with_both_killed():
    rows = draft_text("Russian cruise missiles slammed into an apartment building in Uman on "
                      "Friday, killing 17 people. In the southeastern city of Dnipro, a "
                      "31-year-old woman and her 2-year-old daughter were killed when a missile "
                      "hit a private house.", date="2023-04-28")
    assert [(r["target"], r["killed"]) for r in rows] == [("Uman", "17"), ("Dnipro", "2")]


def test_devices_that_exploded_across_a_country_are_one_attack_there():
    row = _one("Pagers used by members of Hezbollah exploded across Lebanon on Tuesday, killing "
               "at least nine people and wounding about 2,800, including fighters, medics and the "
               "Iranian envoy in Beirut, officials said. Hezbollah blamed Israel for the "
               "explosions.", "2024-09-17")
    assert (row["target"], row["attacker"], row["claim"]) == ("Lebanon", "Israel", "attributed")
    # a gas explosion is no attack
    assert draft_text("A gas cylinder exploded in a market in Lagos on Tuesday, killing nine "
                      "people.", date="2024-09-17") == []


def test_one_spectator_killed():
    row = _one("A gunman opened fire at a rally near Butler, Pennsylvania, on Saturday, wounding "
               "the former president and killing a spectator.", "2024-07-14")
    assert row["killed"] == "1"


def test_a_claim_on_a_day_and_a_later_sentence_date_the_attack_on_the_vessel():
    row = _one("Yemen's Houthis said on Wednesday they had attacked and sunk the bulk carrier "
               "Eternity C in the Red Sea.\n\nThe vessel came under attack from drones off the "
               "port of Hodeidah late on Monday, killing three crew members.", "2025-07-09")
    assert (row["attacker"], row["claim"], row["date"]) == ("Yemen's Houthis", "claimed",
                                                            "2025-07-07")


def test_this_suburb_is_the_datelines_town():
    row = _one("ALLEN, Texas (AP) — A gunman opened fire at a crowded outlet mall in this Dallas "
               "suburb on Saturday afternoon, killing eight people.", "2023-05-07")
    assert (row["target"], row["target_country"]) == ("ALLEN", "US")
    assert row["target_lat"] != "" and "Dallas" not in row["target"]


def test_gunmen_are_the_attacker_not_the_weapon():
    row = _one("Gunmen attacked the village of Yelwata in Nigeria's Benue state late on Friday, "
               "killing about 100 people, Amnesty International said on Saturday.", "2025-06-14")
    assert (row["attacker"], row["weapon"]) == ("Gunmen", "")
    # a gunman who kills is an attack even as the first death told; the shots are the weapon
    row = _one("A gunman killed 10 people at a dance studio in Monterey Park, California, late "
               "Saturday.", "2023-01-22")
    assert (row["killed"], row["weapon"]) == ("10", "")
    assert _one("A gunman opened fire at a mall in Allen, Texas, on Saturday, killing eight "
                "people.", "2023-05-07")["weapon"] == "gunfire"


def test_killing_an_8_year_old_and_a_10_year_old_is_two():
    row = _one("A shooter fired through the windows of a church in Minneapolis on Wednesday, "
               "killing an 8-year-old and a 10-year-old and wounding 17 other people.",
               "2025-08-28")
    assert (row["killed"], row["injured"]) == ("2", "17")


def test_infrastructure_used_by_a_group_is_not_struck_by_it():
    rows = draft_text("Israeli jets struck the airport in Sanaa, Yemen, on Thursday, killing six "
                      "people. Israel said it struck infrastructure used by the Houthis in "
                      "Sanaa.", date="2024-12-26")
    assert [(r["target"], r["attacker"]) for r in rows] == [("Sanaa", "Israel")]


def test_the_first_bombing_since_is_background_not_an_event():
    rows = draft_text("A suicide bomber blew himself up inside a church in Damascus on Sunday, "
                      "killing 22 people. It was the first suicide bombing in Damascus since the "
                      "fall of Assad in December.", date="2025-06-22")
    assert [(r["target"], r["date"]) for r in rows] == [("Damascus", "2025-06-22")]


def test_a_toll_in_the_next_sentence_of_the_paragraph_completes_the_event():
    row = _one("Russian missiles struck the centre of Kharkiv on Friday, officials said. At least "
               "40 people were killed, a regional medic said.", "2025-04-12")
    assert (row["target"], row["killed"]) == ("Kharkiv", "40")
    # a toll naming its own place is that place's
    rows = draft_text("Russian missiles struck Kharkiv on Friday. Three people were killed in "
                      "Odesa, officials said.", date="2025-04-12")
    assert [(r["target"], r["killed"]) for r in rows] == [("Kharkiv", ""), ("Odesa", "3")]


def test_a_war_named_as_background_and_a_toll_so_far_are_not_events():
    rows = draft_text("Israeli strikes killed 20 people in Rafah on Monday. More than 40,000 "
                      "people have been killed in Gaza since the war began, the health ministry "
                      "says.", date="2024-06-03")
    assert [(r["target"], r["killed"]) for r in rows] == [("Rafah", "20")]
    rows = draft_text("Hezbollah fired rockets at Metula on Monday, Israeli officials said. "
                      "Hezbollah has attacked Israel almost daily since the war in Gaza began.",
                      date="2024-06-03")
    # the campaign is Israel's, over a period the text does not date: no date, not Monday's
    assert [(r["target"], r["date"]) for r in rows] == [("Metula", "2024-06-03"), ("Israel", "")]


def test_a_source_telling_where_the_building_was_hit_from_gives_the_origin():
    row = _one("KYIV (Reuters) — A Russian missile struck an apartment building in the city of "
               "Dnipro on Saturday, killing 30 people, officials said.\n\nUkraine's air force "
               "said the building was hit by a Kh-22 missile launched from a bomber over "
               "Russia's Kursk region.", "2023-01-15")
    assert (row["target"], row["origin"]) == ("Dnipro", "Kursk region")


def test_where_the_missiles_were_fired_from_is_the_origin_of_the_whole_volley():
    rows = draft_text("Iran fired about 200 ballistic missiles at Israel on Tuesday night, the "
                      "Israeli military said. Most were intercepted, but some hit the Nevatim air "
                      "base in southern Israel.\n\nIran's Revolutionary Guard said it had "
                      "launched the missiles in response to the killing of its commanders. The "
                      "missiles were fired from several bases in Iran and took about 12 minutes "
                      "to reach Israel.", date="2024-10-02")
    assert [(r["target"], r["origin"]) for r in rows] == [("Israel", "Iran"),
                                                          ("Nevatim air base", "Iran")]


def test_a_time_count_is_no_toll_and_a_double_dateline_is_no_attacker():
    rows = draft_text("ISLAMABAD/NEW DELHI (Reuters) - India struck nine sites in Pakistan early "
                      "on Wednesday, killing 26 people, Pakistan's military said, two weeks after "
                      "gunmen killed 26 men at a tourist spot in Indian Kashmir.",
                      date="2025-05-07")
    assert [(r["attacker"], r["killed"]) for r in rows] == [("India", "26"), ("gunmen", "26")]


def test_the_capital_named_after_a_comma_is_the_target():
    row = _one("A suicide bomber blew himself up at a recruitment centre in Somalia's capital, "
               "Mogadishu, on Sunday, killing at least 13 people, officials said.", "2025-05-18")
    assert row["target"] == "Mogadishu"


def test_the_agent_of_a_hit_stops_before_where_it_happened():
    row = _one("A Greek-flagged oil tanker caught fire in the Red Sea on Wednesday after being hit "
               "by several projectiles off Yemen's port city of Hodeidah, Britain's maritime "
               "agency said.", "2024-08-22")
    assert (row["target"], row["attacker"]) == ("Hodeidah", "")


def test_a_group_saying_it_had_killed_claims_the_ambush():
    row = _one("Tuareg separatist rebels said on Monday they had killed dozens of Malian soldiers "
               "in an ambush near Tinzaouaten in northern Mali over the weekend.", "2024-07-29")
    assert (row["attacker"], row["claim"]) == ("Tuareg separatist rebels", "claimed")


def test_a_named_person_then_others_are_added():
    row = _one("An Israeli strike on a car in Tyre, Lebanon, on Monday killed a senior Hezbollah "
               "commander, Ali Hassan, and five other people, officials said.", "2024-10-28")
    assert row["killed"] == "6"


def test_some_of_them_from_the_sea_is_no_target():
    rows = draft_text("Russian missiles struck two apartment blocks in Ternopil, Ukraine, early on "
                      "Wednesday, killing 25 people. The air force said Russia had launched 476 "
                      "drones and 48 missiles overnight, some of them from the Black Sea.",
                      date="2025-11-19")
    assert [r["target"] for r in rows] == ["Ternopil"]


def test_opening_fire_on_a_crowd_makes_the_deaths_an_attack():
    row = _one("More than 100 Palestinians were killed while waiting for an aid delivery in Gaza "
               "City at dawn on Thursday, Gaza health authorities said, accusing Israeli forces of "
               "opening fire on the crowd.", "2024-02-29")
    assert (row["target"], row["weapon"], row["attacker"]) == ("Gaza City", "gunfire",
                                                               "Israeli forces")


def test_claimed_by_and_a_blamed_weapon():
    row = _one("Two suicide bombers rammed explosives-laden vehicles into a military compound in "
               "Bannu, Pakistan, late on Tuesday, killing 17 people. The attack was claimed by "
               "Jaish al-Fursan, a group linked to the Pakistani Taliban.", "2025-03-05")
    assert (row["attacker"], row["claim"]) == ("Jaish al-Fursan", "claimed")
    row = _one("A strike on a boarding school in the town of Sudzha in Russia's Kursk region "
               "killed four people on Saturday, Ukraine's military said, blaming a Russian guided "
               "aerial bomb.", "2025-02-02")
    assert (row["attacker"], row["claim"]) == ("Russian", "attributed")


def test_a_drone_that_crashed_into_a_place_hit_it_from_the_territory_named():
    row = _one("A drone launched from Syrian territory crashed into an open area in the "
               "Israeli-occupied Golan Heights on Wednesday night, causing no injuries, the "
               "Israeli military said.", "2024-10-09")
    assert (row["target"], row["origin"], row["origin_country"], row["date"]) == (
        "Golan Heights", "Syrian", "SY", "2024-10-09")
    # a car that crashed is still an accident
    assert draft_text("A car crashed into a crowd in Haifa, Israel, on Wednesday, killing two "
                      "people.", date="2024-10-09") == []


def test_a_jet_that_bombed_and_an_adverb_after_the_attacker():
    row = _one("A Myanmar military jet bombed a village in the central Mandalay region on Monday "
               "afternoon, killing at least 12 people.", "2025-05-13")
    assert row["weapon"] == "air strike"
    rows = draft_text("Rockets hit Kiryat Shmona, Israel, on Monday. An Iran-backed militia in "
                      "Iraq later said it had launched drones at targets in Israel.",
                      date="2024-10-09")
    assert [(r["target"], r["attacker"]) for r in rows] == [
        ("Kiryat Shmona", "Iran-backed militia in Iraq")]
