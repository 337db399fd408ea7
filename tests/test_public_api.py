"""The public API: every name ``geomap/__init__.py`` promises exists, lazily."""

import importlib
import subprocess
import sys

import geomap


def test_every_exported_name_resolves():
    missing = [name for name in geomap.__all__ if not hasattr(geomap, name)]
    assert missing == []


def test_every_module_declares_all():
    for module_name in sorted(set(geomap._EXPORTS.values())):
        module = importlib.import_module(module_name)
        assert hasattr(module, "__all__"), module_name
        for name in module.__all__:
            assert hasattr(module, name), f"{module_name}.__all__ lists missing {name}"


def test_unknown_attribute_is_an_attribute_error():
    try:
        geomap.no_such_thing  # noqa: B018
    except AttributeError as err:
        assert "no_such_thing" in str(err)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")


def test_import_geomap_stays_light():
    heavy = "('geopandas', 'folium', 'pandas')"
    code = f"import sys, geomap; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
