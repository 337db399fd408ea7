"""Binary search in a sorted string section of the gazetteer index, without a Python str per
item (the key tables of :class:`geomap.gazetteer.index.Gazetteer`)."""

from __future__ import annotations

from typing import Any

__all__ = ["SortedStrings"]


class SortedStrings:
    """Binary search in a sorted string section without making a Python str per item.

    ``blob`` may be a view of the mapped index file: only the pages a search touches are read.

    ``offsets[i]`` is the byte offset of item ``i`` in the section's UTF-8 text (items are
    separated by one newline); UTF-8 byte order is code-point order, the order of ``sorted``.
    """

    def __init__(self, blob: bytes | memoryview, offsets: Any) -> None:
        self._blob = blob
        self._off = offsets
        self._n = len(offsets) - 1
        self._list: list[str] | None = None
        self._pos: dict[str, int] | None = None

    def use_list(self, items: list[str]) -> None:
        """Look up in a dict of this decoded list instead (one hash per lookup, for batches)."""
        if self._list is not items:
            self._list = items
            self._pos = {text: i for i, text in enumerate(items)}

    def __len__(self) -> int:
        return self._n

    def find(self, text: str) -> int:
        """Position of ``text``, or -1."""
        if self._pos is not None:
            return self._pos.get(text, -1)
        target = text.encode("utf-8")
        blob, off = self._blob, self._off
        lo, hi = 0, self._n
        while lo < hi:
            mid = (lo + hi) // 2
            if bytes(blob[off[mid] : off[mid + 1] - 1]) < target:
                lo = mid + 1
            else:
                hi = mid
        if lo < self._n and bytes(blob[off[lo] : off[lo + 1] - 1]) == target:
            return lo
        return -1
