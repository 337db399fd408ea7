"""A gazetteer-driven matcher: one Aho-Corasick automaton over every normalised alias.

The automaton (``pyahocorasick``) is built once per gazetteer and cached at module level
(:func:`default_matcher`), so the first article pays for the build and the next thousand do
not. It scans the token string of :mod:`geomap.extract.tokens` (``" tok1 tok2 | tok3 "``), in
which every key is padded with spaces: a match therefore starts and ends on word boundaries
of the original text -- no ``Iran`` inside ``Iranian``, no ``Oman`` inside ``Omani`` or
``Roman`` -- and never crosses clause punctuation.

:meth:`AliasMatcher.find` returns the *leftmost-longest* non-overlapping candidates that pass
the generic filters (capitalised, not a lone stop-word, not a one- or two-letter word):
"Gulf of Aden" wins over "Aden", "Gaza Strip" over "Gaza".
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

import ahocorasick

from geomap.extract.rules import COUNTY_WORDS, STOPWORDS
from geomap.extract.tokens import Tokens, tokenize

__all__ = ["Candidate", "AliasMatcher", "default_matcher"]


class Candidate(NamedTuple):
    """A span of the text that is a gazetteer alias."""

    start: int
    end: int
    #: index of the first and last token of the span
    first: int
    last: int
    #: the normalised alias
    key: str
    #: gazetteer entry indices that carry this alias
    entries: tuple[int, ...]


class AliasMatcher:
    """Find gazetteer aliases in texts.

    Parameters
    ----------
    aliases : iterable of (str, int)
        ``(normalised_alias, entry_index)`` pairs, as ``Gazetteer.iter_aliases()`` yields.
    normalize : callable
        The function that normalised the aliases (``normalize_name``); texts are normalised
        word by word with it.
    """

    def __init__(self, aliases: Iterable[tuple[str, int]], normalize: Callable[[str], str]):
        self.normalize = normalize
        grouped: dict[str, list[int]] = {}
        for alias, index in aliases:
            key = " ".join(alias.split())
            if key:
                grouped.setdefault(key, []).append(int(index))
        self._automaton: Any = ahocorasick.Automaton()
        self._entries: list[tuple[int, ...]] = []
        for key, indices in grouped.items():
            self._automaton.add_word(f" {key} ", (len(self._entries), key.count(" ") + 1, key))
            self._entries.append(tuple(dict.fromkeys(indices)))
        if self._entries:
            self._automaton.make_automaton()
        self.size = len(self._entries)

    def tokenize(self, text: str) -> Tokens:
        """Normalised tokens of ``text`` (see :func:`geomap.extract.tokens.tokenize`)."""
        return tokenize(text, self.normalize)

    def candidates(self, toks: Tokens) -> list[Candidate]:
        """Every alias occurrence in ``toks`` that passes the generic filters, unsorted."""
        if not self._entries:
            return []
        found: list[Candidate] = []
        tokens = toks.tokens
        for end_pos, (alias_id, n_tokens, key) in self._automaton.iter(toks.joined):
            first = toks.index_at.get(end_pos - len(key) - 1)
            if first is None:
                continue
            last = first + n_tokens - 1
            span = tokens[first : last + 1]
            if not _plausible(span):
                continue
            found.append(
                Candidate(span[0].article_start, span[-1].end, first, last, key,
                          self._entries[alias_id])
            )
        return found

    def find(self, text_or_tokens: str | Tokens) -> list[Candidate]:
        """Leftmost-longest non-overlapping candidates, in text order."""
        toks = (
            self.tokenize(text_or_tokens) if isinstance(text_or_tokens, str) else text_or_tokens
        )
        return select_longest(self.candidates(toks))


def _plausible(span: tuple[Any, ...]) -> bool:
    """A place name is capitalised; a lone stop-word or a 1-2 letter word is not a place."""
    head = span[0]
    if not head.capital:
        return False
    if len(span) == 1:
        raw = head.raw
        if raw.lower() in STOPWORDS or len(raw) <= 2:
            return False
        if raw.isupper() and len(raw) <= 3 and not raw.isdigit():
            return False  # acronyms: SDF, IDF, AFP (longer ones are in the organisation list)
    return True


def select_longest(cands: list[Candidate]) -> list[Candidate]:
    """Keep the leftmost-longest candidates that do not overlap, in text order."""
    cands = sorted(cands, key=lambda c: (c.first, -(c.last - c.first), c.start))
    out: list[Candidate] = []
    taken_until = -1
    for cand in cands:
        if cand.first > taken_until:
            out.append(cand)
            taken_until = cand.last
    return out


_LOCK = threading.Lock()
_DEFAULT: AliasMatcher | None = None


def default_matcher() -> AliasMatcher:
    """The matcher over the shipped gazetteer, built on first use and cached."""
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                from geomap.gazetteer import load_gazetteer, normalize_name

                gaz = load_gazetteer()
                _DEFAULT = AliasMatcher(with_bare_counties(gaz, normalize_name), normalize_name)
    return _DEFAULT


def with_bare_counties(gaz: Any, normalize: Callable[[str], str]) -> Iterator[tuple[str, int]]:
    """The gazetteer's aliases, then each county's or parish's name without its word.

    "Avoyelles Parish" and "DuPage County" are also written "Avoyelles" and "DuPage". The bare
    name is added only for a one-word name that no other alias already has (a bare "Douglas"
    stays the towns' and people's; "Red River" the river's, not a parish's), and only for
    entries of the ``district`` kind.
    """
    words = {normalize(word) for word in COUNTY_WORDS}
    taken: set[str] = set()
    bare: list[tuple[str, int]] = []
    for alias, index in gaz.iter_aliases():
        taken.add(alias)
        yield alias, index
        head, _sep, last = alias.rpartition(" ")
        if last in words and head and " " not in head:
            bare.append((head, index))
    for head, index in bare:
        if head not in taken and gaz.kind_of(index) == "district":
            yield head, int(index)
