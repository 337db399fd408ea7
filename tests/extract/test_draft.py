"""Draft events from a dispatch (geomap.extract.draft)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from geomap.errors import GeomapFileError
from geomap.extract import extract_places
from geomap.extract.draft import DRAFT_COLUMNS, EVENT_COLUMNS, draft_csv, draft_events, write_draft

SEED = (Path(__file__).resolve().parents[1] / "data" / "dispatches" / "seed"
        / "article-2024-02-05.txt")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    text = SEED.read_text(encoding="utf-8")
    return draft_events(extract_places(text), text)


def test_columns_are_the_events_schema_plus_evidence_and_draft_fields():
    assert DRAFT_COLUMNS == (*EVENT_COLUMNS, "evidence", "draft_fields")
    assert EVENT_COLUMNS[:7] == ("id", "date", "attacker", "target_party", "weapon", "origin",
                                 "target")


def test_seed_drafts_the_al_omar_strike_once_with_its_claimed_attacker(rows):
    (row,) = [r for r in rows if r["target"] == "al-Omar base"]
    assert row["date"] == "2024-02-04"
    assert row["target_country"] == "SY" and row["weapon"] == "drone"
    assert float(row["target_lat"]) == pytest.approx(35.15, abs=0.1)
    assert row["killed"] == "6" and row["claim"] == "claimed"
    assert row["attacker"] in ("Iranian-backed militia in Iraq", "Islamic Resistance in Iraq")
    assert not [r for r in rows if r["target"] == "Syria"]  # the lead's "a base in eastern Syria"


def test_seed_us_strike_on_houthi_cruise_missiles_is_by_the_us_in_yemen(rows):
    (row,) = [r for r in rows if r["attacker"] == "U.S. forces"]
    assert (row["target"], row["claim"]) == ("Yemen", "claimed")
    assert row["date"] == "2024-02-03/2024-02-04"  # "hours later" after Saturday evening
    assert not [r for r in rows if r["attacker"].startswith("Houthi")]
    assert not [r for r in rows if r["target"] == "Red Sea"]


def test_seed_october_7_attack_is_not_the_us(rows):
    (row,) = [r for r in rows if r["date"] == "2023-10-07"]
    assert row["target"] == "Israel" and row["attacker"] == "Palestinian militant group"


def test_seed_jordan_strike_dated_january_28(rows):
    (row,) = [r for r in rows if r["target"] == "Jordan"]
    assert (row["date"], row["killed"], row["weapon"]) == ("2024-01-28", "3", "drone")


def test_seed_no_event_for_pledges_qualifiers_or_a_funeral(rows):
    targets = {r["target"] for r in rows}
    assert not targets & {"Gaza", "Gaza Strip", "Iran", "Baghdad"}
    assert {r["date"] for r in rows if r["target"] == "Iraq"} >= {"2024-02-02", "2024-01-03"}


def test_seed_us_uk_strikes_on_yemen_saturday(rows):
    (row,) = [r for r in rows if r["date"] == "2024-02-03" and r["target"] == "Yemen"]
    assert row["attacker"] == "United States and the United Kingdom"
    assert row["target_party"] == "Houthi"


def test_evidence_points_at_the_words_of_each_value(rows):
    text = SEED.read_text(encoding="utf-8")
    for row in rows:
        spans = dict(item.split("@") for item in row["evidence"].split(";"))
        s, e = map(int, spans["target"].split("-"))
        assert text[s:e] == row["target"]
        if row["attacker"]:
            s, e = map(int, spans["attacker"].split("-"))
            assert text[s:e] == row["attacker"]
        for column in ("date", "weapon", "killed"):
            if row[column]:
                s, e = map(int, spans[column].split("-"))
                assert 0 <= s < e <= len(text)


def test_every_drafted_value_is_marked(rows):
    for row in rows:
        drafted = set(row["draft_fields"].split(";"))
        filled = {c for c in EVENT_COLUMNS if row[c]} - {"id", "notes"}
        assert filled <= drafted, row
        assert row["notes"].startswith("DRAFT: ")
        assert row["id"].startswith("draft-")
    assert len({r["id"] for r in rows}) == len(rows)


def test_origin_after_flew_from():
    text = "Jets flew from RAF Akrotiri in Cyprus and struck Hodeidah in Yemen on Friday."
    (row,) = draft_events(extract_places(text, date="2024-01-12"), text)
    assert row["origin"] == "RAF Akrotiri" and row["origin_country"] == "CY"
    assert row["target"] == "Hodeidah" and row["date"] == "2024-01-12"


def test_sentences_without_an_attack_or_a_place_give_no_row():
    text = "Officials met in Baghdad on Monday. A drone was seen somewhere."
    assert draft_events(extract_places(text, date="2024-02-05"), text) == []


def test_csv_round_trip_and_write(tmp_path, rows):
    out = write_draft(rows, tmp_path / "draft.csv")
    read = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(read) == len(rows) and tuple(read[0]) == DRAFT_COLUMNS
    assert draft_csv([]).strip() == ",".join(DRAFT_COLUMNS)
    with pytest.raises(GeomapFileError, match="draft"):
        write_draft(rows, tmp_path)


def _draft(text: str, date: str = "2024-02-05") -> list[dict[str, str]]:
    return draft_events(extract_places(text, date=date), text)


def test_threats_pledges_and_running_totals_are_not_events():
    text = ("Russia vowed to strike Kyiv. The Houthis have attacked more than 60 vessels in the "
            "Red Sea since November. Iran-backed groups have pledged to keep attacking Israel.")
    assert _draft(text) == []


def test_a_place_attacked_over_a_period_is_one_event_with_that_range():
    text = "The RSF has besieged El Fasher since May, shelling the city almost daily."
    (row,) = _draft(text, "2025-01-26")
    assert row["target"] == "El Fasher" and row["date"] == "2024-05-01/2025-01-26"
    assert row["weapon"] == "artillery" and row["attacker"] == "RSF"


def test_origin_from_launched_operating_and_fired_from():
    text = "A rocket fired from southern Lebanon struck the town of Kiryat Shmona on Sunday."
    (row,) = _draft(text)
    assert (row["origin"], row["target"], row["weapon"]) == ("Lebanon", "Kiryat Shmona", "rocket")
    assert row["attacker"] == ""  # nobody is named: nothing is guessed


def test_claim_and_blame_in_a_later_sentence_complete_the_event():
    text = ("A drone attack on a hospital in El Fasher killed 70 people on Friday. "
            "Sudanese officials blamed the RSF for the strike.")
    (row,) = _draft(text, "2025-01-26")
    assert (row["attacker"], row["claim"], row["killed"]) == ("RSF", "attributed", "70")
    text = ("Gunmen opened fire in a concert hall near Moscow on Friday, killing at least 133 "
            "people. Islamic State claimed responsibility for the attack.")
    (row,) = _draft(text, "2024-03-23")
    assert (row["attacker"], row["claim"], row["weapon"]) == ("Islamic State", "claimed",
                                                              "gunfire")


def test_casualty_words_and_ranges():
    text = ("Russian missiles hit Kharkiv on Friday, killing more than 40 people and wounding "
            "dozens.")
    (row,) = _draft(text)
    assert (row["killed"], row["injured"], row["attacker"]) == ("41", "24", "Russian")


def test_an_act_without_a_place_then_an_anaphor_without_one_drafts_nothing():
    # a pending act ("U.S. forces said they had hit ...") and no event yet: no crash, no row
    text = ("U.S. forces said they had hit several cruise missiles. The attack was the third "
            "this week, and killed two people.")
    assert _draft(text) == []


def test_a_death_alone_in_a_story_without_attacks_is_not_an_event():
    text = "An 80-year-old woman was killed this morning in Arlington by a neighbor backing up."
    assert _draft(text, "2009-03-20") == []


def test_a_reference_point_is_not_the_target():
    text = ("A suicide bombing killed 14 people on Tuesday in a town some 160km south of the "
            "capital Colombo.")
    assert _draft(text, "2009-03-11") == []  # the town is not named: no target, no guess


def test_a_casualty_sentence_right_after_the_event_completes_it():
    text = ("A Russian drone hit an apartment building in Odesa on Saturday, killing eight "
            "people. Eight more people were injured.\n\nLast year, 40 people were injured "
            "in the city.")
    (row,) = _draft(text, "2024-03-02")
    assert (row["killed"], row["injured"]) == ("8", "8")
