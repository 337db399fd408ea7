"""The events schema: input columns, claim values, the columns of ``Events.frame``, and the
schema text shown by ``geomap validate --help`` and ``docs/events.md``.

Contract 2 in ``docs/design.md`` is the authority; this module is its one implementation.
"""

from __future__ import annotations

__all__ = [
    "EVENT_COLUMNS",
    "ROLES",
    "CLAIM_VALUES",
    "TEXT_COLUMNS",
    "COORDINATE_COLUMNS",
    "CASUALTY_COLUMNS",
    "role_columns",
    "FRAME_COLUMNS",
    "DERIVED_COLUMNS",
    "HINT_PREFIX",
    "SCHEMA_TEXT",
]

#: Input columns (CSV header / JSON keys), in documentation order.
EVENT_COLUMNS: tuple[str, ...] = (
    "id",
    "date",
    "attacker",
    "target_party",
    "weapon",
    "origin",
    "target",
    "origin_lat",
    "origin_lon",
    "target_lat",
    "target_lon",
    "origin_country",
    "target_country",
    "killed",
    "injured",
    "claim",
    "sources",
    "notes",
)

ROLES: tuple[str, ...] = ("origin", "target")

CLAIM_VALUES: tuple[str, ...] = (
    "claimed",
    "attributed",
    "denied",
    "unclaimed",
    "disputed",
    "unknown",
)

#: Free-text columns kept as written (``str`` or ``None``).
TEXT_COLUMNS: tuple[str, ...] = ("attacker", "target_party", "weapon", "notes")
COORDINATE_COLUMNS: tuple[str, ...] = ("origin_lat", "origin_lon", "target_lat", "target_lon")
CASUALTY_COLUMNS: tuple[str, ...] = ("killed", "injured")

#: Reader-internal columns (ACLED precision, GeoJSON round trip) start with this; never output.
HINT_PREFIX = "__geomap_"


def role_columns(role: str) -> tuple[str, ...]:
    """The ``Events.frame`` columns describing one role (``origin`` or ``target``)."""
    return (
        role,
        f"{role}_lat",
        f"{role}_lon",
        f"{role}_country",
        f"{role}_geocoded",
        f"{role}_precision",
        f"{role}_radius_km",
        f"{role}_kind",
        f"{role}_country_code",
        f"{role}_source",
        f"{role}_source_id",
        f"{role}_confidence",
    )


#: Columns of ``Events.frame`` before the extra input columns and ``geometry``.
FRAME_COLUMNS: tuple[str, ...] = (
    "id",
    "row",
    "source_file",
    "date",
    "date_start",
    "date_end",
    "date_precision",
    "attacker",
    "target_party",
    "weapon",
    *role_columns("origin"),
    *role_columns("target"),
    "killed",
    "killed_high",
    "injured",
    "injured_high",
    "claim",
    "sources",
    "notes",
)

#: Columns geomap computes; an input column with one of these names is ignored (with a warning).
DERIVED_COLUMNS: frozenset[str] = frozenset(FRAME_COLUMNS) - frozenset(EVENT_COLUMNS) | {"geometry"}

SCHEMA_TEXT = """\
Events file schema (CSV with a header row, UTF-8 with or without BOM, separated by
',' ';' or tab; or JSON array, JSON Lines, a geomap GeoJSON export, an ACLED export):

\b
  id              unique text; empty -> derived as <file>-row<N> (warning)
  date            ISO 8601: 2024-02-02, partial 2024-02 or 2024, range
                  2024-02-02/2024-02-03 (the precision is kept)
  attacker        who attacked (text)
  target_party    who was attacked (text)
  weapon          text
  origin, target  place names as written (geocoded offline)
  origin_lat, origin_lon, target_lat, target_lon
                  WGS84 decimal degrees; override the name's geocode
  origin_country, target_country
                  ISO 3166-1 alpha-2 hints for the geocoder (e.g. IQ, SY)
  killed, injured non-negative integers, a range 3-5, empty = unknown
  claim           claimed | attributed | denied | unclaimed | disputed |
                  unknown (empty = unknown)
  sources         http(s) URLs separated by ';' or '|'
  notes           text

Every other column is carried through unchanged. A target needs a name or
coordinates. Text such as NA, None or null stays text; an empty cell is missing.
Rows are numbered as a spreadsheet shows them: the header is row 1."""
