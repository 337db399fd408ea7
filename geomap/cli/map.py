"""``geomap map``: events files to one self-contained, offline HTML map (or a PNG/SVG/PDF print).

Exit status: 0 every row mapped; 1 some rows rejected or unresolved (the valid rows are still
drawn and the others listed on stderr) or a file could not be read or written; 2 usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from geomap.cli.options import (
    check_distinct,
    check_outputs,
    events_arg,
    no_geocode_opt,
    output_opt,
    overwrite_opt,
    provenance_opt,
    relabel_report,
    report_opt,
    stdin_events,
)

__all__ = ["command"]

_SUFFIXES = (".html", ".htm", ".png", ".svg", ".pdf")


def _check_output(output: str | None) -> Path:
    if not output:
        raise click.UsageError("missing -o/--output OUT.html (or .png, .svg, .pdf)")
    path = Path(output)
    if path.suffix.lower() not in _SUFFIXES:
        raise click.BadParameter(
            f"{output!r}: the suffix must be one of {', '.join(_SUFFIXES)}",
            param_hint="'-o' / '--output'",
        )
    return path


def _check_tiles(tiles: str | None) -> None:
    from geomap.errors import GeomapInputError
    from geomap.render.tiles import resolve_tiles

    try:
        resolve_tiles(tiles)
    except GeomapInputError as err:
        raise click.BadParameter(str(err), param_hint="'--tiles'") from err


def _check_lang(lang: str | None) -> None:
    from geomap.errors import GeomapInputError
    from geomap.render.basemap import name_language

    try:
        name_language(lang)
    except GeomapInputError as err:
        raise click.BadParameter(str(err), param_hint="'--lang'") from err


@click.command(name="map")
@events_arg
@output_opt
@click.option("--title", metavar="TEXT", help="Title above the map (plain text).")
@click.option("--tiles", metavar="NAME",
              help="Online tiles by xyzservices name (e.g. OpenStreetMap.Mapnik); "
                   "without it the map is fully offline.")
@click.option("--inset/--no-inset", default=None,
              help="An inset locator map in the corner (default: for a small area on a wide "
                   "enough map).")
@click.option("--lang", metavar="TAG",
              help="Language of the country names (e.g. ar, fr; default: the reader's "
                   "browser language when the map has it, else English).")
@click.option("--embed", is_flag=True,
              help="Also print a responsive <iframe> snippet for OUT on stdout.")
@no_geocode_opt
@provenance_opt
@report_opt
@overwrite_opt
@click.pass_context
def command(ctx: click.Context, events: tuple[str, ...], output: str | None,
            title: str | None, tiles: str | None, inset: bool | None, lang: str | None,
            embed: bool,
            no_geocode: bool, provenance: bool, report_path: str | None, overwrite: bool) -> None:
    """Draw EVENTS files as one self-contained HTML map that works offline.

    \b
    geomap map events.csv -o map.html --title "Strikes, 5 February 2024"
    geomap map events.csv -o map.html --embed     # also prints an <iframe> snippet
    geomap map events.csv -o map.png              # print (also .svg, .pdf)

    EVENTS may be `-` (standard input). Every valid row is drawn; the validation report
    goes to stderr. An existing OUT is
    replaced only with --overwrite, an input file never. Exit status 0 when every row was
    mapped, 1 when some were rejected or unresolved (or a file error), 2 on a usage error.
    """
    path = _check_output(output)
    _check_tiles(tiles)
    _check_lang(lang)
    if embed and path.suffix.lower() not in (".html", ".htm"):
        raise click.UsageError("--embed needs an HTML output (-o OUT.html)")
    check_distinct({"-o": path, "--report": report_path})
    check_outputs([path, report_path], events, overwrite)
    from geomap.events import read_events
    from geomap.extract.dispatch import dispatch_inputs  # a .txt dispatch: draft it beside OUT
    from geomap.render import make_map

    with stdin_events(events) as (paths, copy):
        paths, drafted = dispatch_inputs(paths, path)
        click.echo("".join(f"geomap map: {note}\n" for note in drafted), err=True, nl=False)
        result = read_events(list(paths), geocode=not no_geocode, provenance=provenance)
        relabel_report(result.report, copy)
    result.report.echo_to(sys.stderr)
    if report_path:
        result.report.write(report_path, overwrite=overwrite)
    event_map = make_map(result, title=title, tiles=tiles,
                         inset="auto" if inset is None else inset, lang=lang)
    check_outputs([path], [*events, *paths], overwrite)  # the map is saved atomically next
    event_map.save(path, overwrite=overwrite)
    size = path.stat().st_size / 1e6
    click.echo(f"geomap map: {event_map.n_events} events at {event_map.n_places} places "
               f"-> {path} ({size:.2f} MB)", err=True)
    if embed:
        click.echo(event_map.embed_snippet(src=path.name))
    undrawn = len(result.frame) - event_map.n_events
    if undrawn > 0:  # accepted rows without a position (e.g. --no-geocode and no coordinates)
        click.echo(f"geomap map: {undrawn} accepted row{'s' if undrawn != 1 else ''} "
                   "had no position and could not be drawn", err=True)
        ctx.exit(1)
    ctx.exit(result.report.exit_code)
