"""Issue 13, item 10: exporting several Events builds a fresh merged report; the callers'
reports are never changed."""

from __future__ import annotations

import copy

from geomap.events import read_events
from geomap.export import export_events

A = "id,date,target,target_lat,target_lon\na1,2024-02-02,Erbil,36.19,44.01\na2,2024-02-30,X,1,1\n"
B = "id,date,target,target_lat,target_lon\nb1,2024-02-02,Erbil,36.19,44.01\n"


def test_export_of_several_events_leaves_each_report_alone(tmp_path):
    (tmp_path / "a.csv").write_text(A, encoding="utf-8")
    (tmp_path / "b.csv").write_text(B, encoding="utf-8")
    a = read_events(tmp_path / "a.csv", geocode=False)
    b = read_events(tmp_path / "b.csv", geocode=False)
    before_a, before_b = copy.deepcopy(a.report), copy.deepcopy(b.report)
    for _ in range(2):
        summary = export_events([a, b], output=tmp_path / "out.geojson", overwrite=True)
        assert (summary.rows_in, summary.rows_mapped, summary.rows_rejected) == (3, 2, 1)
        assert summary.report is not a.report and summary.report is not b.report
    for report, before in ((a.report, before_a), (b.report, before_b)):
        assert report.rows_in == before.rows_in and report.rows_mapped == before.rows_mapped
        assert report.problems == before.problems
        assert report.rejected_rows == before.rejected_rows
