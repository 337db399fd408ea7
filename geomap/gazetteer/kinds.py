"""Which entry kinds fit which generic word: the one table the geocoder and the text
extractor both read (``Gulf of Aden`` fits a gulf or a sea, ``Cooke County`` a district)."""

from __future__ import annotations

__all__ = ["GENERIC_KINDS"]

#: generic class of a name (from :func:`geomap.gazetteer.split_generic`) -> entry kinds it fits
GENERIC_KINDS: dict[str, frozenset[str]] = {
    "admin1": frozenset({"admin1"}),
    "region": frozenset({"region", "admin1"}),
    "district": frozenset({"district", "admin1", "region"}),
    "city": frozenset({"city", "capital"}),
    "camp": frozenset({"base", "site", "city"}),
    "base": frozenset({"base", "airbase", "airport", "site", "oilfield", "gasfield"}),
    "airport": frozenset({"airport", "airbase"}),
    "port": frozenset({"port", "terminal"}),
    "island": frozenset({"island"}),
    "strait": frozenset({"strait"}),
    "gulf": frozenset({"gulf", "sea"}),
    "sea": frozenset({"sea", "gulf"}),
    "canal": frozenset({"canal"}),
    "field": frozenset({"oilfield", "gasfield"}),
    "dam": frozenset({"dam"}),
    "crossing": frozenset({"crossing"}),
}
