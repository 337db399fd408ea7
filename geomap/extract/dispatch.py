"""A dispatch (``.txt``) as input to ``geomap map`` / ``geomap export``: extract, draft, write.

:func:`dispatch_inputs` replaces every ``.txt`` among the inputs of a command by the draft
events CSV drafted from it (:func:`~geomap.extract.draft.draft_text`), written beside the
output as ``<dispatch stem>.draft.csv``; the command then validates and maps that CSV like any
events file. The reporter corrects the draft and maps it again (``geomap map
article.draft.csv``). An existing draft is never overwritten: it may hold their corrections.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from geomap.errors import GeomapFileError

__all__ = ["is_dispatch", "read_dispatch", "draft_dispatch", "dispatch_inputs"]

DRAFT_SUFFIX = ".draft.csv"


def is_dispatch(path: str | Path) -> bool:
    """True for a plain-text dispatch (``.txt``), the input ``geomap extract`` reads."""
    return str(path).lower().endswith(".txt")


def read_dispatch(path: str | Path) -> str:
    """The text of a dispatch (UTF-8, a byte-order mark dropped); GeomapFileError if unreadable."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise GeomapFileError(f"cannot read the dispatch: {err.strerror}", path=path) from err
    from geomap.extract.articles import decode_article  # one owner of the UTF-8 rule

    return decode_article(data, str(path))


def draft_dispatch(path: str | Path, folder: str | Path, *,
                   date: dt.date | str | None = None) -> tuple[Path, int]:
    """Draft the events of the dispatch at ``path`` into ``folder/<stem>.draft.csv``.

    Parameters
    ----------
    path : str or Path
        The dispatch (UTF-8 text).
    folder : str or Path
        Where the draft goes (the output's folder).
    date : date or str, optional
        The article date (default: the header line or the dateline).

    Returns
    -------
    (Path, int)
        The draft CSV and its number of events.

    Raises
    ------
    GeomapFileError
        When the dispatch cannot be read, or the draft exists already or cannot be written.
    """
    from geomap.extract.draft import draft_text, write_draft

    rows = draft_text(read_dispatch(path), date=date)
    out = Path(folder) / (Path(path).name[: -len(".txt")] + DRAFT_SUFFIX)
    write_draft(rows, out, overwrite=False)
    return out, len(rows)


def dispatch_inputs(inputs: Iterable[str], output: str | Path | None,
                    out_dir: str | Path | None = None) -> tuple[list[str], list[str]]:
    """Replace each dispatch among ``inputs`` by its draft, written beside the output.

    Returns
    -------
    (list of str, list of str)
        The inputs to read (drafts in place of the dispatches) and one message per draft
        ("drafted 5 events from a.txt -> a.draft.csv: check them and map the draft again").
    """
    folder = Path(out_dir) if out_dir is not None else Path(output or ".").parent
    paths, notes = [], []
    for item in inputs:
        if not is_dispatch(item):
            paths.append(item)
            continue
        draft, n = draft_dispatch(item, folder)
        paths.append(str(draft))
        notes.append(f"drafted {n} event{'s' if n != 1 else ''} from {Path(item).name} -> "
                     f"{draft}: check them, correct the draft and map it again")
    return paths, notes
