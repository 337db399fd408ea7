"""Attribute selection and display values for popups and the table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geomap.render.popups import (
    attribute_columns,
    column_label,
    display_value,
    event_table,
    split_sources,
)


def test_attribute_columns_order_and_skips() -> None:
    frame = pd.DataFrame({
        "id": ["x"], "event_id": ["e"], "role": ["target"], "name": ["n"], "zeta": ["z"],
        "notes": ["n"], "date": ["2024-01-01"], "empty": [None], "geometry": [None],
    })
    assert attribute_columns(frame) == ["date", "notes", "zeta"]


def test_display_values() -> None:
    assert display_value(None) is None
    assert display_value(float("nan")) is None
    assert display_value(pd.NA) is None
    assert display_value("  ") is None
    assert display_value(3.0) == "3"
    assert display_value(np.int64(4)) == "4"
    assert display_value(2.5) == "2.5"
    assert display_value(("a", None, "b")) == "a; b"
    assert display_value("<b>") == "<b>"  # text stays text; the page escapes


def test_split_sources() -> None:
    assert split_sources(("https://a.example/", "https://b.example/")) == [
        "https://a.example/", "https://b.example/"]
    assert split_sources("https://a.example/; https://b.example/") == [
        "https://a.example/", "https://b.example/"]
    assert split_sources(None) == []


def test_event_table_cells() -> None:
    frame = pd.DataFrame({"sources": [("https://a.example/", "javascript:x")],
                          "killed": pd.array([3], dtype="Int64")})
    rows = event_table(frame, ["killed", "sources"])
    assert rows == [["3", ["https://a.example/", "javascript:x"]]]


def test_column_label() -> None:
    assert column_label("target_party") == "Target party"
    assert column_label("my_extra_col") == "My extra col"
