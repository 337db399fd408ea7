"""A dispatch as input of map/export (geomap.extract.dispatch)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geomap.errors import GeomapFileError
from geomap.extract.dispatch import dispatch_inputs, draft_dispatch, is_dispatch, read_dispatch

TEXT = (" date 2024-07-28 \n\nJERUSALEM (Reuters) — A rocket fired from Lebanon struck a football "
        "pitch in the town of Majdal Shams on Saturday, killing 12 children, officials said.\n")


def test_only_txt_files_are_dispatches():
    assert is_dispatch("a/article.TXT") and not is_dispatch("events.csv")


def test_draft_written_beside_the_output_and_inputs_replaced(tmp_path):
    article = tmp_path / "in" / "article.txt"
    article.parent.mkdir()
    article.write_text("\ufeff" + TEXT, encoding="utf-8")
    (tmp_path / "out").mkdir()
    paths, notes = dispatch_inputs(["events.csv", str(article)], tmp_path / "out" / "map.html")
    draft = tmp_path / "out" / "article.draft.csv"
    assert paths == ["events.csv", str(draft)]
    assert "drafted 1 event from article.txt" in notes[0]
    (row,) = csv.DictReader(draft.open(encoding="utf-8"))
    assert (row["target"], row["origin"], row["killed"], row["date"]) == (
        "Majdal Shams", "Lebanon", "12", "2024-07-27")


def test_an_existing_draft_is_never_overwritten(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    (tmp_path / "article.draft.csv").write_text("corrected by hand\n", encoding="utf-8")
    with pytest.raises(GeomapFileError, match="already exists"):
        draft_dispatch(article, tmp_path)
    assert (tmp_path / "article.draft.csv").read_text(encoding="utf-8") == "corrected by hand\n"


def test_unreadable_dispatches_are_file_errors(tmp_path):
    with pytest.raises(GeomapFileError, match="cannot read"):
        read_dispatch(tmp_path / "missing.txt")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(GeomapFileError, match="not UTF-8"):
        read_dispatch(bad)
    assert read_dispatch(Path(__file__)).startswith('"""')
