"""Word tokens of a text, normalised like gazetteer keys, with offsets into the original text.

The gazetteer normalises names token by token (:func:`geomap.gazetteer.normalize_name`), so a
text can be normalised word by word and every normalised token keeps the character span of
the word it came from. :func:`tokenize` does that:

* a *word* is a run of letters and digits (any script, Arabic diacritics included), with
  apostrophes inside it (``Sana'a``, ``Ma’rib``); a possessive ``'s`` / ``’s`` at its end is
  cut off (``Iraq's`` is the word ``Iraq``);
* a separator with sentence or clause punctuation (``. , ; : ! ? ( ) " “ ” — /``) is a
  *barrier*: no gazetteer name is matched across it; a hyphen or a space is not;
* Arabic articles (``al-``, ``el-``, ``ad-`` ...) are dropped before the next word, as the
  gazetteer does, and remembered so that a mention's span still starts at ``al-``.

:func:`joined` turns the tokens into the string the Aho-Corasick automaton scans:
``" tok1 tok2 | tok3 "``, each token between single spaces, ``|`` for a barrier.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from geomap.extract.rules import ARABIC_ARTICLES, ENGLISH_ARTICLE_LOOKALIKES
from geomap.gazetteer.normalize import LEADING_SHORT

__all__ = ["Token", "Tokens", "tokenize", "WORD_RE"]

_WORD_CHAR = r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640])"
_APOS = "'’‘ʼ`´"
#: a word: letters/digits with inner apostrophes
WORD_RE = re.compile(rf"{_WORD_CHAR}+(?:[{_APOS}]{_WORD_CHAR}+)*")
_BARRIER = re.compile(r"[.,;:!?()\[\]{}\"“”«»—–/\\|\n]")


class Token(NamedTuple):
    """One normalised token and the span of its word in the original text."""

    norm: str
    start: int
    end: int
    raw: str
    #: the word starts with a capital letter, or is written in Arabic script
    capital: bool
    #: a barrier (clause punctuation) separates this token from the previous one
    barrier_before: bool
    #: start of the Arabic article written before the word (``al-Omar``), else ``start``
    article_start: int


@dataclass(frozen=True, slots=True)
class Tokens:
    """The tokens of a text and the string the automaton scans."""

    tokens: tuple[Token, ...]
    #: ``" t1 t2 | t3 "``: every token between spaces, ``|`` for a barrier
    joined: str
    #: position in ``joined`` of the space before each token -> token index
    index_at: dict[int, int]


def _is_capital(word: str) -> bool:
    first = word[0]
    return first.isupper() or first.isdigit() or "\u0600" <= first <= "\u08ff"


def _is_article(word: str, sep_after: str, next_word: str | None) -> bool:
    low = word.lower()
    if next_word is None or low not in ARABIC_ARTICLES:
        return False
    if sep_after in ("-", "‐", "‑"):
        return True
    if low in ENGLISH_ARTICLE_LOOKALIKES:
        return False
    return sep_after.isspace() and (word[0].isupper() or _is_capital(next_word))


def _short_first(word: str) -> bool:
    """A capitalised short first word of a place name (``St``, ``Mt``: the gazetteer's table)."""
    return word[:1].isupper() and word.lower() in LEADING_SHORT


def tokenize(text: str, normalize: Callable[[str], str]) -> Tokens:
    """Split ``text`` into normalised tokens with offsets.

    Parameters
    ----------
    text : str
        The article.
    normalize : callable
        The gazetteer's ``normalize_name`` (word → space-separated key tokens).

    Returns
    -------
    Tokens
    """
    words = [(m.start(), m.end()) for m in WORD_RE.finditer(text)]
    out: list[Token] = []
    pending_article: int | None = None
    barrier_pending = False
    prev_end = 0
    n_words = len(words)
    for k, (start, end) in enumerate(words):
        short_before = k > 0 and _short_first(text[words[k - 1][0] : words[k - 1][1]])
        if start > prev_end + 1 or (start > prev_end and text[prev_end] not in " -"):
            # "St. Cloud": the full stop of a short first word ends no sentence
            if not (short_before and text[prev_end:start] == ". ") and _BARRIER.search(
                text, prev_end, start
            ):
                barrier_pending = True
                pending_article = None
        prev_end = end
        if end - start > 2 and text[end - 1] in "sS" and text[end - 2] in _APOS:
            end -= 2
        word = text[start:end]
        low = word.lower()
        if low in ARABIC_ARTICLES and k + 1 < n_words:
            nxt = words[k + 1]
            if _is_article(word, text[end : nxt[0]], text[nxt[0] : nxt[1]]):
                if pending_article is None:
                    pending_article = start
                continue
        capital = _is_capital(word)
        first = pending_article if pending_article is not None else start
        if _short_first(word) and k + 1 < n_words and _is_capital(
            text[words[k + 1][0] : words[k + 1][1]]
        ):
            word = LEADING_SHORT[word.lower()]  # "Mt. Pleasant" is keyed as "Mount Pleasant"
        for norm in normalize(word).split():
            out.append(Token(norm, start, end, word, capital, barrier_pending, first))
            barrier_pending = False
        pending_article = None
    return _join(out)


def _join(tokens: list[Token]) -> Tokens:
    parts: list[str] = []
    index_at: dict[int, int] = {}
    pos = 0
    for i, tok in enumerate(tokens):
        if tok.barrier_before and i:
            parts.append(" |")
            pos += 2
        index_at[pos] = i
        parts.append(" " + tok.norm)
        pos += 1 + len(tok.norm)
    parts.append(" ")
    return Tokens(tuple(tokens), "".join(parts), index_at)
