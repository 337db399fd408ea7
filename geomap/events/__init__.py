"""Events: one documented schema, readers (CSV, JSON, JSON Lines, GeoJSON, ACLED) and
validation that names file, row and field -- every input row ends up mapped or reported.

The schema is :data:`geomap.events.schema.SCHEMA_TEXT` (also ``geomap validate --help`` and
``docs/events.md``); the frame is contract 2 in ``docs/design.md``. Names load lazily, so
``geomap validate --help`` does not pay for pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "read_events": "geomap.events.core",
    "iter_events": "geomap.events.core",
    "validate_events": "geomap.events.core",
    "Events": "geomap.events.core",
    "ValidationReport": "geomap.events.report",
    "Problem": "geomap.events.report",
    "EVENT_COLUMNS": "geomap.events.schema",
    "CLAIM_VALUES": "geomap.events.schema",
    "SCHEMA_TEXT": "geomap.events.schema",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'geomap.events' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # pragma: no cover
    from geomap.events.core import Events, iter_events, read_events, validate_events  # noqa: F401
    from geomap.events.report import Problem, ValidationReport  # noqa: F401
    from geomap.events.schema import CLAIM_VALUES, EVENT_COLUMNS, SCHEMA_TEXT  # noqa: F401
