"""Safe output file names: every name stays a plain file inside the output folder.

:func:`safe_stem` turns any text (an input file's stem, a ``--split-by`` value such as
``../../etc/passwd`` or ``CON``) into one harmless path component:

* path separators ``/`` and ``\\``, NUL and other control characters, and ``<>:"|?*`` become
  ``_``; Unicode is NFC-normalised and otherwise kept (Arabic names stay Arabic);
* bidi controls (U+202A-202E, U+2066-2069, U+200E/F, U+061C) and other format characters
  (Unicode category Cf: soft hyphen, zero-width space, BOM ...) are removed, so a name shows
  as it is spelled (``\u202eexe.gpj`` cannot display as ``jpg.exe``); the zero-width
  (non-)joiners U+200C/U+200D, part of Persian and Indic spelling, are kept;
* leading dots and spaces and trailing dots and spaces are removed (no ``..``, no hidden file);
* Windows device names (``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM1``-``COM9``, ``LPT1``-``LPT9``,
  also with an extension) get a leading ``_``;
* the result is cut to 120 UTF-8 bytes; an empty result becomes ``unnamed``.

:class:`NameAllocator` then resolves collisions within one run, ignoring case (``Aden`` and
``aden`` would be one file on macOS or Windows): the second gets ``-2``, the third ``-3`` ...
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from geomap.errors import ExportError

__all__ = ["safe_stem", "NameAllocator", "EXTENSIONS", "MAX_STEM_BYTES"]

#: Output extension per format.
EXTENSIONS: dict[str, str] = {
    "geojson": ".geojson",
    "geojsonseq": ".geojsons",
    "gpkg": ".gpkg",
    "fgb": ".fgb",
    "parquet": ".parquet",
}
MAX_STEM_BYTES = 120
_JOINERS = "\u200c\u200d"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\<>:"|?*]')
_DEVICES = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$",
                      re.IGNORECASE)


def safe_stem(value: Any, *, default: str = "unnamed") -> str:
    """Return ``value`` as a safe file stem (no folder, no extension added).

    Examples
    --------
    >>> safe_stem("../../etc/passwd")
    '_.._etc_passwd'
    >>> safe_stem("CON")
    '_CON'
    >>> safe_stem("2024-02-02/2024-02-03")
    '2024-02-02_2024-02-03'
    >>> safe_stem("  ..  ")
    'unnamed'
    """
    text = "" if value is None else unicodedata.normalize("NFC", str(value))
    if not text.isascii():
        text = "".join(c for c in text if unicodedata.category(c) != "Cf" or c in _JOINERS)
    text = _UNSAFE.sub("_", text)
    text = text.strip(" .")
    if _DEVICES.match(text):
        text = "_" + text
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_STEM_BYTES:
        text = encoded[:MAX_STEM_BYTES].decode("utf-8", errors="ignore").rstrip(" .")
    return text or default


class NameAllocator:
    """Hand out unique, safe file paths inside one folder.

    Parameters
    ----------
    folder : path-like
        The output folder (created if missing).
    extension : str
        Extension with its dot, e.g. ``.geojson``.
    """

    def __init__(self, folder: str | os.PathLike[str], extension: str) -> None:
        self.folder = Path(folder)
        self.extension = extension
        self._taken: set[str] = set()

    def allocate(self, value: Any) -> Path:
        """Return a path for ``value`` not handed out before in this run (case-insensitive)."""
        stem = safe_stem(value)
        candidate, n = stem, 1
        while (candidate + self.extension).casefold() in self._taken:
            n += 1
            candidate = f"{stem}-{n}"
        name = candidate + self.extension
        self._taken.add(name.casefold())
        # defence in depth (safe_stem already prevents it): one plain component, no link
        if os.sep in name or (os.altsep and os.altsep in name) or name in (".", ".."):
            raise ExportError(f"{value!r}: would write outside {self.folder}")
        path = self.folder / name
        if path.is_symlink():
            raise ExportError(f"{path}: is a symbolic link; not written through")
        return path
