"""Shared options for geomap commands, so a flag means the same thing everywhere.

* ``format_opt(*choices)`` -- ``--format`` for output (``table`` on a terminal by default).
* ``country_opt`` -- ``--country CC``: an ISO 3166-1 alpha-2 hint, validated.
* ``output_opt`` -- ``-o/--output PATH``.
* ``report_opt`` -- ``--report FILE``: also write the validation report there.
* ``events_arg`` -- one or more events files (``-`` for stdin where supported).
* ``run_library`` -- call the library and turn a :class:`GeomapError` into a one-line
  ``click.ClickException`` (exit 1), never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import click

from geomap.errors import GeomapError

__all__ = [
    "format_opt",
    "country_opt",
    "output_opt",
    "report_opt",
    "events_arg",
    "run_library",
    "validate_country",
]

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
    """``--format`` with the given choices."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default or choices[0],
        show_default=True,
        help="Output format.",
    )


country_opt = click.option(
    "--country",
    callback=validate_country,
    metavar="CC",
    help="ISO 3166-1 alpha-2 country hint (e.g. IQ); a comma list is allowed.",
)
output_opt = click.option(
    "-o", "--output", "output", type=click.Path(dir_okay=False, writable=True), help="Output file."
)
report_opt = click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Also write the validation report to FILE (.csv, .jsonl or text).",
)
events_arg = click.argument(
    "events", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, allow_dash=True)
)


def run_library(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call ``func``; a :class:`GeomapError` becomes a one-line ``ClickException`` (exit 1)."""
    try:
        return func(*args, **kwargs)
    except GeomapError as err:
        raise click.ClickException(str(err)) from err
