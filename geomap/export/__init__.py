"""Export: RFC 7946 GeoJSON written by us, other formats, atomic writes, batches, dask.

Public names:

* :func:`to_geojson` / :func:`write_geojson` -- a features frame as RFC 7946 text / file;
* :func:`export_events` -- events files to one file or a folder (what ``geomap export`` runs);
* :func:`export_batch` -- many inputs, or ``split_by`` groups, into a folder on every core;
* :class:`ExportSummary` -- what an export did.

See ``docs/export.md`` for the rules the writer follows.
"""

from __future__ import annotations

from geomap.export.api import ENGINES, export_events
from geomap.export.batch import SPLIT_KEYS, export_batch
from geomap.export.core import ExportSummary
from geomap.export.encode import RESERVED_MEMBERS, property_keys
from geomap.export.formats import FORMATS
from geomap.export.geojson import to_geojson, write_geojson

__all__ = [
    "to_geojson",
    "write_geojson",
    "export_events",
    "export_batch",
    "ExportSummary",
    "FORMATS",
    "ENGINES",
    "SPLIT_KEYS",
    "RESERVED_MEMBERS",
    "property_keys",
]
