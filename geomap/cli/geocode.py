"""``geomap geocode``: geocode names from the command line or a CSV column.

Stable machine interface (see ``geomap --help``)::

    geomap geocode [--country CC] [--context NAMES] [--format table|jsonl|csv] NAME...
    geomap geocode --input FILE --column COL [--format jsonl]

One answer per name, in input order. ``jsonl``: one object per line with every
:class:`~geomap.geocoder.Place` field (``query, name, lat, lon, precision, kind,
country_code, admin1, radius_km, confidence, source, source_id, match, ambiguous,
alternatives``); an unresolved name has ``"precision": "unresolved"`` and null ``lat``/``lon``.
Exit status: 0 every name resolved, 1 some unresolved or ambiguous (or a file error),
2 usage error. Imports neither geopandas nor folium, to start fast.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from typing import Any

import click

from geomap.cli.options import country_opt, format_opt

__all__ = ["command"]

_TABLE_COLUMNS = ("query", "name", "lat", "lon", "precision", "kind", "country_code", "source")
_CSV_COLUMNS = (
    "query", "name", "lat", "lon", "precision", "kind", "country_code", "admin1", "radius_km",
    "confidence", "source", "source_id", "match", "ambiguous",
)


def _read_column(path: str, column: str) -> list[str]:
    """Values of ``column`` in CSV ``path`` (``-`` for stdin), in row order: encoding,
    separator and quoting as the events readers read them (:mod:`geomap.events.csvfile`)."""
    from geomap.errors import GeomapDataError
    from geomap.events.csvfile import (
        SAMPLE_BYTES,
        csv_records,
        not_utf8_error,
        sniff_delimiter,
        text_encoding,
    )

    name = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                data = f.read()
        text = data.decode(text_encoding(data[:2]))
    except UnicodeDecodeError:
        raise click.ClickException(str(not_utf8_error(name, io.BytesIO(data)))) from None
    except OSError as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise click.ClickException(f"{name}: cannot read the file ({reason})") from None
    records = csv_records(io.StringIO(text, newline=""), sniff_delimiter(text[:SAMPLE_BYTES]),
                          name)
    try:
        fields = next(records, [])
        if column not in fields:
            shown = ", ".join(repr(f) for f in fields) or "none"
            raise click.UsageError(f"{name}: no column {column!r} (columns: {shown})")
        at = fields.index(column)
        rows = list(records)
        while rows and not rows[-1]:
            rows.pop()  # blank lines at the end are not rows; one inside is an empty name
        return [record[at] if at < len(record) else "" for record in rows]
    except GeomapDataError as err:
        raise click.ClickException(f"{err} (not a readable CSV file)") from None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.5f}".rstrip("0").rstrip(".")
    return str(value).replace("\n", " ").replace("\t", " ")


def _table(rows: list[dict[str, Any]]) -> Iterator[str]:
    cells = [[_cell(r[c]) for c in _TABLE_COLUMNS] for r in rows]
    for r, row in zip(rows, cells, strict=True):
        if r["ambiguous"]:
            row[1] = "(ambiguous: " + "; ".join(
                f"{a['name']}, {a['country_code'] or '-'}" for a in r["alternatives"][:3]
            ) + ")"
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(_TABLE_COLUMNS)]
    yield "  ".join(h.ljust(w) for h, w in zip(_TABLE_COLUMNS, widths, strict=True)).rstrip()
    for row in cells:
        yield "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()


def _emit(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
    elif fmt == "csv":
        from geomap.csv_writer import csv_text

        click.echo(csv_text(_CSV_COLUMNS, ([r[c] for c in _CSV_COLUMNS] for r in rows)), nl=False)
    else:
        for line in _table(rows):
            click.echo(line)


@click.command(name="geocode", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("names", nargs=-1)
@country_opt
@click.option(
    "--context",
    metavar="NAMES",
    help="Other places named in the same text, comma- or '|'-separated (e.g. 'Syria,Deir ez-Zor').",
)
@format_opt("table", "jsonl", "csv")
@click.option(
    "--input",
    "input_path",
    metavar="FILE",
    type=click.Path(exists=True, allow_dash=True, readable=False),
    help="CSV file of names ('-' for stdin); needs --column.",
)
@click.option("--column", metavar="COL", help="Column of --input holding the names.")
def command(
    names: tuple[str, ...],
    country: Any,
    context: str | None,
    fmt: str,
    input_path: str | None,
    column: str | None,
) -> None:
    """Geocode place names offline from the embedded gazetteer.

    One answer per NAME (or per row of --input), in input order. Use `--` before names
    that start with '-'. Exit status: 0 all resolved, 1 some unresolved or ambiguous,
    2 usage error.
    """
    if input_path is not None and column is None:
        raise click.UsageError("--input needs --column COL")
    if column is not None and input_path is None:
        raise click.UsageError("--column needs --input FILE")
    if input_path is not None and names:
        raise click.UsageError("give names as arguments or --input FILE, not both")
    queries = list(names) if input_path is None else _read_column(input_path, column or "")
    if not queries:
        raise click.UsageError("no names given (NAME... or --input FILE --column COL)")
    ctx_names = None
    if context:
        ctx_names = [c for part in context.split("|") for c in part.split(",") if c.strip()]

    from geomap.geocoder import geocode

    rows = [
        geocode(q, country=country, context=ctx_names).to_dict() for q in queries
    ]
    _emit(rows, fmt)
    if any(r["precision"] == "unresolved" for r in rows):
        sys.exit(1)
