"""Tests for geomap.events.many: small files validated together give what each gives alone."""

from __future__ import annotations

import pandas as pd
import pytest

from geomap.events.core import iter_frames
from geomap.events.many import FILE_COLUMN, read_many
from tests.events.conftest import FakeGeocoder

HEADER = "id,date,attacker,target,target_lat,target_lon,origin,killed,claim,sources,notes,extra\n"
ROWS_A = [
    "e1,2024-02-02,IRI,Erbil,36.19,44.01,,1,claimed,https://example.org/1,,x",
    "e2,2024-02-03,IRI,Deir ez-Zor,,,Erbil,2-4,,,,",  # named only: ranked with the context
    "e3,2024-02-04,,Nowhere,,,,,,,,",  # does not resolve: unmapped
    "e1,2024-02-05,,Erbil,36.19,44.01,,,,,,",  # duplicate id in the same file
    ",2024-02-06,,Erbil,36.2,44.0,,,,,,",  # derived id
    "e6,2024-02-30,,Erbil,36.2,44.0,,,,,,",  # no such day
    "e7,2024-02-07,,Erbil,136.2,44.0,,,,,,",  # latitude outside
    "e8,2024-02-08,,Erbil,44.01,36.19,,,,,,",  # swapped
    ",,,,,,,,,,,",  # blank row: not an event, but it counts for the row numbers
    'e9,2024-02-09,,Erbil,36.2,44.0,,,,,"two\nlines",',
    "e10,2024-02-10,,Springfield,,,,-1,maybe,javascript:alert(1),,",
    "e11,2099-01-01,,Tower 22,33.3,38.7,Yemen,,,,,",
]
ROWS_B = [  # the same ids as a.csv: fine, ids are unique per file
    "e1,2024-03-01,,Tower 22,33.3236,38.6884,,,,,,",
    "e2,2024-03-02,,Yemen,,,,,,,,",
    "e3,2024-03-03,,Al-Qaim,,,,,,,,",
]


def _write(path, text, encoding="utf-8"):
    path.write_text(text, encoding=encoding)
    return str(path)


def _alone(path, geocode, provenance):
    parts = list(iter_frames(path, geocode=geocode, provenance=provenance, progress=False))
    assert len(parts) == 1
    return parts[0]


@pytest.mark.parametrize("geocoded", [True, False])
def test_files_read_together_give_the_frames_and_reports_of_each_alone(tmp_path, geocoded):
    paths = [
        _write(tmp_path / "a.csv", HEADER + "\n".join(ROWS_A) + "\n"),
        _write(tmp_path / "b.csv", HEADER + "\n".join(ROWS_B) + "\n"),
        _write(tmp_path / "c.csv", HEADER),  # a header only
        _write(tmp_path / "d.csv", "id,date,target\ne1,2024-02-02,Erbil\n"),  # other header
        _write(tmp_path / "e.csv", HEADER + ROWS_B[0] + ",one too many\n"),  # more cells
        _write(tmp_path / "f.json", '[{"id": "e1", "target": "Erbil"}]'),
        _write(tmp_path / "g.csv", HEADER + "e1,2024-02-02,\x00,Erbil,,,,,,,,\n"),  # NUL
        _write(tmp_path / "h.csv", HEADER.replace(",", ";") + "e1;2024-02-02;;Erbil;1.5;2;;;;;;\n"),
        _write(tmp_path / "i.csv", HEADER + ROWS_B[0] + "\n", encoding="utf-16"),
    ]
    together_geocoder, alone_geocoder = FakeGeocoder(), FakeGeocoder()
    taken, frame, reports = read_many(paths, geocode=together_geocoder if geocoded else False,
                                      provenance=True)
    assert [paths[k].rsplit("/", 1)[1] for k in taken] == ["a.csv", "b.csv", "c.csv", "h.csv"]
    files = frame.pop(FILE_COLUMN).to_numpy()
    assert list(files) == sorted(files)
    for k, position in enumerate(taken):
        mine = frame.loc[files == k].reset_index(drop=True)
        own, report = _alone(paths[position], alone_geocoder if geocoded else False, True)
        pd.testing.assert_frame_equal(mine, own)
        assert reports[k].problems == report.problems
        assert (reports[k].rows_in, reports[k].rows_mapped) == (report.rows_in,
                                                                report.rows_mapped)
        assert reports[k].rejected_rows == report.rejected_rows
        assert reports[k].unresolved_rows == report.unresolved_rows
    assert set(together_geocoder.calls) == set(alone_geocoder.calls)
    messages = [p.message for r in reports for p in r.problems]
    assert any("a.csv, row 5" in m and "duplicate id 'e1' (first in row 2)" in m
               for m in messages)
    assert not any("b.csv" in m and "duplicate id 'e1'" in m for m in messages)
    if geocoded:  # each file's ranked names are asked with that file's own context
        contexts = {name: context for name, _, context in together_geocoder.calls}
        assert "Erbil" in contexts["Deir ez-Zor"] and "Erbil" not in contexts["Al-Qaim"]


def test_no_id_column_derives_ids_per_file(tmp_path):
    header = "date,target,target_lat,target_lon\n"
    paths = [_write(tmp_path / f"{name}.csv", header + "2024-02-02,A,1,2\n2024-02-03,B,3,4\n")
             for name in ("one", "two")]
    taken, frame, reports = read_many(paths, geocode=False)
    assert taken == [0, 1]
    assert frame["id"].tolist() == ["one-row2", "one-row3", "two-row2", "two-row3"]
    for path, report in zip(paths, reports, strict=True):
        assert report.problems == _alone(path, False, False)[1].problems
        assert [p.path for p in report.problems] == [path]


def test_nothing_plain_reads_nothing(tmp_path):
    path = _write(tmp_path / "x.json", "[]")
    assert read_many([path, str(tmp_path / "missing.csv")], geocode=False) == ([], None, [])


def test_a_name_with_coordinates_is_checked_once_for_every_file(tmp_path):
    rows = "e1,2024-02-02,,Erbil,36.19,44.01,,,,,,\ne2,2024-02-03,,Yemen,15.5,47.5,,,,,,\n"
    paths = [_write(tmp_path / f"f{k}.csv", HEADER + rows) for k in range(5)]
    geocoder = FakeGeocoder()
    taken, frame, _ = read_many(paths, geocode=geocoder)
    assert len(taken) == 5 and len(frame) == 10
    assert sorted(geocoder.calls) == [("Erbil", None, None), ("Yemen", None, None)]


def test_the_exact_lookup_is_asked_once_per_name_and_hint(monkeypatch):
    import geomap.geocoder.resolve
    from geomap.events.resolve import exact_lookup

    asked = []
    real = geomap.geocoder.resolve.resolve

    def counting(query, evidence, **kw):
        asked.append(query)
        return real(query, evidence, **kw)

    monkeypatch.setattr(geomap.geocoder.resolve, "resolve", counting)
    exact_lookup.cache_clear()
    first = exact_lookup("Erbil", "IQ")
    assert exact_lookup("Erbil", "IQ") is first
    exact_lookup("Erbil", None)
    assert len(asked) == 2
    # bounded: 100,000 distinct names (each asked once) do not all stay in memory
    assert exact_lookup.cache_info().maxsize <= 4_096
