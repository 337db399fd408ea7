"""Attacker, claim, target, origin and casualties of a draft, phrasings of any war news."""

from __future__ import annotations

import pytest

from geomap.extract.draft import draft_text


def _one(text: str, date: str) -> dict[str, str]:
    rows = draft_text(text, date=date)
    assert len(rows) == 1, rows
    return rows[0]


def _check(text: str, date: str, **fields: str) -> None:
    """The one draft of ``text`` has these values."""
    row = _one(text, date)
    assert {k: row[k] for k in fields} == fields


@pytest.mark.parametrize(
    ("text", "date", "attacker"),
    [
        # a time phrase and a count are not the attacker
        ("Minutes earlier, dozens of Israeli warplanes struck targets in southern Lebanon on "
         "Sunday.", "2024-08-25", "Israeli warplanes"),
        ("Overnight into Saturday, Russia fired 23 missiles at Kharkiv.", "2025-04-05", "Russia"),
        # the agent after "by" stops at the verb
        ("A ballistic missile fired by Yemen's Houthi rebels slammed into a playground in Jaffa "
         "early on Saturday.", "2024-12-21", "Yemen's Houthi rebels"),
    ],
)
def test_the_attackers_words(text, date, attacker):
    assert _one(text, date)["attacker"] == attacker


def test_the_attackers_motive_names_no_target_and_is_its_claim():
    row = _one("Hezbollah fired hundreds of rockets at northern Israel early on Sunday, saying "
               "it was a response to the killing of a commander in Beirut last month.",
               "2024-08-25")
    assert row["target"] == "Israel" and row["claim"] == "claimed"


def test_two_groups_killed_are_added():
    row = _one("An 18-year-old gunman opened fire at an elementary school in Uvalde, Texas, on "
               "Tuesday, killing 19 children and two teachers.", "2022-05-25")
    assert row["killed"] == "21"
    # a part of the total is not added: "including four children"
    row = _one("A missile struck Dnipro on Saturday, killing 30 people, including four "
               "children.", "2023-01-15")
    assert row["killed"] == "30"


def test_the_bombs_sentence_completes_the_strike_with_its_origin():
    row = _one("Russian aircraft dropped two guided bombs on a store in Kharkiv on Saturday. "
               "The bombs were launched from warplanes over the Belgorod region, officials "
               "said.", "2024-05-26")
    assert row["target"] == "Kharkiv" and row["origin"].startswith("Belgorod")


def test_a_casualty_sentence_about_the_strikes_completes_them():
    rows = draft_text("Dozens of Israeli warplanes struck targets in southern Lebanon on Sunday. "
                      "Lebanon's health ministry said three people were killed in the Israeli "
                      "strikes.", date="2024-08-25")
    assert [r["killed"] for r in rows] == ["3"]


def test_a_blow_to_a_person_is_not_a_strike():
    text = ("ALEXANDRIA, La. — A man was charged with hitting his girlfriend at a home on "
            "Memphis Street in Alexandria on Sunday. He hit her in the face, police said.")
    assert draft_text(text, date="2009-03-24") == []


def test_the_attacker_who_later_claims_keeps_the_words_first_used():
    row = _one("Myanmar's military carried out an air strike on a crowd in Pazigyi village in "
               "the Sagaing region on Tuesday, killing more than 100 people. The military "
               "government confirmed it had carried out the strike.", "2023-04-12")
    assert (row["attacker"], row["claim"]) == ("Myanmar's military", "claimed")


def test_a_participle_after_the_subject_is_not_the_attacker():
    row = _one("A shooter armed with two rifles and a handgun opened fire at a school in "
               "Nashville on Monday, killing six people.", "2023-03-28")
    assert (row["attacker"], row["killed"]) == ("shooter", "6")


def test_a_toll_sentence_blaming_a_group_names_the_attacker():
    rows = draft_text("Artillery shells hit the Sabreen market in Omdurman on Saturday. At least "
                      "54 people were killed, the health ministry said, blaming the paramilitary "
                      "Rapid Support Forces.", date="2025-02-02")
    assert [(r["attacker"], r["claim"], r["killed"]) for r in rows] == [
        ("paramilitary Rapid Support Forces", "attributed", "54")]


@pytest.mark.parametrize(
    ("text", "date", "target", "origin"),
    [
        # a source says where the drone of the event before came from
        ("A drone hit an army base near Haifa on Sunday, killing two soldiers. The military "
         "said the drone had been launched from Lebanon.", "2024-10-14", "Haifa", "Lebanon"),
        # words between the verb and "from"
        ("Rockets fired toward Israel from Gaza hit Sderot on Monday, wounding three people.",
         "2024-05-06", "Sderot", "Gaza"),
        # the origin ends before the target's preposition
        ("Hezbollah fired rockets from positions in southern Lebanon at Kiryat Shmona on "
         "Tuesday.", "2024-06-04", "Kiryat Shmona", "Lebanon"),
        ("Russian forces struck Kharkiv with glide bombs on Monday. Ukraine's air force said "
         "the bombs were dropped by Su-34 jets flying from Russia's Belgorod region.",
         "2024-06-04", "Kharkiv", "Belgorod region"),
        # a place in a part of the toll is not the target
        ("Israeli strikes killed 24 people across the Gaza Strip on Saturday, including seven "
         "in Rafah, health officials said.", "2024-06-09", "Gaza Strip", ""),
    ],
)
def test_where_the_attack_came_from(text, date, target, origin):
    _check(text, date, target=target, origin=origin)


def test_a_relative_clause_is_not_the_attacker():
    row = _one("An explosive drone that crossed into Israel from Lebanon hit a house in "
               "Caesarea on Saturday.", "2024-10-19")
    assert (row["target"], row["attacker"], row["origin"]) == ("Caesarea", "", "Lebanon")


@pytest.mark.parametrize(
    ("text", "date", "attacker", "weapon"),
    [
        # the act told in a "when" clause after the toll
        ("Two people were killed in Kherson, Ukraine, on Tuesday when Russian artillery shelled "
         "the city center.", "2024-06-05", "Russian", "artillery"),
        ("At least 12 people were killed when a Russian glide bomb hit an apartment block in "
         "Kharkiv, Ukraine, on Sunday.", "2024-06-03", "Russian", "air strike"),
        # an air force that bombs is an air strike; one that speaks is a source
        ("The junta's air force bombed a village in Sagaing region on Wednesday, killing 11 "
         "civilians.", "2024-06-07", "junta's air force", "air strike"),
        ("Russian missiles hit Kyiv on Monday, killing three people, the Ukrainian air force "
         "said.", "2024-06-04", "Russian", "missile"),
    ],
)
def test_attacker_and_weapon_of_the_act(text, date, attacker, weapon):
    _check(text, date, attacker=attacker, weapon=weapon)


@pytest.mark.parametrize(
    ("text", "date", "attacker", "claim"),
    [
        # "took responsibility" in a short sentence of its own
        ("A suicide bomber blew himself up at a checkpoint in Mogadishu, Somalia, on Friday, "
         "killing five soldiers. Al-Shabaab took responsibility for the attack.", "2024-06-08",
         "Al-Shabaab", "claimed"),
        ("An explosion tore through a market in Peshawar, Pakistan, on Sunday, killing 11 "
         "people. The Pakistani Taliban said they were behind the bombing.", "2024-06-10",
         "Pakistani Taliban", "claimed"),
        ("The Israeli military said its jets had struck a weapons depot in Nabatieh, Lebanon, "
         "on Tuesday.", "2024-06-05", "Israeli military", "claimed"),
        # the group a qualifier names is not the claimant: JNIM, not al Qaeda
        ("Jihadists killed more than 100 people in an attack on Djibo, Burkina Faso, on Sunday. "
         "The al Qaeda-affiliated JNIM claimed the assault.", "2025-05-13", "JNIM", "claimed"),
        # nobody claimed it: no attacker
        ("Drones struck a gas field in Erbil, Iraq, on Friday. No group claimed responsibility.",
         "2024-04-27", "", ""),
        ("A car bomb exploded in Mogadishu, Somalia, on Friday. Al-Shabaab has not claimed "
         "responsibility.", "2024-06-08", "", ""),
        # an army before the attack word
        ("A military air strike on a school in Sagaing region, Myanmar, killed 20 students on "
         "Monday.", "2025-05-13", "military", "attributed"),
    ],
)
def test_claims_in_other_words(text, date, attacker, claim):
    _check(text, date, attacker=attacker, claim=claim)
