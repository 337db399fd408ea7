"""``geomap extract`` (geomap.cli.extract) through click's CliRunner."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli

DISPATCHES = Path(__file__).resolve().parents[1] / "data" / "dispatches"
SEED = DISPATCHES / "seed" / "article-2024-02-05.txt"
GEOCODE_FIELDS = ("query", "name", "lat", "lon", "precision", "kind", "country_code",
                  "radius_km", "confidence", "source", "source_id")


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_jsonl_one_object_per_mention_with_offsets_and_geocode(runner):
    result = runner.invoke(cli, ["extract", "--format", "jsonl", str(SEED)])
    assert result.exit_code == 0, result.output
    text = SEED.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) > 20
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]
        assert row["role"] in ("dateline", "mention")
        assert isinstance(row["flags"], list) and row["place_id"]
        for key in GEOCODE_FIELDS:
            assert key in row
    assert rows[0]["text"] == "Erbil" and rows[0]["role"] == "dateline"
    iraq = {r["place_id"] for r in rows if r["name"] == "Iraq"}
    assert len(iraq) == 1  # one grouping key for every mention of a place
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)


def test_table_lists_each_place_once_with_all_mentions(runner):
    result = runner.invoke(cli, ["extract", str(SEED)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["place", "kind", "cc"]
    iraq = [line for line in lines if line.startswith("Iraq ")]
    assert len(iraq) == 1 and iraq[0].count("Iraq@") >= 5
    assert any(line.startswith("Al-Omar oil field") for line in lines)


def test_stdin_and_date_option(runner):
    result = runner.invoke(cli, ["extract", "--format", "jsonl", "--date", "2024-01-12", "-"],
                           input="SANAA, Yemen — Strikes hit Hodeidah.\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["text"], r["role"]) for r in rows] == [
        ("SANAA", "dateline"), ("Yemen", "dateline"), ("Hodeidah", "mention")]


def test_events_draft_is_written(runner, tmp_path):
    out = tmp_path / "draft.csv"
    result = runner.invoke(cli, ["extract", "--events", str(out), str(SEED)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and "draft_fields" in rows[0]
    assert any(r["target"] == "al-Omar base" and r["date"] == "2024-02-04" for r in rows)


def test_unreadable_file_exits_1(runner, tmp_path):
    result = runner.invoke(cli, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2  # a file that does not exist is a usage error (README)
    assert "missing.txt" in result.output and "Traceback" not in result.output
    result = runner.invoke(cli, ["extract", str(tmp_path)])  # a folder: cannot be read
    assert result.exit_code == 1 and "Traceback" not in result.output
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Sana\xe1a".encode("latin-1"))
    result = runner.invoke(cli, ["extract", str(bad)])
    assert result.exit_code == 1 and "UTF-8" in result.output


def test_unwritable_draft_exits_1(runner, tmp_path):
    result = runner.invoke(cli, ["extract", "--events", str(tmp_path / "no" / "d.csv"),
                                 str(SEED)])
    assert result.exit_code == 1 and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [["extract"], ["extract", "--date", "2024-02-30", "x"], ["extract", "--format", "xml", "x"]],
)
def test_usage_errors_exit_2(runner, args):
    assert runner.invoke(cli, args).exit_code == 2


# -- a dispatch straight to a map / an export: extract -> draft -> validate -> map ------------
def _seed_copy(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_bytes(SEED.read_bytes())
    return path


def test_map_takes_a_dispatch_and_writes_the_draft_beside_the_map(tmp_path):
    article = _seed_copy(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(cli, ["map", str(article), "-o", str(out / "map.html")])
    assert result.exit_code == 0, result.output
    draft = out / "article.draft.csv"
    rows = list(csv.DictReader(draft.open(encoding="utf-8")))
    assert {r["target"] for r in rows} >= {"al-Omar base", "Jordan", "Yemen"}
    assert (out / "map.html").stat().st_size > 10_000
    assert "drafted 8 events from article.txt" in result.output
    # the reporter corrects the draft and maps it again; the dispatch never overwrites it
    again = CliRunner().invoke(cli, ["map", str(article), "-o", str(out / "map2.html")])
    assert again.exit_code == 1 and "already exists" in again.output
    assert len(list(csv.DictReader(draft.open(encoding="utf-8")))) == len(rows)
    fixed = CliRunner().invoke(cli, ["map", str(draft), "-o", str(out / "map3.html")])
    assert fixed.exit_code == 0, fixed.output


def test_export_takes_a_dispatch(tmp_path):
    article = _seed_copy(tmp_path)
    out = tmp_path / "events.geojson"
    result = CliRunner().invoke(cli, ["export", str(article), "-o", str(out)])
    assert result.exit_code == 0, result.output
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert (tmp_path / "article.draft.csv").exists()
    assert {f["properties"]["name"] for f in features} >= {"al-Omar base", "Jordan"}
    assert all(f["properties"]["draft_fields"] for f in features)


def test_a_dispatch_that_is_not_utf8_is_one_line_exit_1(tmp_path):
    article = tmp_path / "bad.txt"
    article.write_bytes(b"ERBIL, Iraq \xff\xfe a drone struck")
    result = CliRunner().invoke(cli, ["map", str(article), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 1
    assert "not UTF-8" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "bad.draft.csv").exists()


def test_many_articles_a_folder_and_a_glob_in_one_run(runner, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    single = runner.invoke(cli, ["extract", "--format", "jsonl", str(SEED)])
    mentions = [json.loads(line) for line in single.output.splitlines()]
    for args in ([str(folder)], [str(folder / "*.txt")],
                 [str(folder / "a.txt"), str(folder / "b.txt")]):
        result = runner.invoke(cli, ["extract", "--format", "jsonl", *args])
        assert result.exit_code == 0, result.output
        rows = [json.loads(line) for line in result.output.splitlines()]
        assert [r["file"] for r in rows] == ([str(folder / "a.txt")] * len(mentions)
                                             + [str(folder / "b.txt")] * len(mentions))
        assert [{k: v for k, v in r.items() if k != "file"} for r in rows] == mentions * 2
    table = runner.invoke(cli, ["extract", str(folder)])
    assert table.exit_code == 0 and table.output.count("== ") == 2


def test_many_articles_one_unreadable_is_named_and_the_others_done(runner, tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    bad.write_bytes("Sana\xe1a".encode("latin-1"))
    result = runner.invoke(cli, ["extract", "--format", "jsonl", str(bad), str(good)])
    assert result.exit_code == 1 and "bad.txt" in result.output and "UTF-8" in result.output
    assert any('"file": "' + str(good) in line for line in result.output.splitlines())
    usage = runner.invoke(cli, ["extract", "--events", str(tmp_path / "d.csv"), str(good),
                                str(good)])
    assert usage.exit_code == 2


# -- geomap extract --engine dask: one task per batch of articles, JSON Lines parts ----------
def _articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    for path in sorted(DISPATCHES.glob("*.txt"))[:count]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def _objects(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_dask_engine_writes_the_local_objects_as_parts(tmp_path, scheduler_address):
    folder = _articles(tmp_path / "in", 15)  # + 1 below: 8 tasks (4 per worker) of 2
    (folder / "latin1.txt").write_bytes("SANAA \xe1 Strikes hit Hodeidah.".encode("latin-1"))
    runner = CliRunner()
    local = runner.invoke(cli, ["extract", "--format", "jsonl", str(folder)])
    assert local.exit_code == 1  # the latin-1 article is named, the others done
    result = runner.invoke(cli, ["extract", "--engine", "dask", "--scheduler", scheduler_address,
                                 str(folder / "*.txt"), "--out-dir", str(tmp_path / "parts")])
    assert result.exit_code == 1, result.output
    parts = sorted((tmp_path / "parts").iterdir())
    assert [p.name for p in parts] == [f"part-{k:05d}.jsonl" for k in range(8)]
    objects = [o for p in parts for o in _objects(p.read_text(encoding="utf-8"))]
    assert objects == _objects(local.stdout) and len(objects) > 50
    assert {o["file"] for o in objects} == {str(p) for p in folder.glob("[01]*.txt")}
    lines = result.stderr.splitlines()
    assert lines[0] == f"Error: {folder / 'latin1.txt'}: not UTF-8 text (byte 6); " \
        "save it as UTF-8 and try again"
    assert "16 articles: 15 done, 1 failed" in lines[-1] and "in 8 parts" in lines[-1]
    again = runner.invoke(cli, ["extract", "--engine", "dask", "--scheduler", scheduler_address,
                                str(folder), "--out-dir", str(tmp_path / "parts")])
    assert again.exit_code == 1 and "already exists" in again.output  # nothing overwritten
    assert [p.read_bytes() for p in sorted((tmp_path / "parts").iterdir())] == [
        p.read_bytes() for p in parts]


@pytest.mark.parametrize("args", [
    ["--engine", "dask", "x.txt"],  # no --out-dir
    ["--out-dir", "d", "x.txt"],  # --out-dir without the dask engine
    ["--scheduler", "tcp://h:1", "x.txt"],  # --scheduler without the dask engine
    ["--engine", "dask", "--out-dir", "d", "--format", "table", "x.txt"],
])
def test_dask_engine_usage_errors(runner, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("ERBIL, Iraq — A strike.", encoding="utf-8")
    assert runner.invoke(cli, ["extract", *args]).exit_code == 2
    assert not (tmp_path / "d").exists()


def test_dask_engine_on_its_own_cluster_keeps_distributed_quiet(tmp_path):
    import os
    import subprocess
    import sys

    folder = _articles(tmp_path / "in", 2)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-m", "geomap", "extract", "--engine", "dask",
                           str(folder), "--out-dir", str(tmp_path / "parts")],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"geomap extract: 2 articles: 2 done, 0 failed; {_count(tmp_path / 'parts')} mentions "
        f"in 2 parts ({tmp_path / 'parts'})"]  # no distributed log line, no progress bar


def _count(folder: Path) -> int:
    return sum(len(_objects(p.read_text(encoding="utf-8"))) for p in folder.iterdir())


def test_dask_engine_progress_bar_when_asked(tmp_path, scheduler_address, capsys):
    from geomap.extract.dask_batch import extract_on_dask

    folder = _articles(tmp_path / "in", 2)
    run = extract_on_dask(sorted(str(p) for p in folder.iterdir()), tmp_path / "parts",
                          scheduler=scheduler_address, progress=True)
    assert (run.articles, run.done, run.failures) == (2, 2, [])
    err = capsys.readouterr().err
    assert "0/2" in err and "batch" in err  # tqdm's bar over the batches


def test_a_batch_opens_where_the_client_resolved_and_names_what_the_user_gave(tmp_path,
                                                                              monkeypatch):
    from geomap.extract.dask_batch import extract_batch

    folder = _articles(tmp_path / "in", 1)
    article = next(folder.iterdir())
    elsewhere = tmp_path / "elsewhere"  # a worker's working folder is not the client's
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    target = tmp_path / "part.jsonl"
    done, failures, mentions = extract_batch(
        [(f"in/{article.name}", str(article)), ("in/gone.txt", str(folder / "gone.txt"))],
        str(target), None, False)
    assert (done, mentions) == (1, len(_objects(target.read_text(encoding="utf-8"))))
    assert failures == ["in/gone.txt: cannot read the file: No such file or directory"]
    assert {o["file"] for o in _objects(target.read_text(encoding="utf-8"))} == {
        f"in/{article.name}"}


def test_dask_engine_overwriting_removes_an_earlier_longer_runs_parts(tmp_path,
                                                                      scheduler_address):
    """With ``overwrite``, the parts of an earlier run that had more batches go: a reader of
    the folder (a glob of ``*.jsonl``) took their old objects for this run's."""
    from geomap.extract.dask_batch import extract_on_dask

    folder = _articles(tmp_path / "in", 2)
    parts = tmp_path / "parts"
    parts.mkdir()
    for k in (0, 5, 9):  # what a longer run left, and a file that is no part
        (parts / f"part-{k:05d}.jsonl").write_text('{"old": true}\n', encoding="utf-8")
    (parts / "notes.txt").write_text("mine", encoding="utf-8")
    run = extract_on_dask(sorted(str(p) for p in folder.iterdir()), parts,
                          scheduler=scheduler_address, overwrite=True)
    assert sorted(p.name for p in parts.iterdir()) == sorted(
        [p.name for p in run.parts] + ["notes.txt"])
    assert all('"old"' not in p.read_text(encoding="utf-8") for p in run.parts)
