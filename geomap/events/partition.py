"""One partition of a larger events file, validated and placed on its own (the dask engine).

A partition is a block of a CSV read elsewhere (``dask.dataframe.read_csv`` with ``dtype=str``
on a worker): its cells as text, and the spreadsheet row of its first record. It is validated
by the same rules as :func:`geomap.events.read_events` (one owner: :mod:`geomap.events.core`),
with one difference: ids are unique within the partition by the registry, and across
partitions only for the ids the caller names in ``seen`` (the first appearance of each id that
repeats in another partition, found by a reduction over every partition's id hashes:
:func:`id_hashes`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd

from geomap.events.core import _process
from geomap.events.readers import _finish
from geomap.events.report import ValidationReport
from geomap.events.validate import ValidationState

__all__ = ["validate_partition", "id_hashes", "is_id_column"]


def is_id_column(name: Any) -> bool:
    """True for the header of the id column, as the validator matches it (case and spaces
    ignored)."""
    return str(name).strip().lower() == "id"


def id_hashes(frame: pd.DataFrame, part: int) -> pd.DataFrame:
    """``h`` (64-bit hash of the stripped id), ``part`` and ``pos`` (position in the
    partition) and ``id`` for every non-empty id of a raw partition (ids matched as the
    validator matches them, header case and spaces ignored; other columns ignored)."""
    column = next((c for c in frame.columns if is_id_column(c)), None)
    if column is None:
        return pd.DataFrame({"h": pd.Series(dtype="uint64"), "part": pd.Series(dtype="int64"),
                             "pos": pd.Series(dtype="int64"), "id": pd.Series(dtype=object)})
    ids = frame[column].fillna("").astype(str).str.strip().reset_index(drop=True)
    keep = np.flatnonzero((ids != "").to_numpy())
    ids = ids.iloc[keep]
    return pd.DataFrame({"h": pd.util.hash_pandas_object(ids, index=False).to_numpy("uint64"),
                         "part": np.full(len(ids), part, dtype="int64"),
                         "pos": keep.astype("int64"),
                         "id": ids.to_numpy(dtype=object)})


def validate_partition(
    frame: pd.DataFrame, first_row: int, path: str | None, *,
    geocode: bool | Callable[..., Any] = True,
    seen: Iterable[tuple[str, str | None, int]] = (),
    provenance: bool = False,
) -> tuple[pd.DataFrame, ValidationReport]:
    """Validate and place the records of one partition.

    Parameters
    ----------
    frame : pandas.DataFrame
        The partition's cells as text (``""`` = missing), header as in the file.
    first_row : int
        Spreadsheet row of the first record (2 for the first partition of a file).
    path : str or None
        The file, for messages.
    geocode : bool or callable
        As :func:`geomap.events.read_events`.
    provenance : bool, default False
        As :func:`geomap.events.read_events`: ``source_file`` names the file (base name).
    seen : iterable of (id, path, row)
        Ids first seen elsewhere (another partition): a record with one of them is rejected
        as a duplicate naming that row.

    Returns
    -------
    (frame, report)
        Contract 2 without the point geometry (as :func:`geomap.events.iter_frames`), and
        the partition's report (``rows_in`` counts every record).
    """
    frame = frame.astype(object).where(frame.notna(), "").reset_index(drop=True)
    rows = np.arange(len(frame), dtype="int64") + int(first_row)
    chunk = _finish(path, frame, rows)
    state = ValidationState(provenance=provenance)
    for ident, where, row in seen:
        state.ids.add(np.array([ident], dtype=object), np.array([row], dtype="int64"), where)
    placed, report = _process(chunk, state, {}, geocode, True, False)
    return placed, report
