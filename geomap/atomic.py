"""Atomic file writes: a temporary file in the same folder, then ``os.replace``.

A reader (or a run killed with SIGKILL) sees either the old file, or no file, or the complete
new file, never a partial one. Temporary files are named ``.<name>.geomap-<pid>-<random>.tmp``
and hidden; :func:`remove_stale_temporaries` deletes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from geomap.errors import ExportError, GeomapFileError

__all__ = [
    "atomic_write",
    "atomic_path",
    "write_bytes_atomically",
    "remove_stale_temporaries",
    "TEMP_PATTERN",
]

#: Matches the temporary files :func:`atomic_write` creates; group 1 is the writer's pid.
TEMP_PATTERN = re.compile(r"^\..+\.geomap-(\d+)-[0-9a-f]{8}\.tmp(\.[A-Za-z0-9]{1,8})?$")


def _temporary(path: Path, keep_suffix: bool = False) -> Path:
    tail = path.suffix if keep_suffix else ""
    return path.with_name(f".{path.name}.geomap-{os.getpid()}-{secrets.token_hex(4)}.tmp{tail}")


def _refuse_existing(path: Path, overwrite: bool) -> None:
    if not overwrite and os.path.lexists(path):
        raise ExportError(f"{path}: already exists (use --overwrite / overwrite=True to replace)")


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], *, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary path (same folder, same extension) for a writer that opens files
    itself (GDAL, pyarrow); on success move it onto ``path`` atomically, else delete it."""
    path = Path(path)
    _refuse_existing(path, overwrite)
    temp = _temporary(path, keep_suffix=True)
    try:
        yield temp
        if not temp.exists():
            raise ExportError(f"{path}: the writer produced no file")
        _refuse_existing(path, overwrite)
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
    _refuse_existing(path, overwrite)
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
        _refuse_existing(path, overwrite)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Replace ``path`` with ``data`` atomically (an existing file is overwritten).

    Raises
    ------
    GeomapFileError
        The folder does not exist or cannot be written.
    """
    target = Path(path)
    with atomic_write(target, overwrite=True, binary=True) as handle:
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
