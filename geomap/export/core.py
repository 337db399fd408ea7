"""Reading events for export, and what an export reports back (:class:`ExportSummary`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from geomap.errors import GeomapInputError

__all__ = ["ExportSummary", "load_events", "source_label", "is_path"]


@dataclass
class ExportSummary:
    """What an export did.

    Attributes
    ----------
    files_written, files_skipped : list of Path
        Output files written, and those left alone by ``skip_existing``.
    features : int
        Features written, over all files.
    report : ValidationReport or None
        The merged validation report (None when the input was an events frame).
    rows_in, rows_mapped, rows_rejected, rows_unresolved : int
        Input rows, and what became of them (properties, from the merged report).
    """

    files_written: list[Path] = field(default_factory=list)
    files_skipped: list[Path] = field(default_factory=list)
    features: int = 0
    report: Any = None
    _unchecked_rows: int = 0  # rows of events frames given as they are (no report)

    @property
    def rows_in(self) -> int:
        """Input rows."""
        return self._unchecked_rows + (int(self.report.rows_in) if self.report else 0)

    @property
    def rows_mapped(self) -> int:
        """Rows that became features."""
        return self._unchecked_rows + (int(self.report.rows_mapped) if self.report else 0)

    @property
    def rows_rejected(self) -> int:
        """Rows rejected by validation."""
        return len(self.report.rejected_rows) if self.report else 0

    @property
    def rows_unresolved(self) -> int:
        """Rows not mapped because a place name did not resolve."""
        if not self.report:
            return 0
        return len(set(self.report.unresolved_rows) - set(self.report.rejected_rows))

    @property
    def ok(self) -> bool:
        """True when every input row was mapped."""
        return self.rows_rejected == 0 and self.rows_unresolved == 0

    @property
    def exit_code(self) -> int:
        """0 when every row was mapped, else 1 (the CLI contract)."""
        return 0 if self.ok else 1

    def add_report(self, report: Any, rows: int | None = None) -> None:
        """Fold one validation report (or, for an events frame, its row count) into the
        merged report (a new one: the caller's report is not changed)."""
        if report is None:
            self._unchecked_rows += rows or 0
            return
        if self.report is None:
            from geomap.events import ValidationReport

            self.report = ValidationReport()
        self.report.merge(report)

    def format(self) -> str:
        """One line for people: files, features, rows."""
        files = len(self.files_written)
        line = f"wrote {files} file{'s' if files != 1 else ''} ({self.features} features)"
        if self.files_skipped:
            line += f", skipped {len(self.files_skipped)} existing"
        line += (f"; {self.rows_in} rows: {self.rows_mapped} mapped, {self.rows_rejected} "
                 f"rejected, {self.rows_unresolved} unresolved")
        return line

    def __str__(self) -> str:
        return self.format()


def is_path(source: Any) -> bool:
    """True for a file name (``str`` or path-like)."""
    return isinstance(source, str | os.PathLike)


def source_label(source: Any) -> str:
    """A short name for a source, for messages and output file stems."""
    if is_path(source):
        return Path(source).stem
    return "events"


def load_events(
    source: Any, *, geocode: bool = True, provenance: bool = False
) -> tuple[pd.DataFrame, Any]:
    """Return ``(events frame, validation report or None)`` for one source or a list.

    Accepts file names and raw DataFrames (read through :func:`geomap.read_events`), an
    ``Events`` object, or an events GeoDataFrame (contract 2) used as it is. ``geocode``
    and ``provenance`` are passed to :func:`geomap.read_events`.
    """
    import geopandas as gpd

    if hasattr(source, "frame") and hasattr(source, "report"):
        return source.frame, source.report
    if isinstance(source, gpd.GeoDataFrame):
        return source, None
    if isinstance(source, list | tuple) and source and all(
        isinstance(s, gpd.GeoDataFrame) or hasattr(s, "frame") for s in source
    ):
        loaded = [load_events(s, geocode=geocode, provenance=provenance) for s in source]
        frame = pd.concat([f for f, _ in loaded], ignore_index=True)
        reports = [r for _, r in loaded if r is not None]
        report = None
        if reports:  # a fresh report: the callers' Events keep theirs unchanged
            from geomap.events import ValidationReport

            report = ValidationReport()
            for part in reports:
                report.merge(part)
        return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326"), report
    if not (is_path(source) or isinstance(source, pd.DataFrame | list | tuple)):
        raise GeomapInputError(
            f"events must be file names, an Events object or a GeoDataFrame, "
            f"not {type(source).__name__}"
        )
    from geomap.events import read_events

    events = read_events(list(source) if isinstance(source, tuple) else source, geocode=geocode,
                         provenance=provenance)
    return events.frame, events.report
