"""The planned outputs of an export, checked before any work: one that exists stops the run
unless asked (``overwrite``) or kept (``skip_existing``); one that is an input never passes."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geomap.atomic import refuse_inputs
from geomap.errors import ExportError

__all__ = ["check_existing"]


def _file_key(path: Any, folders: dict[str, str]) -> Any:
    """What makes two names one file, as :func:`geomap.atomic.refuse_inputs` decides it: the
    device and inode of a file that exists; the real path of one that does not (an existing
    file and a missing one are never the same). The real path of a missing name is its
    folder's, resolved once per folder, and the name: a name that does not exist is no link."""
    try:
        info = os.stat(path)
    except OSError:
        text = os.fspath(path)
        folder, name = os.path.split(text)
        if name in ("", ".", "..") or os.path.lexists(text):  # a dangling link, or odd
            return os.path.realpath(text)
        if folder not in folders:
            folders[folder] = os.path.realpath(folder or os.curdir)
        return os.path.join(folders[folder], name)
    return info.st_dev, info.st_ino


def _maybe_inputs(paths: Sequence[Path], inputs: list[Any]) -> list[Path]:
    """The planned paths that may be one of the inputs (a set lookup each), for
    :func:`refuse_inputs` to decide and word."""
    folders: dict[str, str] = {}
    known = {_file_key(source, folders) for source in inputs
             if isinstance(source, str | os.PathLike) and os.fspath(source) != "-"}
    if not known:
        return []
    return [path for path in paths if _file_key(path, folders) in known]


def check_existing(paths: Sequence[Path], *, overwrite: bool, skip_existing: bool,
                   inputs: Any = ()) -> set[Path]:
    """Return the planned paths that exist (to skip); raise when that is not allowed, and
    always for a path that is one of the ``inputs`` (an input is never an output)."""
    listed = list(inputs) if isinstance(inputs, list | tuple) else [inputs]
    for path in _maybe_inputs(paths, listed):  # refuse_inputs on each pair: n^2 lookups
        refuse_inputs(path, listed)
    existing = {p for p in paths if os.path.lexists(p)}
    if existing and not (overwrite or skip_existing):
        first = sorted(existing)[0]
        more = f" and {len(existing) - 1} more" if len(existing) > 1 else ""
        raise ExportError(f"{first}{more}: already exist(s); use --overwrite to replace or "
                          "--skip-existing to keep them")
    return existing if skip_existing and not overwrite else set()
