"""What validation found: :class:`Problem` (one finding) and :class:`ValidationReport`.

A problem names file, row (as a spreadsheet shows it: the header is row 1; for JSON the
1-based record number), field, value and reason, and has a severity:

* ``error`` -- the row is rejected;
* ``warning`` -- the row is kept;
* ``unresolved`` -- a place name did not resolve; the row is kept only if its target still has
  coordinates, otherwise it is listed as unresolved and not mapped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from geomap.atomic import write_bytes_atomically
from geomap.csv_writer import csv_text
from geomap.errors import GeomapFileError, GeomapInputError, format_location

__all__ = ["Problem", "ValidationReport", "SEVERITIES", "REPORT_FORMATS"]

SEVERITIES: tuple[str, ...] = ("error", "unresolved", "warning")
REPORT_FORMATS: tuple[str, ...] = ("table", "jsonl", "csv")
_FIELDS = ("path", "row", "field", "value", "severity", "reason")


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about one cell (or one file, when ``row`` is None).

    Parameters
    ----------
    path : str or None
        The file as the user named it (``None`` for a DataFrame).
    row : int or None
        Spreadsheet row (header = 1) or 1-based JSON record number.
    field : str or None
        Column name.
    value : str or None
        The value as written.
    reason : str
        What is wrong, quoting the value: ``123.4 is outside [-90, 90]``.
    severity : str
        ``error``, ``warning`` or ``unresolved``.
    """

    path: str | None
    row: int | None
    field: str | None
    value: str | None
    reason: str
    severity: str = "error"

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise GeomapInputError(
                f"severity must be one of {', '.join(SEVERITIES)}, not {self.severity!r}"
            )

    @property
    def message(self) -> str:
        """``events.csv, row 12, field 'target_lat': 123.4 is outside [-90, 90]``."""
        where = format_location(self.path, self.row, self.field)
        return f"{where}: {self.reason}" if where else self.reason

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every field plus ``message``."""
        return {**asdict(self), "message": self.message}


@dataclass
class ValidationReport:
    """Every problem found while reading events, and the row counts.

    ``rejected_rows`` and ``unresolved_rows`` are sets of ``(path, row)``. Invariant:
    ``rows_in == rows_mapped + len(rejected_rows | unresolved_rows)``.
    """

    problems: list[Problem] = field(default_factory=list)
    rows_in: int = 0
    rows_mapped: int = 0
    rejected_rows: set[tuple[str | None, int]] = field(default_factory=set)
    unresolved_rows: set[tuple[str | None, int]] = field(default_factory=set)

    # -- accumulation -------------------------------------------------------------------
    def add(self, problem: Problem) -> None:
        """Record a problem (its row joins ``rejected_rows`` when it is an error)."""
        self.problems.append(problem)
        if problem.severity == "error" and problem.row is not None:
            self.rejected_rows.add((problem.path, problem.row))

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record several problems."""
        for problem in problems:
            self.add(problem)

    def merge(self, other: ValidationReport) -> None:
        """Add another report's problems and counts to this one."""
        self.problems.extend(other.problems)
        self.rows_in += other.rows_in
        self.rows_mapped += other.rows_mapped
        self.rejected_rows |= other.rejected_rows
        self.unresolved_rows |= other.unresolved_rows

    # -- verdict ------------------------------------------------------------------------
    @property
    def errors(self) -> list[Problem]:
        """Problems that rejected a row (or a whole file)."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems that left the row mapped."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def unresolved(self) -> list[Problem]:
        """Place names that did not resolve."""
        return [p for p in self.problems if p.severity == "unresolved"]

    @property
    def ok(self) -> bool:
        """True when no row was rejected and no place name was left unresolved."""
        return not any(p.severity in ("error", "unresolved") for p in self.problems)

    @property
    def exit_code(self) -> int:
        """0 when :attr:`ok`, else 1 (the CLI contract)."""
        return 0 if self.ok else 1

    def summary(self) -> str:
        """One line: ``12 rows: 9 mapped, 2 rejected, 1 unresolved``.

        Problems that did not stop a row from being mapped follow in parentheses:
        ``(3 warnings, 1 place name unresolved)``.
        """
        rejected = len(self.rejected_rows)
        unresolved = len(self.unresolved_rows - self.rejected_rows)
        noun = "row" if self.rows_in == 1 else "rows"
        line = f"{self.rows_in} {noun}: {self.rows_mapped} mapped, {rejected} rejected, "
        line += f"{unresolved} unresolved"
        extra = []
        if n := len(self.warnings):
            extra.append(f"{n} warning{'s' if n != 1 else ''}")
        unmapped = self.rejected_rows | self.unresolved_rows
        names = [p for p in self.unresolved if (p.path, p.row) not in unmapped]
        if n := len(names):
            extra.append(f"{n} place name{'s' if n != 1 else ''} unresolved in mapped rows")
        file_errors = [p for p in self.errors if p.row is None]
        if n := len(file_errors):
            extra.append(f"{n} file error{'s' if n != 1 else ''}")
        return f"{line} ({', '.join(extra)})" if extra else line

    # -- output -------------------------------------------------------------------------
    def to_frame(self) -> Any:
        """The problems as a pandas DataFrame (columns path, row, field, value, severity,
        reason, message), in the order they were found."""
        import pandas as pd

        rows = [p.to_dict() for p in self.problems]
        frame = pd.DataFrame(rows, columns=[*_FIELDS, "message"], dtype=object)
        frame["row"] = frame["row"].astype("Int64")
        return frame

    def format(self, fmt: str = "table") -> str:
        """The problems as text: ``table`` (for people, with the summary line), ``jsonl``
        (one JSON object per problem) or ``csv`` (header + one line per problem)."""
        if fmt == "table":
            return _format_table(self.problems) + self.summary() + "\n"
        if fmt == "jsonl":
            lines = (json.dumps(p.to_dict(), ensure_ascii=False) for p in self.problems)
            return "".join(line + "\n" for line in lines)
        if fmt == "csv":
            return _format_csv(self.problems)
        raise GeomapInputError(f"format must be one of {', '.join(REPORT_FORMATS)}, not {fmt!r}")

    def __str__(self) -> str:
        return self.format("table")

    def echo_to(self, stream: TextIO, fmt: str = "table") -> None:
        """Write :meth:`format` to an open text stream (e.g. ``sys.stderr``)."""
        stream.write(self.format(fmt))
        stream.flush()

    def write(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write the report to ``path``: ``.csv`` -> csv, ``.jsonl``/``.json`` -> jsonl,
        anything else -> the table. The file is written atomically.

        Parameters
        ----------
        path : path-like
            The report file.
        overwrite : bool, default False
            Replace an existing file (otherwise it is refused: nothing is overwritten
            unless asked).

        Raises
        ------
        ExportError
            ``path`` exists and ``overwrite`` is False.
        GeomapFileError
            When the file cannot be written.
        """
        target = Path(path)
        suffix = target.suffix.lower()
        fmt = "csv" if suffix == ".csv" else "jsonl" if suffix in (".jsonl", ".json") else "table"
        try:
            write_bytes_atomically(target, self.format(fmt).encode("utf-8"),
                                   overwrite=overwrite)
        except GeomapFileError as err:
            raise GeomapFileError(f"cannot write the report: {err.reason}", path=path) from err
        return target


def _cell(text: Any, width: int) -> str:
    """One table cell: control characters escaped, cut to ``width``."""
    shown = "" if text is None else str(text)
    shown = shown.encode("unicode_escape").decode("ascii") if not shown.isprintable() else shown
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def _format_table(problems: list[Problem]) -> str:
    if not problems:
        return ""
    head = ("severity", "file", "row", "field", "problem")
    rows = [
        (p.severity, _cell(p.path or "-", 400), "" if p.row is None else str(p.row),
         _cell(p.field or "-", 20), _cell(p.reason, 200))
        for p in problems
    ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    lines = []
    for r in [head, *rows]:
        cells = [r[0].ljust(widths[0]), r[1].ljust(widths[1]), r[2].rjust(widths[2]),
                 r[3].ljust(widths[3]), r[4]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _format_csv(problems: list[Problem]) -> str:
    columns = (*_FIELDS, "message")
    return csv_text(columns, ([p.to_dict()[k] for k in columns] for p in problems))
