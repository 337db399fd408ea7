"""Reading geomap's own GeoJSON exports back into events (the round trip).

An export has one feature per role (``target``, ``origin``, ``path``, and ``*_area`` with
uncertainty), each with ``event_id`` and ``role`` (contract 3 in ``docs/design.md``). Reading
groups the features by ``event_id`` into one record per event: the event attributes come from
the target feature's properties, the coordinates from the target and origin points, and what
the geocoder had said about each place (precision, kind, source ...) travels as reader hints,
so reading an export back gives the same events. The record number of an event is the 1-based
number of its first feature.

A FeatureCollection that is not a geomap export (features without ``event_id``/``role``) is
read as one event per Point feature: the point is the target.
"""

from __future__ import annotations

from typing import Any

from geomap.events.report import Problem
from geomap.events.resolve import PLACE_FIELDS
from geomap.events.schema import DERIVED_COLUMNS, HINT_PREFIX, ROLES

__all__ = ["geojson_records", "FEATURE_KEYS", "PLACE_KEYS"]

#: Feature properties that describe the feature, not the event.
FEATURE_KEYS: frozenset[str] = frozenset({
    "id", "event_id", "role", "name", "geocoded_name", "precision", "radius_km", "kind",
    "country_code", "source", "source_id", "confidence", "distance_km", "bearing",
})
#: GeoJSON member names the exporter never uses as property keys (it appends ``_``).
_RESERVED = frozenset(
    {"type", "geometry", "properties", "id", "bbox", "coordinates", "crs", "features"}
)
#: feature property -> the ``{role}_...`` column it fills.
PLACE_KEYS: dict[str, str] = {
    ("geocoded_name" if suffix == "geocoded" else suffix): suffix for suffix in PLACE_FIELDS
}


def _original_key(key: str) -> str:
    """Undo the exporter's renaming: ``type_`` -> ``type`` (GeoJSON members), ``event_name``
    -> ``name`` (an event attribute named like a feature column)."""
    if key.endswith("_") and key.rstrip("_") in _RESERVED and key.rstrip("_") + "_" == key:
        return key[:-1]
    if key.startswith("event_") and key[6:] in FEATURE_KEYS - {"id"}:
        return key[6:]
    return key


def _point(feature: dict[str, Any]) -> tuple[float, float] | None:
    geometry = feature.get("geometry") or {}
    coords = geometry.get("coordinates")
    if geometry.get("type") == "Point" and isinstance(coords, list) and len(coords) >= 2:
        return float(coords[0]), float(coords[1])
    return None


def _event_record(event_id: str, features: dict[str, dict[str, Any]]) -> dict[str, Any]:
    target = features.get("target") or next(iter(features.values()))
    props = dict(target.get("properties") or {})
    record = {_original_key(k): v for k, v in props.items()
              if k not in FEATURE_KEYS and k not in DERIVED_COLUMNS}
    record["id"] = event_id
    for column in ("killed", "injured"):
        low, high = props.get(column), props.get(f"{column}_high")
        if low is not None and high is not None and high != low:
            record[column] = f"{low}-{high}"
    for role in ROLES:
        feature = features.get(role)
        place = (feature or {}).get("properties") or {}
        if feature is not None and record.get(role) in (None, ""):
            record[role] = place.get("name")
        point = _point(feature) if feature is not None else None
        if point is not None and record.get(f"{role}_lat") in (None, ""):
            record[f"{role}_lon"], record[f"{role}_lat"] = point
        for key, suffix in PLACE_KEYS.items():
            value = place.get(key) if feature is not None else props.get(f"{role}_{suffix}")
            if value is not None:
                record[f"{HINT_PREFIX}{role}_{suffix}"] = value
    return record


def geojson_records(
    path: str, document: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[int], list[Problem]]:
    """Turn a FeatureCollection into event records, their record numbers and the problems.

    Returns
    -------
    (records, numbers, problems)
        One record per event in order of first appearance; a feature that is not an object
        is a rejected record.
    """
    events: dict[str, dict[str, dict[str, Any]]] = {}
    first: dict[str, int] = {}
    records: list[dict[str, Any]] = []
    numbers: list[int] = []
    problems: list[Problem] = []
    for number, feature in enumerate(document.get("features") or [], start=1):
        if not isinstance(feature, dict):
            problems.append(Problem(path, number, None, str(feature)[:200],
                                    "is not a GeoJSON feature"))
            continue
        props = feature.get("properties") or {}
        event_id, role = props.get("event_id"), props.get("role")
        if event_id is None or role is None:
            record = dict(props)
            point = _point(feature)
            if point is not None and record.get("target_lat") in (None, ""):
                record["target_lon"], record["target_lat"] = point
            if "id" not in record and feature.get("id") is not None:
                record["id"] = feature["id"]
            records.append(record)
            numbers.append(number)
            continue
        key = str(event_id)
        if key not in events:
            events[key] = {}
            first[key] = number
            records.append({"__event__": key})
            numbers.append(number)
        events[key].setdefault(str(role), feature)
    out = [
        _event_record(r["__event__"], events[r["__event__"]]) if "__event__" in r else r
        for r in records
    ]
    return out, numbers, problems
