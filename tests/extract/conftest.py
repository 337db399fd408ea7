"""Print the dev-set figures in pytest's terminal summary (even without ``-s``)."""

from __future__ import annotations

from typing import Any

#: filled by tests/extract/test_devset.py
DEVSET_FIGURES: dict[str, Any] = {}


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if DEVSET_FIGURES:
        f = DEVSET_FIGURES
        terminalreporter.write_sep("-", "geomap.extract dev set")
        terminalreporter.write_line(
            f"{f['dispatches']} dispatches, {f['expected']} expected places, {f['reported']} "
            f"reported: recall {f['recall']:.1%}, precision {f['precision']:.1%}"
        )
