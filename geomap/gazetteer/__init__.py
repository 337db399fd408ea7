"""The embedded gazetteer: name normalisation and the shipped index.

>>> from geomap.gazetteer import normalize_name, load_gazetteer
>>> normalize_name("Dayr az-Zawr") == normalize_name("Deir el-Zour")
True
>>> gaz = load_gazetteer()  # doctest: +SKIP
>>> [e.name for e in gaz.lookup(normalize_name("Erbil"))][:2]  # doctest: +SKIP
['Erbil', 'Erbil Governorate']
"""

from __future__ import annotations

from geomap.gazetteer.index import Entry, Gazetteer, Posting, load_gazetteer
from geomap.gazetteer.normalize import GENERIC_CLASSES, normalize_name, split_generic

__all__ = [
    "normalize_name",
    "split_generic",
    "load_gazetteer",
    "Gazetteer",
    "Entry",
    "Posting",
    "GENERIC_CLASSES",
]
