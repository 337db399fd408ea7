"""Sentences and clauses of a dispatch, as character spans of the text.

:func:`sentences` splits at a full stop, question or exclamation mark before a capital, at a blank
line and at a line break; a full stop after an abbreviation ("U.S.", "Gen.", "Jan.") ends nothing,
and a verbless fragment of a few words ("American soldiers on January 28.") is joined to the
sentence before it. :func:`clauses` splits a sentence where a second statement starts: at ``;``, a
dash between spaces, ", and" (not ", and five other people": a toll's second group), ", but", ",
before", ", while", ", a day after", ", two days after", " and" before an "-ing" verb ("killing 31
people and hitting a hospital in Kyiv").
"""

from __future__ import annotations

import re

__all__ = ["Span", "sentences", "clauses"]

Span = tuple[int, int]

_BOUNDARY = re.compile(r"[.!?]+[\"”’)]*\s+(?=[A-Z\"“‘(])|\n\s*\n|\n(?=\S)")
_ABBREV = re.compile(
    r"(?:\b[A-Z]\.(?:[A-Z]\.)*|\b(?:Gen|Lt|Col|Maj|Sgt|Spc|Capt|Adm|Mr|Mrs|Ms|Dr|St|Rep|Sen|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Co|Inc|vs)\.)$"
)
#: a fragment with one of these words is a sentence of its own
_VERBISH = re.compile(
    r"(?<!\w)(?:is|are|was|were|has|have|had|said|says|will|would|\w+ed|took|gave|left|made|"
    r"fled|struck|hit|told|came|went|sent|shot|blew|began|rose|fell|stood|spoke|wrote|flew|"
    r"held|led|met|won|lost)(?!\w)", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(
    r"\s*;\s*|\s+[–—]\s+|,[”\"’]?\s+(?!and\s+(?:\d+|two|three|four|five|six|seven|eight|"
    r"nine|ten|several|dozens)\s+(?:other|more)\s+(?:people|civilians|children|soldiers)\b)"
    r"(?=(?:and|but|as|before|while|whereas|(?:(?:a|an|one|two|"
    r"three|four|five|six|several|\d+)\s+)?(?:hours?|days?|weeks?) (?:after|before))\s)|"
    r"\s+(?=and\s+\w+ing\s)"
)
_FRAGMENT_WORDS = 6


def sentences(text: str, start: int = 0) -> list[Span]:
    """Sentence spans of ``text`` from ``start`` on (see the module docstring)."""
    spans: list[Span] = []
    begin = start
    for m in _BOUNDARY.finditer(text, start):
        if m.group().startswith(".") and _ABBREV.search(text, max(begin, m.start() - 12),
                                                          m.start() + 1):
            continue
        if text[begin : m.start()].strip():
            spans.append((begin, m.end()))
        begin = m.end()
    if text[begin:].strip():
        spans.append((begin, len(text)))
    return _join_fragments(text, spans)


def _join_fragments(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in spans:
        piece = text[start:end]
        same_paragraph = out and "\n" not in text[out[-1][1] - 1 : start]
        if (same_paragraph and len(piece.split()) <= _FRAGMENT_WORDS
                and not _VERBISH.search(piece) and not piece.rstrip().endswith(":")
                and re.search(r"[.!?][\"”’)]*\s*$", text[out[-1][0] : out[-1][1]])):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def clauses(text: str, span: Span) -> list[Span]:
    """Clause spans of the sentence ``text[span[0]:span[1]]``, in order, covering it."""
    start, end = span
    out: list[Span] = []
    begin = start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if text[begin : m.start()].strip():
            out.append((begin, m.start()))
            begin = m.end()
    if text[begin:end].strip():
        out.append((begin, end))
    return out
