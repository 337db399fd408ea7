"""``geomap export``: events files to RFC 7946 GeoJSON (one file, or a folder of many).

Exit status: 0 every row mapped; 1 some rows rejected or unresolved (the valid rows are still
written and the others listed on stderr) or a file could not be written; 2 usage error.
"""

from __future__ import annotations

import sys
from typing import Any

import click
from click.core import ParameterSource

from geomap.cli.options import (
    check_distinct,
    check_outputs,
    check_scheduler,
    engine_opt,
    hidden_alias,
    no_geocode_opt,
    output_opt,
    overwrite_opt,
    provenance_opt,
    relabel_report,
    report_opt,
    scheduler_opt,
    stdin_events,
)
from geomap.export.api import ENGINES
from geomap.export.batch import SPLIT_KEYS
from geomap.export.formats import FORMATS

__all__ = ["command"]

_DRIVER = click.Choice(FORMATS, case_sensitive=False)
_DECIMALS = click.IntRange(0, 15)


def _check_usage(output: str | None, out_dir: str | None, split_by: str | None,
                 skip_existing: bool, overwrite: bool, engine: str, scheduler: str | None) -> None:
    if (output is None) == (out_dir is None):
        raise click.UsageError("give exactly one of -o/--output FILE or --out-dir DIR")
    if split_by and out_dir is None:
        raise click.UsageError("--split-by writes one file per group: use --out-dir DIR")
    if overwrite and skip_existing:
        raise click.UsageError("--overwrite and --skip-existing contradict each other")
    check_scheduler(engine, scheduler)


def _driver_for(ctx: click.Context, output: str | None, driver: str) -> str:
    """The driver the ``-o`` suffix names (``events.gpkg`` -> gpkg) when none was given; a
    given driver that another driver's suffix contradicts is a usage error."""
    from pathlib import Path

    from geomap.export.names import EXTENSIONS

    named = {ext: fmt for fmt, ext in EXTENSIONS.items()}.get(
        Path(output).suffix.lower() if output else "")
    given = any(ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE
                for name in ("driver", "alias_of_driver"))
    if named is None or named == driver.lower():
        return driver
    if not given:
        return named
    raise click.UsageError(f"-o {output} names a {named} file but --driver is {driver}: "
                           f"use --driver {named}, or an output ending in "
                           f"{EXTENSIONS[driver.lower()]}")


def _check_inputs(events: tuple[str, ...], engine: str) -> None:
    """A missing input is a usage error; with ``--engine dask`` a glob or a URL (``s3://``
    ...) is passed on: the workers read it."""
    import glob
    import os

    if engine == "dask" and "-" in events:
        raise click.UsageError("--engine dask reads files, not - (stdin)")
    for item in events:
        if item == "-" or os.path.exists(item):
            continue
        if engine == "dask" and ("://" in item or glob.has_magic(item)):
            continue
        raise click.UsageError(f"Invalid value for 'EVENTS...': Path {item!r} does not exist.")


@click.command(name="export")
@click.argument("events", nargs=-1, required=True,
                type=click.Path(allow_dash=True, readable=False))
@output_opt
@click.option("--out-dir", type=click.Path(file_okay=False),
              help="Write one file per input (or per --split-by group) into DIR.")
@click.option("--driver", type=_DRIVER, default="geojson", show_default=True,
              help="File format written (geojsonseq = RFC 8142 text sequence); without it, "
                   "-o's suffix chooses (.gpkg, .fgb, .parquet, .geojsons).")
@hidden_alias("--format", "driver", type=_DRIVER)
@click.option("--split-by", type=click.Choice(tuple(SPLIT_KEYS)),
              help="One file per event id, date or attacker (needs --out-dir).")
@overwrite_opt
@click.option("--skip-existing", is_flag=True,
              help="Keep output files that exist and write the rest (resume a run).")
@engine_opt(ENGINES, "dask: on a dask cluster, the workers read the inputs (big inputs).")
@scheduler_opt
@click.option("--uncertainty", is_flag=True,
              help="Add uncertainty areas (circle, or the province/sea polygon).")
@click.option("--decimals", type=_DECIMALS, default=6, show_default=True,
              help="Decimals kept in coordinates.")
@hidden_alias("--precision", "decimals", type=_DECIMALS)
@click.option("--bbox", is_flag=True, help="Add bbox members (antimeridian-aware).")
@no_geocode_opt
@provenance_opt
@report_opt
@click.pass_context
def command(ctx: click.Context, events: tuple[str, ...], output: str | None,
            out_dir: str | None, driver: str, split_by: str | None, overwrite: bool,
            skip_existing: bool, engine: str, scheduler: str | None, uncertainty: bool,
            decimals: int, bbox: bool, no_geocode: bool, provenance: bool,
            report_path: str | None) -> None:
    """Export EVENTS files as RFC 7946 GeoJSON: one file (-o) or a folder (--out-dir).

    \b
    geomap export events.csv -o events.geojson
    geomap export a.csv b.csv --out-dir out/          # out/a.geojson, out/b.geojson
    geomap export big.csv --out-dir out/ --split-by attacker
    geomap export events.csv -o events.gpkg --driver gpkg
    geomap export 's3://bucket/events-*.csv' --engine dask --scheduler tcp://host:8786 \\
        --out-dir parts/ --driver parquet    # one GeoParquet part per partition

    EVENTS may be `-` (standard input). Every valid row is written; the validation report
    goes to stderr. An existing output
    is replaced only with --overwrite, an input file never. Exit status 0 when every row
    was mapped, 1 when some were rejected or unresolved (or a file error), 2 on a usage
    error.
    """
    _check_usage(output, out_dir, split_by, skip_existing, overwrite, engine, scheduler)
    driver = _driver_for(ctx, output, driver)
    _check_inputs(events, engine)
    check_distinct({"-o": output, "--report": report_path})
    check_outputs([report_path], events, overwrite)
    check_outputs([output], events, overwrite or skip_existing)
    from geomap.export import export_events
    from geomap.extract.dispatch import dispatch_inputs  # a .txt dispatch: draft it beside OUT

    kwargs: dict[str, Any] = dict(
        output=output, out_dir=out_dir, fmt=driver.lower(), split_by=split_by,
        overwrite=overwrite, skip_existing=skip_existing, engine=engine, scheduler=scheduler,
        uncertainty=uncertainty, precision=decimals, bbox=bbox, report_path=report_path,
        geocode=not no_geocode, provenance=provenance,
    )
    with stdin_events(events) as (paths, copy):
        paths, drafted = dispatch_inputs(paths, output, out_dir)
        click.echo("".join(f"geomap export: {note}\n" for note in drafted), err=True, nl=False)
        summary = export_events(list(paths), **kwargs)
        relabel_report(summary.report, copy)
    if summary.report is not None:
        summary.report.echo_to(sys.stderr)
    click.echo(f"geomap export: {summary.format()}", err=True)
    ctx.exit(summary.exit_code)
