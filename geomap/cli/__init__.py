"""The ``geomap`` command line: a thin layer that parses options and calls the public API."""
