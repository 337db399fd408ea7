"""GeoPackage, FlatGeobuf and GeoParquet are written chunk by chunk (memory bounded by the
chunk), and read back as the in-memory writer writes them."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
import pytest

import geomap
import geomap.export.api as export_api
import geomap.export.tables as tables
from geomap.export import export_events
from geomap.export.formats import write_features
from geomap.export.stream import LocalRunner
from geomap.geometry import event_features


def _source(path, n=7, extra=""):
    lines = [f"id,date,target,target_lat,target_lon,origin,origin_lat,origin_lon,killed,"
             f"sources{',' + extra if extra else ''}"]
    for i in range(n):
        origin = f"O{i},{15 + i / 9:.4f},{44 + i / 5:.4f}" if i % 2 else ",,"
        lines.append(f"e{i},2024-02-0{1 + i % 9},T{i},{10 + i / 7:.5f},{40 + i / 3:.5f},"
                     f"{origin},{i % 3},https://example.org/{i}{',x' + str(i) if extra else ''}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _read(path, fmt):
    frame = gpd.read_parquet(path) if fmt == "parquet" else gpd.read_file(path)
    return frame.reset_index(drop=True)


def _plain(frame):
    """Attributes as objects, every missing value None (dtypes may differ)."""
    table = pd.DataFrame(frame.drop(columns="geometry")).astype(object)
    return table.where(table.notna(), None)


def _count_calls(monkeypatch, fmt):
    calls = []
    if fmt == "parquet":
        original = pq.ParquetWriter.write_table

        def counted(self, table, *args, **kwargs):
            calls.append(table.num_rows)
            return original(self, table, *args, **kwargs)

        monkeypatch.setattr(pq.ParquetWriter, "write_table", counted)
    else:
        original = pyogrio.write_arrow

        def counted(stream, *args, **kwargs):  # one call; the chunks come as a stream
            batches = []
            for batch in stream:
                calls.append(batch.num_rows)
                batches.append(batch)
            return original(pa.RecordBatchReader.from_batches(stream.schema, batches),
                            *args, **kwargs)

        monkeypatch.setattr(pyogrio, "write_arrow", counted)
    return calls


@pytest.mark.parametrize("fmt", ["gpkg", "fgb", "parquet"])
def test_table_formats_are_written_once_per_chunk(tmp_path, monkeypatch, fmt):
    source = _source(tmp_path / "events.csv")
    monkeypatch.setattr(export_api, "STREAM_CHUNK_ROWS", 3)  # 7 rows: chunks of 3, 3, 1
    calls = _count_calls(monkeypatch, fmt)
    summary = export_events(source, output=tmp_path / f"out.{fmt}", fmt=fmt, geocode=False)
    assert len(calls) == 3 and summary.features == sum(calls) == 13
    streamed = _read(tmp_path / f"out.{fmt}", fmt)
    monkeypatch.undo()
    events = geomap.read_events(source, geocode=False).frame
    write_features(event_features(events), tmp_path / f"whole.{fmt}", fmt)
    whole = _read(tmp_path / f"whole.{fmt}", fmt)
    assert list(streamed.columns) == list(whole.columns)
    # an empty column is text when streamed, where the whole writer may call it null
    pd.testing.assert_frame_equal(_plain(streamed), _plain(whole), check_dtype=False)
    assert streamed.geometry.geom_equals(whole.geometry).all()
    assert streamed.crs.to_epsg() == 4326
    if fmt == "parquet":  # the geo metadata covers every chunk, not the first
        geo = json.loads(pq.read_metadata(tmp_path / f"out.{fmt}").metadata[b"geo"])
        column = geo["columns"]["geometry"]
        assert column["geometry_types"] == ["LineString", "Point"]
        assert column["bbox"] == pytest.approx(list(whole.total_bounds))


@pytest.mark.parametrize("fmt", ["gpkg", "parquet"])
def test_a_chunk_with_other_columns_makes_the_export_write_whole(tmp_path, monkeypatch, fmt):
    source = _source(tmp_path / "events.csv")
    monkeypatch.setattr(export_api, "STREAM_CHUNK_ROWS", 3)
    monkeypatch.setattr(LocalRunner, "__init__", _no_pool)
    original, seen = tables.table_chunk, []

    def drifting(frame, keys, options):  # the second chunk brings a column the first lacks
        seen.append(len(frame))
        chunk = original(frame, keys, options)
        if len(seen) == 2:
            chunk = chunk.append_column("late", pa.array(["x"] * chunk.num_rows))
        return chunk

    monkeypatch.setattr(tables, "table_chunk", drifting)
    summary = export_events(source, output=tmp_path / f"out.{fmt}", fmt=fmt, geocode=False)
    assert len(seen) >= 2
    frame = _read(tmp_path / f"out.{fmt}", fmt)
    assert summary.rows_in == 7 and summary.rows_mapped == 7 and len(frame) == 13
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _no_pool(self, workers=None):
    self.workers, self.window, self._pool = 0, 2, None


@pytest.mark.parametrize("fmt", ["gpkg", "fgb", "parquet"])
def test_no_row_mapped_still_gives_an_empty_readable_file(tmp_path, fmt):
    source = tmp_path / "bad.csv"
    source.write_text("id,date,target,target_lat,target_lon\ne1,2024-02-30,X,1,2\n",
                      encoding="utf-8")
    summary = export_events(source, output=tmp_path / f"out.{fmt}", fmt=fmt, geocode=False)
    assert summary.exit_code == 1 and summary.features == 0
    assert len(_read(tmp_path / f"out.{fmt}", fmt)) == 0
