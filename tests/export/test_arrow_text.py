"""Arrow's column texts are the owner's (encode_column) for every value, and blocks join."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from geomap.export import arrow_text
from geomap.export.arrow_text import column_texts, float_texts, join_rows, string_texts
from geomap.export.encode import encode_column


def _rows(texts: arrow_text.Texts, n: int) -> list[str]:
    if isinstance(texts, str):
        return [texts] * n
    values, prefix, suffix = texts
    return [prefix + v + suffix for v in values.to_pylist()]


def _floats() -> np.ndarray:
    rng = np.random.default_rng(11)
    parts = [np.round(rng.uniform(-180, 180, 20_000), 6),
             np.round(rng.uniform(-1e-3, 1e-3, 5_000), 7),
             rng.uniform(-1, 1, 5_000) * 10.0 ** rng.integers(-30, 30, 5_000),
             np.round(rng.uniform(-1e6, 1e6, 2_000)),
             rng.standard_normal(5_000) * 1e15, rng.standard_normal(5_000) * 1e16,
             np.array([0.0, -0.0, 1.0, -1.0, 45.0, 1e-4, 9.99999e-5, 0.0001, 1e-5, 1e15,
                       1e16, 9999999999999998.0, 123456789012345.6, 1.5e16, 5e-324,
                       1.7976931348623157e308, np.nan, np.inf, -np.inf, 0.1, 2.5])]
    return np.concatenate(parts)


def test_float_texts_are_the_owners():
    values = _floats()
    texts = float_texts(values)
    assert not isinstance(texts, str)  # the fast path ran
    assert _rows(texts, len(values)) == encode_column(pd.Series(values))


@pytest.mark.parametrize("values, expected", [
    (np.array([2.0] * 5), "2.0"), (np.array([np.nan, np.inf]), "null"),
    (np.array([-0.0, 0.0]), "0.0")])
def test_float_columns_alike_are_one_text(values, expected):
    assert float_texts(values) == expected
    assert set(encode_column(pd.Series(values))) == {expected}


@pytest.mark.parametrize("values", [
    ["a", None, "b"], ["Aden", "Sanaa"], ['say "no"', "back\\slash", "tab\there", "\x00",
                                          "\x1f", "\x7f", "ع", "ok", None, "line\nfeed"],
    ["\u2028", "é", "😀"], [None, None], [float("nan"), "x"], [pd.NA, "y"]])
def test_string_texts_are_the_owners(values):
    series = pd.Series(values, dtype=object)
    assert _rows(column_texts(series), len(values)) == encode_column(series)


def test_a_string_utf_8_cannot_hold_fails_as_the_owners_text_does():
    assert string_texts(np.array(["a", "\ud800"], dtype=object)) is None
    series = pd.Series(["a", "\ud800"], dtype=object)
    with pytest.raises(UnicodeEncodeError):
        "".join(encode_column(series)).encode("utf-8")
    with pytest.raises(UnicodeEncodeError):
        column_texts(series)
    with pytest.raises(UnicodeEncodeError):
        column_texts(pd.Series([("a",), ("\ud800",)], dtype=object))


@pytest.mark.parametrize("series", [
    pd.Series([1, None, -7, 2**62], dtype="Int64"), pd.Series([1, 2, 3]),
    pd.Series([None, None], dtype="Int64"), pd.Series([True, False]),
    pd.Series([("a",), ("b", 'c"')], dtype=object), pd.Series(["a", b"x", 3], dtype=object),
    pd.Series([("a",), ('b"\\',), ("ع",)], dtype=object), pd.Series([("a",), ()], dtype=object),
    pd.Series([("a",), (None,)], dtype=object), pd.Series([("a",), "b"], dtype=object),

    pd.Series(pd.to_datetime(["2024-01-02", None])), pd.Series([1.5, None], dtype="Float64"),
    pd.Series(["a", None], dtype="string"), pd.Series([True, None], dtype="boolean")])
def test_other_columns_are_the_owners(series):
    assert _rows(column_texts(series), len(series)) == encode_column(series)


def test_one_source_each_is_written_from_arrow():
    series = pd.Series([("https://e.org/1",), ('q"',), ("é",)], dtype=object)
    texts = column_texts(series)
    assert not isinstance(texts, str) and texts[1] == "["
    assert _rows(texts, 3) == encode_column(series)


@pytest.mark.parametrize("limit", [2**31 - 1, 10])  # 10: joined with 64-bit offsets
def test_rows_join_across_slices(monkeypatch, limit):
    monkeypatch.setattr(arrow_text, "_SLICE_ROWS", 3)
    monkeypatch.setattr(arrow_text, "_LIMIT", limit)
    names = pa.array([f"n{i}" for i in range(8)])
    block = join_rows(["{", "", names, '"', "}"], between=",\n")
    assert block.to_pybytes() == ",\n".join(f'{{n{i}"}}' for i in range(8)).encode()
    assert join_rows(["<", names.slice(0, 0), ">"]).to_pybytes() == b""


def test_a_column_of_one_string_is_one_text():
    assert column_texts(pd.Series(['cl"aimed'] * 4, dtype=object)) == '"cl\\"aimed"'
    for values in (["a", "a", None, "a"], ["a", "b", "a", "a"], ["a", "a", "a", "b"]):
        series = pd.Series(values, dtype=object)
        texts = column_texts(series)
        assert not isinstance(texts, str) and _rows(texts, 4) == encode_column(series)
