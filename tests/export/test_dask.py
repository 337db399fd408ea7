"""Tests for geomap.export.dask: the dask engine writes what the local engine writes."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest

from geomap.errors import GeomapInputError
from geomap.export import export_events
from geomap.export.dask import export_dask
from tests.export.helpers import check_geojson

EVENTS = Path(__file__).resolve().parents[1] / "data" / "export_events.csv"


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                       dashboard_address=None)
    with distributed.Client(cluster) as dask_client:
        yield dask_client
    cluster.close()


def test_distributed_engine_writes_the_same_features(tmp_path, client):
    local = export_events(EVENTS, output=tmp_path / "local.geojson", geocode=False,
                          uncertainty=True, bbox=True)
    remote = export_events(EVENTS, output=tmp_path / "dask.geojson", geocode=False,
                           uncertainty=True, bbox=True, engine="dask", scheduler=client)
    assert (tmp_path / "dask.geojson").read_bytes() == (tmp_path / "local.geojson").read_bytes()
    assert (remote.features, remote.rows_in, remote.rows_rejected) == (
        local.features, local.rows_in, local.rows_rejected)
    check_geojson(tmp_path / "dask.geojson")


def test_chunked_run_on_the_synchronous_scheduler_gives_the_same_bytes(tmp_path):
    local = export_events([EVENTS, EVENTS], output=tmp_path / "local.geojsons",
                          fmt="geojsonseq", geocode=False)
    summary = export_dask([EVENTS, EVENTS], output=tmp_path / "dask.geojsons",
                          fmt="geojsonseq", scheduler="synchronous", geocode=False,
                          chunk_rows=2)
    assert (summary.features, summary.rows_in, summary.rows_rejected) == (
        local.features, local.rows_in, local.rows_rejected)
    assert summary.rows_in == 12  # the second copy's ids are duplicates: rejected, as locally
    assert (tmp_path / "dask.geojsons").read_bytes() == (
        tmp_path / "local.geojsons").read_bytes()


def test_one_file_per_input_through_dask(tmp_path):
    summary = export_dask([EVENTS], out_dir=tmp_path / "out", scheduler="threads",
                          geocode=False)
    assert [p.name for p in summary.files_written] == ["export_events.geojson"]
    check_geojson(tmp_path / "out" / "export_events.geojson")


def test_dask_refuses_split_by(tmp_path):
    with pytest.raises(GeomapInputError):
        export_dask(EVENTS, scheduler="synchronous", out_dir=tmp_path / "d", split_by="id")


@pytest.mark.parametrize("fmt", ["gpkg", "parquet"])
def test_table_formats_through_a_local_dask_scheduler(tmp_path, fmt):
    local = export_events(EVENTS, output=tmp_path / f"local.{fmt}", fmt=fmt, geocode=False)
    summary = export_dask(EVENTS, output=tmp_path / f"dask.{fmt}", fmt=fmt,
                          scheduler="synchronous", geocode=False, chunk_rows=2)
    read = gpd.read_parquet if fmt == "parquet" else gpd.read_file
    ours, theirs = read(tmp_path / f"dask.{fmt}"), read(tmp_path / f"local.{fmt}")
    assert summary.features == local.features == len(ours) == len(theirs)
    assert ours["id"].tolist() == theirs["id"].tolist()


@pytest.mark.parametrize(("verbose", "level"), [(False, 50), (True, 10)])
def test_own_cluster_workers_log_nothing_unless_verbose(monkeypatch, verbose, level):
    import logging

    distributed = pytest.importorskip("distributed")
    from geomap.export.dask import DaskRunner

    made: dict[str, object] = {}
    local_cluster = distributed.LocalCluster

    def spy(**kwargs):  # a LocalCluster of one thread, in this process
        made.update(kwargs)
        return local_cluster(n_workers=1, threads_per_worker=1, processes=False,
                                        dashboard_address=None)

    monkeypatch.setattr(distributed, "LocalCluster", spy)
    monkeypatch.setattr(logging.getLogger("geomap"), "level",
                        logging.DEBUG if verbose else logging.WARNING)
    with DaskRunner(None) as runner:
        assert runner.client is not None
    assert made["silence_logs"] == level  # CRITICAL: no heartbeat error at shutdown
