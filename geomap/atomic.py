"""Atomic file writes: a temporary file in the same folder, then ``os.replace``.

A reader (or a run killed with SIGKILL) sees either the old file, or no file, or the complete
new file, never a partial one. Temporary files are named ``.<name>.geomap-<pid>-<random>.tmp``
(plus the extension for writers that open the file themselves, and SQLite's ``-journal``,
``-wal`` and ``-shm`` side files next to a GeoPackage) and hidden;
:func:`remove_stale_temporaries` deletes those whose process is gone.

The no-overwrite rule lives here too: an existing file is replaced only when asked
(``overwrite=True``), and :func:`refuse_inputs` keeps an input file from ever being an output.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from geomap.errors import ExportError, GeomapFileError, GeomapInputError

__all__ = [
    "atomic_write",
    "atomic_path",
    "write_bytes_atomically",
    "remove_stale_temporaries",
    "refuse_inputs",
    "refuse_existing",
    "refuse_missing_folder",
    "same_file",
    "TEMP_PATTERN",
]

#: Matches the temporary files :func:`atomic_write` creates; group 1 is the writer's pid.
TEMP_PATTERN = re.compile(
    r"^\..+\.geomap-(\d+)-[0-9a-f]{8}\.tmp(\.[A-Za-z0-9]{1,8})?(-journal|-wal|-shm)?$"
)


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when ``a`` and ``b`` name one file, however written (relative, ``..``, a link),
    whether or not it exists yet."""
    return _same_file(Path(a), Path(b))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare where they would be
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_inputs(output: str | os.PathLike[str] | None, inputs: Iterable[Any]) -> None:
    """Refuse an ``output`` that is one of the ``inputs`` (same file, however it is named:
    relative, with ``..``, through a link). ``--overwrite`` does not change this.

    Parameters
    ----------
    output : path-like or None
        The file about to be written (None: nothing to check).
    inputs : iterable
        The sources read; items that are not paths (DataFrames, ``-``) are ignored.

    Raises
    ------
    GeomapInputError
        ``output`` is an input file.
    """
    if output is None:
        return
    target = Path(output)
    for source in inputs:
        if isinstance(source, str | os.PathLike) and os.fspath(source) != "-":
            if _same_file(target, Path(source)):
                raise GeomapInputError(
                    f"{output}: is an input file; geomap never writes over its input "
                    "(choose another output name)")


def _temporary(path: Path, keep_suffix: bool = False) -> Path:
    tail = path.suffix if keep_suffix else ""
    return path.with_name(f".{path.name}.geomap-{os.getpid()}-{secrets.token_hex(4)}.tmp{tail}")


def refuse_missing_folder(path: str | os.PathLike[str]) -> None:
    """Refuse ``path`` when its folder does not exist, before any work is done for it.

    Raises
    ------
    GeomapFileError
        ``"<path>: cannot write here: the folder <folder> does not exist"``.
    """
    folder = Path(path).parent
    if not folder.is_dir():
        why = "does not exist" if not folder.exists() else "is not a folder"
        raise GeomapFileError(f"cannot write here: the folder {folder} {why}", path=path)


def refuse_existing(path: str | os.PathLike[str], overwrite: bool) -> None:
    """Refuse an existing ``path`` unless ``overwrite`` (the no-overwrite rule).

    Raises
    ------
    ExportError
        ``path`` exists (a file, a folder or a link) and ``overwrite`` is False.
    """
    if not overwrite and os.path.lexists(path):
        raise ExportError(f"{path}: already exists (use --overwrite / overwrite=True to replace)")


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], *, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary path (same folder, same extension) for a writer that opens files
    itself (GDAL, pyarrow); on success move it onto ``path`` atomically, else delete it."""
    path = Path(path)
    refuse_existing(path, overwrite)
    temp = _temporary(path, keep_suffix=True)
    try:
        yield temp
        if not temp.exists():
            raise ExportError(f"{path}: the writer produced no file")
        refuse_existing(path, overwrite)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    binary: bool = False,
    fsync: bool = False,
) -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success move it onto ``path`` atomically.

    Parameters
    ----------
    path : path-like
        Final file name. Its folder must exist.
    overwrite : bool, default False
        Replace an existing ``path``; otherwise an existing file raises :class:`ExportError`.
    binary : bool, default False
        Open in binary mode; text mode writes UTF-8 with ``\\n`` line ends.
    fsync : bool, default False
        Flush to disk before the rename (survives a power cut, not only a killed process).

    Raises
    ------
    ExportError
        ``path`` exists and ``overwrite`` is False.
    GeomapFileError
        The folder does not exist or cannot be written.
    """
    path = Path(path)
    refuse_existing(path, overwrite)
    temp = _temporary(path)
    mode = "xb" if binary else "x"
    try:
        handle = open(temp, mode) if binary else open(temp, mode, encoding="utf-8", newline="\n")
    except OSError as err:
        raise GeomapFileError(f"cannot write here: {err.strerror or err}", path=path) from err
    try:
        with handle:
            yield handle
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        refuse_existing(path, overwrite)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes, *,
                           overwrite: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically.

    Parameters
    ----------
    path : path-like
        The file to write.
    data : bytes
        Its whole content.
    overwrite : bool, default True
        Replace an existing file; False refuses it (:class:`ExportError`).

    Raises
    ------
    ExportError
        ``path`` exists and ``overwrite`` is False.
    GeomapFileError
        The folder does not exist or cannot be written.
    """
    target = Path(path)
    with atomic_write(target, overwrite=overwrite, binary=True) as handle:
        handle.write(data)
    return target


def _alive(pid: int) -> bool:
    """True when process ``pid`` runs (a zombie, killed but not yet reaped, is dead)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] not in ("Z", "X")
    except OSError:
        return True


def remove_stale_temporaries(folder: str | os.PathLike[str]) -> int:
    """Delete temporary files left in ``folder`` by killed geomap runs; return how many."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        match = TEMP_PATTERN.match(entry.name)
        if match and not entry.is_symlink() and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
                removed += 1
    return removed
