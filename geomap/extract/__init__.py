"""From dispatch to places: find and geocode every place an article names.

>>> from geomap.extract import extract_places
>>> ex = extract_places("ERBIL, Iraq — A drone struck the al-Omar base in Syria.")
>>> [(m.text, m.role, m.place.country_code) for m in ex]  # doctest: +NORMALIZE_WHITESPACE
[('ERBIL', 'dateline', 'IQ'), ('Iraq', 'dateline', 'IQ'), ('al-Omar base', 'mention', 'SY'),
 ('Syria', 'mention', 'SY')]

:func:`extract_places` returns an :class:`Extraction`: the :class:`Mention` objects in text
order (it is a ``list``), with ``.places`` grouping them per place (:class:`PlaceMentions`),
``.dateline`` and ``.date``. See ``docs/extract.md`` for the rules, and
:func:`geomap.extract.draft.draft_events` for a draft events table.
"""

from __future__ import annotations

from geomap.extract.core import Extractor, extract_places
from geomap.extract.model import Extraction, Mention, PlaceMentions

__all__ = ["extract_places", "Mention", "PlaceMentions", "Extraction", "Extractor"]
