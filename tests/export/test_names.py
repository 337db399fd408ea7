"""Tests for geomap.export.names: safe, unique output names."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.export.names import MAX_STEM_BYTES, NameAllocator, safe_stem


@pytest.mark.parametrize(("value", "stem"), [
    ("../../etc/passwd", "_.._etc_passwd"),
    ("/etc/passwd", "_etc_passwd"),
    ("..\\..\\windows", "_.._windows"),
    ("a\x00b", "a_b"),
    ("CON", "_CON"),
    ("nul.txt", "_nul.txt"),
    ("com1", "_com1"),
    ("..", "unnamed"),
    ("", "unnamed"),
    (None, "unnamed"),
    (".hidden", "hidden"),
    ("United States; United Kingdom", "United States; United Kingdom"),
    ("الحوثيون", "الحوثيون"),
    ("a:b*c?d", "a_b_c_d"),
])
def test_safe_stem(value, stem):
    assert safe_stem(value) == stem


def test_long_names_are_cut_on_a_character_boundary():
    stem = safe_stem("دير" * 200)
    assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    stem.encode("utf-8").decode("utf-8")


def test_collisions_are_resolved_case_insensitively(tmp_path):
    names = NameAllocator(tmp_path, ".geojson")
    got = [names.allocate(v).name for v in ["a/b", "a_b", "A_B", "x", "a_b-2"]]
    assert got == ["a_b.geojson", "a_b-2.geojson", "A_B-3.geojson", "x.geojson", "a_b-2-2.geojson"]


@settings(max_examples=200, deadline=None)
@given(value=st.text(max_size=300))
def test_property_any_text_stays_inside_the_folder(value, tmp_path_factory):
    folder = tmp_path_factory.mktemp("names")
    path = NameAllocator(folder, ".geojson").allocate(value)
    assert path.resolve().parent == Path(folder).resolve()
    assert path.name not in (".geojson", "..geojson") and not path.name.startswith(".")
    assert "/" not in path.name and "\\" not in path.name and "\x00" not in path.name


def test_a_symlink_in_the_folder_is_never_written_through(tmp_path):
    outside = tmp_path / "outside.geojson"
    outside.write_text("precious")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "x.geojson").symlink_to(outside)
    from geomap.errors import ExportError

    with pytest.raises(ExportError, match="symbolic link"):
        NameAllocator(folder, ".geojson").allocate("x")
    assert outside.read_text() == "precious"
