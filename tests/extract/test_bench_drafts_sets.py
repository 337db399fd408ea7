"""Every set of dispatches with hand-made expected events can be scored by bench_drafts.

(Only the names are checked here: a held-out set is scored once, by hand, never by a test.)
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_drafts",
                                                  ROOT / "benchmarks" / "bench_drafts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_set_of_expected_events_is_a_choice():
    sets = {p.parent.name for p in (ROOT / "tests" / "data" / "dispatches").glob("*/*.events.json")}
    assert sets == set(_bench().SET_NAMES)


def test_every_expected_event_file_names_its_dispatch():
    for path in (ROOT / "tests" / "data" / "dispatches").glob("*/*.events.json"):
        spec = json.loads(path.read_text(encoding="utf-8"))
        assert (path.parent / spec["dispatch"]).is_file(), path
        for event in spec["events"]:
            assert event["target"] and event["date"], path
