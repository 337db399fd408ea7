"""Tests for geomap.export.api: export_events end to end (reading through read_events)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import geomap
from geomap.errors import ExportError, GeomapInputError
from geomap.export import export_events
from tests.export.helpers import check_geojson, make_events

DATA = Path(__file__).resolve().parents[1] / "data"
EVENTS = DATA / "export_events.csv"


def test_valid_rows_are_written_and_the_others_reported(tmp_path):
    out = tmp_path / "out.geojson"
    summary = export_events(EVENTS, output=out, geocode=False, report_path=tmp_path / "r.csv")
    assert summary.files_written == [out] and summary.exit_code == 1
    assert (summary.rows_in, summary.rows_mapped, summary.rows_rejected) == (6, 5, 1)
    document = check_geojson(out)
    assert summary.features == len(document["features"]) == 10
    assert {f["properties"]["event_id"] for f in document["features"]} == {
        "e1", "e2", "e3", "e4", "e5"}
    assert "'2024-13-45'" in (tmp_path / "r.csv").read_text()


def test_round_trip_through_read_events(tmp_path):
    out = tmp_path / "out.geojson"
    export_events(EVENTS, output=out, geocode=False)
    again = geomap.read_events(out, geocode=False)
    original = geomap.read_events(EVENTS, geocode=False)
    assert again.frame["id"].tolist() == original.frame["id"].tolist()
    assert again.frame["target_lon"].tolist() == original.frame["target_lon"].tolist()


def test_every_option_gives_a_valid_file(tmp_path):
    out = tmp_path / "u.geojson"
    summary = export_events([EVENTS], output=out, geocode=False, uncertainty=True, bbox=True,
                            precision=4)
    document = check_geojson(out)
    roles = {f["properties"]["role"] for f in document["features"]}
    assert roles == {"target", "origin", "path", "target_area", "origin_area"}
    assert "bbox" in document and summary.features == len(document["features"])


def test_same_input_gives_identical_bytes(tmp_path):
    export_events(EVENTS, output=tmp_path / "a.geojson", geocode=False, bbox=True)
    export_events(EVENTS, output=tmp_path / "b.geojson", geocode=False, bbox=True)
    assert (tmp_path / "a.geojson").read_bytes() == (tmp_path / "b.geojson").read_bytes()


def test_events_frame_input_needs_no_reader(tmp_path):
    events = make_events([{"id": "x", "target_lat": 1.0, "target_lon": 2.0}])
    summary = export_events(events, output=tmp_path / "x.geojson")
    assert summary.rows_in == summary.rows_mapped == summary.features == 1
    assert summary.report is None and summary.exit_code == 0


def test_existing_output_and_skip_existing(tmp_path):
    out = tmp_path / "out.geojson"
    out.write_text("keep")
    with pytest.raises(ExportError):
        export_events(EVENTS, output=out, geocode=False)
    summary = export_events(EVENTS, output=out, geocode=False, skip_existing=True)
    assert summary.files_skipped == [out] and out.read_text() == "keep"


@pytest.mark.parametrize("kwargs", [
    {}, {"output": "a", "out_dir": "b"}, {"output": "a", "split_by": "id"},
    {"out_dir": "b", "split_by": "weapon"}, {"output": "a", "engine": "spark"},
    {"output": "a", "precision": 99}, {"output": "a", "fmt": "kml"},
])
def test_bad_options_are_input_errors(kwargs, tmp_path):
    with pytest.raises(GeomapInputError):
        export_events(EVENTS, **{k: (tmp_path / v if k in ("output", "out_dir") else v)
                                 for k, v in kwargs.items()})


def test_folder_export_of_several_inputs(tmp_path):
    second = tmp_path / "second.csv"
    shutil.copy(EVENTS, second)
    summary = export_events([EVENTS, second], out_dir=tmp_path / "out", geocode=False,
                            fmt="geojsonseq")
    assert sorted(p.name for p in summary.files_written) == [
        "export_events.geojsons", "second.geojsons"]
    assert summary.rows_in == 12 and summary.rows_rejected == 2 and summary.exit_code == 1


def test_last_chunk_encoded_here_raises_only_when_collected():
    import pandas as pd

    from geomap.export.stream import LocalRunner, _last_chunk, encode_chunk

    with LocalRunner(workers=0) as runner:
        job = _last_chunk(runner, encode_chunk, pd.DataFrame({"id": ["a"]}), {})  # no options
        with pytest.raises(KeyError):
            job.result()


def test_streamed_export_matches_across_chunk_sizes(tmp_path):
    from geomap.export.core import ExportSummary
    from geomap.export.stream import LocalRunner, stream_export

    source = tmp_path / "events.csv"
    lines = ["id,date,target,target_lat,target_lon,sources"]
    lines += [f"e{i},2024-02-0{1 + i % 9},T{i},{10 + i / 7:.5f},{40 + i / 3:.5f},"
              f"https://example.org/{i}" for i in range(23)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = []
    for chunk, workers in ((5, 1), (23, 0), (7, 0)):
        options = {"fmt": "geojson", "overwrite": True, "uncertainty": False, "precision": 6,
                   "bbox": True, "geocode": False, "chunk": chunk, "progress": False}
        path = tmp_path / f"out_{chunk}.geojson"
        with LocalRunner(workers=workers) as runner:
            stream_export([str(source)], path, runner, options, ExportSummary())
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    check_geojson(tmp_path / "out_5.geojson")


@pytest.mark.parametrize("load, workers", [(0.0, 1), (0.9, 1), (1.2, 0), (6.0, 0)])
def test_the_encoder_pool_takes_only_idle_cores(monkeypatch, load, workers):
    import multiprocessing
    import os

    from geomap.export.stream import LocalRunner

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr("geomap.cores._runnable_now", lambda: None)  # the load average alone
    forks = "fork" in multiprocessing.get_all_start_methods()
    assert LocalRunner().workers == (workers if forks else 0)  # busy cores: encoded here
    assert LocalRunner(workers=1).workers == (1 if forks else 0)  # asked for: given


def test_geojson_chunks_are_encoded_in_the_readers_process(monkeypatch, tmp_path):
    import concurrent.futures

    from geomap.export import stream

    monkeypatch.setattr(stream, "idle_cores", lambda: 4)  # idle cores: a pool could be had
    pools = []
    real = concurrent.futures.ProcessPoolExecutor

    def spy(*args, **kwargs):
        pools.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(stream, "ProcessPoolExecutor", spy)
    source = tmp_path / "e.csv"
    source.write_text("id,target,target_lat,target_lon\na,X,1.5,2.5\n", encoding="utf-8")
    for fmt in ("geojson", "geojsonseq"):
        export_events(str(source), output=tmp_path / f"o.{fmt}", fmt=fmt, geocode=False)
    assert pools == []
    assert stream.runner_for("gpkg").workers == stream.LocalRunner().workers


def test_chunks_encoded_here_are_written_before_the_next_chunk_is_read(monkeypatch, tmp_path):
    import geomap.events.core as core
    from geomap.export import stream
    from geomap.export.core import ExportSummary

    events = []
    real_iter, real_add = core.iter_frames, stream._Writer.add

    def reading(*args, **kwargs):
        for item in real_iter(*args, **kwargs):
            events.append("read")
            yield item

    def writing(self, result):
        events.append("write")
        return real_add(self, result)

    monkeypatch.setattr(core, "iter_frames", reading)
    monkeypatch.setattr(stream._Writer, "add", writing)
    source = tmp_path / "e.csv"
    source.write_text("id,target,target_lat,target_lon\n" + "".join(
        f"e{i},X,1.5,2.{i}\n" for i in range(10)), encoding="utf-8")
    options = {"fmt": "geojson", "overwrite": True, "uncertainty": False, "precision": 6,
               "bbox": False, "geocode": False, "chunk": 2, "progress": False}
    with stream.runner_for("geojson") as runner:
        stream.stream_export([str(source)], tmp_path / "o.geojson", runner, options,
                             ExportSummary())
    # each chunk encoded and written before the next is read: no chunk or block waits
    assert events == ["read", "write"] * 5
