"""Byte for byte: the export of a file that takes every path of placing and encoding is the
one the code of commit 41fc976 wrote (before the cheap exact check and the faster encoder),
and its report names the same problems. The expected files are in ``tests/export/data``.

The known names of the input (Aden, Erbil, Mosul ...) are answered by the shipped gazetteer:
if a rebuild changes one of their answers, write the expected files again with the code of
the commit before the change under test (``export_events`` of ``write_golden_input`` with
the options below, gzipped; the report with the folder written ``DIR``)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from geomap.export import export_events
from tests.export.golden_input import write_golden_input

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("quotes", [True, False], ids=["pandas-reader", "arrow-reader"])
@pytest.mark.parametrize(("fmt", "options"), [("geojson", {}), ("geojsonseq", {"bbox": True})])
@pytest.mark.parametrize("chunk", [None, 37])
def test_export_is_byte_identical_to_the_reference(tmp_path, monkeypatch, quotes, fmt, options,
                                                    chunk):
    if chunk is not None:  # several chunks: what crosses chunks (ids, context) is kept
        monkeypatch.setattr("geomap.export.api.STREAM_CHUNK_ROWS", chunk)
    source = write_golden_input(tmp_path / f"golden_input_{int(quotes)}.csv", quotes)
    target = tmp_path / f"out.{fmt}"
    summary = export_events(str(source), output=str(target), fmt=fmt, progress=False,
                            **options)
    expected = gzip.decompress((DATA / f"golden_{int(quotes)}.{fmt}.gz").read_bytes())
    assert target.read_bytes() == expected
    problems = "\n".join(map(str, summary.report.problems)).replace(str(tmp_path), "DIR")
    assert problems == (DATA / f"golden_{int(quotes)}.report.txt").read_text(encoding="utf-8")
    assert summary.rows_in == summary.rows_mapped + summary.rows_rejected \
        + summary.rows_unresolved


def test_names_told_unknown_give_the_bytes_of_the_full_exact_lookup(tmp_path, monkeypatch):
    """The same check on today's gazetteer, whatever it holds: every name through the full
    exact lookup (nothing told unknown) writes the same bytes."""
    import numpy as np

    import geomap.events.resolve as resolve

    source = write_golden_input(tmp_path / "golden_input_1.csv", True)
    export_events(str(source), output=str(tmp_path / "fast.geojson"), progress=False)
    told: list[int] = []
    real = resolve.unknown_names

    def nothing_unknown(names):
        told.append(int(real(names).sum()))
        return np.zeros(len(names), dtype=bool)

    monkeypatch.setattr(resolve, "unknown_names", nothing_unknown)
    export_events(str(source), output=str(tmp_path / "full.geojson"), progress=False)
    assert sum(told) > 20  # the shortcut had names to skip
    assert (tmp_path / "fast.geojson").read_bytes() == (tmp_path / "full.geojson").read_bytes()
