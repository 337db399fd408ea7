"""Column parsers: casualties, coordinates, claims, sources, country hints."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geomap.events import fields


def _a(*values):
    return np.array(values, dtype=object)


def test_casualties_numbers_ranges_and_errors():
    low, high, findings = fields.parse_casualties(
        _a("4", "", "3-5", "3 – 5", "5.0", "-2", "several", "5-3", "2.5", "nan", "1e3"))
    assert list(pd.array(low, dtype="Int64").fillna(-1)) == [4, -1, 3, 3, 5] + [-1] * 6
    assert list(pd.array(high, dtype="Int64").fillna(-1)) == [4, -1, 5, 5, 5] + [-1] * 6
    assert findings == [
        (5, "error", "-2 is negative"),
        (6, "error", "'several' is not a number (expected a whole number, a range like 3-5, "
                     "or empty)"),
        (7, "error", "'5-3' is not a valid range: 5 is more than 3"),
        (8, "error", "2.5 is not a whole number"),
        (9, "error", "nan is not a finite number"),
        (10, "error", "1e3 is not a whole number as written (write 1000)"),
    ]


def test_coordinates_ranges_and_non_numbers():
    lat, findings = fields.parse_coordinate(_a("36.2", "", "-90", "90.0001", "x", "inf", "1,5"),
                                            90)
    assert np.isnan(lat[[1, 3, 4, 5, 6]]).all() and list(lat[[0, 2]]) == [36.2, -90.0]
    assert sorted(findings) == [
        (3, "error", "90.0001 is outside [-90, 90]"),
        (4, "error", "'x' is not a number (expected decimal degrees)"),
        (5, "error", "inf is not a finite number"),
        (6, "error", "'1,5' is not a number (use a decimal point: 1.5)"),
    ]
    lon, findings = fields.parse_coordinate(_a("-180", "180.5"), 180)
    assert findings == [(1, "error", "180.5 is outside [-180, 180]")]


def test_claims_are_case_insensitive_and_suggest_the_closest():
    out, findings = fields.parse_claims(_a("Denied", "", "UNCLAIMED", "atributed", "maybe"))
    assert list(out) == ["denied", "unknown", "unclaimed", None, None]
    assert findings[0][2].endswith("did you mean 'attributed'?")
    assert findings[1][2] == ("'maybe' is not one of claimed | attributed | denied | unclaimed | "
                              "disputed | unknown")


def test_sources_split_and_refuse_other_schemes():
    out, findings = fields.parse_sources(_a(
        "https://a.org/x?q=1", "http://a.org ; https://b.org|https://c.org", "",
        "javascript:alert(1)", "https://ok.org; data:text/html,x", "www.example.org",
        "https://", "ftp://files.org/a"))
    assert out[0] == ("https://a.org/x?q=1",)
    assert out[1] == ("http://a.org", "https://b.org", "https://c.org")
    assert out[2] == () and out[3] == () and out[4] == ()
    assert [f[0] for f in findings] == [3, 4, 5, 6, 7]
    assert findings[1][2] == "'data:text/html,x' is not an http(s) URL (data: links are refused)"
    assert findings[2][2] == "'www.example.org' is not an http(s) URL (add https:// in front)"
    assert findings[3][2] == "'https://' has no host"
    assert findings[4][2] == "'ftp://files.org/a' is not an http(s) URL (ftp: links are refused)"


def test_country_hints():
    out, findings = fields.parse_country_hints(_a("iq", "NA", "Iraq", ""))
    assert list(out) == ["IQ", "NA", None, None]
    assert findings == [(2, "warning", "'Iraq' is not an ISO 3166-1 alpha-2 code (e.g. IQ); "
                                       "the hint is ignored")]


def test_show_quotes_text_and_cuts_long_values():
    assert fields.show("12.5") == "12.5"
    assert fields.show("abc") == "'abc'"
    assert len(fields.show("x" * 500)) == 62 and fields.show("x" * 500).endswith("…'")


def test_a_url_with_white_space_inside_is_refused():
    out, findings = fields.parse_sources(_a("https://a.org/x y"))
    assert out[0] == () and findings == [
        (0, "error", "'https://a.org/x y' contains white space")]


def test_plain_decimals_are_read_by_arrow_as_pandas_reads_them(monkeypatch):
    rng = np.random.default_rng(5)
    random = [f"{v:.{d}f}" for v, d in zip(rng.uniform(-180, 180, 3000),
                                          rng.integers(1, 13, 3000), strict=True)]
    tricky = ["-0.0", "0.0", "179.999999999999", "-89.000000000001", "0.1", "0.3", "1.5",
              "45", "-0", "1e-05", ".5", "5.", "0.30000000000000004", "12.3456789012345",
              "+12.5", "inf", "nan", "1,5", "abc", "", "90.0000000000001"]
    asked = []
    real = pd.to_numeric
    monkeypatch.setattr(fields.pd, "to_numeric",
                        lambda s, **k: asked.append(len(s)) or real(s, **k))
    columns = (random + ["", "-0.0"], random + tricky, ["-0", "12.5"],
               ["12345678901234567890", "1.5"])
    for cells in columns:
        values = np.array(cells, dtype=object)
        asked.clear()
        numbers, findings = fields.parse_coordinate(values, 180)
        expected = real(pd.Series(values[values != ""]), errors="coerce").to_numpy(dtype=float)
        expected = np.where(np.abs(expected) <= 180, expected, np.nan)
        got = numbers[values != ""]
        assert np.array_equal(got, expected, equal_nan=True)
        assert np.array_equal(np.signbit(got), np.signbit(expected))  # -0.0 stays -0.0
        # a column of plain decimals is read without pandas; any other cell: all by pandas
        assert asked == ([] if cells is columns[0] else [len(got)])


def test_whole_numbers_are_read_by_arrow_as_pandas_reads_them(monkeypatch):
    asked = []
    real = pd.to_numeric
    monkeypatch.setattr(fields.pd, "to_numeric",
                        lambda s, **k: asked.append(len(s)) or real(s, **k))
    usual = [str(i * 37 % 1000) for i in range(500)] + ["", "007", "999999999999999"]
    for cells, by_pandas in ((usual, False), (usual + ["3.0"], True),
                             (usual + ["1234567890123456"], True), (usual + ["2-4"], False)):
        asked.clear()
        low, high, findings = fields.parse_casualties(np.array(cells, dtype=object))
        present = [c for c in cells if c and "-" not in c]
        expected = real(pd.Series(present).str.replace(r"\.0+$", "", regex=True)).to_numpy()
        got = np.asarray(low[[i for i, c in enumerate(cells) if c and "-" not in c]],
                         dtype=expected.dtype)
        assert np.array_equal(got, expected) and not findings
        assert low.dtype == "Int64" and pd.isna(low[500]) and low[501] == 7
        # plain short numbers are not parsed by pandas (a range's two parts still are)
        assert (max(asked, default=0) > 500) == by_pandas


def test_a_count_too_large_for_the_column_is_named_not_a_crash():
    big = "12345678901234567890"  # more than 2**63 - 1: the Int64 column raised TypeError
    cells = np.array(["4", big, f"3-{big}", "9" * 5000, "9223372036854775807",
                      "0000000000000000000000012", "1e99999999999999999999"], dtype=object)
    low, high, findings = fields.parse_casualties(cells)
    reasons = dict((i, r) for i, _, r in findings)
    assert sorted(reasons) == [1, 2, 3, 6]
    assert all("too large to be a count" in reasons[i] for i in (1, 2, 3))
    assert "not a finite number" in reasons[6]  # not a count: the message it had
    assert list(low[[0, 4, 5]]) == [4, 2**63 - 1, 12] and pd.isna(low[1])


def test_numbers_python_reads_but_pandas_does_not_get_a_reason():
    # '36_2' and non-ASCII digits pass float() but not pd.to_numeric: the row was rejected
    # with an empty reason ("coords.csv, row 15, field 'target_lat': ")
    cells = _a("36_2", "\u0661\u0662", "\uff13\uff16", "\u221236.2", "1_000.5")
    lat, findings = fields.parse_coordinate(cells, 90)
    assert np.isnan(lat).all()
    assert findings == [
        (0, "error", "'36_2' is not a number as written (write 362)"),
        (1, "error", "'\u0661\u0662' is not a number as written (write 12)"),
        (2, "error", "'\uff13\uff16' is not a number as written (write 36)"),
        (3, "error", "'\u221236.2' is not a number as written (write -36.2)"),
        (4, "error", "'1_000.5' is not a number as written (write 1000.5)"),
    ]
    low, _, counts = fields.parse_casualties(_a("1_000", "\u0665"))
    assert pd.isna(low).all()
    assert [r for _, _, r in counts] == ["'1_000' is not a number as written (write 1000)",
                                         "'\u0665' is not a number as written (write 5)"]


def test_a_count_in_exponent_form_beyond_the_column_is_too_large_not_rewritten():
    # '1e30' was told to be written 1000000000000000019884624838656 (float noise, and still
    # more than a count column holds)
    _, _, findings = fields.parse_casualties(_a("1e30", "1e18"))
    assert findings == [(0, "error", "1e30 is too large to be a count"),
                        (1, "error", "1e18 is not a whole number as written "
                                     "(write 1000000000000000000)")]
