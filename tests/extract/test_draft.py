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


def test_columns_are_the_events_schema_plus_draft_fields():
    assert DRAFT_COLUMNS == (*EVENT_COLUMNS, "draft_fields")
    assert EVENT_COLUMNS[:7] == ("id", "date", "attacker", "target_party", "weapon", "origin",
                                 "target")


def test_seed_drafts_the_al_omar_strike_the_night_before(rows):
    (row,) = [r for r in rows if r["target"] == "al-Omar base"]
    assert row["date"] == "2024-02-04"
    assert row["target_country"] == "SY" and row["weapon"] == "drone"
    assert float(row["target_lat"]) == pytest.approx(35.15, abs=0.1)


def test_seed_weekday_words_resolve_against_the_article_date(rows):
    dates = {r["date"] for r in rows}
    assert {"2024-02-02", "2024-02-03", "2024-02-04", "2024-02-05"} <= dates
    yemen = [r for r in rows if r["target"] == "Yemen" and r["date"] == "2024-02-03"]
    assert yemen, rows


def test_seed_killed_count_and_claim(rows):
    first = rows[0]
    assert (first["target"], first["killed"], first["claim"]) == ("Syria", "6", "claimed")


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
