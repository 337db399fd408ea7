"""geomap: turn reports of strikes and attacks into publishable maps and RFC 7946 GeoJSON.

The public API is re-exported here. Submodules load lazily, so ``import geomap`` and the
``geomap geocode`` command stay fast: geopandas and folium are imported only when a function
that needs them is first used.

>>> import geomap
>>> geomap.geocode("Deir el-Zour").name  # doctest: +SKIP
'Deir ez-Zor'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # errors
    "GeomapError": "geomap.errors",
    "GeomapDataError": "geomap.errors",
    "GeomapInputError": "geomap.errors",
    "GeomapFileError": "geomap.errors",
    "GazetteerError": "geomap.errors",
    "ExportError": "geomap.errors",
    # precision scale
    "PRECISIONS": "geomap.precision",
    "DEFAULT_RADIUS_KM": "geomap.precision",
    # gazetteer + geocoder
    "normalize_name": "geomap.gazetteer",
    "load_gazetteer": "geomap.gazetteer",
    "Place": "geomap.geocoder",
    "geocode": "geomap.geocoder",
    "geocode_many": "geomap.geocoder",
    # events
    "Events": "geomap.events",
    "ValidationReport": "geomap.events",
    "Problem": "geomap.events",
    "read_events": "geomap.events",
    "validate_events": "geomap.events",
    "EVENT_COLUMNS": "geomap.events",
    # geometry
    "geodesic_path": "geomap.geometry",
    "uncertainty_circle": "geomap.geometry",
    "event_features": "geomap.geometry",
    # export
    "to_geojson": "geomap.export",
    "write_geojson": "geomap.export",
    "export_events": "geomap.export",
    "export_batch": "geomap.export",
    # render
    "make_map": "geomap.render",
    "EventMap": "geomap.render",
    # extract
    "Mention": "geomap.extract",
    "Extraction": "geomap.extract",
    "PlaceMentions": "geomap.extract",
    "extract_places": "geomap.extract",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'geomap' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # pragma: no cover
    from geomap.errors import (  # noqa: F401
        ExportError,
        GazetteerError,
        GeomapDataError,
        GeomapError,
        GeomapFileError,
        GeomapInputError,
    )
    from geomap.events import (  # noqa: F401
        EVENT_COLUMNS,
        Events,
        Problem,
        ValidationReport,
        read_events,
        validate_events,
    )
    from geomap.export import export_batch, export_events, to_geojson, write_geojson  # noqa: F401
    from geomap.extract import Extraction, Mention, PlaceMentions, extract_places  # noqa: F401
    from geomap.gazetteer import load_gazetteer, normalize_name  # noqa: F401
    from geomap.geocoder import Place, geocode, geocode_many  # noqa: F401
    from geomap.geometry import event_features, geodesic_path, uncertainty_circle  # noqa: F401
    from geomap.precision import DEFAULT_RADIUS_KM, PRECISIONS  # noqa: F401
    from geomap.render import EventMap, make_map  # noqa: F401
