"""``geomap validate``: check events files and report every problem (file, row, field)."""

from __future__ import annotations

import sys

import click

from geomap.cli.options import (
    check_outputs,
    events_arg,
    format_opt,
    no_geocode_opt,
    overwrite_opt,
    relabel_report,
    report_opt,
    stdin_events,
)
from geomap.events.report import REPORT_FORMATS
from geomap.events.schema import SCHEMA_TEXT

__all__ = ["command"]

_HELP = f"""Validate events files and report every problem.

Reads each EVENTS file (CSV, JSON, JSON Lines, a geomap GeoJSON export or an ACLED
export; `-` is standard input), checks every row and geocodes the place names offline,
then prints one line per problem naming the file, the row (the header is row 1), the
field, the value and the reason, and a summary: `12 rows: 9 mapped, 2 rejected,
1 unresolved`.

\b
Exit status: 0 every row mapped; 1 some rows rejected, or place names
unresolved, or a file could not be read; 2 usage error.
With --format jsonl or csv the problems go to stdout and the summary to stderr.

{SCHEMA_TEXT}
"""


@click.command(name="validate", help=_HELP)
@events_arg
@format_opt(*REPORT_FORMATS)
@no_geocode_opt
@report_opt
@overwrite_opt
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: only on a terminal).")
def command(events: tuple[str, ...], fmt: str, no_geocode: bool, report_path: str | None,
            overwrite: bool, progress: bool | None) -> None:
    from geomap.events import validate_events

    check_outputs([report_path], events, overwrite)
    with stdin_events(events) as (paths, copy):
        report = validate_events(paths, geocode=not no_geocode, progress=progress)
        relabel_report(report, copy)
    click.echo(report.format(fmt), nl=False)
    if fmt != "table":
        click.echo(report.summary(), err=True)
    if report_path:
        report.write(report_path, overwrite=overwrite)
    sys.exit(report.exit_code)

