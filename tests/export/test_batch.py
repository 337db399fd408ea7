"""Tests for geomap.export.batch: many inputs, split-by groups, resume, kill safety."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geomap.atomic import TEMP_PATTERN
from geomap.errors import ExportError, GeomapInputError
from geomap.export import export_batch, export_events
from geomap.export.batch import split_groups
from geomap.export.outputs import check_existing
from geomap.geometry import event_features
from tests.export.helpers import check_geojson, make_events

HEADER = "id,date,attacker,target,target_lat,target_lon,origin,origin_lat,origin_lon,killed\n"


def _csv(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def _many(path: Path, n: int, attackers: int = 5) -> Path:
    rows = [f"ev{i:05d},2024-02-{1 + i % 28:02d},group {i % attackers},site {i},"
            f"{(i % 120) - 60}.25,{(i * 7) % 358 - 179}.5,,,,{i % 4}" for i in range(n)]
    return _csv(path, rows)


def _small_inputs(folder: Path, n: int, name: str = "A") -> list[Path]:
    """``n`` files of one event each (``in0.csv`` ...), placed by their coordinates."""
    sources = []
    for i in range(n):
        sources.append(folder / f"in{i}.csv")
        sources[-1].write_text("id,date,target,target_lat,target_lon\n"
                               f"e{i},2024-02-01,{name},1,{i}\n", encoding="utf-8")
    return sources


def _visible(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


HOSTILE = [
    'e1,2024-02-02,../../escape,Aden,12.8,45.03,,,,1',
    'e2,2024-02-02,/etc/passwd,Aden,12.8,45.03,,,,1',
    'e3,2024-02-02,..\\..\\win,Aden,12.8,45.03,,,,1',
    'e4,2024-02-02,CON,Aden,12.8,45.03,,,,1',
    'e5,2024-02-02,..,Aden,12.8,45.03,,,,1',
    'e6,2024-02-02,,Aden,12.8,45.03,,,,1',
    'e7,2024-02-02,unknown,Aden,12.8,45.03,,,,1',
    'e8,2024-02-02,Escape,Aden,12.8,45.03,,,,1',
    'e9,2024-02-02,escape,Aden,12.8,45.03,,,,1',
]


def test_hostile_split_values_stay_inside_the_folder(tmp_path):
    source = _csv(tmp_path / "hostile.csv", HOSTILE)
    out = tmp_path / "out"
    summary = export_batch(source, out, split_by="attacker", geocode=False)
    assert len(summary.files_written) == 9 and summary.features == 9
    assert sorted(p.parent for p in tmp_path.rglob("*.geojson")) == [out] * 9
    names = [p.name for p in _visible(out)]
    assert len(names) == 9 and "_CON.geojson" in names and "unnamed.geojson" in names
    assert {"unknown.geojson", "unknown-2.geojson"} <= set(names)  # missing value vs "unknown"
    assert {"escape.geojson", "Escape-2.geojson"} <= set(names) or {
        "Escape.geojson", "escape-2.geojson"} <= set(names)
    for path in _visible(out):
        check_geojson(path)


def test_one_file_per_input_with_collisions(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _csv(tmp_path / "a" / "x.csv", [HOSTILE[0]])
    second = _csv(tmp_path / "b" / "x.csv", [HOSTILE[1], HOSTILE[2]])
    summary = export_batch([first, second], tmp_path / "out", geocode=False)
    assert [p.name for p in summary.files_written] == ["x.geojson", "x-2.geojson"]
    assert summary.features == 3 and summary.rows_in == 3 and summary.exit_code == 0
    assert len(check_geojson(tmp_path / "out" / "x-2.geojson")["features"]) == 2


def test_existing_outputs_stop_the_run_before_anything_is_written(tmp_path):
    source = _many(tmp_path / "in.csv", 12)
    out = tmp_path / "out"
    out.mkdir()
    (out / "group 3.geojson").write_text("mine")
    with pytest.raises(ExportError, match="group 3"):
        export_batch(source, out, split_by="attacker", geocode=False)
    assert [p.name for p in out.iterdir()] == ["group 3.geojson"]
    summary = export_batch(source, out, split_by="attacker", geocode=False, skip_existing=True)
    assert (out / "group 3.geojson").read_text() == "mine"
    assert len(summary.files_written) == 4 and [p.name for p in summary.files_skipped] == [
        "group 3.geojson"]
    export_batch(source, out, split_by="attacker", geocode=False, overwrite=True)
    check_geojson(out / "group 3.geojson")


def test_split_by_date_and_id(tmp_path):
    source = _many(tmp_path / "in.csv", 30)
    by_date = export_batch(source, tmp_path / "date", split_by="date", geocode=False)
    assert len(by_date.files_written) == 28
    doc = check_geojson(tmp_path / "date" / "2024-02-01.geojson")
    assert {f["properties"]["date"] for f in doc["features"]} == {"2024-02-01"}
    by_id = export_batch(source, tmp_path / "id", split_by="id", geocode=False, workers=2)
    assert sorted(p.name for p in by_id.files_written) == [f"ev{i:05d}.geojson" for i in range(30)]


def test_split_file_equals_the_single_export_of_that_group(tmp_path):
    source = _many(tmp_path / "in.csv", 40)
    export_batch(source, tmp_path / "split", split_by="attacker", geocode=False, bbox=True)
    whole = json.loads(export_events(source, output=tmp_path / "all.geojson", geocode=False,
                                     bbox=True).files_written[0].read_text())
    part = check_geojson(tmp_path / "split" / "group 2.geojson")
    expected = [f for f in whole["features"] if f["properties"]["attacker"] == "group 2"]
    assert part["features"] == expected
    assert part["bbox"][1] == min(f["bbox"][1] for f in expected)


def test_split_groups_sorted_with_missing_last():
    features = event_features(make_events([
        {"id": "b", "attacker": "Z", "target_lat": 1.0, "target_lon": 1.0},
        {"id": "a", "attacker": None, "target_lat": 1.0, "target_lon": 1.0},
        {"id": "c", "attacker": "A", "target_lat": 1.0, "target_lon": 1.0},
        {"id": "d", "attacker": "Z", "target_lat": 1.0, "target_lon": 1.0},
    ]))
    groups = split_groups(features, "attacker")
    assert [(label, rows.tolist()) for label, rows in groups] == [
        ("A", [2]), ("Z", [0, 3]), ("unknown", [1])]
    with pytest.raises(GeomapInputError):
        split_groups(features, "weapon")


@pytest.mark.slow
def test_ten_thousand_files_in_one_run(tmp_path):
    source = _many(tmp_path / "in.csv", 10_000)
    out = tmp_path / "out"
    summary = export_batch(source, out, split_by="id", geocode=False)
    assert len(summary.files_written) == 10_000 == len(os.listdir(out))
    for name in ("ev00000.geojson", "ev04999.geojson", "ev09999.geojson"):
        check_geojson(out / name)


def _wait_for_group_to_die(pgid: int) -> None:
    """SIGKILL is delivered asynchronously: wait until the pool workers are gone too."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _living_members(pgid):
        time.sleep(0.02)


def _living_members(pgid: int) -> list[int]:
    living = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[-1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
                living.append(int(entry.name))
    return living


@pytest.mark.slow
def test_killed_batch_leaves_no_partial_file_and_resumes(tmp_path):
    source = _many(tmp_path / "in.csv", 15_000)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "geomap", "export", str(source), "--out-dir", str(out),
               "--split-by", "id", "--format", "geojson"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    process = subprocess.Popen(command, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if out.is_dir() and len(os.listdir(out)) >= 200:
                break
            time.sleep(0.005)
        assert process.poll() is None, "the export finished before it could be killed"
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    _wait_for_group_to_die(process.pid)
    written = _visible(out)
    assert 0 < len(written) < 15_000
    for path in written:  # every visible file is complete
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["type"] == "FeatureCollection" and len(document["features"]) == 1
    assert all(TEMP_PATTERN.match(p.name) for p in out.iterdir() if p.name.startswith("."))
    summary = export_events(source, out_dir=out, split_by="id", skip_existing=True,
                            geocode=False)
    assert len(summary.files_written) + len(summary.files_skipped) == 15_000
    assert len(os.listdir(out)) == 15_000  # stale temporaries are gone
    check_geojson(out / "ev14999.geojson")


@pytest.mark.parametrize("options", [{}, {"bbox": True, "uncertainty": True},
                                     {"fmt": "geojsonseq", "precision": 3}])
def test_small_files_encoded_together_give_the_bytes_of_one_by_one(tmp_path, options):
    from geomap.export.batch import _export_file, _export_files

    header = "id,date,target,target_lat,target_lon,origin,origin_lat,origin_lon,killed,sources\n"
    bodies = [
        "e1,2024-02-01,A,12.8,45.03,B,15.35,44.2,3,https://example.org/a\n"
        "e1,2024-02-02,A,12.9,45.1,,,,,\n,2024-02-03,C,-17,179.9,D,-13.8,-172.1,,\n",
        "e1,2024-02-01,Z,1,2,,,,0,https://example.org/z\n",  # the same id as the first file
        "x,2024-02-30,Q,1,2,,,,,\n",  # every row rejected: an empty collection
        "k%,2024-02-05,\"T, \"\"quoted\"\"\",33.3,44.4,O,35,40,1,https://example.org/k\n",
    ]
    sources = []
    for i, body in enumerate(bodies):
        sources.append(tmp_path / f"in{i}.csv")
        sources[-1].write_text(header + body, encoding="utf-8")
    opts = {"fmt": "geojson", "overwrite": False, "uncertainty": False, "precision": 6,
            "bbox": False, "geocode": False, **options}
    (tmp_path / "one").mkdir()
    (tmp_path / "together").mkdir()
    alone = [_export_file((s, tmp_path / "one" / f"{s.stem}.out", opts))[0] for s in sources]
    together = _export_files([(s, tmp_path / "together" / f"{s.stem}.out", opts)
                              for s in sources])
    assert [count for _, count, _ in together] == [count for _, count, _ in alone]
    assert [r.rows_in for _, _, r in together] == [r.rows_in for _, _, r in alone]
    for source in sources:
        name = f"{source.stem}.out"
        assert (tmp_path / "together" / name).read_bytes() == \
            (tmp_path / "one" / name).read_bytes()


def test_outputs_are_checked_against_inputs_by_lookup_not_pair_by_pair(tmp_path, monkeypatch):
    import geomap.atomic

    sources = _small_inputs(tmp_path, 40)
    compared = []
    original = geomap.atomic._same_file
    monkeypatch.setattr(geomap.atomic, "_same_file",
                        lambda a, b: compared.append((a, b)) or original(a, b))
    summary = export_events(sources, out_dir=tmp_path / "out", geocode=False)
    assert len(summary.files_written) == 40
    assert compared == []  # no output is an input: no pair compared (was 40 x 40)
    target = tmp_path / "in3.csv"  # the same file under another name is still refused
    with pytest.raises(GeomapInputError, match="is an input file"):
        check_existing([tmp_path / "." / "in3.csv"], overwrite=True, skip_existing=False,
                       inputs=[target])


def test_small_inputs_go_in_one_task_per_core_with_the_gazetteer_loaded_once(tmp_path,
                                                                              monkeypatch):
    import geomap.events.resolve
    import geomap.export.batch as batch

    sources = _small_inputs(tmp_path, 10, "Aden")
    seen, loads = [], []
    real_run, real_warm = batch._run, geomap.events.resolve.warm_up
    monkeypatch.setattr(batch, "_run", lambda tasks, *a: seen.append(tasks) or real_run(
        tasks, *a))
    monkeypatch.setattr(geomap.events.resolve, "warm_up",
                        lambda: loads.append(os.getpid()) or real_warm())
    summary = export_batch([str(s) for s in sources], tmp_path / "out", workers=2)
    assert summary.features == 10
    assert [len(task) for task in seen[0]] == [5, 5]
    assert loads == [os.getpid()]  # once, in this process, before the workers fork


def test_outputs_are_matched_to_inputs_without_resolving_every_path(tmp_path, monkeypatch):
    import geomap.export.outputs as outputs

    sources = _small_inputs(tmp_path, 30)
    resolved = []
    real = os.path.realpath
    monkeypatch.setattr(outputs.os.path, "realpath", lambda p, **k: resolved.append(p) or real(
        p, **k))
    summary = export_events(sources, out_dir=tmp_path / "out", geocode=False)
    assert len(summary.files_written) == 30
    assert len(resolved) <= 2  # the output folder, not 60 paths one by one
    (tmp_path / "link").symlink_to(tmp_path)  # the same files under other names: refused
    for output, source in ((tmp_path / "link" / "in3.csv", tmp_path / "in3.csv"),
                           (tmp_path / "link" / "gone.csv", tmp_path / "gone.csv")):
        with pytest.raises(GeomapInputError, match="is an input file"):
            check_existing([output], overwrite=True, skip_existing=False, inputs=[source])
    assert check_existing([tmp_path / "link" / "new.csv"], overwrite=False,
                          skip_existing=False, inputs=[tmp_path / "in3.csv"]) == set()
