"""Tokens of a text with offsets (geomap.extract.tokens)."""

from __future__ import annotations

from geomap.extract.tokens import tokenize


def _lower(word: str) -> str:
    return word.lower().replace("'", "").replace("’", "")


def test_tokens_keep_the_offsets_of_their_words():
    text = "Erbil, Iraq — the base"
    toks = tokenize(text, _lower)
    assert [(t.norm, text[t.start : t.end]) for t in toks.tokens] == [
        ("erbil", "Erbil"), ("iraq", "Iraq"), ("the", "the"), ("base", "base")
    ]


def test_possessive_s_is_cut_from_the_word():
    text = "Iraq's army and Houthis' drones and Damascus’s airport"
    toks = tokenize(text, _lower)
    assert [t.raw for t in toks.tokens][:1] == ["Iraq"]
    assert "Damascus" in [t.raw for t in toks.tokens]


def test_inner_apostrophes_stay_in_the_word():
    toks = tokenize("Sana'a and Ma’rib", _lower)
    assert [t.raw for t in toks.tokens] == ["Sana'a", "and", "Ma’rib"]
    assert toks.tokens[0].norm == "sanaa"


def test_arabic_article_is_dropped_but_remembered_in_the_span():
    text = "the al-Omar base"
    toks = tokenize(text, _lower)
    omar = toks.tokens[1]
    assert omar.norm == "omar"
    assert text[omar.article_start : omar.end] == "al-Omar"


def test_english_lookalike_of_an_article_is_kept_unless_hyphenated():
    toks = tokenize("as Syria said; As-Suwayda", _lower)
    assert [t.norm for t in toks.tokens] == ["as", "syria", "said", "suwayda"]


def test_clause_punctuation_is_a_barrier_in_the_joined_string():
    toks = tokenize("Erbil, Iraq and Gaza Strip", _lower)
    assert toks.joined == " erbil | iraq and gaza strip "
    assert toks.tokens[1].barrier_before and not toks.tokens[2].barrier_before


def test_capital_flag_and_arabic_script():
    toks = tokenize("in أربيل and Erbil", _lower)
    assert [(t.raw, t.capital) for t in toks.tokens] == [
        ("in", False), ("أربيل", True), ("and", False), ("Erbil", True)
    ]


def test_index_at_maps_joined_positions_to_tokens():
    toks = tokenize("Gulf of Aden", _lower)
    for pos, i in toks.index_at.items():
        assert toks.joined[pos] == " "
        assert toks.joined[pos + 1 :].startswith(toks.tokens[i].norm + " ")
