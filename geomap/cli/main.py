"""The ``geomap`` command group.

Exit status, for every command (a stable contract outside tools rely on):

* 0 -- every row or name was mapped;
* 1 -- some rows were rejected or some names unresolved (valid rows are still written and the
  others listed), or a file could not be read or written;
* 2 -- a usage error (unknown option, missing argument, bad option value, an input file that
  does not exist).

To add a command: write ``geomap/cli/<name>.py`` defining a click command called ``command``
and add ``"<name>": "geomap.cli.<name>"`` to ``COMMANDS`` below. Commands are imported only
when invoked, so ``geomap geocode`` never pays for folium or geopandas.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Any

import click

from geomap import __version__
from geomap.errors import GeomapError

__all__ = ["cli", "main", "COMMANDS"]

COMMANDS: dict[str, str] = {
    "geocode": "geomap.cli.geocode",
    "extract": "geomap.cli.extract",
    "validate": "geomap.cli.validate",
    "export": "geomap.cli.export",
    "map": "geomap.cli.map",
}

_SUMMARIES: dict[str, str] = {
    "geocode": "Geocode place names offline from the embedded gazetteer.",
    "extract": "Find and geocode the places an article names.",
    "validate": "Validate events files and report every problem.",
    "export": "Export events as RFC 7946 GeoJSON (one file or a batch).",
    "map": "Render events as a self-contained, offline HTML map.",
}


class _LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as err:
            if err.name != module_name:
                raise
            return _not_built(cmd_name)
        return module.command

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; no traceback reaches a user unless they asked with ``-v``."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except GeomapError as err:
            raise click.ClickException(str(err)) from err
        except Exception as err:
            if (ctx.obj or {}).get("verbosity", 0) > 0:
                raise
            raise click.ClickException(
                f"unexpected {type(err).__name__}: {err} (run with -v for the details)"
            ) from err

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, _SUMMARIES.get(name, "")) for name in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _not_built(name: str) -> click.Command:
    @click.command(name=name, context_settings={"ignore_unknown_options": True})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def placeholder(args: tuple[str, ...]) -> None:
        click.echo(f"geomap {name}: this command is not built yet.", err=True)
        sys.exit(2)

    return placeholder


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geomap")
@click.option("-v", "--verbose", count=True, help="More log output (repeat for more).")
@click.option("-q", "--quiet", count=True, help="Less log output.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: int) -> None:
    """geomap: maps and RFC 7946 GeoJSON of strikes and attacks, offline.

    \b
    Commands and their stable machine interface:
      geomap geocode [--country CC] [--format table|jsonl|csv] NAME...
      geomap geocode --input FILE --column COL [--format jsonl]
      geomap extract [--format table|jsonl] [--date YYYY-MM-DD]
                     [--events DRAFT.csv] FILE|-
      geomap validate EVENTS... [--format table|jsonl|csv]
      geomap export EVENTS... (-o OUT | --out-dir DIR)
      geomap map EVENTS... -o OUT.html

    \b
    Exit status: 0 every row/name mapped; 1 some rows rejected or unresolved
    (valid rows still written, the others listed) or a file error; 2 usage error
    (including an input file that does not exist).
    Use `--` to end options, so names starting with '-' work.
    """
    level = logging.WARNING - 10 * (verbose - quiet)
    logging.basicConfig(
        level=max(logging.DEBUG, min(level, logging.CRITICAL)), format="%(message)s"
    )
    ctx.ensure_object(dict)
    ctx.obj["verbosity"] = verbose - quiet


def main(argv: list[str] | None = None) -> Any:
    """Run the CLI; a :class:`GeomapError` becomes one line on stderr, never a traceback."""
    try:
        return cli.main(args=argv, prog_name="geomap", standalone_mode=True)
    except GeomapError as err:  # raised outside click's own handling
        click.echo(f"geomap: error: {err}", err=True)
        sys.exit(1)
