"""Places in world-news dispatches nobody tuned on: ``tests/data/world_heldout`` (held out).

Twelve dispatches of 2023-2025 attacks outside the Middle-East dev set (Ukraine, Sudan, Niger,
Myanmar, Gaza, Maine, Germany, Pakistan, DR Congo, Mexico, Somalia, Kashmir), written and
committed before geomap ran on them (see the folder's README: the lead who writes the rules
wrote them, so they are held out, not independent). Two figures:

* recognition and placing, as the dev set is scored (``tests/extract/devset.py``): recall and
  precision of the places ``extract_places`` reports, a place counting when its precision and
  point (or country) agree with the expected one;
* the geocoder alone, given each expected place's name with the dispatch's other expected
  names as ``context`` (as ``bench_worldnews.py`` does on LGL): answered within tolerance,
  unresolved, or answered wrong.

``--set world_heldout2`` scores the second held-out set (``tests/data/world_heldout2``, fourteen
dispatches written in session 4, committed before geomap ran on them; scored once, at the end of
that session). ``--set dispatches`` scores the Middle-East dev set instead (tuned on: training
figures).
Prints a report, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.extract.devset import Score, distance, load_cases, score  # noqa: E402


def geocoder_alone(cases: list[tuple[str, str, dict[str, Any]]]) -> dict[str, Any]:
    """Each expected name geocoded with the dispatch's other expected names as context."""
    from geomap import geocode

    right = unresolved = 0
    wrong: list[str] = []
    missing: list[str] = []
    for slug, _text, expected in cases:
        names = [p["name"] for p in expected["places"]]
        for item in expected["places"]:
            place = geocode(item["name"], context=[n for n in names if n != item["name"]])
            if not place.resolved:
                unresolved += 1
                missing.append(f"{slug}: {item['name']}")
            elif distance(item, place) is not None:
                right += 1
            else:
                wrong.append(f"{slug}: {item['name']} -> {place.name} ({place.precision}, "
                             f"{place.country_code})")
    n = right + unresolved + len(wrong)
    return {"names": n, "right": right, "unresolved": unresolved, "wrong": len(wrong),
            "wrong_list": wrong, "unresolved_list": missing}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="world_heldout",
                        choices=["world_heldout", "world_heldout2", "dispatches"])
    parser.add_argument("--quick", action="store_true", help="accepted for make bench; no-op")
    args = parser.parse_args(argv)
    from geomap.extract import extract_places

    cases = load_cases(ROOT / "tests" / "data" / args.set)
    total = Score()
    started = time.perf_counter()
    for slug, text, expected in cases:
        total.add(score(slug, text, expected, extract_places(text, date=expected["date"])))
    seconds = time.perf_counter() - started
    alone = geocoder_alone(cases)
    kind = "held out" if args.set.startswith("world_heldout") else "dev set, tuned on"
    print(f"{args.set} ({kind}): {len(cases)} dispatches, {total.expected} expected places, "
          f"{total.predicted} reported")
    print(f"extract_places: recall {total.recall:.1%}, precision {total.precision:.1%} "
          f"({seconds:.2f} s)")
    for line in total.missed:
        print("  missed:", line)
    for line in total.extra:
        print("  extra: ", line)
    for line in total.not_place_hits:
        print("  not a place:", line)
    n = alone["names"]
    print(f"geocode with context: {alone['right'] / n:.1%} right, "
          f"{alone['unresolved'] / n:.1%} unresolved, {alone['wrong'] / n:.1%} answered wrong "
          f"({n} names)")
    for line in alone["wrong_list"]:
        print("  wrong:", line)
    for line in alone["unresolved_list"]:
        print("  unresolved:", line)
    print(json.dumps({
        "set": args.set, "dispatches": len(cases), "expected": total.expected,
        "reported": total.predicted, "recall": round(total.recall, 4),
        "precision": round(total.precision, 4), "not_place_hits": len(total.not_place_hits),
        "geocode_right": round(alone["right"] / n, 4),
        "geocode_unresolved": round(alone["unresolved"] / n, 4),
        "geocode_wrong": round(alone["wrong"] / n, 4),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
