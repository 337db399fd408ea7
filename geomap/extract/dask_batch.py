"""``geomap extract --engine dask``: articles extracted on a dask cluster, in batches.

How a run goes (:func:`extract_on_dask`): the article paths (local files, or fsspec URLs the
workers can open) are cut into batches, about four per worker and at most
:data:`BATCH_ARTICLES` articles each; one task per batch reads its articles on a worker,
extracts their places and writes the mentions as one JSON Lines part,
``part-00000.jsonl`` ..., in ``out_dir`` (the objects ``geomap extract --format jsonl`` prints
for many files: one per mention, with ``"file"``). An article that cannot be read or
extracted is named in the result, never dropped: ``articles == done + len(failures)``.
The workers need the articles (a shared file system or URLs) and the output folder.
dask is imported only when a run starts.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["ENGINES", "BATCH_ARTICLES", "ExtractRun", "article_batches", "extract_batch",
           "extract_on_dask"]

#: The engines ``geomap extract`` runs on.
ENGINES: tuple[str, ...] = ("local", "dask")
#: Most articles per task.
BATCH_ARTICLES = 50


@dataclass
class ExtractRun:
    """What a run did: ``articles`` in = ``done`` + ``len(failures)``; each failure is one
    line naming its article; ``parts`` the files written; ``mentions`` the objects in them."""

    articles: int = 0
    done: int = 0
    mentions: int = 0
    failures: list[str] = field(default_factory=list)
    parts: list[Path] = field(default_factory=list)

    def format(self) -> str:
        """``"1,000 articles: 998 done, 2 failed; 27,658 mentions in 20 parts"``."""
        return (f"{self.articles:,} articles: {self.done:,} done, {len(self.failures):,} "
                f"failed; {self.mentions:,} mentions in {len(self.parts):,} parts")


def article_batches(paths: list[Any], workers: int) -> list[list[Any]]:
    """``paths`` cut in order into about four batches per worker, at most
    :data:`BATCH_ARTICLES` articles each."""
    size = max(1, min(BATCH_ARTICLES, math.ceil(len(paths) / max(4 * workers, 1))))
    return [paths[i:i + size] for i in range(0, len(paths), size)]


def _where(path: str) -> str:
    """Where a worker opens ``path``: a local path made absolute on the client (a worker's
    working folder may be another), a URL as it is."""
    return path if "://" in path else os.path.abspath(path)


def extract_batch(paths: list[str], target: str, date: dt.date | None,
                  overwrite: bool) -> tuple[int, list[str], int]:
    """On a worker: extract every article of ``paths`` (pairs of the name the user gave and
    where to open it) and write their mentions to ``target`` (JSON Lines, atomically).
    Returns ``(done, failures, mentions)``."""
    from geomap.atomic import atomic_write
    from geomap.errors import GeomapError, GeomapFileError
    from geomap.extract import extract_places
    from geomap.extract.articles import mention_lines, read_article

    texts: list[str] = []
    failures: list[str] = []
    mentions = 0
    for path, where in paths:
        try:
            try:
                text = read_article(where)
            except GeomapFileError as err:  # named as the user named it
                raise GeomapFileError(err.reason, path=path) from None
            extraction = extract_places(text, date=date)
        except GeomapError as err:
            failures.append(str(err))
            continue
        except Exception as err:  # noqa: BLE001 - named, never a lost article
            failures.append(f"{path}: cannot extract: {type(err).__name__}: {err}")
            continue
        texts.append(mention_lines(extraction, path))
        mentions += len(extraction)
    with atomic_write(target, overwrite=overwrite) as stream:
        stream.write("".join(texts))
    return len(paths) - len(failures), failures, mentions


def extract_on_dask(paths: list[str], out_dir: str | os.PathLike[str], *,
                    date: dt.date | None = None, scheduler: Any = None,
                    overwrite: bool = False, progress: bool | None = None) -> ExtractRun:
    """Extract ``paths`` on a dask cluster, one task per batch, into JSON Lines parts.

    Parameters
    ----------
    paths : list of str
        Article files (local paths the workers see, or fsspec URLs), in order.
    out_dir : path-like
        Folder of the parts (``part-00000.jsonl`` ...; created when missing).
    date : datetime.date, optional
        The articles' date, as ``geomap extract --date``.
    scheduler : None, str or distributed.Client
        As :func:`geomap.export.export_events` with ``engine="dask"``: None starts a
        LocalCluster, an address connects to a scheduler.
    overwrite : bool, default False
        Replace parts that exist (else the run refuses before any work); parts of an earlier,
        longer run beyond this run's last are then removed.
    progress : bool or None
        A progress bar on stderr (None: on a terminal only).

    Returns
    -------
    ExtractRun
    """
    from geomap.atomic import refuse_existing
    from geomap.export.dask import DaskRunner
    from geomap.export.part_results import part_name, remove_stale_parts

    folder = Path(out_dir)
    run = ExtractRun(articles=len(paths))
    with DaskRunner(scheduler) as runner:
        client = runner.client
        workers = len(client.scheduler_info().get("workers", {})) if client else 1
        batches = article_batches([(p, _where(p)) for p in paths], workers or 1)
        targets = [folder / part_name(k, ".jsonl") for k in range(len(batches))]
        for target in targets:
            refuse_existing(target, overwrite)
        folder.mkdir(parents=True, exist_ok=True)
        futures = [runner.submit(extract_batch, batch, os.path.abspath(target), date, overwrite)
                   for batch, target in zip(batches, targets, strict=True)]
        results = _collect(futures, client, progress)
    for target, (done, failures, mentions) in zip(targets, results, strict=True):
        run.done += done
        run.failures += failures
        run.mentions += mentions
        run.parts.append(target)
    if overwrite:  # an earlier, longer run's parts would read as this run's
        remove_stale_parts(folder, ".jsonl", len(targets))
    return run


def _collect(futures: list[Any], client: Any, progress: bool | None) -> list[Any]:
    """Every task's result, in order; a progress bar (tasks done) on a terminal."""
    from tqdm import tqdm

    show = sys.stderr.isatty() if progress is None else bool(progress)
    with tqdm(total=len(futures), unit="batch", disable=not show, file=sys.stderr,
              leave=False) as bar:
        if client is None:
            results = []
            for future in futures:
                results.append(future.result())
                bar.update(1)
            return results
        from distributed import as_completed

        for _ in as_completed(futures):
            bar.update(1)
        return [future.result() for future in futures]
