"""Tests for geomap.events.csvframes: pyarrow's reader gives the cells pandas' parser gives."""

from __future__ import annotations

import pandas as pd
import pytest

import geomap.events.csvframes as csvframes
from geomap.errors import GeomapDataError
from geomap.events import read_events
from geomap.events.csvfile import read_header
from geomap.events.csvframes import CellCountError, csv_frames

PLAIN = [
    b"id,date,target\n1,2024-02-02,Aden\n2,2024-02-03,Erbil\n",
    b"\xef\xbb\xbfid,date,target\r\n1,2024-02-02,Aden\r\n",  # BOM, CRLF
    b"id,date,target\n\n1,2024,A\n\n\n2,2024,B",  # blank lines, no final newline
    b"id,date,target\nNA,null,None\n , ,\t\n",  # text that looks missing stays text
    "id;date;target\n\u0623\u0631\u0628\u064a\u0644;2024;\u00c9vry\n".encode(),  # ; and UTF-8
    b"id\ttarget\tdate\n1\tA\t2024\n",  # tab
    b"id,date,target\n",  # a header only
]


def _frames(path, chunksize, arrow=True):
    encoding, delimiter, header = read_header(path)
    if not arrow:
        return list(csvframes._pandas_frames(str(path), delimiter, encoding, chunksize))
    return list(csv_frames(str(path), delimiter, encoding, header, chunksize, True))


@pytest.mark.parametrize("data", PLAIN)
def test_plain_files_read_by_pyarrow_give_the_cells_of_pandas(tmp_path, monkeypatch, data):
    path = tmp_path / "e.csv"
    path.write_bytes(data)
    expected = _frames(path, 2, arrow=False)

    def refused(*args):
        raise AssertionError("pandas' parser was used for a plain file")

    monkeypatch.setattr(csvframes, "_pandas_frames", refused)
    got = _frames(path, 2)
    assert [len(f) for f in got] == [len(f) for f in expected]
    for mine, theirs in zip(got, expected, strict=True):
        pd.testing.assert_frame_equal(mine, theirs.reset_index(drop=True))


def test_a_quote_that_never_closes_is_refused_not_read_to_the_end(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("id,date,target,target_lat,target_lon\ne1,2024,\"A,1,2\n"
                    "e2,2024,B,3,4\ne3,2024,C,5,6\n", encoding="utf-8")
    with pytest.raises(GeomapDataError, match="row 2: a quoted value opens in this row"):
        read_events(str(path), geocode=False)


def test_a_short_row_in_the_first_block_reads_the_file_with_pandas(tmp_path):
    path = tmp_path / "e.csv"
    path.write_bytes(b"id,date,target\n1,2024,A\n2,2024\n")
    [frame] = _frames(path, 10)
    assert frame.to_dict("list") == {"id": ["1", "2"], "date": ["2024", "2024"],
                                     "target": ["A", ""]}


def test_a_bad_row_after_the_first_chunk_hands_over_to_the_careful_reader(tmp_path,
                                                                           monkeypatch):
    monkeypatch.setattr(csvframes, "BLOCK_BYTES", 64)
    path = tmp_path / "e.csv"
    rows = [f"e{i},2024-02-02,Aden,12.8,45.0" for i in range(40)]
    rows[30] += ",one too many"
    rows[35] = "e35,2024-02-02,Aden"  # short: padded
    path.write_text("id,date,target,target_lat,target_lon\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    with pytest.raises(CellCountError):
        _frames(path, 5)
    events = read_events(str(path), geocode=False, chunksize=5)
    extra, short = events.report.problems
    assert (extra.row, extra.reason) == (
        32, "has 6 cells but the header has 5 (an unquoted ',' inside a value?)")
    assert (short.row, short.severity) == (37, "unresolved")  # padded: no coordinates
    assert events.report.rows_in == 40 and len(events.frame) == 39
    assert events.frame.loc[events.frame["id"] == "e35", "target_lat"].isna().all()
