"""Issue 13, item 9: --split-by file names carry no bidi controls or other format characters."""

from __future__ import annotations

import unicodedata

import pytest

from geomap.export.names import safe_stem

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
        "\u2069", "\u200e", "\u200f", "\u061c", "\ufeff", "\u2060", "\u00ad"]


@pytest.mark.parametrize("char", BIDI)
def test_format_characters_are_removed(char):
    stem = safe_stem(f"invoice{char}gpj.exe")
    assert char not in stem
    assert not any(unicodedata.category(c) == "Cf" for c in stem)


def test_a_right_to_left_override_cannot_disguise_the_extension():
    assert safe_stem("\u202eexe.gpj") == "exe.gpj"  # shown as written, not as "jpg.exe"
    assert safe_stem("\u202e\u202e") == "unnamed"


def test_arabic_and_persian_names_keep_their_letters_and_joiners():
    assert safe_stem("الحديدة") == "الحديدة"
    assert safe_stem("می\u200cخواهم") == "می\u200cخواهم"  # ZWNJ is spelling, not a trick
