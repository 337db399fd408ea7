"""ACLED exports mapped onto the events schema.

ACLED's codebook says ``actor1`` and ``actor2`` "do not imply directionality". geomap therefore
fills ``attacker`` (from ``actor1``) and ``target_party`` (from ``actor2``) only for the
one-sided sub-event types whose definitions make actor 1 the one acting on actor 2
(:data:`DIRECTED_SUB_EVENTS`: strikes, shelling, bombings, attacks on civilians, abductions,
territory taken, excessive force against protesters). For every other sub-event type (armed
clashes, protests, riots, strategic developments) both stay empty. ``actor1``, ``actor2`` and
every other ACLED column are kept unchanged.

=================  ======================================================================
ACLED              geomap
=================  ======================================================================
event_id_cnty      id
event_date         date (``02 February 2024`` and ``02-02-2024`` read day first -> ISO)
location           target (the place the event happened)
latitude           target_lat
longitude          target_lon
geo_precision      target precision: 1 city, 2 district, 3 admin1 (``geomap.precision``)
fatalities         killed
sub_event_type     weapon, only for Explosions/Remote violence (e.g. ``Air/drone strike``)
actor1 / actor2    attacker / target_party for directed sub-event types only (see above)
notes              notes
source             kept as ``source`` (ACLED names publications, not URLs: ``sources`` stays empty)
=================  ======================================================================

``claim`` is ``unknown``: ACLED records attribution by its sources, not claims.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from geomap.events.schema import HINT_PREFIX
from geomap.precision import DEFAULT_RADIUS_KM, precision_from_acled

__all__ = ["is_acled", "map_acled", "DIRECTED_SUB_EVENTS", "REMOTE_SUB_EVENTS", "ALIASES"]

REMOTE_SUB_EVENTS: frozenset[str] = frozenset({
    "air/drone strike",
    "shelling/artillery/missile attack",
    "chemical weapon",
    "suicide bomb",
    "remote explosive/landmine/ied",
    "grenade",
})
DIRECTED_SUB_EVENTS: frozenset[str] = REMOTE_SUB_EVENTS | {
    "attack",
    "sexual violence",
    "abduction/forced disappearance",
    "government regains territory",
    "non-state actor overtakes territory",
    "excessive force against protesters",
}

#: schema column -> the ACLED column it came from (messages name the ACLED column).
ALIASES: dict[str, str] = {
    "id": "event_id_cnty",
    "date": "event_date",
    "target": "location",
    "target_lat": "latitude",
    "target_lon": "longitude",
    "killed": "fatalities",
}
_REQUIRED = {"event_id_cnty", "event_date", "latitude", "longitude"}
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})")
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})


def is_acled(columns: Iterable[str]) -> bool:
    """True when the columns look like an ACLED export."""
    return _REQUIRED <= {str(c).strip().lower() for c in columns}


def _acled_date(text: str) -> str:
    """ACLED dates to ISO; anything not understood is returned unchanged (and reported)."""
    text = text.strip()
    if m := _DAY_FIRST.fullmatch(text):
        day, month, year = m.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    if (m := _DAY_MONTH_NAME.fullmatch(text)) and (month := _MONTHS.get(m.group(2).lower())):
        # '31 February 2024' too: the events' date check then says February has 29 days
        return f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"
    return text


def _precision(code: str) -> str:
    try:
        return precision_from_acled(int(code))
    except ValueError:
        return ""


def map_acled(frame: pd.DataFrame) -> pd.DataFrame:
    """Map a text frame with ACLED columns onto the events schema (see the module docstring).

    The mapped ACLED columns (``event_id_cnty, event_date, location, latitude, longitude,
    fatalities``) are renamed; the others are kept unchanged.
    """
    frame = frame.rename(columns={c: c.strip().lower() for c in frame.columns})
    out = frame.rename(columns={v: k for k, v in ALIASES.items() if v in frame.columns})
    out["date"] = [_acled_date(t) for t in out["date"].tolist()]
    empty = np.full(len(out), "", dtype=object)
    sub = out.get("sub_event_type", pd.Series(empty, index=out.index)).str.strip().str.lower()
    directed = sub.isin(DIRECTED_SUB_EVENTS).to_numpy()
    remote = sub.isin(REMOTE_SUB_EVENTS).to_numpy()
    for column, actor in (("attacker", "actor1"), ("target_party", "actor2")):
        if actor in out.columns:
            out[column] = np.where(directed, out[actor].to_numpy(dtype=object), "")
    if "sub_event_type" in out.columns:
        out["weapon"] = np.where(remote, out["sub_event_type"].to_numpy(dtype=object), "")
    codes = out.get("geo_precision", pd.Series(empty, index=out.index)).tolist()
    precisions = [_precision(c) for c in codes]
    out[f"{HINT_PREFIX}target_precision"] = precisions
    out[f"{HINT_PREFIX}target_radius_km"] = [
        repr(DEFAULT_RADIUS_KM[p]) if p else "" for p in precisions
    ]
    out[f"{HINT_PREFIX}target_source"] = np.where(np.asarray(precisions) != "", "acled", "")
    out.attrs["geomap_aliases"] = dict(ALIASES)
    return out
