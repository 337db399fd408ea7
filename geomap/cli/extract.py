"""``geomap extract``: find and geocode the places an article names.

::

    geomap extract [--format table|jsonl] [--date YYYY-MM-DD] [--events DRAFT.csv] FILE|-
    geomap extract [--format table|jsonl] FILE... | DIR | 'GLOB'    (many articles, one process)
    geomap extract --engine dask [--scheduler ADDR] DIR|'GLOB'|URL... --out-dir D
                                        (one task per batch of articles, JSON Lines parts)

``jsonl`` (a stable machine interface): one JSON object per place *mention*, in text order,
with ``text, start, end`` (character offsets into the file's text), ``role`` (``dateline`` or
``mention``), ``flags`` (``demonym``, ``organisation``, ``abbreviation``), ``place_id`` (the
same for every mention of one place: group on it) and the geocode fields of ``geomap
geocode`` (``query, name, lat, lon, precision, kind, country_code, admin1, radius_km,
confidence, source, source_id, match, ambiguous``). ``table``: one line per place, listing
all its mentions. Exit status: 0; 1 when the file cannot be read or the draft not written;
2 for a usage error.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click
from click.core import ParameterSource

from geomap.cli.options import (
    check_outputs,
    check_scheduler,
    engine_opt,
    format_opt,
    overwrite_opt,
    scheduler_opt,
)
from geomap.errors import GeomapFileError
from geomap.extract.articles import ARTICLE_PATTERN, decode_article, mention_lines, read_article
from geomap.extract.dask_batch import ENGINES

__all__ = ["command", "format_table", "format_jsonl", "expand_inputs"]


def expand_inputs(items: tuple[str, ...] | list[str]) -> list[str]:
    """Files to read, in order: a folder gives its ``*.txt`` files (sorted), a pattern with
    ``*``, ``?`` or ``[`` the files it matches (sorted), anything else itself (``-`` is
    stdin). A missing file is a usage error (exit 2); a folder or pattern with nothing to
    read, an error (exit 1)."""
    import glob
    import os

    paths: list[str] = []
    for item in items:
        if item == "-" or os.path.isfile(item):
            paths.append(item)
        elif os.path.isdir(item):
            found = sorted(glob.glob(os.path.join(glob.escape(item), ARTICLE_PATTERN)))
            if not found:
                raise click.ClickException(f"{item}: a folder with no {ARTICLE_PATTERN} "
                                           "article to read")
            paths += found
        elif glob.has_magic(item):
            found = sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p))
            if not found:
                raise click.ClickException(f"{item}: no file matches")
            paths += found
        else:
            raise click.UsageError(f"{item}: no such file")
    if paths.count("-") and len(paths) > 1:
        raise click.UsageError("- (stdin) cannot be read together with files")
    return paths


def _extract_many(paths: list[str], fmt: str, date: dt.date | None) -> int:
    """Every article in one process; an unreadable one is named on stderr (exit 1) and the
    others still done. Each jsonl object says its ``file``; a table is headed by it."""
    from geomap.extract import extract_places

    status = 0
    for path in paths:
        try:
            extraction = extract_places(_read(path), date=date)
        except click.ClickException as err:
            click.echo(f"Error: {err.format_message()}", err=True)
            status = 1
            continue
        if fmt == "jsonl":
            out = mention_lines(extraction, path)
        else:
            out = f"== {path}\n" + format_table(extraction)
        click.echo(out, nl=False)
    sys.stdout.flush()
    return status


def _check_date(ctx: click.Context, param: click.Parameter, value: Any) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date as YYYY-MM-DD") from None


def _read(path: str) -> str:
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", None)
            data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
            return decode_article(data, "<stdin>")
        return read_article(path)
    except GeomapFileError as err:
        raise click.ClickException(str(err)) from None


def format_jsonl(extraction: Any) -> str:
    """One JSON object per mention, one per line."""
    return mention_lines(extraction)


def _dask_inputs(files: tuple[str, ...]) -> list[str]:
    """The articles for the dask engine: a URL (``s3://...``, ``https://...``) is listed with
    fsspec (a glob, a folder's articles, or itself); anything else as :func:`expand_inputs`."""
    from geomap.extract.articles import url_articles

    paths: list[str] = []
    for item in files:
        if item == "-":
            raise click.UsageError("--engine dask reads files, not - (stdin)")
        if "://" in item:
            try:
                paths += url_articles(item)
            except GeomapFileError as err:
                raise click.ClickException(str(err)) from None
        else:
            paths += expand_inputs([item])
    return paths


def _extract_dask(files: tuple[str, ...], date: dt.date | None, out_dir: str,
                  scheduler: str | None, overwrite: bool) -> int:
    """The articles on a dask cluster: JSON Lines parts in ``out_dir``; every failure named
    on stderr, then one line: articles in = done + failed. Exit 1 when one failed."""
    from geomap.extract.dask_batch import extract_on_dask

    paths = _dask_inputs(files)
    run = extract_on_dask(paths, out_dir, date=date, scheduler=scheduler, overwrite=overwrite)
    for failure in run.failures:
        click.echo(f"Error: {failure}", err=True)
    click.echo(f"geomap extract: {run.format()} ({out_dir})", err=True)
    return 1 if run.failures else 0


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.split())  # user text is data: no newlines or tabs in a table cell


def format_table(extraction: Any) -> str:
    """One line per place: its geocode and every mention (``text@start``)."""
    header = ("place", "kind", "cc", "lat", "lon", "precision", "roles", "flags", "mentions")
    rows = [header]
    for group in extraction.places:
        p = group.place
        mentions = ", ".join(f"{_cell(m.text)}@{m.start}" for m in group.mentions)
        rows.append((
            _cell(p.name or p.query), _cell(p.kind), _cell(p.country_code),
            "" if p.lat is None else f"{p.lat:.4f}", "" if p.lon is None else f"{p.lon:.4f}",
            p.precision, ",".join(group.roles), ",".join(group.flags), mentions,
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1]
             for r in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


@click.command(name="extract")
@format_opt("table", "jsonl")
@click.option("--date", "date", callback=_check_date, metavar="YYYY-MM-DD",
              help="Article date (default: a ' date YYYY-MM-DD' header line, or the dateline).")
@click.option("--events", "events_path", type=click.Path(dir_okay=False),
              metavar="DRAFT.csv",
              help="Also write a draft events file (events schema + draft_fields).")
@overwrite_opt
@engine_opt(ENGINES, "dask: one task per batch of articles on a dask cluster (needs --out-dir).")
@scheduler_opt
@click.option("--out-dir", type=click.Path(file_okay=False),
              help="--engine dask: write JSON Lines parts (part-00000.jsonl ...) into DIR.")
@click.argument("files", metavar="FILE...|DIR|GLOB|-", nargs=-1, required=True)
@click.pass_context
def command(ctx: click.Context, fmt: str, date: dt.date | None, events_path: str | None,
            overwrite: bool, engine: str, scheduler: str | None, out_dir: str | None,
            files: tuple[str, ...]) -> None:
    """Find and geocode every place an article names (FILE, or - for stdin).

    \b
    Many articles in one run: several FILEs, a folder (its *.txt files) or a
    quoted glob ('articles/*.txt'); each output line then also has "file".

    \b
    jsonl: one object per mention with text, start, end, role, flags,
    place_id (group on it: one place, all its mentions) and the geocode
    fields (query, name, lat, lon, precision, kind, country_code, radius_km,
    confidence, source, source_id ...). table: one line per place.
    The dateline ("ERBIL, Iraq —") has role "dateline": where the reporter was.
    --engine dask [--scheduler ADDR] --out-dir D: the workers read the
    articles (a folder, a glob or a URL such as 's3://bucket/news/*.txt')
    and write the jsonl objects (with "file") as parts in D; a report ends
    the run (articles = done + failed, each failure named).
    Demonyms ("Iraqi") and names inside organisations ("Islamic Resistance
    in Iraq") are flagged, never strike sites. --events writes a draft
    events CSV whose draft_fields column lists every drafted value.
    An existing DRAFT.csv is replaced only with --overwrite.
    Exit status: 0; 1 file unreadable or draft unwritable; 2 usage error
    (a FILE that does not exist included).
    """
    from geomap.extract import extract_places

    check_scheduler(engine, scheduler)
    if engine == "dask":
        if out_dir is None:
            raise click.UsageError("--engine dask writes JSON Lines parts: give --out-dir DIR")
        table = ctx.get_parameter_source("fmt") is ParameterSource.COMMANDLINE and fmt != "jsonl"
        if events_path or table:
            raise click.UsageError("--engine dask writes jsonl parts only (no --events, "
                                   "no --format table)")
        ctx.exit(_extract_dask(files, date, out_dir, scheduler, overwrite))
    if out_dir is not None:
        raise click.UsageError("--out-dir is for --engine dask; locally, output goes to stdout")
    paths = expand_inputs(files)
    if len(paths) > 1:
        if events_path:
            raise click.UsageError("--events drafts the events of one article: give one FILE")
        ctx.exit(_extract_many(paths, fmt, date))
    file = paths[0]
    check_outputs([events_path], [file], overwrite)
    text = _read(file)
    extraction = extract_places(text, date=date)
    out = format_jsonl(extraction) if fmt == "jsonl" else format_table(extraction)
    click.echo(out, nl=False)
    if events_path:
        from geomap.extract.draft import draft_events, write_draft

        rows = draft_events(extraction, text)
        write_draft(rows, events_path, overwrite=overwrite)
        click.echo(f"wrote {len(rows)} draft events to {events_path}", err=True)
    sys.stdout.flush()
