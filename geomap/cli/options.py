"""Shared options for geomap commands, so a flag means the same thing everywhere.

* ``format_opt(*choices)`` -- ``--format``: how a listing (report, answers, mentions) is
  printed (``table``, ``jsonl``, ``csv``). A file format is ``--driver`` (``geomap export``).
* ``country_opt`` -- ``--country CC``: an ISO 3166-1 alpha-2 hint, validated.
* ``output_opt`` -- ``-o/--output PATH``.
* ``report_opt`` -- ``--report FILE``: also write the validation report there.
* ``overwrite_opt`` -- ``--overwrite``: replace output files that exist (never an input).
* ``no_geocode_opt`` -- ``--no-geocode``: do not look place names up.
* ``provenance_opt`` -- ``--provenance``: published outputs name the input file (base name
  only; by default they name no file).
* ``engine_opt(engines, help)`` / ``scheduler_opt`` -- ``--engine local|dask`` and
  ``--scheduler ADDRESS`` (a dask scheduler; default a local cluster);
  ``check_scheduler(engine, scheduler)`` refuses ``--scheduler`` without ``--engine dask``.
* ``events_arg`` -- one or more events files (``-`` for stdin where supported). A file that
  does not exist is a usage error (2); one that cannot be read (a folder, no permission) is
  one line and exit 1, from the library.
* ``hidden_alias(old, new)`` -- an old spelling kept, hidden, after a rename.
* ``check_outputs(outputs, inputs, overwrite)`` -- refuse, before any work, an output that
  exists (without ``--overwrite``) or that is an input file (always);
  ``check_distinct(outputs)`` -- two options naming one output file (a usage error).
* ``stdin_events(events)`` -- ``-`` among the events: standard input saved to a temporary
  file the readers can sniff, named ``<stdin>`` in every message and report
  (``relabel_report``); ``-`` given twice is a usage error.

Errors from the library (:class:`~geomap.errors.GeomapError`) need no wrapper here: the
``geomap`` group turns them into one line and exit 1.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import click
from click.core import ParameterSource

__all__ = [
    "format_opt",
    "country_opt",
    "output_opt",
    "report_opt",
    "overwrite_opt",
    "no_geocode_opt",
    "provenance_opt",
    "events_arg",
    "engine_opt",
    "scheduler_opt",
    "check_scheduler",
    "hidden_alias",
    "check_outputs",
    "check_distinct",
    "validate_country",
    "STDIN_LABEL",
    "stdin_events",
    "relabel_report",
]

#: How standard input is named in messages and reports.
STDIN_LABEL = "<stdin>"

T = TypeVar("T")

_CC = re.compile(r"^[A-Za-z]{2}$")


def validate_country(ctx: click.Context | None, param: click.Parameter | None, value: Any) -> Any:
    """Click callback: accept ISO 3166-1 alpha-2 codes, upper-cased; comma lists allowed."""
    if value is None:
        return None
    codes = [c.strip() for c in str(value).split(",") if c.strip()]
    bad = [c for c in codes if not _CC.match(c)]
    if bad or not codes:
        raise click.BadParameter(
            f"{value!r} is not an ISO 3166-1 alpha-2 code (two letters, e.g. IQ, SY, YE)"
        )
    upper = [c.upper() for c in codes]
    return upper[0] if len(upper) == 1 else upper


def format_opt(*choices: str, default: str | None = None) -> Callable[[T], T]:
    """``--format`` with the given choices: how the listing on stdout is printed."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default or choices[0],
        show_default=True,
        help="How the listing on stdout is printed.",
    )


def hidden_alias(old: str, new: str, **option: Any) -> Callable[[T], T]:
    """Keep the spelling ``old`` (``--precision``), hidden from ``--help``, for the option
    whose parameter is now ``new`` (``decimals``); giving both is a usage error.

    Put it under the renamed option; ``option`` holds the click settings (``type`` ...).
    """
    dest = f"alias_of_{new}"

    def decorate(function: T) -> T:
        @functools.wraps(function)  # type: ignore[arg-type]
        def command(*args: Any, **kwargs: Any) -> Any:
            value = kwargs.pop(dest)
            if value is not None:
                ctx = click.get_current_context()
                if ctx.get_parameter_source(new) is ParameterSource.COMMANDLINE:
                    raise click.UsageError(f"{old} is the old name of --{new.replace('_', '-')}: "
                                           "give one of them")
                kwargs[new] = value
            return function(*args, **kwargs)  # type: ignore[operator]

        return click.option(old, dest, hidden=True, default=None, **option)(command)

    return decorate


def engine_opt(engines: tuple[str, ...], help: str) -> Callable[[T], T]:
    """``--engine``: one of ``engines`` (the command's own tuple), default ``local``."""
    return click.option("--engine", type=click.Choice(engines), default="local",
                        show_default=True, help=help)


def check_scheduler(engine: str, scheduler: str | None) -> None:
    """``--scheduler`` is the dask engine's: a usage error with another engine."""
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")


def check_outputs(outputs: Iterable[Any], inputs: Iterable[Any], overwrite: bool) -> None:
    """Refuse, before any work, an output file that exists (unless ``overwrite``), that is
    one of the inputs (even with ``overwrite``) or whose folder does not exist: one line,
    exit 1."""
    from geomap.atomic import refuse_existing, refuse_inputs, refuse_missing_folder

    listed = list(inputs)
    for output in outputs:
        if output is not None:
            refuse_inputs(output, listed)
            refuse_existing(output, overwrite)
            refuse_missing_folder(output)


@contextlib.contextmanager
def stdin_events(events: Iterable[str]) -> Iterator[tuple[list[str], str | None]]:
    """The events paths with ``-`` replaced by a temporary copy of standard input.

    Yields ``(paths, copy)`` (``copy`` is None without ``-``). A geomap error naming the
    copy leaves the block naming :data:`STDIN_LABEL` instead (one line, exit 1); the copy is
    removed at the end. ``-`` given twice is a usage error (the second would read nothing).
    """
    from geomap.errors import GeomapError

    listed = list(events)
    if "-" not in listed:
        yield listed, None
        return
    if listed.count("-") > 1:
        raise click.UsageError("- (standard input) can be given only once")
    with tempfile.TemporaryDirectory(prefix="geomap-") as folder:
        copy = os.path.join(folder, "stdin")
        with open(copy, "wb") as handle:
            shutil.copyfileobj(sys.stdin.buffer, handle)
        try:
            yield [copy if item == "-" else item for item in listed], copy
        except GeomapError as err:
            raise click.ClickException(str(err).replace(copy, STDIN_LABEL)) from err


def relabel_report(report: Any, copy: str | None) -> None:
    """Name standard input :data:`STDIN_LABEL` in ``report`` instead of its copy."""
    if copy is None or report is None:
        return
    report.problems = [dataclasses.replace(p, path=STDIN_LABEL) if p.path == copy else p
                       for p in report.problems]
    for rows in (report.rejected_rows, report.unresolved_rows):
        moved = {(STDIN_LABEL, r) for path, r in rows if path == copy}
        rows -= {(copy, r) for _, r in moved}
        rows |= moved


def check_distinct(outputs: dict[str, Any]) -> None:
    """Refuse two options naming one output file (``-o x.geojson --report x.geojson``): the
    second written would replace the first, even with ``--overwrite``. A usage error (2)."""
    from geomap.atomic import same_file

    named = [(option, path) for option, path in outputs.items() if path is not None]
    for k, (option, path) in enumerate(named):
        for earlier, other in named[:k]:
            if same_file(path, other):
                raise click.UsageError(f"{earlier} and {option} name the same file ({path}): "
                                       "one would replace the other; give two names")


country_opt = click.option(
    "--country",
    callback=validate_country,
    metavar="CC",
    help="ISO 3166-1 alpha-2 country hint (e.g. IQ); a comma list is allowed.",
)
output_opt = click.option(
    "-o", "--output", "output", type=click.Path(dir_okay=False), help="Output file."
)
report_opt = click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    help="Also write the validation report to FILE (.csv, .jsonl or text).",
)
overwrite_opt = click.option(
    "--overwrite", is_flag=True,
    help="Replace output files that exist (an input file is never replaced).",
)
no_geocode_opt = click.option(
    "--no-geocode", is_flag=True,
    help="Do not look place names up: only rows with coordinates are placed.",
)
provenance_opt = click.option(
    "--provenance", is_flag=True,
    help="Name the input file (base name only) in each feature's source_file; "
         "by default no file name is published.",
)
scheduler_opt = click.option(
    "--scheduler", metavar="ADDRESS",
    help="dask scheduler address (default: a local cluster).",
)
events_arg = click.argument(
    "events", nargs=-1, required=True,
    type=click.Path(exists=True, allow_dash=True, readable=False),
)
