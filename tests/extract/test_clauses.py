"""Sentences and clauses (geomap.extract.clauses)."""

from __future__ import annotations

from geomap.extract.clauses import clauses, sentences


def _sentences(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in sentences(text)]


def test_abbreviations_end_no_sentence_and_fragments_join():
    text = ("U.S. forces hit a base in Jordan that killed three people. American soldiers on "
            "January 28. The Pentagon said so.")
    assert _sentences(text) == [
        "U.S. forces hit a base in Jordan that killed three people. American soldiers on "
        "January 28.",
        "The Pentagon said so.",
    ]


def test_clauses_split_where_a_second_statement_starts():
    text = ("The group vowed that the strikes “would not go unpunished,” and hours later, U.S. "
            "forces said they had hit missiles – one of several strikes; Russia launched an "
            "attack, killing 31 and hitting a hospital in Kyiv")
    parts = [text[s:e] for s, e in clauses(text, (0, len(text)))]
    assert parts[0].endswith("unpunished")
    assert parts[1].startswith("and hours later")
    assert parts[2] == "one of several strikes"
    assert parts[3] == "Russia launched an attack, killing 31"
    assert parts[4] == "and hitting a hospital in Kyiv"
