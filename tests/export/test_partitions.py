"""The partitioned dask engine against a scheduler address: CSV partitions read, validated and
encoded by the workers; ids repeated across partitions found without the client holding them;
parts written by the workers; the merged file byte-identical to the local engine's."""

from __future__ import annotations

import json
import os
from pathlib import Path

import geopandas as gpd
import pytest

import geomap.export.partitions as partitions
from geomap.export import export_events

HEADER = "id,date,target,target_lat,target_lon,origin,origin_lat,origin_lon,killed,sources\n"


def _files(folder, n=400):
    folder.mkdir()
    for name, start in (("a.csv", 0), ("b.csv", n)):
        lines = [HEADER]
        for i in range(start, start + n):
            origin = f"O{i},{15 + i / 997:.4f},{44 + i / 991:.4f}" if i % 3 == 0 else ",,"
            ident = "e5" if i in (n - 7, n + 300) else f"e{i}"  # e5 again, in other parts
            date = "2024-02-30" if i == n + 10 else f"2024-02-{1 + i % 28:02d}"
            lines.append(f"{ident},{date},T{i},{10 + i / 1000:.5f},{40 + i / 700:.5f},"
                         f"{origin},{i % 4},https://example.org/{i}\n")
        (folder / name).write_text("".join(lines), encoding="utf-8")
    return folder


def test_partitioned_engine_on_a_scheduler_address(tmp_path, scheduler_address, monkeypatch):
    monkeypatch.setattr(partitions, "BLOCK_SIZE", 8_000)  # several partitions per file
    folder = _files(tmp_path / "in")
    glob = str(folder / "*.csv")
    local = export_events([folder / "a.csv", folder / "b.csv"],
                          output=tmp_path / "local.geojson", geocode=False)
    merged = export_events([glob], output=tmp_path / "dask.geojson", geocode=False,
                           engine="dask", scheduler=scheduler_address)
    assert (tmp_path / "dask.geojson").read_bytes() == (tmp_path / "local.geojson").read_bytes()
    assert (merged.rows_in, merged.rows_mapped, merged.rows_rejected) == (
        local.rows_in, local.rows_mapped, local.rows_rejected) == (800, 797, 3)
    assert merged.rows_in == merged.rows_mapped + merged.rows_rejected + merged.rows_unresolved
    duplicates = sorted((p.path.rsplit("/", 1)[-1], p.row, p.reason)
                        for p in merged.report.problems if "duplicate" in p.reason)
    assert [(f, r) for f, r, _ in duplicates] == [("a.csv", 395), ("b.csv", 302)]
    assert duplicates == sorted((p.path.rsplit("/", 1)[-1], p.row, p.reason)
                                for p in local.report.problems if "duplicate" in p.reason)
    assert "row 7" in duplicates[0][2] and "a.csv, row 7" in duplicates[1][2]

    parts = export_events([glob], out_dir=tmp_path / "parts", fmt="parquet", geocode=False,
                          engine="dask", scheduler=scheduler_address)
    names = sorted(p.name for p in (tmp_path / "parts").iterdir())
    assert len(names) > 2 and names[0] == "part-00000.parquet"
    assert len(parts.files_written) == len(names)
    frame = gpd.read_parquet(tmp_path / "parts")
    assert len(frame) == parts.features == local.features
    assert sorted(frame["id"]) == sorted(
        f["id"] for f in json.loads((tmp_path / "local.geojson").read_text())["features"])
    assert (parts.rows_in, parts.rows_rejected) == (800, 3)

    seq = export_events([str(folder / "a.csv"), str(folder / "b.csv")],
                        out_dir=tmp_path / "seq", fmt="geojsonseq", geocode=False,
                        engine="dask", scheduler=scheduler_address)
    texts = b"".join(p.read_bytes() for p in sorted((tmp_path / "seq").iterdir()))
    assert texts.count(b"\x1e") == seq.features == local.features


def test_the_command_line_dask_engine_keeps_distributed_quiet(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    source = tmp_path / "events.csv"
    source.write_text(HEADER + "e1,2024-02-01,A,12.8,45.03,,,,1,https://example.org/a\n",
                      encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-m", "geomap", "export", str(source), "-o",
                           str(tmp_path / "out.geojson"), "--engine", "dask"],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith("geomap export: wrote 1 file (1 features)")
    assert len(lines) <= 2, lines  # the report's summary and ours: no distributed log lines


def test_the_command_line_takes_a_glob_for_the_dask_engine(tmp_path, scheduler_address):
    from click.testing import CliRunner

    from geomap.cli.main import cli

    folder = _files(tmp_path / "in", n=30)
    runner = CliRunner()
    result = runner.invoke(cli, ["export", str(folder / "*.csv"), "--engine", "dask",
                                 "--scheduler", scheduler_address,
                                 "--out-dir", str(tmp_path / "parts"),
                                 "--driver", "parquet", "--no-geocode"])
    assert result.exit_code == 1, result.output  # a bad date and a repeated id: rejected
    frame = gpd.read_parquet(tmp_path / "parts")
    assert len(frame) == len(set(frame["id"])) > 0
    missing = runner.invoke(cli, ["export", str(folder / "*.csv"), "-o", str(tmp_path / "x")])
    assert missing.exit_code == 2 and "does not exist" in missing.output  # local: no globs


def _payloads(monkeypatch):
    """Record what each partition sends back to the client for a merged file."""
    seen: list[object] = []
    original = partitions._in_order

    def spy(client, jobs, window):
        for result in original(client, jobs, window):
            if result[2] is not None:
                seen.append("file" if isinstance(result[2][0], Path) else type(result[2][0]))
            yield result

    monkeypatch.setattr(partitions, "_in_order", spy)
    return seen


def test_merged_blocks_are_files_the_client_appends(tmp_path, scheduler_address, monkeypatch):
    monkeypatch.setattr(partitions, "BLOCK_SIZE", 8_000)
    folder = _files(tmp_path / "in")
    local = export_events([folder / "a.csv", folder / "b.csv"], output=tmp_path / "l.geojsons",
                          fmt="geojsonseq", geocode=False)
    sent = _payloads(monkeypatch)
    out = tmp_path / "out"
    out.mkdir()
    merged = export_events([str(folder / "*.csv")], output=out / "d.geojsons", fmt="geojsonseq",
                           geocode=False, engine="dask", scheduler=scheduler_address)
    assert len(sent) > 2 and set(sent) == {"file"}  # no block crossed the scheduler
    assert (out / "d.geojsons").read_bytes() == (tmp_path / "l.geojsons").read_bytes()
    assert merged.features == local.features
    assert sorted(p.name for p in out.iterdir()) == ["d.geojsons"]  # no temporary left


def test_merged_blocks_come_back_when_the_workers_do_not_see_the_folder(tmp_path, scheduler_address,
                                                                        monkeypatch):
    monkeypatch.setattr(partitions, "BLOCK_SIZE", 8_000)
    folder = _files(tmp_path / "in")
    export_events([folder / "a.csv", folder / "b.csv"], output=tmp_path / "l.geojson",
                  geocode=False, bbox=True)
    monkeypatch.setattr(os.path, "exists", lambda path: False)  # what a remote worker sees
    sent = _payloads(monkeypatch)
    export_events([str(folder / "*.csv")], output=tmp_path / "d.geojson", geocode=False,
                  bbox=True, engine="dask", scheduler=scheduler_address)
    monkeypatch.undo()
    assert set(sent) == {bytes}
    assert (tmp_path / "d.geojson").read_bytes() == (tmp_path / "l.geojson").read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_spooled_blocks_are_removed_when_the_run_fails(tmp_path, scheduler_address, monkeypatch):
    monkeypatch.setattr(partitions, "BLOCK_SIZE", 8_000)
    folder = _files(tmp_path / "in")
    original = partitions._in_order

    def failing(client, jobs, window):
        for k, result in enumerate(original(client, jobs, window)):
            if k == 2:
                raise OSError("disk full")
            yield result

    monkeypatch.setattr(partitions, "_in_order", failing)
    with pytest.raises(OSError):
        export_events([str(folder / "*.csv")], output=tmp_path / "d.geojson", geocode=False,
                      engine="dask", scheduler=scheduler_address)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_rows_are_numbered_as_locally_in_files_without_an_id_column(tmp_path, scheduler_address,
                                                                    monkeypatch):
    monkeypatch.setattr(partitions, "BLOCK_SIZE", 4_000)  # several partitions per file
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.csv", "b.csv"):
        lines = ["date,target,target_lat,target_lon\n"]
        for i in range(300):
            date = "2024-02-30" if i in (17, 250) else f"2024-02-{1 + i % 28:02d}"
            lines.append(f"{date},T{i},{10 + i / 1000:.5f},{40 + i / 700:.5f}\n")
        (folder / name).write_text("".join(lines), encoding="utf-8")
    local = export_events([folder / "a.csv", folder / "b.csv"], output=tmp_path / "l.geojson",
                          geocode=False)
    remote = export_events([str(folder / "*.csv")], output=tmp_path / "d.geojson",
                           geocode=False, engine="dask", scheduler=scheduler_address)
    assert (tmp_path / "d.geojson").read_bytes() == (tmp_path / "l.geojson").read_bytes()

    def where(summary):
        return sorted((p.path.rsplit("/", 1)[-1], p.row) for p in summary.report.problems
                      if p.row is not None)

    assert where(remote) == where(local) == [("a.csv", 19), ("a.csv", 252), ("b.csv", 19),
                                             ("b.csv", 252)]
    assert remote.rows_in == local.rows_in == 600 and remote.rows_rejected == 4


@pytest.mark.parametrize("fmt", ["parquet", "geojsonseq"])
def test_overwriting_removes_the_parts_of_an_earlier_longer_run(tmp_path, scheduler_address,
                                                                monkeypatch, fmt):
    folder = _files(tmp_path / "in")
    out = tmp_path / "parts"
    suffix = partitions.PART_FORMATS[fmt]
    monkeypatch.setattr(partitions, "BLOCK_SIZE", 4_000)  # many parts
    first = export_events([str(folder / "*.csv")], out_dir=out, fmt=fmt, geocode=False,
                          engine="dask", scheduler=scheduler_address)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "part-00099.jsonl").write_text("{}\n", encoding="utf-8")  # another kind of part
    monkeypatch.setattr(partitions, "BLOCK_SIZE", 64_000)  # fewer parts
    again = export_events([str(folder / "*.csv")], out_dir=out, fmt=fmt, geocode=False,
                          engine="dask", scheduler=scheduler_address, overwrite=True)
    assert len(again.files_written) < len(first.files_written)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([p.name for p in again.files_written]
                           + ["notes.txt", "part-00099.jsonl"])
    assert [n for n in names if n.endswith(suffix)] == sorted(p.name for p in again.files_written)
    if fmt == "parquet":  # the folder read as one data set holds this run's features only
        frame = gpd.read_parquet(sorted(out.glob("*.parquet")), columns=["id", "geometry"])
        assert len(frame) == again.features
    else:
        assert sum(p.read_bytes().count(b"\x1e") for p in again.files_written) == again.features


@pytest.mark.parametrize("fmt", ["parquet", "gpkg"])
def test_merged_tables_are_files_the_client_reads(tmp_path, scheduler_address, monkeypatch, fmt):
    import pandas as pd

    monkeypatch.setattr(partitions, "BLOCK_SIZE", 8_000)
    folder = _files(tmp_path / "in")
    local = export_events([folder / "a.csv", folder / "b.csv"], output=tmp_path / f"l.{fmt}",
                          fmt=fmt, geocode=False)
    sent: list[object] = []
    original = partitions._in_order

    def spy(client, jobs, window):
        for result in original(client, jobs, window):
            sent.append("file" if isinstance(result[2], Path) else type(result[2]))
            yield result

    monkeypatch.setattr(partitions, "_in_order", spy)
    out = tmp_path / "out"
    out.mkdir()
    merged = export_events([str(folder / "*.csv")], output=out / f"d.{fmt}", fmt=fmt,
                           geocode=False, engine="dask", scheduler=scheduler_address)
    assert len(sent) > 2 and set(sent) == {"file"}  # no table crossed the scheduler
    assert merged.features == local.features
    read = gpd.read_parquet if fmt == "parquet" else gpd.read_file
    pd.testing.assert_frame_equal(read(out / f"d.{fmt}"), read(tmp_path / f"l.{fmt}"))
    assert sorted(p.name for p in out.iterdir()) == [f"d.{fmt}"]  # no temporary left
