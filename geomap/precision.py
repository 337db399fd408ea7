"""The one precision scale every geomap answer uses, and how it maps onto other datasets.

=========  =====================================  ==========  =====  ============  ========
level      meaning                                radius_km   ACLED  UCDP GED      GDELT
=========  =====================================  ==========  =====  ============  ========
site       a named facility: base, airport, port  2           1      1             (none)
city       a populated place                      10          1      1             4 (city)
district   a district / second-order area         30          2      2             3 (ADM2)
admin1     a province / governorate / state       100         2      3             2 (ADM1)
country    a whole country                        400         3      4             1 (country)
region     a sea, strait, gulf or wider area      300         3      5-7           (none)
unresolved nothing trustworthy was found          (none)      (none) (none)        (none)
=========  =====================================  ==========  =====  ============  ========

ACLED geo_precision: 1 = the exact town, 2 = near a town / in a district, 3 = a province or
wider. UCDP GED where_prec: 1 exact, 2 within 25 km, 3 second-order admin, 4 first-order
admin, 5 linear/"along", 6 country, 7 international waters/airspace. GDELT ActionGeo_Type:
1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
The default radius is used when a gazetteer entry carries none of its own.
"""

from __future__ import annotations

__all__ = [
    "PRECISIONS",
    "RESOLVED_PRECISIONS",
    "DEFAULT_RADIUS_KM",
    "ACLED_GEO_PRECISION",
    "UCDP_WHERE_PREC",
    "GDELT_GEO_TYPE",
    "precision_from_acled",
    "coarser",
]

#: Finest to coarsest, then ``unresolved``.
PRECISIONS: tuple[str, ...] = (
    "site",
    "city",
    "district",
    "admin1",
    "country",
    "region",
    "unresolved",
)
RESOLVED_PRECISIONS: tuple[str, ...] = PRECISIONS[:-1]

DEFAULT_RADIUS_KM: dict[str, float] = {
    "site": 2.0,
    "city": 10.0,
    "district": 30.0,
    "admin1": 100.0,
    "country": 400.0,
    "region": 300.0,
}

ACLED_GEO_PRECISION: dict[str, int] = {
    "site": 1,
    "city": 1,
    "district": 2,
    "admin1": 2,
    "country": 3,
    "region": 3,
}
UCDP_WHERE_PREC: dict[str, int] = {
    "site": 1,
    "city": 1,
    "district": 3,
    "admin1": 4,
    "country": 6,
    "region": 7,
}
GDELT_GEO_TYPE: dict[str, int | None] = {
    "site": None,
    "city": 4,
    "district": None,
    "admin1": 5,
    "country": 1,
    "region": None,
}

_FROM_ACLED = {1: "city", 2: "district", 3: "admin1"}


def precision_from_acled(geo_precision: int) -> str:
    """Map ACLED ``geo_precision`` (1-3) onto the geomap scale.

    Raises
    ------
    ValueError
        When ``geo_precision`` is not 1, 2 or 3.
    """
    try:
        return _FROM_ACLED[int(geo_precision)]
    except (KeyError, ValueError, TypeError) as err:
        raise ValueError(f"ACLED geo_precision must be 1, 2 or 3, not {geo_precision!r}") from err


def coarser(a: str, b: str) -> str:
    """Return the coarser of two precision levels (``unresolved`` is the coarsest)."""
    return a if PRECISIONS.index(a) >= PRECISIONS.index(b) else b
