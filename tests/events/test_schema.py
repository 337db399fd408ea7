"""The schema: columns, claim values, and the documented text."""

from __future__ import annotations

from geomap.events import schema


def test_frame_columns_follow_contract_2():
    assert schema.FRAME_COLUMNS[:3] == ("id", "row", "source_file")
    for role in schema.ROLES:
        for column in schema.role_columns(role):
            assert column in schema.FRAME_COLUMNS
    for column in schema.EVENT_COLUMNS:
        assert column in schema.FRAME_COLUMNS
    assert len(set(schema.FRAME_COLUMNS)) == len(schema.FRAME_COLUMNS)


def test_derived_columns_are_not_input_columns():
    assert not schema.DERIVED_COLUMNS & set(schema.EVENT_COLUMNS)
    assert {"row", "date_start", "killed_high", "target_precision", "geometry"} <= (
        schema.DERIVED_COLUMNS)


def test_schema_text_documents_every_column_and_claim_value():
    for column in schema.EVENT_COLUMNS:
        assert column in schema.SCHEMA_TEXT, column
    for value in schema.CLAIM_VALUES:
        assert value in schema.SCHEMA_TEXT, value


def test_docs_match_the_schema():
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[2] / "docs" / "events.md").read_text("utf-8")
    for column in schema.EVENT_COLUMNS:
        assert f"`{column}`" in docs, column
    for value in schema.CLAIM_VALUES:
        assert value in docs, value
