"""Score the draft events (``geomap.extract.draft``) against hand-made expected events.

Sets: ``tests/data/dispatches/dev`` (tuned on), ``tests/data/dispatches/heldout`` (scored once in
issue 12's first session, never tuned on) and ``tests/data/dispatches/heldout2`` (written in the
second session before any rule change of that session; run it once, with ``--set heldout2``) and
``tests/data/dispatches/heldout3`` (written and committed in the third session before geomap ran on
it; scored once at the end, ``--set heldout3``) and ``tests/data/dispatches/heldout4`` (written in
the fourth session by another helper than the drafter's; scored by the lead at the end). Each
``NAME.txt`` has ``NAME.events.json``, written by hand before geomap was run on the text: for every
event the text reports, the acceptable values of ``date, target, attacker, claim, origin, weapon,
killed, injured``. A field that is ``null`` is one the text does not support: drafting anything
there is an *invented* field. Inside a list, ``null`` means "empty is also right".
``killed``/``injured`` are ``[low, high]`` pairs; ``high`` null means "at least low" (only the low
bound is checked). Events marked ``optional`` count neither as found nor as missed, but their
fields are scored when a draft matches them.

Matching: a draft matches an expected event when its target is one of the expected targets
(case-insensitive; one written inside the other counts), one to one, a draft with a right
date first. Figures: events found (recall over the required events), drafts that match no
expected event (spurious), per-field accuracy over the matched events for date, weapon,
casualties (killed and injured both right), attacker (and claim) and origin, and the count of
invented fields (a value where the text supports none, in matched drafts).

Prints a report, then one JSON line (the runner collects it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "tests" / "data" / "dispatches"
FIELDS = ("date", "weapon", "casualties", "attacker", "claim", "origin")
SET_NAMES = ("dev", "heldout", "heldout2", "heldout3", "heldout4")


def _norm(value: Any) -> str:
    text = " ".join(str(value or "").replace("’", "'").split()).lower()
    for article in ("the ", "a ", "an "):
        if text.startswith(article):
            text = text[len(article):]
    return text


def _same_place(drafted: str, expected: str) -> bool:
    d, e = _norm(drafted), _norm(expected)
    return bool(d) and (d == e or (len(e) >= 4 and e in d) or (len(d) >= 4 and d in e))


def _number(cell: str) -> tuple[int | None, int | None]:
    cell = (cell or "").strip()
    if not cell:
        return None, None
    low, _, high = cell.partition("-")
    return int(low), int(high or low)


def _text_ok(drafted: str, accepted: list[Any] | None) -> bool | None:
    """True/False; None when the field is not scored (nothing expected, nothing drafted)."""
    if accepted is None:
        return None if not drafted else False
    if not drafted:
        return None in accepted
    return any(a is not None and _norm(a) == _norm(drafted) for a in accepted)


def _count_ok(cell: str, accepted: list[Any] | None) -> bool | None:
    low, high = _number(cell)
    if accepted is None:
        return None if low is None else False
    if low is None:
        return None in accepted
    for pair in accepted:
        if pair is None:
            continue
        e_low, e_high = pair
        if low == e_low and (e_high is None or high == e_high):
            return True
    return False


def _invented(row: dict[str, str], exp: dict[str, Any]) -> list[str]:
    out = []
    for field, column in (("attacker", "attacker"), ("origin", "origin"), ("weapon", "weapon"),
                          ("killed", "killed"), ("injured", "injured"), ("claim", "claim")):
        if exp.get(field) is None and row.get(column):
            out.append(field)
    return out


def score_case(rows: list[dict[str, str]], expected: list[dict[str, Any]]) -> dict[str, Any]:
    """Match drafts to expected events and score them; see the module docstring."""
    pairs: list[tuple[dict[str, str], dict[str, Any]]] = []
    free = list(rows)
    for exp in sorted(expected, key=lambda e: bool(e.get("optional"))):
        cands = [r for r in free if any(_same_place(r["target"], t) for t in exp["target"])]
        if not cands:
            continue
        best = next((r for r in cands if r["date"] in exp["date"]), cands[0])
        free.remove(best)
        pairs.append((best, exp))
    fields: dict[str, list[bool]] = {f: [] for f in FIELDS}
    invented: list[str] = []
    for row, exp in pairs:
        fields["date"].append(row["date"] in exp["date"])
        checks = {
            "weapon": _text_ok(row["weapon"], exp["weapon"]),
            "attacker": _text_ok(row["attacker"], exp["attacker"]),
            "claim": _text_ok(row["claim"], exp["claim"]),
            "origin": _origin_ok(row["origin"], exp["origin"]),
        }
        k, i = _count_ok(row["killed"], exp["killed"]), _count_ok(row["injured"], exp["injured"])
        checks["casualties"] = None if k is None and i is None else (k is not False
                                                                      and i is not False)
        for field, ok in checks.items():
            if ok is not None:
                fields[field].append(ok)
        invented += [f"{exp['target'][0]}:{f}" for f in _invented(row, exp)]
    required = [e for e in expected if not e.get("optional")]
    found = sum(1 for _r, e in pairs if not e.get("optional"))
    return {"required": len(required), "found": found, "spurious": len(free),
            "fields": fields, "invented": invented, "pairs": pairs, "unmatched": free}


def _origin_ok(drafted: str, accepted: list[Any] | None) -> bool | None:
    if accepted is None:
        return None if not drafted else False
    if not drafted:
        return None in accepted
    return any(a is not None and _same_place(drafted, a) for a in accepted)


def draft_rows(text: str) -> list[dict[str, str]]:
    """The drafter's rows for one dispatch (through the API every version has)."""
    from geomap.extract import extract_places
    from geomap.extract.draft import draft_events

    return draft_events(extract_places(text), text)


def run(name: str, verbose: bool = False) -> dict[str, Any]:
    """Score every dispatch of one set; return the totals."""
    totals: dict[str, Any] = {"required": 0, "found": 0, "spurious": 0, "invented": []}
    fields: dict[str, list[bool]] = {f: [] for f in FIELDS}
    for path in sorted((SETS / name).glob("*.events.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / spec["dispatch"]).read_text(encoding="utf-8")
        result = score_case(draft_rows(text), spec["events"])
        for key in ("required", "found", "spurious"):
            totals[key] += result[key]
        totals["invented"] += [f"{path.stem}:{i}" for i in result["invented"]]
        for f in FIELDS:
            fields[f] += result["fields"][f]
        if verbose:
            _show(path.stem, result)
    figures = {
        "set": name, "events_required": totals["required"], "events_found": totals["found"],
        "recall": round(totals["found"] / max(totals["required"], 1), 3),
        "spurious_drafts": totals["spurious"], "invented_fields": len(totals["invented"]),
        "invented": totals["invented"],
    }
    for f in FIELDS:
        figures[f"{f}_right"] = f"{sum(fields[f])}/{len(fields[f])}"
        figures[f"{f}_accuracy"] = round(sum(fields[f]) / len(fields[f]), 3) if fields[f] else None
    return figures


def _show(stem: str, result: dict[str, Any]) -> None:
    print(f"-- {stem}: found {result['found']}/{result['required']}, "
          f"spurious {result['spurious']}")
    cols = ("date", "target", "attacker", "claim", "origin", "weapon", "killed", "injured")
    for row, exp in result["pairs"]:
        print("   ok  " + " | ".join(row[c] for c in cols) + f"   <- {exp['target'][0]}")
    for row in result["unmatched"]:
        print("   ??  " + " | ".join(row[c] for c in cols))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="dev", choices=SET_NAMES)
    parser.add_argument("--quick", action="store_true", help="accepted for the runner")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    figures = run(args.set, verbose=args.verbose)
    print(f"draft events on the {args.set} set: found {figures['events_found']} of "
          f"{figures['events_required']} ({figures['recall']:.0%}), "
          f"{figures['spurious_drafts']} spurious drafts, "
          f"{figures['invented_fields']} invented fields")
    for f in FIELDS:
        print(f"  {f:<10} {figures[f + '_right']}")
    for item in figures["invented"]:
        print(f"  invented: {item}")
    print(json.dumps({"benchmark": "drafts", **figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
