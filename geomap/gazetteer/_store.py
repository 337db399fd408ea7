"""A small, pickle-free container for the shipped index: typed arrays and string lists.

Layout: ``MAGIC``, a 4-byte little-endian header length, a JSON header, then the sections.
Each section is zlib-compressed (or stored as it is, codec ``raw``) and is one of

* ``array``   -- a :mod:`array` of one typecode, little-endian;
* ``strings`` -- UTF-8 strings joined by ``"\\n"`` (strings never contain a newline);
* ``bytes``   -- raw bytes (e.g. concatenated WKB, with an offsets array beside it).

Sections are decompressed on first access, so a command that needs only a few pays only for
those. Nothing here can execute code while loading.
"""

from __future__ import annotations

import json
import mmap
import os
import struct
import sys
import zlib
from array import array
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from geomap.atomic import atomic_path
from geomap.errors import GazetteerError

__all__ = ["MAGIC", "write_store", "Store"]

MAGIC = b"GEOMAPIDX1\n"
_LITTLE = sys.byteorder == "little"


def _encode(value: Any) -> tuple[str, str | None, bytes]:
    if isinstance(value, array):
        arr = value
        if not _LITTLE:
            arr = array(arr.typecode, arr)
            arr.byteswap()
        return "array", value.typecode, arr.tobytes()
    if isinstance(value, bytes | bytearray):
        return "bytes", None, bytes(value)
    strings = list(value)
    for s in strings:
        if "\n" in s:
            raise ValueError(f"string section item contains a newline: {s!r}")
    return "strings", None, "\n".join(strings).encode("utf-8")


def write_store(
    path: Path | str,
    sections: Mapping[str, array | bytes | Iterable[str]],
    meta: Mapping[str, Any],
    *,
    level: int = 6,
    stored: Iterable[str] = (),
) -> None:
    """Write ``sections`` and ``meta`` to ``path`` (deterministic bytes for equal input).

    The sections named in ``stored`` are written uncompressed: the ones a cold lookup reads
    whole, so a one-name command does not spend its time in zlib."""
    stored = frozenset(stored)
    header: dict[str, Any] = {"meta": dict(meta), "sections": {}}
    blobs: list[bytes] = []
    offset = 0
    for name in sorted(sections):
        kind, typecode, raw = _encode(sections[name])
        codec = "raw" if name in stored else "zlib"
        packed = raw if codec == "raw" else zlib.compress(raw, level)
        header["sections"][name] = [kind, typecode, offset, len(packed), len(raw), codec]
        blobs.append(packed)
        offset += len(packed)
    head = json.dumps(header, sort_keys=True, ensure_ascii=False).encode("utf-8")
    # a new file moved into place: a process that has the old one mapped keeps reading it
    # (writing it in place would truncate pages another reader maps)
    with atomic_path(path, overwrite=True) as temp, open(temp, "wb") as f:
        f.write(MAGIC)
        f.write(struct.pack("<I", len(head)))
        f.write(head)
        for blob in blobs:
            f.write(blob)


def _map(path: Path) -> Any:
    """The file's bytes, memory-mapped read-only: only the sections a process reads become
    resident (reading the 52 MB index whole cost every process 55 MB before its first
    lookup); an empty file is read as bytes (it cannot be mapped)."""
    with open(path, "rb") as f:
        if os.fstat(f.fileno()).st_size == 0:
            return b""
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


class Store:
    """Read a container written by :func:`write_store`; sections decode lazily.

    Raises
    ------
    GazetteerError
        When the file is missing, truncated or not a geomap index.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            data = _map(self.path)
        except (OSError, ValueError) as err:
            raise GazetteerError(f"{self.path}: cannot read the gazetteer index ({err})") from err
        if data[: len(MAGIC)] != MAGIC or len(data) < len(MAGIC) + 4:
            raise GazetteerError(f"{self.path}: not a geomap index file")
        start = len(MAGIC) + 4
        (hlen,) = struct.unpack("<I", data[len(MAGIC) : start])
        try:
            header = json.loads(data[start : start + hlen].decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise GazetteerError(f"{self.path}: corrupt index header") from err
        self.meta: dict[str, Any] = header["meta"]
        self._sections: dict[str, list[Any]] = header["sections"]
        self._data = memoryview(data)[start + hlen :]
        self._cache: dict[str, Any] = {}

    def __contains__(self, name: str) -> bool:
        return name in self._sections

    def names(self) -> list[str]:
        """Section names, sorted."""
        return sorted(self._sections)

    def raw(self, name: str) -> bytes | memoryview:
        """The uncompressed bytes of section ``name`` (a string section's UTF-8 text): a
        read-only view of the mapped file for a section stored uncompressed (no copy)."""
        key = "raw:" + name
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._decompress(name)[1]
        return cached

    def _decompress(self, name: str) -> tuple[list[Any], bytes | memoryview]:
        try:
            kind, typecode, offset, size, rawsize, *codec = self._sections[name]
        except KeyError:
            raise GazetteerError(f"{self.path}: no section {name!r}; rebuild the index") from None
        try:
            chunk = self._data[offset : offset + size]
            raw = chunk if codec == ["raw"] else zlib.decompress(chunk)
        except zlib.error as err:
            raise GazetteerError(f"{self.path}: section {name!r} is corrupt") from err
        if len(raw) != rawsize:
            raise GazetteerError(f"{self.path}: section {name!r} has the wrong size")
        return [kind, typecode], raw

    def get(self, name: str) -> Any:
        """Return section ``name``: an ``array`` (a read-only typed view of the mapped file when
        stored uncompressed: indexing, slicing and ``len`` as an array), a ``list[str]`` or
        ``bytes``."""
        try:
            return self._cache[name]
        except KeyError:
            pass
        (kind, typecode), raw = self._decompress(name)
        try:
            value = _decode(kind, typecode, raw)
        except (ValueError, TypeError) as err:  # a header that does not fit its bytes
            raise GazetteerError(f"{self.path}: section {name!r} is corrupt ({err})") from err
        self._cache[name] = value
        return value


def _decode(kind: str, typecode: str | None, raw: bytes | memoryview) -> Any:
    """A section's value from its uncompressed bytes (see :meth:`Store.get`)."""
    if kind == "array" and _LITTLE and isinstance(raw, memoryview):
        return raw.cast("B").cast(typecode or "B")  # pages are read as they are touched
    if kind == "array":
        value = array(typecode or "B")
        value.frombytes(raw)
        if not _LITTLE:
            value.byteswap()
        return value
    if kind == "strings":
        text = str(raw, "utf-8")
        return text.split("\n") if text else []
    return bytes(raw)
