"""Tests for geomap.atomic: temporary file + os.replace."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from geomap.atomic import (
    TEMP_PATTERN,
    atomic_path,
    atomic_write,
    refuse_inputs,
    remove_stale_temporaries,
)
from geomap.errors import ExportError, GeomapFileError, GeomapInputError


def test_success_replaces_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "a.geojson"
    with atomic_write(target) as stream:
        stream.write("new")
        assert not target.exists()  # nothing visible until done
        assert TEMP_PATTERN.match(os.path.basename(stream.name))
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["a.geojson"]


def test_failure_keeps_the_old_file_and_removes_the_temporary(tmp_path):
    target = tmp_path / "a.geojson"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(target, overwrite=True) as stream:
        stream.write("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["a.geojson"]


def test_existing_file_is_refused_without_overwrite(tmp_path):
    target = tmp_path / "a.geojson"
    target.write_text("old")
    with pytest.raises(ExportError, match="already exists"), atomic_write(target):
        pass
    assert target.read_text() == "old"


def test_missing_folder_is_a_file_error(tmp_path):
    with pytest.raises(GeomapFileError), atomic_write(tmp_path / "nope" / "a.geojson"):
        pass


def test_atomic_path_for_writers_that_open_files_themselves(tmp_path):
    target = tmp_path / "a.gpkg"
    with atomic_path(target) as temp:
        assert temp.suffix == ".gpkg" and temp.parent == tmp_path
        temp.write_bytes(b"x")
    assert target.read_bytes() == b"x" and os.listdir(tmp_path) == ["a.gpkg"]
    with pytest.raises(ExportError, match="no file"), atomic_path(tmp_path / "b.gpkg",
                                                                   overwrite=True):
        pass


def test_stale_temporaries_of_dead_processes_are_removed(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".a.geojson.geomap-{dead}-0123abcd.tmp"
    mine = tmp_path / f".b.geojson.geomap-{os.getpid()}-0123abcd.tmp"
    other = tmp_path / ".not-ours.tmp"
    for path in (stale, mine, other):
        path.write_text("partial")
    assert remove_stale_temporaries(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, other.name])


def test_sqlite_side_files_of_a_killed_gpkg_writer_are_removed_by_a_later_run(tmp_path):
    # issue 13, item 7: GDAL's SQLite leaves <temp>-journal / -wal / -shm when killed
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    base = f".a.gpkg.geomap-{dead}-0123abcd.tmp.gpkg"
    names = [base, base + "-journal", base + "-wal", base + "-shm"]
    for name in names:
        (tmp_path / name).write_bytes(b"partial")
    assert all(TEMP_PATTERN.match(name) for name in names)
    assert remove_stale_temporaries(tmp_path) == 4
    assert list(tmp_path.iterdir()) == []


def test_an_input_file_is_never_an_output_even_with_overwrite(tmp_path, monkeypatch):
    events = tmp_path / "events.csv"
    events.write_text("id,target\n")
    monkeypatch.chdir(tmp_path)
    for output in (events, "events.csv", "./sub/../events.csv"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        with pytest.raises(GeomapInputError, match="is an input file"):
            refuse_inputs(output, ["other.csv", str(events)])
    link = tmp_path / "link.csv"
    link.symlink_to(events)
    with pytest.raises(GeomapInputError, match="is an input file"):
        refuse_inputs(link, [events])
    refuse_inputs(tmp_path / "out.geojson", [events])  # another file is fine
    refuse_inputs(None, [events])
