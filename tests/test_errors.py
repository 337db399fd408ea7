import pytest

from geomap.errors import (
    ExportError,
    GazetteerError,
    GeomapDataError,
    GeomapError,
    GeomapFileError,
    GeomapInputError,
    format_location,
)


def test_data_error_names_file_row_field_and_keeps_attributes():
    err = GeomapDataError(
        "123.4 is outside [-90, 90]", path="cities.csv", row=12, field="lat", value=123.4
    )
    assert str(err) == "cities.csv, row 12, field 'lat': 123.4 is outside [-90, 90]"
    assert (err.path, err.row, err.field, err.value) == ("cities.csv", 12, "lat", 123.4)
    assert err.reason == "123.4 is outside [-90, 90]"


def test_data_error_without_location_is_just_the_reason():
    assert str(GeomapDataError("bad")) == "bad"


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (GeomapDataError, ValueError),
        (GeomapInputError, ValueError),
        (GeomapFileError, OSError),
        (GazetteerError, RuntimeError),
        (ExportError, RuntimeError),
    ],
)
def test_every_error_is_a_geomap_error_and_a_builtin(cls, builtin):
    assert issubclass(cls, GeomapError)
    assert issubclass(cls, builtin)


def test_file_error_names_the_path():
    err = GeomapFileError("no such file", path="missing.csv")
    assert str(err) == "missing.csv: no such file"
    assert err.path == "missing.csv"


def test_format_location_skips_unknown_parts():
    assert format_location("a.csv", None, "date") == "a.csv, field 'date'"
    assert format_location(None, 3, None) == "row 3"


def test_errors_module_does_not_import_click():
    import sys

    import geomap.errors  # noqa: F401

    source = open(geomap.errors.__file__, encoding="utf-8").read()
    assert "import click" not in source
    assert "geomap.errors" in sys.modules
