"""Fuzzy key matching (rapidfuzz) over the gazetteer's more prominent keys.

Only keys of at least ``MIN_LENGTH`` characters whose entries are prominent enough
(``MIN_PROMINENCE``: towns of ~7,000 people and up, provinces, countries, curated sites,
seas, airports with an IATA code) take part: a misspelt name should find Baghdad, not one
of the thousands of villages a letter away from it. Keys are blocked by their first two and
last two characters and by length, so one query compares against a few hundred keys.

``THRESHOLD`` is a :func:`rapidfuzz.fuzz.ratio` score on normalised keys. The figures behind
these choices, on the 488 cases of ``tests/data/geocode_cases.csv``:

* fuzzy matching over every key of a town of ~3,500+ people worldwide at ratio >= 88 gave
  2 right answers and 17 confident wrong ones, all invented names landing on real places
  (Tatooine -> Tataouine 93.3, Camp Nonesuch -> Richmond 94.1, Westeros -> Vasteras 88.9,
  Ruritania -> Mauritania 88.9), while the right ones scored 92.3-93.3: no threshold
  separates them, so the *candidates* had to be narrowed, not the threshold raised;
* restricted to prominent entries of the region (``MIN_PROMINENCE`` 0.75: ~180,000 people,
  provinces, curated sites) it gives 3 right answers (Saladin Governorate 93.3, Fallujha
  92.3, Damascas 87.5) and no wrong one. 87 is the lowest ratio that still admits one
  wrong letter in an eight-letter name (Damascas/Damascus = 87.5); the word-by-word check
  (``TOKEN_THRESHOLD``) rejects Mount Doom -> Mount Dov (87.5) at the same level.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from functools import lru_cache

from rapidfuzz import fuzz, process

from geomap.gazetteer import Gazetteer
from geomap.gazetteer.index import FLAG_CODE

__all__ = ["FuzzyIndex", "THRESHOLD", "MIN_LENGTH", "MIN_PROMINENCE", "WORLD_MIN_PROMINENCE"]

THRESHOLD = 87.0
TOKEN_THRESHOLD = 75.0
MIN_LENGTH = 5
MIN_PROMINENCE = 0.75
#: outside the region only the most prominent entries: countries, world areas, landmarks,
#: cities of ~900,000 people and more (``Ukriane``, ``Kharkov``-like misspellings of them)
WORLD_MIN_PROMINENCE = 0.85
_LONG = 8  # from this length on, blocks use three characters


def _tokens_agree(a: str, b: str) -> bool:
    """Word by word, a typo may not turn one word into another.

    With as many words on both sides, words of up to three letters must be equal and longer
    ones within ``TOKEN_THRESHOLD`` of each other and start with the same letter: ``Mount
    Doom`` is not ``Mount Dov``, ``East Bank`` (West Virginia) is not the ``West Bank``.
    """
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return True
    for x, y in zip(ta, tb, strict=True):
        if x == y:
            continue
        if min(len(x), len(y)) <= 3 or x[0] != y[0] or fuzz.ratio(x, y) < TOKEN_THRESHOLD:
            return False
    return True


class _Blocks:
    """Keys grouped by a block label, sorted by length within a block."""

    def __init__(self) -> None:
        self.items: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
        self.lens: dict[str, list[int]] = {}
        self.keys: dict[str, list[str]] = {}
        self.pos: dict[str, list[int]] = {}

    def add(self, label: str, key: str, pos: int) -> None:
        self.items[label].append((len(key), key, pos))

    def freeze(self) -> None:
        for label, items in self.items.items():
            items.sort()
            self.lens[label] = [n for n, _k, _p in items]
            self.keys[label] = [k for _n, k, _p in items]
            self.pos[label] = [p for _n, _k, p in items]
        self.items = defaultdict(list)

    def band(self, label: str, lo_len: int, hi_len: int) -> tuple[list[str], list[int]]:
        lens = self.lens.get(label)
        if not lens:
            return [], []
        lo = bisect.bisect_left(lens, lo_len)
        hi = bisect.bisect_right(lens, hi_len)
        return self.keys[label][lo:hi], self.pos[label][lo:hi]


class FuzzyIndex:
    """Blocked fuzzy lookup of core keys.

    A key is filed under its first and last two (and three) characters; a query is compared
    with the keys of its two blocks (three-character ones from ``_LONG`` characters on) whose
    length could reach the threshold, so a single typo anywhere is found while one query
    meets a few hundred keys, not a hundred thousand.
    """

    def __init__(self, gaz: Gazetteer, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._head, self._tail = _Blocks(), _Blocks()
        self._head3, self._tail3 = _Blocks(), _Blocks()
        self._size = 0
        keys = gaz.keys()
        for pos in _eligible_keys(gaz):
            key = keys[pos]
            if len(key) < MIN_LENGTH:
                continue
            self._head.add(key[:2], key, pos)
            self._tail.add(key[-2:], key, pos)
            self._head3.add(key[:3], key, pos)
            self._tail3.add(key[-3:], key, pos)
            self._size += 1
        for blocks in (self._head, self._tail, self._head3, self._tail3):
            blocks.freeze()

    def __len__(self) -> int:
        return self._size

    def _length_band(self, n: int) -> tuple[int, int]:
        # fuzz.ratio = 2*common/(len_a+len_b) <= 2*min/(min+max): the reachable lengths
        t = self.threshold / 100.0
        return math.ceil(n * t / (2.0 - t)), math.floor(n * (2.0 - t) / t)

    def search(self, core: str, limit: int = 5) -> list[tuple[int, float]]:
        """Key positions within the threshold, best first: ``[(position, ratio), ...]``."""
        if len(core) < MIN_LENGTH:
            return []
        lo_len, hi_len = self._length_band(len(core))
        best: dict[int, float] = {}
        if len(core) >= _LONG:
            pairs = ((self._head3, core[:3]), (self._tail3, core[-3:]))
        else:
            pairs = ((self._head, core[:2]), (self._tail, core[-2:]))
        for blocks, label in pairs:
            # Blocks.band inlined: only the keys are sliced, positions are read by offset
            lens = blocks.lens.get(label)
            if not lens:
                continue
            lo = bisect.bisect_left(lens, lo_len)
            hi = bisect.bisect_right(lens, hi_len)
            if lo >= hi:
                continue
            found = process.extract(
                core, blocks.keys[label][lo:hi], scorer=fuzz.ratio, score_cutoff=self.threshold,
                limit=limit,
            )
            if not found:
                continue
            positions = blocks.pos[label]
            for key, score, i in found:
                if not _tokens_agree(core, key):
                    continue
                p = positions[lo + i]
                best[p] = max(best.get(p, 0.0), float(score))
        if not best:
            return []
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
        return ranked[:limit]


def _eligible_keys(gaz: Gazetteer) -> list[int]:
    """Positions of the keys with a posting (not a code) of an entry prominent enough:
    ``WORLD_MIN_PROMINENCE`` anywhere, ``MIN_PROMINENCE`` in the region (vectorised: the
    index is built on the first fuzzy query of a process)."""
    import numpy as np

    off, ents, flags = (np.asarray(c) for c in gaz.posting_columns())
    prom = np.asarray(gaz.prominence_column())
    regional = np.frombuffer(gaz.regional_mask(), dtype=np.uint8).astype(bool)
    eligible = (prom >= WORLD_MIN_PROMINENCE) | ((prom >= MIN_PROMINENCE) & regional)
    hit = (eligible[ents] & ((flags & FLAG_CODE) == 0)).astype(np.int32)
    counts = np.add.reduceat(np.append(hit, 0), off[:-1]) if len(off) > 1 else np.zeros(0)
    counts[off[:-1] == off[1:]] = 0  # reduceat gives the next element for an empty run
    return np.flatnonzero(counts).tolist()


@lru_cache(maxsize=4)
def fuzzy_index(gaz: Gazetteer) -> FuzzyIndex:
    """The fuzzy index of ``gaz``, built on first use."""
    return FuzzyIndex(gaz)
