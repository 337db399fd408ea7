"""Placing origins and targets: user coordinates first, else the offline geocoder.

Names are geocoded through ``geomap.geocoder.geocode(name, country=hint, context=...)``, once
per distinct ``(name, hint)`` of a file (a cache), with the file's other place names as
context. User coordinates override the geocode and the name is kept; they give
``{role}_source = "user"`` and ``{role}_precision = "site"`` unless they equal the name's
geocode (within 1e-4 degrees): then the geocode's fields are used (a coarser precision is
kept, and a GeoJSON export read back gives the same events). Readers may pass what they know
about a place (ACLED's ``geo_precision``, a GeoJSON export's geocode) as
``__geomap_{role}_{field}`` hints, which win.

Problems found here: a name that does not resolve (``unresolved``; a target without
coordinates then leaves its row unmapped), and coordinates that look swapped against the
named place (``warning``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd

from geomap.distance import haversine_km, haversine_km_array
from geomap.errors import GazetteerError
from geomap.events.exact import exact_lookup, unknown_name, unknown_names, warm_up
from geomap.events.report import Problem
from geomap.events.schema import HINT_PREFIX, ROLES
from geomap.precision import DEFAULT_RADIUS_KM, PRECISIONS

__all__ = ["PlaceCache", "FileCaches", "resolve_places", "unlooked_targets", "CONTEXT_SIZE",
           "PLACE_FIELDS", "warm_up", "unknown_name"]

#: How many of a file's most frequent place names are passed to the geocoder as context.
CONTEXT_SIZE = 30
#: ``{role}_...`` suffix -> ``Place`` attribute.
PLACE_FIELDS: dict[str, str] = {
    "geocoded": "name", "precision": "precision", "radius_km": "radius_km", "kind": "kind",
    "country_code": "country_code", "source": "source", "source_id": "source_id",
    "confidence": "confidence",
}
_FLOAT_FIELDS = ("radius_km", "confidence")
_SAME_POINT_DEG = 1e-4


def _default_geocoder() -> Callable[..., Any]:
    """``geomap.geocoder.geocode``; a :class:`GazetteerError` when it cannot be loaded."""
    try:
        from geomap.geocoder import geocode
    except ImportError as err:
        raise GazetteerError(
            f"the offline geocoder cannot be loaded ({err}); reinstall geomap, "
            "or read without geocoding (geocode=False, --no-geocode)"
        ) from err
    return geocode


class PlaceCache:
    """Geocodes per ``(name, hint)`` with one file's context; each distinct pair is asked once.

    Parameters
    ----------
    geocoder : callable
        ``geocoder(name, country=hint, context=tuple_of_names) -> Place``.
    context : iterable of str
        Other place names in the same file.
    """

    def __init__(self, geocoder: Callable[..., Any], context: Iterable[str] = ()) -> None:
        self.geocoder = geocoder
        self.context = tuple(dict.fromkeys(c for c in context if c))
        self._places: dict[tuple[str, str | None], Any] = {}

    def __len__(self) -> int:
        return len(self._places)

    def get(self, name: str, hint: str | None) -> Any:
        """The ``Place`` for ``name`` with country ``hint`` (cached)."""
        key = (name, hint)
        if key not in self._places:
            context = tuple(c for c in self.context if c != name)
            self._places[key] = self.geocoder(name, country=hint, context=context or None)
        return self._places[key]

    def check(self, name: str, hint: str | None) -> Any:
        """A cheap ``Place`` for a name whose rows all carry coordinates (only the swap check
        and the same-point test use it): an exact lookup, no context ranking, no fuzzy
        search; the full answer when it was already asked for. None when the gazetteer has
        no key for the name (:func:`unknown_name`): nothing to compare the coordinates with."""
        return self.check_many([(name, hint)])[0]

    def check_many(self, pairs: list[tuple[str, str | None]]) -> list[Any]:
        """:meth:`check` of each ``(name, hint)`` (the names without a key told in one
        pass)."""
        places = [self._places.get(pair) for pair in pairs]
        todo = [i for i, pair in enumerate(pairs) if pair not in self._places]
        if not _is_default(self.geocoder):
            for i in todo:
                name, hint = pairs[i]
                places[i] = self.geocoder(name, country=hint, context=None)
            return places
        unknown = unknown_names([pairs[i][0] for i in todo])
        for i, absent in zip(todo, unknown.tolist(), strict=True):
            places[i] = None if absent else exact_lookup(*pairs[i])
        return places


@functools.lru_cache(maxsize=8)
def _is_default(geocoder: Callable[..., Any]) -> bool:
    return geocoder is _default_geocoder()


class FileCaches:
    """The place caches of a chunk holding many whole files (:mod:`geomap.events.many`): a
    name that needs ranking is asked with its own file's context (a :class:`PlaceCache` per
    file, made on first use by ``make(file)``); the cheap check uses no context, so one answer
    per ``(name, hint)`` serves every file."""

    def __init__(self, geocoder: Callable[..., Any],
                 make: Callable[[int], PlaceCache]) -> None:
        self.geocoder = geocoder
        self._make = make
        self._files: dict[int, PlaceCache] = {}
        self._checked: dict[tuple[str, str | None], Any] = {}

    def get(self, name: str, hint: str | None, file: int = 0) -> Any:
        """As :meth:`PlaceCache.get`, with the context of ``file``."""
        if file not in self._files:
            self._files[file] = self._make(file)
        return self._files[file].get(name, hint)

    def check(self, name: str, hint: str | None) -> Any:
        """As :meth:`PlaceCache.check` (asked once per distinct pair)."""
        return self.check_many([(name, hint)])[0]

    def check_many(self, pairs: list[tuple[str, str | None]]) -> list[Any]:
        """As :meth:`PlaceCache.check_many` (asked once per distinct pair)."""
        todo = [pair for pair in dict.fromkeys(pairs) if pair not in self._checked]
        if todo:
            answers = PlaceCache(self.geocoder).check_many(todo)
            self._checked.update(zip(todo, answers, strict=True))
        return [self._checked[pair] for pair in pairs]


def file_context(frame: pd.DataFrame) -> list[str]:
    """The most frequent origin and target names of a (validated) chunk."""
    names = pd.concat([frame[role] for role in ROLES if role in frame.columns])
    counts = names.dropna().value_counts(sort=True)
    return [str(n) for n in counts.index[:CONTEXT_SIZE]]


def _swap_reason(lat: float, lon: float, place: Any, name: str) -> str | None:
    """A warning when swapping the user's lat/lon lands on the named place and as given
    does not."""
    if abs(lon) > 90 or place.lat is None or lat == lon:
        return None
    near = max(3 * float(place.radius_km or 10.0), 50.0)
    given = haversine_km(lat, lon, place.lat, place.lon)
    swapped = haversine_km(lon, lat, place.lat, place.lon)
    if swapped <= near < given / 5:
        where = ", ".join(str(x) for x in (place.name, place.country_code) if x)
        return (f"(lat {lat:g}, lon {lon:g}) is {given:,.0f} km from {name!r} (geocoded as "
                f"{where}); swapped, it is {swapped:,.0f} km away: latitude and longitude "
                "look swapped")
    return None


def _alternative(candidate: dict[str, Any]) -> str:
    """``Springfield (US, 39.80, -89.64)``: a candidate, told apart by where it is."""
    where = [candidate.get("country_code") or "?"]
    if candidate.get("lat") is not None and candidate.get("lon") is not None:
        where += [f"{candidate['lat']:.2f}", f"{candidate['lon']:.2f}"]
    return f"{candidate.get('name')} ({', '.join(where)})"


def _unresolved_reason(name: str, place: Any, role: str) -> str:
    if getattr(place, "ambiguous", False) and getattr(place, "alternatives", ()):
        options = "; ".join(_alternative(a) for a in place.alternatives[:3])
        more = len(place.alternatives) - 3
        options += f"; {more} more" if more > 0 else ""
        return (f"{name!r} is ambiguous ({options}); add {role}_country or "
                f"{role}_lat/{role}_lon")
    return f"{name!r} did not resolve; add {role}_lat/{role}_lon or check the spelling"


def _place_values(places: list[Any], codes: np.ndarray) -> dict[str, np.ndarray]:
    """Per-row arrays of the place fields (None/NaN where no place or not resolved)."""
    out: dict[str, np.ndarray] = {}
    resolved = np.array([p is not None and p.resolved for p in places] + [False], dtype=bool)
    out["resolved"] = resolved[codes]
    for suffix, attr in PLACE_FIELDS.items():
        values = [getattr(p, attr) if p is not None else None for p in places] + [None]
        out[suffix] = np.asarray(values, dtype=object)[codes]
    for attr in ("lat", "lon"):
        values = [getattr(p, attr) if p is not None else None for p in places] + [None]
        out[attr] = np.array([np.nan if v is None else v for v in values], dtype=float)[codes]
    out["place"] = np.asarray([*places, None], dtype=object)[codes]
    return out


def _at(path: str | None | np.ndarray, i: int) -> str | None:
    """The file of row position ``i`` (``path`` is one path, or one per row)."""
    return path[i] if isinstance(path, np.ndarray) else path


def _lookups(keys: pd.Series, user: np.ndarray, cache: PlaceCache | FileCaches | None,
             files: np.ndarray | None) -> tuple[np.ndarray, list[Any]]:
    """Codes of the rows' ``(file, name, hint)`` keys and the place of each key: ranked with
    the file's context when a row of the key has no coordinates, else the cheap check."""
    if files is not None:
        prefix = np.array([f"{f}\x1e" for f in files.tolist()], dtype=object)
        keys = pd.Series(prefix, index=keys.index, dtype=object) + keys
    codes, uniques = pd.factorize(keys, use_na_sentinel=True)
    codes = np.where(codes < 0, len(uniques), codes)
    places: list[Any] = [None] * len(uniques)
    if cache is None:
        return codes, places
    ranked = np.zeros(len(uniques) + 1, dtype=bool)  # a row of the name has no coordinates
    ranked[codes[~user]] = True
    checked: list[int] = []
    pairs: list[tuple[str, str | None]] = []
    for k, key in enumerate(uniques):
        file, _, key = key.rpartition("\x1e")
        name, _, hint = key.partition("\x1f")
        if not ranked[k]:  # asked below, all together
            checked.append(k)
            pairs.append((name, hint or None))
        elif file:
            places[k] = cache.get(name, hint or None, int(file))
        else:
            places[k] = cache.get(name, hint or None)
    for k, place in zip(checked, cache.check_many(pairs), strict=True):
        places[k] = place
    return codes, places


def _resolve_role(frame: pd.DataFrame, role: str, cache: PlaceCache | FileCaches | None,
                  path: str | None | np.ndarray, files: np.ndarray | None = None,
                  ) -> tuple[pd.DataFrame, list[Problem], np.ndarray]:
    """Fill the ``{role}_*`` columns; return the problems and the rows left unplaced."""
    n = len(frame)
    names = frame[role].to_numpy(dtype=object)
    hints = frame[f"__{role}_hint"].to_numpy(dtype=object)
    lat = frame[f"{role}_lat"].to_numpy(dtype=float, copy=True)
    lon = frame[f"{role}_lon"].to_numpy(dtype=float, copy=True)
    has_name = pd.notna(names)
    user = np.isfinite(lat) & np.isfinite(lon)
    if not has_name.any() and not user.any():  # no such place in the chunk (most origins)
        empty = {s: np.full(n, None, dtype=object) for s in PLACE_FIELDS}
        return _store(frame, role, lat, lon, empty), [], np.zeros(n, dtype=bool)
    keys = (pd.Series(names, dtype=object).fillna("") + "\x1f"
            + pd.Series(hints, dtype=object).fillna("")).where(has_name, None)
    codes, places = _lookups(keys, user, cache, files)
    geo = _place_values(places, codes)
    result = {s: np.full(n, None, dtype=object) for s in PLACE_FIELDS}
    problems: list[Problem] = []
    unplaced = np.zeros(n, dtype=bool)
    rows = frame["row"].to_numpy()
    # geocoded only
    only = geo["resolved"] & ~user
    for suffix in PLACE_FIELDS:
        result[suffix][only] = geo[suffix][only]
    lat[only], lon[only] = geo["lat"][only], geo["lon"][only]
    # user coordinates
    same = (user & geo["resolved"] & (np.abs(lat - geo["lat"]) < _SAME_POINT_DEG)
            & (np.abs(lon - geo["lon"]) < _SAME_POINT_DEG))
    take_geo = same  # the user copied the geocode: it is the geocode, whatever its precision
    for suffix in PLACE_FIELDS:
        result[suffix][take_geo] = geo[suffix][take_geo]
    plain_user = user & ~take_geo
    result["precision"][plain_user] = "site"
    result["radius_km"][plain_user] = DEFAULT_RADIUS_KM["site"]
    result["source"][plain_user] = "user"
    result["confidence"][plain_user] = 1.0
    for suffix in ("geocoded", "kind", "country_code"):
        mask = plain_user & geo["resolved"]
        result[suffix][mask] = geo[suffix][mask]
    mask = plain_user & ~geo["resolved"]
    result["country_code"][mask] = hints[mask]
    swapped_km = haversine_km_array(lon, lat, geo["lat"], geo["lon"])
    radius = _floats(geo["radius_km"])
    near_km = np.maximum(3 * np.where(np.isnan(radius), 10.0, radius), 50.0)
    for i in np.flatnonzero(user & geo["resolved"] & ~same & (swapped_km <= near_km)):
        reason = _swap_reason(lat[i], lon[i], geo["place"][i], names[i])
        if reason:
            problems.append(Problem(_at(path, i), int(rows[i]), f"{role}_lat", repr(float(lat[i])),
                                    reason, "warning"))
    # names that did not resolve
    if cache is not None:
        for i in np.flatnonzero(has_name & ~geo["resolved"] & ~user):
            problems.append(Problem(_at(path, i), int(rows[i]), role, names[i],
                                    _unresolved_reason(names[i], geo["place"][i], role),
                                    "unresolved"))
            result["precision"][i] = "unresolved"
            unplaced[i] = True
    elif role == "target":
        found, unplaced = unlooked_targets(frame, path)
        problems += found
    return _store(frame, role, lat, lon, result), problems, unplaced


def _store(frame: pd.DataFrame, role: str, lat: np.ndarray, lon: np.ndarray,
           result: dict[str, np.ndarray]) -> pd.DataFrame:
    """The role's coordinates and place fields (with the reader hints) into ``frame``."""
    _apply_hints(frame, role, result)
    frame[f"{role}_lat"], frame[f"{role}_lon"] = lat, lon
    for suffix in PLACE_FIELDS:
        values = result[suffix]
        if suffix in _FLOAT_FIELDS:
            frame[f"{role}_{suffix}"] = pd.Series(_floats(values), index=frame.index)
        else:
            frame[f"{role}_{suffix}"] = pd.Series(values, dtype=object, index=frame.index)
    return frame


def _floats(values: np.ndarray) -> np.ndarray:
    """An object array of numbers and None as floats (None is NaN), as ``pd.to_numeric``
    gives them, without its per-value parsing when they are numbers already."""
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):  # text or NA from a custom geocoder: parsed as before
        return pd.to_numeric(pd.Series(values, dtype=object)).to_numpy(dtype=float)


def unlooked_targets(frame: pd.DataFrame,
                     path: str | None | np.ndarray) -> tuple[list[Problem], np.ndarray]:
    """With geocoding off: the rows whose target has a name but no coordinates (nothing to
    draw), each reported as ``unresolved``; returns the problems and those rows."""
    names = frame["target"].to_numpy(dtype=object)
    lat = frame["target_lat"].to_numpy(dtype=float)
    lon = frame["target_lon"].to_numpy(dtype=float)
    unplaced = pd.notna(names) & ~(np.isfinite(lat) & np.isfinite(lon))
    rows = frame["row"].to_numpy()
    problems = [
        Problem(_at(path, i), int(rows[i]), "target", names[i],
                f"{names[i]!r} was not looked up (geocoding is off) and the row has no "
                "target_lat/target_lon: it cannot be drawn; add coordinates or geocode",
                "unresolved")
        for i in np.flatnonzero(unplaced)
    ]
    return problems, unplaced


def _apply_hints(frame: pd.DataFrame, role: str, result: dict[str, np.ndarray]) -> None:
    """Reader hints (``__geomap_{role}_{field}``) override, where given and coordinates exist."""
    placed = np.isfinite(frame[f"{role}_lat"].to_numpy(dtype=float))
    for suffix in PLACE_FIELDS:
        column = f"{HINT_PREFIX}{role}_{suffix}"
        if column not in frame.columns:
            continue
        values = frame[column].to_numpy(dtype=object)
        given = placed & np.array([v not in (None, "") for v in values], dtype=bool)
        if suffix in _FLOAT_FIELDS:
            values = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy()
        result[suffix][given] = values[given]
    if f"{HINT_PREFIX}{role}_precision" in frame.columns:
        bad = np.array([p is not None and p not in PRECISIONS for p in result["precision"]])
        result["precision"][bad] = "site"


def resolve_places(frame: pd.DataFrame, cache: PlaceCache | FileCaches | None,
                   path: str | None | np.ndarray, files: np.ndarray | None = None,
                   ) -> tuple[pd.DataFrame, list[Problem], np.ndarray]:
    """Place origins and targets of a validated chunk.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`geomap.events.validate.validate_chunk`.
    cache : PlaceCache, FileCaches or None
        None: names are not looked up (``geocode=False``); only user coordinates place.
        :class:`FileCaches` for a chunk of many files.
    path : str, None or numpy.ndarray
        The file, for problems (one per row for a chunk of many files).
    files : numpy.ndarray, optional
        For a chunk of many files: the file (a number) of each row; names are then looked
        up file by file, as if each file were read alone.

    Returns
    -------
    (frame, problems, unplaced)
        ``unplaced`` marks the rows whose target did not resolve and has no coordinates
        (with ``cache=None``: whose named target has no coordinates, as it was not looked up).
    """
    frame = frame.copy(deep=False)  # new columns only: no need to copy the others
    problems: list[Problem] = []
    unplaced = np.zeros(len(frame), dtype=bool)
    for role in ("target", "origin"):
        frame, found, missing = _resolve_role(frame, role, cache, path, files)
        problems.extend(found)
        if role == "target":
            unplaced = missing
    problems.sort(key=lambda p: p.row or 0)
    return frame, problems, unplaced
