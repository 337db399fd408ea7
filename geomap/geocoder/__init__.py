"""Geocoding: place names to :class:`Place` answers, offline, with honest precision.

>>> from geomap.geocoder import geocode
>>> geocode("Deir el-Zour").country_code  # doctest: +SKIP
'SY'

``geocode`` answers one name; ``geocode_many`` answers many at once (a GeoDataFrame, one row
per name in input order, EPSG:4326). Both take a country hint (``country="IQ"`` or a list)
and ``context``: the other place names of the same text, whose countries and positions
favour candidates near them. A name that several places share with nothing to decide between
them comes back ``ambiguous`` with precision ``unresolved`` and its candidates in
``alternatives``; an unknown or invented name comes back unresolved.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from geomap.geocoder.context import evidence_for
from geomap.geocoder.place import Place
from geomap.geocoder.resolve import clean_query, resolve_cached

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = ["Place", "geocode", "geocode_many"]


def geocode(
    name: str,
    *,
    country: str | Iterable[str] | None = None,
    context: str | Iterable[str] | None = None,
) -> Place:
    """Geocode one place name from the embedded gazetteer.

    Parameters
    ----------
    name : str
        A place name in any common spelling, Latin or Arabic script.
    country : str or list of str, optional
        ISO 3166-1 alpha-2 hint(s), e.g. ``"IQ"`` or ``["IQ", "SY"]``.
    context : list of str or str, optional
        Other place names from the same text (a list, or one ``|``-separated string).

    Returns
    -------
    Place
        Never raises for an unknown name: it comes back with precision ``unresolved``.

    Raises
    ------
    GeomapInputError
        When ``name`` is not a string or ``country`` is not alpha-2 codes.

    Examples
    --------
    >>> geocode("Erbil").country_code  # doctest: +SKIP
    'IQ'
    """
    query = clean_query(name)
    return resolve_cached(query, evidence_for(country, context, exclude=query))


def geocode_many(
    names: Iterable[Any],
    *,
    country: str | Iterable[str] | None = None,
    context: str | Iterable[str] | None = None,
) -> geopandas.GeoDataFrame:
    """Geocode many names; one row per name, in input order, EPSG:4326.

    Columns are the :class:`Place` fields (``alternatives`` as JSON text) and a point
    ``geometry`` (None when unresolved). Each distinct name is resolved once. A value that is
    not a string (None, NaN, a number) gives an unresolved row whose ``query`` is its text.
    """
    from geomap.geocoder.many import geocode_frame

    return geocode_frame(names, evidence_for(country, context))
