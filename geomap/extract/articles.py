"""Articles for ``geomap extract``: their text read as UTF-8, and their mentions as JSON Lines.

One owner for what the local command (:mod:`geomap.cli.extract`) and the dask engine
(:mod:`geomap.extract.dask_batch`) both do with an article file:

* :func:`read_article` -- a local path or any fsspec URL (``s3://``, ``https://`` ...) read as
  UTF-8 text (a byte-order mark dropped); a file that cannot be read or is not UTF-8 is one
  :class:`~geomap.errors.GeomapFileError` naming it;
* :func:`url_articles` -- the articles an fsspec URL names (a file, a glob, a folder's
  ``*.txt``);
* :func:`mention_lines` -- an extraction as JSON Lines, one object per mention, with the
  article's ``file`` when given.
"""

from __future__ import annotations

import json
from typing import Any

from geomap.errors import GeomapFileError

__all__ = ["ARTICLE_PATTERN", "read_article", "decode_article", "url_articles",
           "mention_lines"]

#: What a folder given to ``geomap extract`` contributes: its articles.
ARTICLE_PATTERN = "*.txt"


def read_article(path: str) -> str:
    """The text of the article at ``path`` (a local path or an fsspec URL).

    Parameters
    ----------
    path : str
        The file; a value with ``://`` is opened with fsspec.

    Returns
    -------
    str
        The text, decoded as UTF-8 (``utf-8-sig``: a byte-order mark is dropped).

    Raises
    ------
    GeomapFileError
        ``"<path>: cannot read the file: <why>"`` or ``"<path>: not UTF-8 text (byte N); ..."``.
    """
    try:
        if "://" in path:
            import fsspec

            with fsspec.open(path, "rb") as handle:
                data = handle.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as err:
        raise GeomapFileError(f"cannot read the file: {err.strerror or err}", path=path) \
            from None
    return decode_article(data, path)


def decode_article(data: bytes, name: str) -> str:
    """``data`` (the bytes of article ``name``) as UTF-8 text, a byte-order mark dropped;
    else :class:`~geomap.errors.GeomapFileError` ``"<name>: not UTF-8 text (byte N); ..."``."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise GeomapFileError(
            f"not UTF-8 text (byte {err.start}); save it as UTF-8 and try again", path=name
        ) from None


def url_articles(url: str) -> list[str]:
    """The articles an fsspec URL names, as URLs: the files a glob matches (sorted), a
    folder's :data:`ARTICLE_PATTERN` files (sorted), or the URL itself.

    Raises
    ------
    GeomapFileError
        Nothing to read there (no match, an empty folder) or the store cannot be listed.
    """
    import glob

    import fsspec

    try:
        fs, _, paths = fsspec.core.get_fs_token_paths(url)
        if not glob.has_magic(url):
            if len(paths) == 1 and fs.isfile(paths[0]):
                return [url]  # as the user spelled it
            if len(paths) == 1 and fs.isdir(paths[0]):
                paths = fs.glob(paths[0].rstrip("/") + "/" + ARTICLE_PATTERN)
        paths = sorted(p for p in paths if fs.isfile(p))
    except (OSError, ValueError) as err:
        raise GeomapFileError(f"cannot list the articles: {err}", path=url) from None
    if not paths:
        raise GeomapFileError("no article to read", path=url)
    return [fs.unstrip_protocol(p) for p in paths]


def mention_lines(extraction: Any, file: str | None = None) -> str:
    """One JSON object per mention of ``extraction``, one per line (``ensure_ascii`` off);
    each object starts with ``"file": file`` when ``file`` is given."""
    head = {} if file is None else {"file": file}
    return "".join(json.dumps({**head, **m.to_dict()}, ensure_ascii=False) + "\n"
                   for m in extraction)
