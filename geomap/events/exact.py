"""The cheap check of a name whose rows carry coordinates: an exact lookup in the gazetteer
(no context ranking, no fuzzy search), and before it a test that the name has a key at all.

Only the swap warning and the same-point test of :mod:`geomap.events.resolve` use the answer,
so a name the gazetteer has no key for needs no candidates, evidence or ``Place``: with
100,000 distinct names ("Site 4 near Aden") that is most of the cost of placing them.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["exact_lookup", "unknown_name", "unknown_names", "warm_up"]


@functools.lru_cache(maxsize=4_096)
def exact_lookup(name: str, hint: str | None) -> Any:
    """``name`` looked up by its normalised form only: no context, no fuzzy search (cached:
    the answer depends on nothing else; a few thousand answers, so that 100,000 distinct
    names do not stay in memory)."""
    from geomap.geocoder.resolve import clean_query, resolve

    return resolve(clean_query(name), _evidence(hint), use_fuzzy=False)


def unknown_name(name: str) -> bool:
    """True when the exact lookup cannot find ``name``: its normalised core is no key of the
    gazetteer and it has no comma (``Kent, Ohio`` is looked up part by part). The exact
    lookup then answers unresolved, whatever the hint; this asks only the normalisation and
    the key table (no candidates, no evidence, no ``Place``), for the many distinct names of
    rows that carry coordinates ("Site 4 near Aden"). A name with a key is looked up."""
    return bool(unknown_names([name])[0])


def unknown_names(names: Sequence[str]) -> np.ndarray:
    """:func:`unknown_name` of each name.

    Parameters
    ----------
    names : sequence of str
        Place names as written.

    Returns
    -------
    numpy.ndarray
        One boolean per name: True when the exact lookup cannot find it.
    """
    clean, normalize, split, load, longest = _key_tools()
    postings = load().postings
    unknown = np.zeros(len(names), dtype=bool)
    for i, name in enumerate(names):
        query = clean(name)
        if "," in query:
            continue
        if not query.strip() or len(query) > longest:
            unknown[i] = True
            continue
        norm = normalize(query)
        unknown[i] = not norm or not postings(split(norm)[0])
    return unknown


@functools.lru_cache(maxsize=1)
def _key_tools() -> tuple[Any, ...]:
    """What :func:`unknown_names` calls, imported once: the geocoder's query cleaning, the
    gazetteer's normalisation and generic-word split (uncached: each distinct name is asked
    once), the gazetteer, the longest query looked up."""
    from geomap.gazetteer import load_gazetteer, split_generic
    from geomap.gazetteer.normalize import normalize_name_uncached
    from geomap.geocoder.resolve import MAX_QUERY_CHARS, clean_query

    return (clean_query, normalize_name_uncached, split_generic.__wrapped__, load_gazetteer,
            MAX_QUERY_CHARS)


def warm_up() -> None:
    """Load and prime what the exact check needs -- the gazetteer index and the tables the
    geocoder builds on its first lookup -- in this process. A process about to fork workers
    calls it once, so that they share what it built instead of each building it again."""
    exact_lookup("Erbil", None)  # any name: the first lookup builds the tables
    unknown_name("Erbil")


@functools.lru_cache(maxsize=512)
def _evidence(hint: str | None) -> Any:
    """The geocoder's evidence for a country hint alone (immutable: made once per hint)."""
    from geomap.geocoder.rank import Evidence
    from geomap.geocoder.resolve import check_countries

    return Evidence(countries=check_countries(hint))
