"""JSON, JSON Lines and GeoJSON files as geomap reads them: records, numbers, rejections.

A JSON file is an array of event objects, ACLED's ``{"data": [...]}``, one event object, a
GeoJSON FeatureCollection or one Feature; a JSON Lines file (or an RFC 8142 GeoJSON text
sequence) holds one object per line. Each reader returns ``(records, numbers, problems)``:
the objects, the number of each (its place in the array, or its line, from 1), and one
rejection per item that is not an object or holds nothing, so every record is read or named.
:func:`to_text` is the one rule for a JSON (or DataFrame) value as cell text.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from geomap.errors import GeomapFileError
from geomap.events.csvfile import not_utf8_error
from geomap.events.geojson import geojson_records
from geomap.events.report import Problem
from geomap.events.schema import EVENT_COLUMNS

__all__ = ["RS", "to_text", "json_records", "jsonl_records"]

RS = "\x1e"  # RFC 8142 record separator (GeoJSON text sequences)


def to_text(value: Any, column: str = "") -> str:
    """One cell as text: missing -> ``""``, lists of sources joined with ``"; "``."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "" if value != value else repr(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, list | tuple):
        if column == "sources":
            return "; ".join(to_text(v) for v in value)
        return json.dumps(list(value), ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _without_empty(path: str, records: list[dict[str, Any]], numbers: list[int],
                   problems: list[Problem]) -> tuple[list[dict[str, Any]], list[int],
                                                     list[Problem]]:
    """Records holding something, their numbers, and ``problems`` with a rejection (in row
    order) for each record that holds nothing (``{}``, every value null or empty; a feature
    with neither geometry nor properties): a JSON record is written on purpose, so it is
    named, not dropped like a blank CSV line."""
    kept, kept_numbers, empty = [], [], []
    for record, number in zip(records, numbers, strict=True):
        if any(to_text(value, str(key)) != "" for key, value in record.items()):
            kept.append(record)
            kept_numbers.append(number)
        else:
            empty.append(Problem(path, number, None, json.dumps(record)[:200],
                                 "is an empty record: it holds no event"))
    return kept, kept_numbers, sorted(problems + empty, key=lambda p: p.row or 0)


def json_records(path: str) -> tuple[list[dict[str, Any]], list[int], list[Problem]]:
    """The records of a JSON file: an array of event objects, ACLED's ``{"data": [...]}``,
    one event object, a GeoJSON FeatureCollection or one Feature.

    Raises
    ------
    GeomapFileError
        The file cannot be read, is not UTF-8 or not JSON, or holds no events array.
    """
    try:
        with open(path, encoding="utf-8-sig") as handle:
            document = json.load(handle)
    except OSError as err:
        raise GeomapFileError(f"cannot read: {err.strerror}", path=path) from err
    except UnicodeDecodeError as err:
        raise not_utf8_error(path) from err
    except json.JSONDecodeError as err:
        raise GeomapFileError(f"is not valid JSON: {err}", path=path) from err
    if isinstance(document, dict) and document.get("type") == "Feature":
        document = {"type": "FeatureCollection", "features": [document]}
    if isinstance(document, dict) and document.get("type") == "FeatureCollection":
        records, numbers, problems = geojson_records(path, document)
    else:
        if isinstance(document, dict) and isinstance(document.get("data"), list):
            document = document["data"]  # the ACLED API envelope
        elif isinstance(document, dict) and set(document) & set(EVENT_COLUMNS):
            document = [document]  # one event (a JSON Lines file of one line, on stdin)
        if not isinstance(document, list):
            raise GeomapFileError("JSON must be an array of objects, one per event", path=path)
        records, numbers, problems = [], [], []
        for number, item in enumerate(document, start=1):
            if isinstance(item, dict):
                records.append(item)
                numbers.append(number)
            else:
                problems.append(Problem(path, number, None, to_text(item)[:200],
                                        "is not a JSON object"))
    return _without_empty(path, records, numbers, problems)


def jsonl_records(path: str) -> tuple[list[dict[str, Any]], list[int], list[Problem]]:
    """The records of a JSON Lines file (or a GeoJSON text sequence), numbered by line;
    a line that is not a JSON object is a rejection, a blank line nothing.

    Raises
    ------
    GeomapFileError
        The file cannot be read or is not UTF-8.
    """
    records, numbers, problems = [], [], []
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                line = line.lstrip(RS)
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as err:
                    problems.append(Problem(path, number, None, line.strip()[:200],
                                            f"is not valid JSON ({err.msg})"))
                    continue
                if not isinstance(item, dict):
                    problems.append(Problem(path, number, None, line.strip()[:200],
                                            "is not a JSON object"))
                    continue
                records.append(item)
                numbers.append(number)
    except OSError as err:
        raise GeomapFileError(f"cannot read: {err.strerror}", path=path) from err
    except UnicodeDecodeError as err:
        raise not_utf8_error(path) from err
    if records and all(r.get("type") == "Feature" for r in records):  # a GeoJSON sequence
        collection = {"type": "FeatureCollection", "features": records}
        records, features, more = geojson_records(path, collection)
        numbers = [numbers[n - 1] for n in features]
        problems += more
    return _without_empty(path, records, numbers, problems)
