"""The Aho-Corasick alias matcher (geomap.extract.matcher)."""

from __future__ import annotations

import pytest

from geomap.extract.matcher import AliasMatcher, Candidate, select_longest
from geomap.extract.rules import ARABIC_ARTICLES


def _norm(text: str) -> str:
    """Lower case, hyphens split, Arabic articles dropped before a word (as the gazetteer)."""
    words = text.lower().replace("-", " ").replace("'", "").split()
    return " ".join(w for i, w in enumerate(words)
                    if not (w in ARABIC_ARTICLES and i + 1 < len(words)))


NAMES = ["Aden", "Gulf of Aden", "Iran", "Oman", "Gaza", "Gaza Strip", "Deir ez-Zor",
         "Omar base", "Of", "Tower 22", "Reading", "أربيل"]


@pytest.fixture(scope="module")
def matcher() -> AliasMatcher:
    return AliasMatcher([(_norm(n), i) for i, n in enumerate(NAMES)], _norm)


def _found(matcher: AliasMatcher, text: str) -> list[str]:
    return [text[c.start : c.end] for c in matcher.find(text)]


def test_longest_match_wins(matcher):
    assert _found(matcher, "ships in the Gulf of Aden near Aden") == ["Gulf of Aden", "Aden"]
    assert _found(matcher, "the Gaza Strip and Gaza") == ["Gaza Strip", "Gaza"]


def test_matches_fall_on_word_boundaries_only(matcher):
    assert _found(matcher, "Iranian, Omani and Roman ships; Adenoid") == []
    assert _found(matcher, "Iran-backed groups") == ["Iran"]


def test_possessive_and_hyphen_variants(matcher):
    assert _found(matcher, "Iran's proxies in Deir ez-Zor") == ["Iran", "Deir ez-Zor"]


def test_span_starts_at_the_arabic_article(matcher):
    assert _found(matcher, "at the al-Omar base") == ["al-Omar base"]


def test_lowercase_and_stopwords_and_short_words_are_not_places(matcher):
    assert _found(matcher, "of course, Of the tower; Reading the news; gaza") == []


def test_digits_and_arabic_script(matcher):
    assert _found(matcher, "at Tower 22 in أربيل") == ["Tower 22", "أربيل"]


def test_no_match_across_clause_punctuation(matcher):
    assert _found(matcher, "the Gulf. Of Aden") == ["Aden"]


def test_entries_of_one_alias_are_grouped():
    m = AliasMatcher([("aden", 1), ("aden", 7), ("aden", 1)], _norm)
    (cand,) = m.find("Aden")
    assert cand.entries == (1, 7)
    assert m.size == 1


def test_empty_matcher_finds_nothing():
    assert AliasMatcher([], _norm).find("Aden") == []


def test_select_longest_prefers_leftmost_then_longest():
    a = Candidate(0, 4, 0, 0, "a", (1,))
    ab = Candidate(0, 9, 0, 1, "a b", (2,))
    b = Candidate(5, 9, 1, 1, "b", (3,))
    c = Candidate(10, 12, 2, 2, "c", (4,))
    assert select_longest([b, c, a, ab]) == [ab, c]
